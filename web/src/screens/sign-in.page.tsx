// The sign-in page: what the platform is, one button to the identity provider, and why the user is here (signed out,
// session ended, or sign-in failed).
import { useTranslation } from 'react-i18next';
import type { AuthState } from '../auth/auth.context.tsx';
import { useAuth } from '../auth/auth.context.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';

/** The page shown to anyone not signed in. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { state, signIn } = useAuth();
  const redirecting = state.status === 'redirecting';
  return (
    <div className="sign-in-layout">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="sign-in-header">
        <p className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="sign-in-main">
        <section className="sign-in-card" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title">{t('signIn.title')}</h1>
          <p>{t('signIn.lead')}</p>
          <SignInNotice state={state} />
          <button type="button" className="button button-primary button-large" disabled={redirecting} onClick={() => signIn(i18n.language)}>
            {redirecting ? t('signIn.redirecting') : state.status === 'failed' ? t('signIn.retry') : t('signIn.button')}
          </button>
        </section>
      </main>
      <footer className="site-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </div>
  );
}

function SignInNotice({ state }: { state: AuthState }) {
  const { t } = useTranslation();
  if (state.status === 'signed-out' && state.reason === 'signed-out') {
    return (
      <p className="notice notice-success" role="status">
        {t('signIn.signedOut')}
      </p>
    );
  }
  if (state.status === 'signed-out' && state.reason === 'expired') {
    return (
      <p className="notice notice-warning" role="status">
        {t('signIn.expired')}
      </p>
    );
  }
  if (state.status === 'failed') {
    const message =
      state.error.kind === 'unreachable' ? t('signIn.unreachable') : t('signIn.failed', { reason: state.error.detail ?? t('signIn.failedUnknown') });
    return (
      <p className="notice notice-error" role="alert">
        {message}
      </p>
    );
  }
  return null;
}

/** Shown while keycloak-js completes a sign-in or resumes a session. */
export function StartingPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="starting" aria-busy="true">
      <div className="state state-loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span>{t('signIn.checking')}</span>
      </div>
    </main>
  );
}
