// The workbench's "needs your action" panel for pollution: real alerts awaiting my province's acknowledgement, each
// with its countdown to escalation and the acknowledge button, and my province's open cases. Kept current by the
// user's pollution events (one stream): any change the gateway lets this user see re-reads the panel, so an alert
// acknowledged in another tab or a case closed by another party leaves the list without a reload.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { Role } from '../../auth/user.model.ts';
import { RecordEventsDocument, WorkbenchPollutionTodoDocument, type PollutionCaseRowFragment } from '../../generated/gql/graphql.ts';
import { AlertRow } from '../alerts/alert-row.tsx';
import { CaseStateBadge, ListQueryState } from '../cases/records.views.tsx';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import '../alerts/alerts.css';
import './workbench-todo.css';

import { pollutionDuties } from './pollution-duties.ts';

/** How many alerts and cases the panel lists; the rest are a link away. */
export const TODO_LIMIT = 5;

/** The panel's contents (its heading belongs to the workbench). */
export default function PollutionTodo({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const duties = pollutionDuties(roles);
  const [result, reexecute] = useQuery({ query: WorkbenchPollutionTodoDocument, variables: { withAlerts: duties.alerts, first: TODO_LIMIT } });
  const [announcement, setAnnouncement] = useState('');
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const { stream, reconnect } = useLiveSubscription(
    RecordEventsDocument,
    { domains: ['POLLUTION'] },
    {
      eventIdOf: (data) => data.recordEvents.id,
      onEvent: (data) => {
        setAnnouncement(t(data.recordEvents.type.includes('.Case') ? 'todo.updatedCases' : 'todo.updatedAlerts'));
        refetch();
      },
      onResumed: refetch,
    },
  );
  const data = result.data;
  return (
    <div className="todo">
      <LiveStatus stream={stream} onReconnect={reconnect} testId="todo-live-status" />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {!data ? (
        <ListQueryState fetching={result.fetching} error={result.error} hasData={false} onRetry={refetch} />
      ) : (
        <>
          {duties.alerts && data.awaitingMine ? (
            <section aria-labelledby="todo-alerts" className="todo-group">
              <h3 id="todo-alerts">
                {t('todo.alertsTitle')} <span className="muted">{t('todo.alertsCount', { count: data.awaitingMine.totalCount })}</span>
              </h3>
              {data.awaitingMine.edges.length === 0 ? (
                <p className="muted">{t('todo.alertsNone')}</p>
              ) : (
                <ul className="alert-list">
                  {data.awaitingMine.edges.map((edge) => (
                    <AlertRow key={edge.node.id} alert={edge.node} isNew={false} />
                  ))}
                </ul>
              )}
              {data.awaitingMine.totalCount > data.awaitingMine.edges.length ? (
                <Link to="/pollution/alerts?mine=1&active=1">{t('todo.alertsMore', { count: data.awaitingMine.totalCount })}</Link>
              ) : null}
            </section>
          ) : null}
          {duties.cases ? (
            <section aria-labelledby="todo-cases" className="todo-group">
              <h3 id="todo-cases">
                {t('todo.casesTitle')} <span className="muted">{t('todo.casesCount', { count: data.openCases.totalCount })}</span>
              </h3>
              {data.openCases.edges.length === 0 ? (
                <p className="muted">{t('todo.casesNone')}</p>
              ) : (
                <ul className="todo-cases">
                  {data.openCases.edges.map((edge) => (
                    <OpenCase key={edge.node.id} row={edge.node} />
                  ))}
                </ul>
              )}
              {data.openCases.totalCount > data.openCases.edges.length ? <Link to="/pollution/cases">{t('todo.casesMore', { count: data.openCases.totalCount })}</Link> : null}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

function OpenCase({ row }: { row: PollutionCaseRowFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <li data-case-id={row.caseId}>
      <Link to={`/pollution/cases/${encodeURIComponent(row.id)}`}>{row.title}</Link> <CaseStateBadge state={row.state} />
      <div className="muted">
        {sectionName(row.section, i18n.language, t)} · {t('todo.caseParties', { provinces: provinceList(row.partyProvinces, i18n.language, t('pollution.province.and')) })} ·{' '}
        <time dateTime={row.openedAt}>{t('todo.caseOpened', { time: formatDateTime(row.openedAt, i18n.language) })}</time>
      </div>
    </li>
  );
}
