// The signed-in layout: skip link, a header saying who is signed in (province, agency, role), the language switch
// and sign-out, the navigation of the user's roles, the page, and a footer.
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useAuth, useSignedInUser } from '../auth/auth.context.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { sectionsFor } from '../navigation/navigation.model.ts';
import { provinceName } from '../reference/provinces.ts';

/** The shell around every signed-in page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { signOut, state } = useAuth();
  const user = useSignedInUser();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, focus moves to the new page so keyboard and screen-reader users start at its content. A layout
  // effect, so focus has moved in the same commit that shows the page (a passive effect could run after the page is
  // painted and read, seen as a flaky test under load).
  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const roleNames = user.roles.length > 0 ? user.roles.map((role) => t(`role.${role}`)).join('、') : t('role.none');
  return (
    <div className="app-layout">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </NavLink>
        <section className="identity" aria-label={t('shell.identity')}>
          <dl>
            <div>
              <dt>{t('shell.province')}</dt>
              <dd data-testid="user-province">{provinceName(user.province, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('shell.agency')}</dt>
              {/* Agency names are Chinese proper names, shown as they are in either language. */}
              <dd data-testid="user-agency" lang="zh-CN">
                {user.agency}
              </dd>
            </div>
            <div>
              <dt>{t('shell.role')}</dt>
              <dd data-testid="user-roles">{roleNames}</dd>
            </div>
            <div>
              <dt>{t('shell.username')}</dt>
              <dd data-testid="user-name" lang="en">
                {user.username}
              </dd>
            </div>
          </dl>
        </section>
        <div className="header-actions">
          <LanguageSwitch />
          <button type="button" className="button button-header" onClick={signOut} disabled={state.status !== 'signed-in'}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {sectionsFor(user.roles).map((section) => (
              <li key={section.id}>
                <NavLink to={section.path} end={section.path === '/'} data-section={section.id}>
                  {t(`nav.${section.labelKey}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>
        </main>
      </div>
      <footer className="site-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </div>
  );
}
