// One alert: the message (where, what, how much, the suspected source, the details), who has acknowledged and when,
// escalations, the thread's updates and cancellation, the linked cases, and my province's action — acknowledge, or
// for the sender, cancel. Live: every change to the thread (alertActivity for this thread) re-reads it.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useAuth, useSignedInUser } from '../../auth/auth.context.tsx';
import { GatewayProblemView, LoadingState } from '../../components/status.views.tsx';
import {
  CancelPollutionAlertDocument,
  PollutionAlertActivityDocument,
  PollutionAlertDetailDocument,
  OpenPollutionCaseFromAlertDocument,
  PollutionAlertLinkedCasesDocument,
  type PollutionAlertDetailQuery,
  type PollutionAlertMessageFragment,
} from '../../generated/gql/graphql.ts';
import { describeGatewayError } from '../../graphql/graphql.client.ts';
import { RecordNotFoundPage } from '../../screens/not-found.page.tsx';
import { provinceName } from '../../reference/provinces.ts';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { ExerciseTag, SeverityBadge } from '../shared/pollution.badges.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import { problemText } from '../shared/problem-text.ts';
import { useCodeLabel } from '../shared/use-code-label.ts';
import { AcknowledgeAction } from './acknowledge-action.tsx';
import { AlertCountdown } from './alert-countdown.tsx';
import { ALERT_TYPENAMES } from './alerts.context.ts';
import './alerts.css';

type DetailAlert = NonNullable<PollutionAlertDetailQuery['pollutionAlert']>;

/** What the issue form passes along after a successful issue. */
export interface AlertDetailLocationState {
  issued?: boolean;
  updated?: boolean;
}

/** The alert detail page. */
export default function AlertDetailPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const { alertId = '' } = useParams();
  const location = useLocation();
  const arrival = location.state as AlertDetailLocationState | null;
  const [result, reexecute] = useQuery({ query: PollutionAlertDetailDocument, variables: { id: alertId }, requestPolicy: 'cache-and-network', context: ALERT_TYPENAMES });
  const alert = result.data?.pollutionAlert ?? null;
  const notFound =
    (!result.fetching && result.data && !alert) ||
    (result.error && !result.data && result.error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND'));
  usePageTitle(alert ? alert.headline : notFound ? t('recordNotFound.title') : t('alerts.title'));

  let body;
  if (alert) body = <AlertDetail alert={alert} stale={result.stale} refetch={() => reexecute({ requestPolicy: 'network-only' })} />;
  // The app's one answer for a record that is missing, of another province or below another role's section: the
  // address reveals nothing either way.
  else if (notFound) body = <RecordNotFoundPage />;
  else if (result.error)
    body = (
      <>
        <h1>{t('alerts.title')}</h1>
        <GatewayProblemView problem={describeGatewayError(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} onSignIn={() => signIn(i18n.language)} />
      </>
    );
  else
    body = (
      <>
        <h1>{t('alerts.title')}</h1>
        <LoadingState />
      </>
    );
  return (
    <>
      <p className="back-link">
        <Link to="/pollution/alerts">← {t('alerts.detail.back')}</Link>
      </p>
      {(arrival?.issued || arrival?.updated) && alert ? (
        <p className="notice notice-success" role="status">
          {arrival.updated ? t('alerts.form.updated') : t('alerts.form.issued')}
        </p>
      ) : null}
      {body}
    </>
  );
}

function AlertDetail({ alert, stale, refetch }: { alert: DetailAlert; stale: boolean; refetch: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const [announcement, setAnnouncement] = useState('');
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scheduleRefetch = useCallback(() => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(refetch, 200);
  }, [refetch]);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  const { stream, reconnect } = useLiveSubscription(
    PollutionAlertActivityDocument,
    { mode: alert.status, threadId: alert.threadId },
    {
      eventIdOf: (data) => data.alertActivity.eventId,
      onEvent: (data) => {
        const event = data.alertActivity;
        const province = provinceName(event.change === 'ISSUED' ? event.senderProvince : (event.province ?? event.senderProvince), i18n.language);
        const message = t(`alerts.live.${event.change}`, { province, severity: t(`pollution.severityShort.${event.severity}`), headline: event.headline });
        setAnnouncement(t('alerts.live.at', { time: formatDateTime(event.occurredAt, i18n.language), message }));
        scheduleRefetch();
      },
      onResumed: scheduleRefetch,
    },
  );

  const codeLabel = useCodeLabel();
  const current = alert.thread.current;
  const cancelled = alert.thread.cancelled;
  const awaitingMine = alert.awaitingMyAcknowledgement && alert.isCurrent && !cancelled;
  const canCancel = user.roles.includes('environment') && alert.senderProvince === user.province && alert.isCurrent && !cancelled;
  const separator = t('pollution.province.and');

  return (
    <article aria-labelledby="alert-headline" aria-busy={stale}>
      <div className="detail-header">
        <SeverityBadge severity={alert.severity} long />
        <ExerciseTag mode={alert.status} />
        <span className="tag">{t(`pollution.category.${alert.category}`)}</span>
        {alert.msgType !== 'ALERT' ? <span className="tag">{t(`pollution.msgType.${alert.msgType}`)}</span> : null}
      </div>
      <h1 id="alert-headline">{alert.headline}</h1>
      <div className="toolbar">
        <LiveStatus stream={stream} onReconnect={reconnect} testId="alert-live-status" />
      </div>
      <p className="live-announcement" role="status" aria-live="polite" data-testid="alert-announcement">
        {announcement}
      </p>
      {alert.status === 'EXERCISE' ? <p className="notice exercise-banner">{t('pollution.exerciseBanner')}</p> : null}
      {cancelled ? <p className="notice notice-warning">{t('alerts.detail.cancelledNotice')}</p> : null}
      {!alert.isCurrent && current && current.id !== alert.id ? (
        <p className="notice notice-warning">
          {t('alerts.detail.notCurrent')} <Link to={`/pollution/alerts/${encodeURIComponent(current.id)}`}>{t('alerts.detail.viewCurrent')}</Link>
        </p>
      ) : null}

      {awaitingMine ? (
        <section className="panel action-panel" aria-labelledby="your-action">
          <h2 id="your-action">{t('alerts.detail.yourAction')}</h2>
          <p>{t('alerts.detail.yourActionBody')}</p>
          {alert.acknowledgeBy ? (
            <p>
              <AlertCountdown deadline={alert.acknowledgeBy} overdue={alert.acknowledgementOverdue} />
            </p>
          ) : null}
          <AcknowledgeAction alertId={alert.id} headline={alert.headline} withNote />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="alert-content">
        <h2 id="alert-content">{t('alerts.detail.content')}</h2>
        {alert.view === 'SUMMARY' ? <p className="muted">{t('alerts.detail.summaryOnly')}</p> : null}
        <dl className="facts">
          <div>
            <dt>{t('pollution.sectionLabel')}</dt>
            <dd>{sectionName(alert.section, i18n.language, t)}</dd>
          </div>
          <div>
            <dt>{t('alerts.detail.severity')}</dt>
            <dd>{t(`pollution.severity.${alert.severity}`)}</dd>
          </div>
          <div>
            <dt>{t('alerts.detail.category')}</dt>
            <dd>{t(`pollution.category.${alert.category}`)}</dd>
          </div>
          <div>
            <dt>{t('alerts.detail.sender')}</dt>
            <dd>
              {alert.sender
                ? t('alerts.detail.senderPerson', { province: provinceName(alert.senderProvince, i18n.language), username: alert.sender.username })
                : provinceName(alert.senderProvince, i18n.language)}
            </dd>
          </div>
          <div>
            <dt>{t('alerts.detail.sentAt')}</dt>
            <dd>
              <time dateTime={alert.sentAt}>{formatDateTime(alert.sentAt, i18n.language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('alerts.detail.addressees')}</dt>
            <dd>{provinceList(alert.addressees, i18n.language, separator)}</dd>
          </div>
          {alert.location ? (
            <div>
              <dt>{t('alerts.detail.location')}</dt>
              <dd>
                <span lang="zh-CN">{alert.location.description}</span>
                {alert.location.latitude !== null && alert.location.longitude !== null ? (
                  <span className="muted">
                    {' '}
                    {t('alerts.detail.coordinates', { latitude: alert.location.latitude, longitude: alert.location.longitude })}
                  </span>
                ) : null}
              </dd>
            </div>
          ) : null}
          {alert.pollutant ? (
            <>
              <div>
                <dt>{t('alerts.detail.pollutant')}</dt>
                <dd lang="zh-CN">{alert.pollutant.name}</dd>
              </div>
              {alert.pollutant.parameter ? (
                <div>
                  <dt>{t('alerts.detail.parameter')}</dt>
                  <dd>{codeLabel('parameter', alert.pollutant.parameter)}</dd>
                </div>
              ) : null}
              {alert.pollutant.estimatedQuantity ? (
                <div>
                  <dt>{t('alerts.detail.quantity')}</dt>
                  <dd>
                    {new Intl.NumberFormat(i18n.language).format(alert.pollutant.estimatedQuantity.value)} {codeLabel('unit', alert.pollutant.estimatedQuantity.unit)}
                  </dd>
                </div>
              ) : null}
            </>
          ) : null}
          {alert.suspectedSource ? (
            <div>
              <dt>{t('alerts.detail.suspectedSource')}</dt>
              <dd lang="zh-CN">{alert.suspectedSource}</dd>
            </div>
          ) : null}
          {alert.description ? (
            <div>
              <dt>{t('alerts.detail.description')}</dt>
              <dd className="pre-wrap" lang="zh-CN">
                {alert.description}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <AcknowledgementsPanel alert={alert} />
      <EscalationsPanel alert={alert} />
      <ThreadPanel alert={alert} />
      <LinkedCasesPanel alert={alert} />
      {canCancel ? (
        <section className="panel" aria-labelledby="sender-actions">
          <h2 id="sender-actions">{t('alerts.detail.senderActions')}</h2>
          <p>
            <Link className="button" to={`/pollution/alerts/${encodeURIComponent(alert.id)}/update`}>
              {t('alerts.detail.sendUpdate')}
            </Link>
          </p>
          <CancelPanel alertId={alert.id} />
        </section>
      ) : null}
    </article>
  );
}

function AcknowledgementsPanel({ alert }: { alert: PollutionAlertMessageFragment }) {
  const { t, i18n } = useTranslation();
  if (alert.addressees.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="alert-acks">
      <h2 id="alert-acks">{t('alerts.detail.acknowledgements')}</h2>
      {alert.msgType !== 'CANCEL' && alert.acknowledgeBy && alert.awaitingProvinces.length > 0 ? (
        <p>
          <AlertCountdown deadline={alert.acknowledgeBy} overdue={alert.acknowledgementOverdue} />
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table ack-table" data-testid="acknowledgements">
          <thead>
            <tr>
              <th scope="col">{t('alerts.detail.province')}</th>
              <th scope="col">{t('alerts.detail.state')}</th>
            </tr>
          </thead>
          <tbody>
            {alert.addressees.map((province) => {
              const ack = alert.acknowledgements.find((a) => a.province === province);
              const escalations = alert.escalations.filter((e) => e.province === province);
              return (
                <tr key={province} data-province={province}>
                  <th scope="row">{provinceName(province, i18n.language)}</th>
                  <td>
                    {ack ? (
                      <>
                        <span className="ack-ok">{t('alerts.detail.acknowledgedAt', { time: formatDateTime(ack.at, i18n.language) })}</span>
                        {ack.by ? <span className="muted"> · {t('alerts.detail.acknowledgedBy', { username: ack.by.username })}</span> : null}
                        {ack.note ? (
                          <p className="pre-wrap" lang="zh-CN">
                            {ack.note}
                          </p>
                        ) : null}
                      </>
                    ) : (
                      <span className="ack-missing">{t('alerts.detail.notAcknowledged')}</span>
                    )}
                    {escalations.map((e) => (
                      <p key={e.step} className="overdue">
                        {t(`pollution.escalationStep.${e.step}`)} · {formatDateTime(e.recordedAt, i18n.language)}
                      </p>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function EscalationsPanel({ alert }: { alert: PollutionAlertMessageFragment }) {
  const { t, i18n } = useTranslation();
  if (alert.escalations.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="alert-escalations">
      <h2 id="alert-escalations">{t('alerts.detail.escalations')}</h2>
      <ul className="plain-list">
        {alert.escalations.map((e) => (
          <li key={`${e.province}-${e.step}`}>
            {t('alerts.detail.escalationItem', {
              province: provinceName(e.province, i18n.language),
              step: t(`pollution.escalationStep.${e.step}`),
              due: formatDateTime(e.dueAt, i18n.language),
              recorded: formatDateTime(e.recordedAt, i18n.language),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ThreadPanel({ alert }: { alert: DetailAlert }) {
  const { t, i18n } = useTranslation();
  const messages = alert.thread.messages;
  if (messages.length <= 1) return null;
  return (
    <section className="panel" aria-labelledby="alert-thread">
      <h2 id="alert-thread">{t('alerts.detail.thread')}</h2>
      <ol className="thread-list">
        {messages.map((message) => {
          const label = t('alerts.detail.threadItem', { type: t(`pollution.msgType.${message.msgType}`), time: formatDateTime(message.sentAt, i18n.language) });
          return (
            <li key={message.id}>
              {message.id === alert.id ? (
                <strong aria-current="page">
                  {label} {t('alerts.detail.thisMessage')}
                </strong>
              ) : (
                <Link to={`/pollution/alerts/${encodeURIComponent(message.id)}`}>{label}</Link>
              )}{' '}
              — <span lang="zh-CN">{message.headline}</span>
              {message.msgType === 'CANCEL' && message.description ? (
                <p className="muted" lang="zh-CN">
                  {t('alerts.detail.cancelReason', { reason: message.description })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function LinkedCasesPanel({ alert }: { alert: DetailAlert }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  // The parties of a case opened from an alert are its sender and addressees; their environmental bureaus open it.
  const canOpen =
    user.roles.includes('environment') && (alert.senderProvince === user.province || alert.addressees.includes(user.province)) && alert.isCurrent && !alert.thread.cancelled;
  const [result] = useQuery({ query: PollutionAlertLinkedCasesDocument, variables: { mode: alert.status, sectionCode: alert.section.code }, requestPolicy: 'cache-and-network' });
  const cases = (result.data?.pollutionCases.edges ?? []).map((edge) => edge.node).filter((c) => c.linkedAlerts.some((thread) => thread.threadId === alert.threadId));
  let body;
  if (result.fetching && !result.data) body = <LoadingState />;
  else if (result.error && !result.data) body = <p className="muted">{t('alerts.detail.casesUnavailable')}</p>;
  else if (cases.length === 0) body = <p className="muted">{t('alerts.detail.noCases')}</p>;
  else
    body = (
      <ul className="plain-list" data-testid="linked-cases">
        {cases.map((c) => (
          <li key={c.id}>
            <Link to={`/pollution/cases/${encodeURIComponent(c.id)}`} lang="zh-CN">
              {c.title}
            </Link>{' '}
            <span className="muted">
              · {t('alerts.detail.caseState', { state: t(`pollution.caseState.${c.state}`) })} · {formatDateTime(c.openedAt, i18n.language)}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <section className="panel" aria-labelledby="alert-cases">
      <h2 id="alert-cases">{t('alerts.detail.cases')}</h2>
      {body}
      {canOpen && result.data && cases.length === 0 ? <OpenCaseAction alertId={alert.id} headline={alert.headline} /> : null}
    </section>
  );
}

/** Opens a case from the alert, then shows it. */
function OpenCaseAction({ alertId, headline }: { alertId: string; headline: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [result, open] = useMutation(OpenPollutionCaseFromAlertDocument);
  const [title, setTitle] = useState(headline);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const hintId = useId();
  const submit = async () => {
    setError(null);
    const answer = await open({ input: { alertId, title: title.trim() || headline } }, { additionalTypenames: ['PollutionCase', 'PollutionAlert'] });
    if (answer.error || !answer.data) {
      setError(t('alerts.detail.openCaseFailed', { reason: answer.error ? problemText(describeGatewayError(answer.error), t, i18n) : '' }));
      return;
    }
    void navigate(`/pollution/cases/${encodeURIComponent(answer.data.openCase.case.id)}`);
  };
  return (
    <details className="open-case">
      <summary>{t('alerts.detail.openCase')}</summary>
      <p>{t('alerts.detail.openCaseBody')}</p>
      <form
        className="alert-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={titleId}>{t('alerts.detail.openCaseTitle')}</label>
          <p className="field-hint" id={hintId}>
            {t('alerts.detail.openCaseTitleHint')}
          </p>
          <input id={titleId} type="text" maxLength={200} aria-describedby={hintId} value={title} onChange={(event) => setTitle(event.target.value)} />
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? t('alerts.detail.openCasePending') : t('alerts.detail.openCaseSubmit')}
        </button>
      </form>
    </details>
  );
}

function CancelPanel({ alertId }: { alertId: string }) {
  const { t, i18n } = useTranslation();
  const [result, cancel] = useMutation(CancelPollutionAlertDocument);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const submit = async () => {
    if (!reason.trim()) {
      setError(t('alerts.form.problems.required'));
      return;
    }
    setError(null);
    const answer = await cancel({ input: { alertId, reason: reason.trim() } }, ALERT_TYPENAMES);
    if (answer.error) setError(t('alerts.cancel.failed', { reason: problemText(describeGatewayError(answer.error), t, i18n) }));
  };
  return (
    <details className="panel cancel-panel">
      <summary>{t('alerts.cancel.title')}</summary>
      <p>{t('alerts.cancel.body')}</p>
      <form
        className="alert-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor={reasonId}>{t('alerts.cancel.reason')}</label>
          {error ? (
            <p className="field-error" id={errorId} role="alert">
              {error}
            </p>
          ) : null}
          <textarea
            id={reasonId}
            rows={3}
            maxLength={2000}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-danger" disabled={result.fetching}>
          {result.fetching ? t('alerts.cancel.pending') : t('alerts.cancel.submit')}
        </button>
      </form>
    </details>
  );
}
