// The app by sign-in state: starting, the sign-in page, or the shell with the routes of the user's roles. Pages are
// loaded on demand so the first screen stays small.
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { useAuth } from '../auth/auth.context.tsx';
import { SessionEndedError } from '../auth/auth.client.ts';
import { LoadingState } from '../components/status.views.tsx';
import { createGraphqlClient } from '../graphql/graphql.client.ts';
import { canOpen, NAV_SECTIONS, type NavSection } from '../navigation/navigation.model.ts';
import { ForbiddenPage, NotFoundPage, RecordNotFoundPage } from '../screens/not-found.page.tsx';
import { SignInPage, StartingPage } from '../screens/sign-in.page.tsx';
import { AppShell } from './app-shell.layout.tsx';

const WorkbenchPage = lazy(() => import('../screens/workbench.page.tsx'));
const MePage = lazy(() => import('../screens/me.page.tsx'));
const ComingSoonPage = lazy(() => import('../screens/coming-soon.page.tsx'));
// Each pollution section has its own routes below its path, loaded on demand.
const SECTION_ROUTES: Record<string, ReturnType<typeof lazy>> = {
  'pollution-alerts': lazy(() => import('../pollution/alerts/alerts.routes.tsx')),
  'pollution-cases': lazy(() => import('../pollution/cases/cases.routes.tsx')),
  'pollution-sections': lazy(() => import('../pollution/sections/sections.routes.tsx')),
  'pollution-compensation': lazy(() => import('../pollution/compensation/compensation.routes.tsx')),
};

/** The whole app below the providers. */
export function App({ gatewayUrl }: { gatewayUrl: string }) {
  const { state, client } = useAuth();
  const graphql = useMemo(
    () =>
      createGraphqlClient({
        url: gatewayUrl,
        accessToken: async () => {
          try {
            return await client.accessToken();
          } catch (error) {
            if (error instanceof SessionEndedError) throw error;
            // No token (signed out): anonymous operations still run; the gateway refuses the others readably.
            return null;
          }
        },
      }),
    [client, gatewayUrl],
  );

  if (state.status === 'starting') return <StartingPage />;
  if (state.status !== 'signed-in') return <SignInPage />;
  const roles = state.user.roles;
  return (
    <UrqlProvider value={graphql}>
      <BrowserRouter>
        <AppShell>
          <Suspense fallback={<LoadingState />}>
            <Routes>
              <Route index element={<WorkbenchPage />} />
              <Route path="/me" element={<MePage />} />
              {NAV_SECTIONS.filter((section) => SECTION_ROUTES[section.id]).map((section) => {
                const Section = SECTION_ROUTES[section.id] as ReturnType<typeof lazy>;
                return <Route key={section.id} path={`${section.path}/*`} element={guard(section, roles, <Section />)} />;
              })}
              {NAV_SECTIONS.filter((section) => section.comingSoon).map((section) => (
                <Route key={section.id} path={section.path} element={guard(section, roles, <ComingSoonPage section={section} />)} />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </AppShell>
      </BrowserRouter>
    </UrqlProvider>
  );
}

function guard(section: NavSection, roles: Parameters<typeof canOpen>[1], page: ReactNode): ReactNode {
  return canOpen(section, roles) ? page : <OtherRolesSection />;
}

// A section of other roles says so at its own address; a record's address below it (a shared link to a case) says
// "not found", exactly what a missing record or one of another province shows, so the link reveals nothing.
function OtherRolesSection() {
  const rest = useParams()['*'] ?? '';
  return rest === '' ? <ForbiddenPage /> : <RecordNotFoundPage />;
}
