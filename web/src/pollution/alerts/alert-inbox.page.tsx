// 污染预警 inbox: the alerts sent or received by my province, one mode at a time (real alerts and exercises are never
// mixed), with the counts, filters kept in the address (so a filtered view can be bookmarked or shared), and live:
// every change to a thread I may read (alertActivity) re-reads the page and is announced politely.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useAuth, useSignedInUser } from '../../auth/auth.context.tsx';
import { EmptyState, GatewayProblemView, LoadingState } from '../../components/status.views.tsx';
import {
  PollutionAlertActivityDocument,
  PollutionAlertInboxDocument,
  PollutionAlertSectionsDocument,
  type IncidentSeverity,
  type PollutionAlertActivitySubscription,
  type PollutionAlertInboxQuery,
  type PollutionMode,
} from '../../generated/gql/graphql.ts';
import { describeGatewayError } from '../../graphql/graphql.client.ts';
import { provinceName } from '../../reference/provinces.ts';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { ModeSwitch } from '../shared/pollution.badges.tsx';
import { formatDateTime, sectionName } from '../shared/pollution.format.ts';
import { AlertRow } from './alert-row.tsx';
import { ALERT_TYPENAMES, INBOX_PAGE_SIZE } from './alerts.context.ts';
import './alerts.css';

const SEVERITIES: readonly IncidentSeverity[] = ['I', 'II', 'III', 'IV'];

/** The inbox's filters as the address holds them. */
interface InboxFilters {
  mode: PollutionMode;
  awaitingMine: boolean;
  activeOnly: boolean;
  severities: IncidentSeverity[];
  sectionCode: string | null;
}

function filtersOf(params: URLSearchParams): InboxFilters {
  const severities = (params.get('severity') ?? '').split(',').filter((s): s is IncidentSeverity => (SEVERITIES as readonly string[]).includes(s));
  return {
    mode: params.get('mode') === 'EXERCISE' ? 'EXERCISE' : 'ACTUAL',
    awaitingMine: params.get('mine') === '1',
    activeOnly: params.get('active') === '1',
    severities,
    sectionCode: params.get('section') || null,
  };
}

function paramsOf(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.mode === 'EXERCISE') params.set('mode', 'EXERCISE');
  if (filters.awaitingMine) params.set('mine', '1');
  if (filters.activeOnly) params.set('active', '1');
  if (filters.severities.length > 0) params.set('severity', SEVERITIES.filter((s) => filters.severities.includes(s)).join(','));
  if (filters.sectionCode) params.set('section', filters.sectionCode);
  return params;
}

type ActivityEvent = PollutionAlertActivitySubscription['alertActivity'];

/** The inbox page. */
export default function AlertInboxPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const user = useSignedInUser();
  usePageTitle(t('alerts.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  // Forward-only cursors: the stack of `after` values of the pages before this one.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1) ?? null;
  const [announcement, setAnnouncement] = useState<string>('');
  const [newThreads, setNewThreads] = useState<ReadonlySet<string>>(new Set());

  const variables = {
    mode: filters.mode,
    severities: filters.severities.length > 0 ? filters.severities : null,
    sectionCode: filters.sectionCode,
    activeOnly: filters.activeOnly,
    awaitingMyAcknowledgement: filters.awaitingMine,
    first: INBOX_PAGE_SIZE,
    after,
  };
  const [result, reexecute] = useQuery({ query: PollutionAlertInboxDocument, variables, requestPolicy: 'cache-and-network', context: ALERT_TYPENAMES });

  const update = (change: Partial<InboxFilters>) => {
    setCursors([]);
    setNewThreads(new Set());
    setParams(paramsOf({ ...filters, ...change }));
  };

  // Events come in bursts (an alert and its first acknowledgements); one re-read covers a burst.
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetch = useCallback(() => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => reexecute({ requestPolicy: 'network-only' }), 200);
  }, [reexecute]);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  const describe = useCallback(
    (event: ActivityEvent): string => {
      const values = {
        province: provinceName(event.change === 'ISSUED' ? event.senderProvince : (event.province ?? event.senderProvince), i18n.language),
        severity: t(`pollution.severityShort.${event.severity}`),
        headline: event.headline,
      };
      return t('alerts.live.at', { time: formatDateTime(event.occurredAt, i18n.language), message: t(`alerts.live.${event.change}`, values) });
    },
    [t, i18n.language],
  );

  const { stream, reconnect } = useLiveSubscription(
    PollutionAlertActivityDocument,
    { mode: filters.mode },
    {
      eventIdOf: (data) => data.alertActivity.eventId,
      onEvent: (data) => {
        const event = data.alertActivity;
        if (event.change === 'ISSUED' && event.senderProvince !== user.province) setNewThreads((previous) => new Set(previous).add(event.threadId));
        setAnnouncement(describe(event));
        refetch();
      },
      onResumed: refetch,
    },
  );

  const inbox = result.data;
  let body;
  if (result.fetching && !inbox) body = <LoadingState />;
  else if (result.error && !inbox)
    body = (
      <GatewayProblemView problem={describeGatewayError(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} onSignIn={() => signIn(i18n.language)} />
    );
  else if (inbox) body = <InboxList inbox={inbox} filters={filters} newThreads={newThreads} stale={result.stale || result.fetching} cursors={cursors} setCursors={setCursors} />;

  const isEnvironment = user.roles.includes('environment');
  return (
    <>
      <div className="page-header">
        <h1>{t('alerts.title')}</h1>
        {isEnvironment ? (
          <Link className="button button-primary" to={filters.mode === 'EXERCISE' ? '/pollution/alerts/new?mode=EXERCISE' : '/pollution/alerts/new'}>
            {t('alerts.issue')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('alerts.lead')}</p>
      <div className="toolbar">
        <ModeSwitch mode={filters.mode} onChange={(mode) => update({ mode })} />
        <LiveStatus stream={stream} onReconnect={reconnect} testId="alerts-live-status" />
      </div>
      {filters.mode === 'EXERCISE' ? <p className="notice exercise-banner">{t('pollution.exerciseBanner')}</p> : null}
      {/* Live changes are announced here (politely: never interrupting), and stay visible until the next one. */}
      <p className="live-announcement" role="status" aria-live="polite" data-testid="alerts-announcement">
        {announcement}
      </p>
      {inbox ? <InboxSummary inbox={inbox} filters={filters} onFilter={update} /> : null}
      <InboxFilterForm filters={filters} onChange={update} />
      {body}
    </>
  );
}

function InboxSummary({ inbox, filters, onFilter }: { inbox: PollutionAlertInboxQuery; filters: InboxFilters; onFilter: (change: Partial<InboxFilters>) => void }) {
  const { t } = useTranslation();
  const counts = inbox.pollutionAlertCounts;
  const headingId = useId();
  const awaitingMine = inbox.awaitingMine.totalCount;
  return (
    <section aria-labelledby={headingId} className="inbox-summary">
      <h2 id={headingId} className="visually-hidden">
        {t('alerts.inbox.summary')}
      </h2>
      <ul className="summary-cards">
        <li className={awaitingMine > 0 ? 'summary-card summary-card-action' : 'summary-card'}>
          <button type="button" aria-pressed={filters.awaitingMine} onClick={() => onFilter({ awaitingMine: !filters.awaitingMine })} data-testid="count-awaiting-mine">
            <span className="summary-count">{awaitingMine}</span>
            <span className="summary-label">{t('alerts.inbox.awaitingMine')}</span>
          </button>
        </li>
        <li className="summary-card">
          <button type="button" aria-pressed={filters.activeOnly} onClick={() => onFilter({ activeOnly: !filters.activeOnly })}>
            <span className="summary-count">{counts.active}</span>
            <span className="summary-label">{t('alerts.inbox.active')}</span>
          </button>
        </li>
        <li className="summary-card summary-card-static">
          <span className="summary-count">{counts.awaitingAcknowledgement}</span>
          <span className="summary-label">{t('alerts.inbox.awaitingAny')}</span>
        </li>
        <li className="summary-card summary-card-static">
          <span className="summary-count">{counts.cancelled}</span>
          <span className="summary-label">{t('alerts.inbox.cancelled')}</span>
        </li>
        <li className="summary-card summary-card-static">
          <span className="summary-count">{counts.total}</span>
          <span className="summary-label">{t('alerts.inbox.total')}</span>
        </li>
      </ul>
    </section>
  );
}

function InboxFilterForm({ filters, onChange }: { filters: InboxFilters; onChange: (change: Partial<InboxFilters>) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const sectionId = useId();
  const [sections] = useQuery({ query: PollutionAlertSectionsDocument, requestPolicy: 'cache-first' });
  const filtered = filters.awaitingMine || filters.activeOnly || filters.severities.length > 0 || filters.sectionCode !== null;
  const toggleSeverity = (severity: IncidentSeverity) =>
    onChange({ severities: filters.severities.includes(severity) ? filters.severities.filter((s) => s !== severity) : [...filters.severities, severity] });
  return (
    <section aria-labelledby={headingId} className="panel inbox-filters">
      <h2 id={headingId}>{t('alerts.inbox.filters')}</h2>
      <div className="filter-row">
        <label className="check">
          <input type="checkbox" checked={filters.awaitingMine} onChange={(event) => onChange({ awaitingMine: event.target.checked })} />
          {t('alerts.inbox.onlyAwaitingMine')}
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.activeOnly} onChange={(event) => onChange({ activeOnly: event.target.checked })} />
          {t('alerts.inbox.onlyActive')}
        </label>
        <fieldset className="inline-fieldset">
          <legend>{t('alerts.inbox.severities')}</legend>
          {SEVERITIES.map((severity) => (
            <label key={severity} className="check">
              <input type="checkbox" checked={filters.severities.includes(severity)} onChange={() => toggleSeverity(severity)} />
              {t(`pollution.severityShort.${severity}`)}
            </label>
          ))}
        </fieldset>
        <div className="field-inline">
          <label htmlFor={sectionId}>{t('pollution.sectionLabel')}</label>
          <select id={sectionId} value={filters.sectionCode ?? ''} onChange={(event) => onChange({ sectionCode: event.target.value || null })}>
            <option value="">{t('alerts.inbox.allSections')}</option>
            {(sections.data?.pollutionSections ?? []).map((section) => (
              <option key={section.code} value={section.code}>
                {sectionName(section, i18n.language, t)}
              </option>
            ))}
            {/* A section from a shared address that the list does not (yet) hold stays selectable. */}
            {filters.sectionCode && sections.data && !sections.data.pollutionSections.some((s) => s.code === filters.sectionCode) ? (
              <option value={filters.sectionCode}>{filters.sectionCode}</option>
            ) : null}
          </select>
        </div>
        {filtered ? (
          <button type="button" className="button button-small" onClick={() => onChange({ awaitingMine: false, activeOnly: false, severities: [], sectionCode: null })}>
            {t('alerts.inbox.clearFilters')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function InboxList({
  inbox,
  filters,
  newThreads,
  stale,
  cursors,
  setCursors,
}: {
  inbox: PollutionAlertInboxQuery;
  filters: InboxFilters;
  newThreads: ReadonlySet<string>;
  stale: boolean;
  cursors: string[];
  setCursors: (cursors: string[]) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const connection = inbox.pollutionAlerts;
  const filtered = filters.awaitingMine || filters.activeOnly || filters.severities.length > 0 || filters.sectionCode !== null;
  let empty: string;
  if (filtered) empty = t('alerts.inbox.emptyFiltered');
  else if (filters.mode === 'EXERCISE') empty = t('alerts.inbox.emptyExercise');
  else empty = t('alerts.inbox.emptyActual');
  return (
    <section aria-labelledby={headingId} aria-busy={stale}>
      <div className="list-header">
        <h2 id={headingId}>{t('alerts.inbox.listTitle')}</h2>
        <span className="muted" data-testid="alerts-total">
          {t('alerts.inbox.count', { count: connection.totalCount })}
        </span>
        {stale ? <span className="muted">{t('alerts.inbox.updating')}</span> : null}
      </div>
      {connection.edges.length === 0 ? (
        <EmptyState>
          <p>{empty}</p>
        </EmptyState>
      ) : (
        <ol className="alert-list" data-testid="alert-list">
          {connection.edges.map(({ node }) => (
            <AlertRow key={node.id} alert={node} isNew={newThreads.has(node.threadId)} />
          ))}
        </ol>
      )}
      {cursors.length > 0 || connection.pageInfo.hasNextPage ? (
        <nav className="pager" aria-label={t('alerts.inbox.pagination')}>
          <button type="button" className="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('alerts.inbox.previous')}
          </button>
          <span>{t('alerts.inbox.page', { page: cursors.length + 1 })}</span>
          <button
            type="button"
            className="button"
            disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
            onClick={() => connection.pageInfo.endCursor && setCursors([...cursors, connection.pageInfo.endCursor])}
          >
            {t('alerts.inbox.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
