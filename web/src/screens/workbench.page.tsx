// The first page after signing in: what needs the user's action, the sections of their roles, and whether the
// platform's services answer.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../app/page-title.ts';
import { useSignedInUser } from '../auth/auth.context.tsx';
import { EmptyState, LoadingState } from '../components/status.views.tsx';
import { HealthDocument } from '../generated/gql/graphql.ts';
import { describeGatewayError } from '../graphql/graphql.client.ts';
import { businessSectionsFor } from '../navigation/navigation.model.ts';
import { pollutionDuties } from '../pollution/workbench/pollution-duties.ts';
import { RecentActivity } from './recent-activity.view.tsx';

// Loaded on demand, so the first route stays within its JavaScript budget.
const PollutionTodo = lazy(() => import('../pollution/workbench/pollution-todo.view.tsx'));

/** The workbench (工作台). */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  usePageTitle(t('nav.workbench'));
  const sections = businessSectionsFor(user.roles);
  const duties = pollutionDuties(user.roles);
  return (
    <>
      <h1>{t('workbench.greeting', { agency: user.agency || user.username })}</h1>
      <ServiceStatus />
      <section aria-labelledby="todo-title" className="panel">
        <h2 id="todo-title">{t('workbench.todoTitle')}</h2>
        {duties.cases ? (
          <Suspense fallback={<LoadingState />}>
            <PollutionTodo roles={user.roles} />
          </Suspense>
        ) : (
          <EmptyState>
            <p>{user.roles.includes('observer') ? t('workbench.todoObserver') : t('workbench.todoEmpty')}</p>
          </EmptyState>
        )}
      </section>
      <RecentActivity />
      <section aria-labelledby="sections-title" className="panel">
        <h2 id="sections-title">{t('workbench.sectionsTitle')}</h2>
        {sections.length === 0 ? (
          <EmptyState>
            <p>{t('workbench.noSections')}</p>
          </EmptyState>
        ) : (
          <ul className="section-cards">
            {sections.map((section) => (
              <li key={section.id}>
                <Link to={section.path}>{t(`nav.${section.labelKey}`)}</Link>
                {section.comingSoon ? <span className="badge">{t('comingSoon.badge')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One line on the gateway's health, with a retry when it does not answer. */
function ServiceStatus() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: HealthDocument });
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  let text: string;
  let tone: 'ok' | 'warning' | 'error' | 'pending';
  if (result.fetching) {
    text = t('status.checking');
    tone = 'pending';
  } else if (result.error) {
    const problem = describeGatewayError(result.error);
    text = problem.kind === 'server' ? `${t('error.serverTitle')} (${problem.code ?? problem.message})` : t('error.unreachableTitle');
    tone = 'error';
  } else if (result.data?.health.status === 'OK') {
    text = t('status.ok');
    tone = 'ok';
  } else {
    text = t('status.degraded');
    tone = 'warning';
  }
  return (
    <p className={`service-status service-status-${tone}`} role="status" aria-live="polite">
      <span className="service-status-label">{t('status.label')}</span>
      <span className="status-text" data-testid="service-status">{text}</span>
      {tone === 'error' ? (
        <button type="button" className="button button-small" onClick={retry}>
          {t('error.retry')}
        </button>
      ) : null}
    </p>
  );
}
