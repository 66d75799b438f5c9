// 污染案件: the cases the user may read, one mode at a time (real or exercise, never mixed), filtered by state and
// section, a page at a time (forward paging with the gateway's cursors), refreshed live as cases change. The filters
// live in the address so a filtered list can be shared and survives a reload.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { EmptyState } from '../../components/status.views.tsx';
import {
  PollutionCaseListDocument,
  PollutionCaseSectionsDocument,
  PollutionCaseUpdatesDocument,
  type PollutionCaseRowFragment,
  type PollutionCaseState,
  type PollutionCaseUpdatesSubscription,
  type PollutionMode,
} from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { ExerciseTag, ModeSwitch } from '../shared/pollution.badges.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { CaseStateBadge, ListQueryState } from './records.views.tsx';

/** Cases per page. */
export const CASES_PAGE_SIZE = 20;

/** Every case state, in the order a case moves through them. */
export const CASE_STATES: readonly PollutionCaseState[] = ['REPORTED', 'UNDER_JOINT_INVESTIGATION', 'JOINT_ENFORCEMENT', 'REMEDIATION', 'IN_MEDIATION', 'CLOSED'];

function isCaseState(value: string): value is PollutionCaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}

/** The case list page. */
export function CaseListPage({ reconnectDelaysMs }: { reconnectDelaysMs?: readonly number[] }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('cases.title'));
  const [params, setParams] = useSearchParams();
  const mode: PollutionMode = params.get('mode') === 'EXERCISE' ? 'EXERCISE' : 'ACTUAL';
  const states = useMemo(() => params.getAll('state').filter(isCaseState), [params]);
  const sectionCode = params.get('section') || null;
  // Cursors of the pages before the current one, so "previous" goes back without backward paging.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors.at(-1) ?? null;
  const [announcement, setAnnouncement] = useState('');

  const variables = useMemo(
    () => ({ mode, states: states.length > 0 ? states : null, sectionCode, first: CASES_PAGE_SIZE, after }),
    [mode, states, sectionCode, after],
  );
  const [result, reexecute] = useQuery({ query: PollutionCaseListDocument, variables, requestPolicy: 'cache-and-network' });
  const [sections] = useQuery({ query: PollutionCaseSectionsDocument });

  const updateFilters = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
    setCursors([null]);
  };

  const onEvent = useCallback(
    (data: PollutionCaseUpdatesSubscription) => {
      const event = data.caseUpdated;
      const state = t(`cases.state.${event.state}`);
      setAnnouncement(event.change === 'OPENED' ? t('cases.list.opened', { title: event.title, state }) : t('cases.list.updated', { title: event.title, state }));
      // Re-read the page: a new case sorts to the top, a changed one may leave the filter, and totals move.
      reexecute({ requestPolicy: 'network-only' });
    },
    [reexecute, t],
  );
  const { stream, reconnect } = useLiveSubscription(
    PollutionCaseUpdatesDocument,
    { mode, caseId: null },
    {
      onEvent,
      // After a gap longer than the gateway's replay window events may be lost: re-read the page.
      onResumed: () => reexecute({ requestPolicy: 'network-only' }),
      eventIdOf: (data) => data.caseUpdated.eventId,
      ...(reconnectDelaysMs ? { reconnectDelaysMs } : {}),
    },
  );

  const connection = result.data?.pollutionCases;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  const filtered = states.length > 0 || sectionCode !== null;
  const firstIndex = (cursors.length - 1) * CASES_PAGE_SIZE;
  const anySummary = rows.some((row) => row.view === 'SUMMARY');

  return (
    <>
      <div className="page-header">
        <h1>{t('cases.title')}</h1>
        <LiveStatus stream={stream} onReconnect={reconnect} testId="live-status" />
      </div>
      <p className="lead">{t('cases.lead')}</p>
      <div className="visually-hidden" aria-live="polite" data-testid="case-announcement">
        {announcement}
      </div>

      <section aria-labelledby="case-filters" className="filter-bar">
        <h2 id="case-filters" className="visually-hidden">
          {t('cases.filters.title')}
        </h2>
        <ModeSwitch mode={mode} onChange={(m) => updateFilters((next) => (m === 'ACTUAL' ? next.delete('mode') : next.set('mode', m)))} />
        <fieldset>
          <legend>{t('cases.filters.states')}</legend>
          {CASE_STATES.map((state) => (
            <label key={state}>
              <input
                type="checkbox"
                name="state"
                value={state}
                checked={states.includes(state)}
                onChange={(event) =>
                  updateFilters((next) => {
                    const chosen = new Set(states);
                    if (event.target.checked) chosen.add(state);
                    else chosen.delete(state);
                    next.delete('state');
                    for (const s of CASE_STATES) if (chosen.has(s)) next.append('state', s);
                  })
                }
              />{' '}
              {t(`cases.state.${state}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('cases.filters.section')}</span>
          <select value={sectionCode ?? ''} onChange={(event) => updateFilters((next) => (event.target.value ? next.set('section', event.target.value) : next.delete('section')))}>
            <option value="">{t('cases.filters.allSections')}</option>
            {(sections.data?.pollutionSections ?? []).map((section) => (
              <option key={section.code} value={section.code}>
                {sectionName(section, i18n.language, t)}
              </option>
            ))}
            {/* A section in the address that the list does not (yet) hold still shows as chosen. */}
            {sectionCode && !(sections.data?.pollutionSections ?? []).some((s) => s.code === sectionCode) ? <option value={sectionCode}>{sectionCode}</option> : null}
          </select>
        </label>
        {filtered ? (
          <button
            type="button"
            className="button"
            onClick={() =>
              updateFilters((next) => {
                next.delete('state');
                next.delete('section');
              })
            }
          >
            {t('cases.filters.clear')}
          </button>
        ) : null}
      </section>

      {mode === 'EXERCISE' ? <p className="notice exercise-banner">{t('pollution.exerciseBanner')}</p> : null}

      <ListQueryState fetching={result.fetching} error={result.error} hasData={connection !== undefined} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {connection ? (
        rows.length === 0 ? (
          <EmptyState>
            <p>{filtered ? t('cases.list.emptyFiltered') : mode === 'EXERCISE' ? t('cases.list.emptyExercise') : t('cases.list.empty')}</p>
          </EmptyState>
        ) : (
          <>
            {anySummary ? <p className="notice notice-warning">{t('cases.list.summaryNotice')}</p> : null}
            <div className="table-scroll">
              <table className="data-table">
                <caption>
                  {t('cases.list.caption')} ·{' '}
                  <span data-testid="case-range">
                    {t('cases.list.range', { from: firstIndex + 1, to: firstIndex + rows.length, total: connection.totalCount })}
                  </span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.list.colTitle')}</th>
                    <th scope="col">{t('cases.list.colSection')}</th>
                    <th scope="col">{t('cases.list.colParties')}</th>
                    <th scope="col">{t('cases.list.colState')}</th>
                    <th scope="col">{t('cases.list.colCounts')}</th>
                    <th scope="col">{t('cases.list.colLastChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <CaseRow key={row.id} row={row} />
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label={t('cases.list.pages')}>
              <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('cases.list.previous')}
              </button>
              <button
                type="button"
                className="button"
                disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
                onClick={() => setCursors((c) => [...c, connection.pageInfo.endCursor ?? null])}
              >
                {t('cases.list.next')}
              </button>
            </nav>
          </>
        )
      ) : null}
    </>
  );
}

function CaseRow({ row }: { row: PollutionCaseRowFragment }) {
  const { t, i18n } = useTranslation();
  const counts = { exceedances: row.counts.exceedances, actions: row.counts.enforcementActions, evidence: row.counts.evidence };
  return (
    <tr data-case-id={row.caseId}>
      <th scope="row">
        <Link to={`/pollution/cases/${encodeURIComponent(row.id)}`}>{row.title}</Link>
        <ExerciseTag mode={row.mode} />
        <div className="muted">{t('cases.list.reportedBy', { province: provinceName(row.reportingProvince, i18n.language) })}</div>
      </th>
      <td>{sectionName(row.section, i18n.language, t)}</td>
      <td>{provinceList(row.partyProvinces, i18n.language, t('pollution.province.and'))}</td>
      <td>
        <CaseStateBadge state={row.state} />
      </td>
      <td className="number">
        <span aria-hidden="true">{t('cases.list.countsValue', counts)}</span>
        <span className="visually-hidden">{t('cases.list.countsLabel', counts)}</span>
      </td>
      <td className="nowrap">
        {row.updatedAt ? (
          <time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt, i18n.language)}</time>
        ) : (
          <>
            <span aria-hidden="true">{t('cases.notSet')}</span>
            <span className="visually-hidden">{t('cases.list.notInSummary')}</span>
          </>
        )}
      </td>
    </tr>
  );
}
