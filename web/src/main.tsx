// Entry point: configuration (or the page listing what is missing), languages, sign-in, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app.tsx';
import { AuthProvider } from './auth/auth.context.tsx';
import { createKeycloakAuth } from './auth/keycloak.auth.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { readConfig } from './config.ts';
import { createI18n } from './i18n/i18n.ts';
import { ConfigErrorPage } from './screens/config-error.page.tsx';
import './styles.css';

const i18n = createI18n();
const config = readConfig();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ErrorBoundary>
        {config.ok ? (
          <AuthProvider client={createKeycloakAuth(config.config)}>
            <App gatewayUrl={config.config.gatewayUrl} />
          </AuthProvider>
        ) : (
          <ConfigErrorPage issues={config.issues} />
        )}
      </ErrorBoundary>
    </I18nextProvider>
  </StrictMode>,
);
