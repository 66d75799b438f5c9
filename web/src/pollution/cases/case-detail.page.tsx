// One pollution case: its header, what the user's province may do now, and — in the full view of the parties'
// environmental bureaus and the national observer — exceedances, joint enforcement actions, evidence and the
// timeline; a liaison office sees the summary. Followed live (caseUpdated of this case). A case that does not exist
// and one the user may not read show the same "not found" page, as the gateway answers NOT_FOUND for both.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { EmptyState } from '../../components/status.views.tsx';
import {
  PollutionCaseByIdDocument,
  PollutionCaseUpdatesDocument,
  type PollutionCaseDetailFragment,
  type PollutionCaseUpdatesSubscription,
} from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { CaseCommands, EnforcementActions, EvidenceSection } from './case-actions.view.tsx';
import { CaseTimeline } from './case-timeline.view.tsx';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { ExerciseTag } from '../shared/pollution.badges.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import { CaseStateBadge, RecordQueryState, useParameterLabel, useWaterClassLabel } from './records.views.tsx';

/** The case detail page (/pollution/cases/:id, the case's global id). */
export function CaseDetailPage({ reconnectDelaysMs }: { reconnectDelaysMs?: readonly number[] }) {
  const { t } = useTranslation();
  const id = useParams()['id'] ?? '';
  const [result, reexecute] = useQuery({ query: PollutionCaseByIdDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const record = result.data?.pollutionCase ?? null;
  const [announcement, setAnnouncement] = useState('');
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const onEvent = useCallback(
    (data: PollutionCaseUpdatesSubscription) => {
      setAnnouncement(t('cases.list.updated', { title: data.caseUpdated.title, state: t(`cases.state.${data.caseUpdated.state}`) }));
      refresh();
    },
    [refresh, t],
  );
  const { stream, reconnect } = useLiveSubscription(
    PollutionCaseUpdatesDocument,
    { mode: record?.mode ?? 'ACTUAL', caseId: id },
    {
      onEvent,
      onResumed: refresh,
      eventIdOf: (data) => data.caseUpdated.eventId,
      enabled: record !== null,
      ...(reconnectDelaysMs ? { reconnectDelaysMs } : {}),
    },
  );
  usePageTitle(record?.title ?? t('cases.title'));

  if (!record) {
    return (
      <RecordQueryState fetching={result.fetching} error={result.error} found={false} onRetry={refresh} />
    );
  }
  return (
    <>
      <Link to="/pollution/cases" className="back-link">
        {t('cases.detail.back')}
      </Link>
      <div className="page-header">
        <h1>
          {record.title} <CaseStateBadge state={record.state} />
          <ExerciseTag mode={record.mode} />
        </h1>
        <LiveStatus stream={stream} onReconnect={reconnect} testId="live-status" />
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {record.mode === 'EXERCISE' ? <p className="notice exercise-banner">{t('pollution.exerciseBanner')}</p> : null}
      <CaseHeader record={record} />
      {record.view === 'SUMMARY' ? (
        <p className="notice notice-warning">{t('cases.detail.summaryNotice')}</p>
      ) : (
        <FullCase record={record} onStale={refresh} />
      )}
      <LinkedAlerts record={record} />
    </>
  );
}

function CaseHeader({ record }: { record: PollutionCaseDetailFragment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const counts = { exceedances: record.counts.exceedances, actions: record.counts.enforcementActions, evidence: record.counts.evidence };
  return (
    <section aria-labelledby="case-facts" className="panel">
      <h2 id="case-facts" className="visually-hidden">
        {t('cases.detail.caseId')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('cases.detail.section')}</dt>
          <dd>
            <Link to={`/pollution/sections/${encodeURIComponent(record.section.code)}`}>{sectionName(record.section, language, t)}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('cases.detail.parties')}</dt>
          <dd>{provinceList(record.partyProvinces, language, t('pollution.province.and'))}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.reporting')}</dt>
          <dd>{provinceName(record.reportingProvince, language)}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.state')}</dt>
          <dd>
            <CaseStateBadge state={record.state} />
            {record.version !== null && record.version !== undefined ? <span className="muted"> · {t('cases.detail.version', { version: record.version })}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('cases.detail.openedAt')}</dt>
          <dd>
            <time dateTime={record.openedAt}>{formatDateTime(record.openedAt, language)}</time>
          </dd>
        </div>
        {record.updatedAt ? (
          <div>
            <dt>{t('cases.detail.updatedAt')}</dt>
            <dd>
              <time dateTime={record.updatedAt}>{formatDateTime(record.updatedAt, language)}</time>
            </dd>
          </div>
        ) : null}
        {record.closedAt ? (
          <div>
            <dt>{t('cases.detail.closedAt')}</dt>
            <dd>
              <time dateTime={record.closedAt}>{formatDateTime(record.closedAt, language)}</time>
            </dd>
          </div>
        ) : null}
        {record.origin ? (
          <div>
            <dt>{t('cases.detail.origin')}</dt>
            <dd>
              {t(`cases.detail.originKind.${record.origin.kind}`)}
              {record.origin.alert ? (
                <>
                  {' · '}
                  <Link to={`/pollution/alerts/${encodeURIComponent(record.origin.alert.id)}`}>{t('cases.detail.originAlert', { headline: record.origin.alert.headline })}</Link>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('cases.detail.counts')}</dt>
          <dd>{t('cases.detail.countsSummary', counts)}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.caseId')}</dt>
          <dd className="hash">{record.caseId}</dd>
        </div>
      </dl>
    </section>
  );
}

function FullCase({ record, onStale }: { record: PollutionCaseDetailFragment; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  // Writes are for the parties' environmental bureaus; the gateway decides again, this only avoids offering them to others.
  const mayAct = user.roles.includes('environment') && record.partyProvinces.includes(user.province);
  // The gateway gives what the mediation decided as the mediator's words; an older record may hold the outcome
  // enum itself (CLOSE, RESUME), which is named, never shown as the code.
  const mediationOutcomeText = (value: string) => {
    const key = `cases.detail.mediationOutcome.${value.trim().toUpperCase()}`;
    return /^(close|resume)$/i.test(value.trim()) && i18n.exists(key) ? t(key as 'cases.detail.mediationOutcome.CLOSE') : t('cases.detail.mediationSummary', { summary: value });
  };
  return (
    <>
      {record.mediation ? (
        <section aria-labelledby="case-mediation" className="panel">
          <h2 id="case-mediation">{t('cases.detail.mediation')}</h2>
          <p>
            {t('cases.detail.mediationBody', {
              province: provinceName(record.mediation.raisedBy, i18n.language),
              at: formatDateTime(record.mediation.raisedAt, i18n.language),
              from: t(`cases.state.${record.mediation.disputedFrom}`),
              reason: record.mediation.reason,
            })}
          </p>
        </section>
      ) : null}
      {record.closure || (record.closureAgreements?.length ?? 0) > 0 ? (
        <section aria-labelledby="case-closure" className="panel">
          <h2 id="case-closure">{t('cases.detail.closure')}</h2>
          {record.closure ? (
            <p>
              {t(`cases.detail.closureHow.${record.closure.how}`)} · <time dateTime={record.closure.at}>{formatDateTime(record.closure.at, i18n.language)}</time>
              {record.closure.mediationOutcome ? ` · ${mediationOutcomeText(record.closure.mediationOutcome)}` : null}
            </p>
          ) : null}
          {(record.closureAgreements?.length ?? 0) > 0 ? (
            <>
              <h3>{t('cases.detail.closureAgreements')}</h3>
              <ul className="plain-list">
                {record.closureAgreements?.map((agreement) => (
                  <li key={agreement.province}>
                    {t('cases.detail.closureAgreementItem', {
                      province: provinceName(agreement.province, i18n.language),
                      at: formatDateTime(agreement.at, i18n.language),
                      statement: agreement.statement,
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <CaseCommands record={record} mayAct={mayAct} onStale={onStale} />
      <Exceedances record={record} />
      <EnforcementActions record={record} mayAct={mayAct} onStale={onStale} />
      <EvidenceSection record={record} mayAct={mayAct} onStale={onStale} />
      <CaseTimeline entries={record.timeline ?? []} alerts={record.linkedAlerts} />
    </>
  );
}

function Exceedances({ record }: { record: PollutionCaseDetailFragment }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const parameterLabel = useParameterLabel();
  const exceedances = record.exceedances ?? [];
  return (
    <section aria-labelledby="case-exceedances" className="panel">
      <h2 id="case-exceedances">{t('cases.exceedances.title')}</h2>
      {exceedances.length === 0 ? (
        <EmptyState>
          <p>{t('cases.exceedances.empty')}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.exceedances.colParameter')}</th>
                <th scope="col">{t('cases.exceedances.colWhen')}</th>
                <th scope="col" className="number">
                  {t('cases.exceedances.colValue')}
                </th>
                <th scope="col" className="number">
                  {t('cases.exceedances.colLimit')}
                </th>
                <th scope="col">{t('cases.exceedances.colClass')}</th>
                <th scope="col" className="number">
                  {t('cases.exceedances.colMultiple')}
                </th>
              </tr>
            </thead>
            <tbody>
              {exceedances.map((e, index) => (
                <tr key={`${e.parameter}-${e.sampledAt ?? e.dailyMeanDate}-${index}`}>
                  <th scope="row">{parameterLabel(e.parameter)}</th>
                  <td className="nowrap">
                    {e.sampledAt ? (
                      <time dateTime={e.sampledAt}>{formatDateTime(e.sampledAt, i18n.language)}</time>
                    ) : (
                      t('cases.exceedances.dailyMean', { date: e.dailyMeanDate ?? '', count: e.dailyMeanReadingCount ?? 0 })
                    )}
                  </td>
                  <td className="number">{e.valueMgL}</td>
                  <td className="number">{e.targetLimitMgL}</td>
                  {/* A specific item (benzene) has a limit but no classes: only its limit applies. */}
                  <td>{e.observedClass ? t('cases.exceedances.classValue', { observed: classLabel(e.observedClass), target: classLabel(e.targetClass) }) : t('cases.notSet')}</td>
                  <td className="number">{e.exceedanceMultiple}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LinkedAlerts({ record }: { record: PollutionCaseDetailFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="case-alerts" className="panel">
      <h2 id="case-alerts">{t('cases.alerts.title')}</h2>
      {record.linkedAlerts.length === 0 ? (
        <EmptyState>
          <p>{t('cases.alerts.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {record.linkedAlerts.map((thread) => {
            const message = thread.current ?? thread.messages.at(-1);
            if (!message) return null;
            return (
              <li key={thread.threadId}>
                <Link to={`/pollution/alerts/${encodeURIComponent(message.id)}`}>{message.headline}</Link>
                {thread.cancelled ? <span className="tag">{t('cases.alerts.cancelled')}</span> : null}
                {thread.current?.highestEscalation ? <span className="tag tag-error">{t('cases.alerts.escalated')}</span> : null}
                <div className="muted">
                  {t('cases.alerts.from', { province: provinceName(message.senderProvince, i18n.language), at: formatDateTime(message.sentAt, i18n.language) })}
                  {(thread.current?.awaitingProvinces.length ?? 0) > 0
                    ? ` · ${t('cases.alerts.awaiting', { provinces: provinceList(thread.current?.awaitingProvinces ?? [], i18n.language, t('pollution.province.and')) })}`
                    : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
