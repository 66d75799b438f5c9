// Sign-in with keycloak-js in Keycloak mode: authorization code with PKCE (S256) against a real Keycloak or the
// development provider, chosen by configuration alone (docs/decisions/0004, shared/platform-facts.md).
//
// - First visit: the app's own sign-in page, no redirect; the button sends the user to the provider in the app's
//   language (`ui_locales`).
// - Reload of a signed-in tab: a marker in sessionStorage asks keycloak-js for `check-sso`, a full-page round trip with
//   `prompt=none` that comes back signed in while the provider's session lasts. Tokens themselves are never stored.
//   (A silent iframe check would need the provider's third-party-cookie pages, which the development provider does not
//   serve and browsers increasingly block.)
// - Tokens are refreshed before they expire and before every gateway call; a refused refresh ends the session.
// - Sign-out ends the provider's session too (RP-initiated logout with id_token_hint) and returns to the sign-in page.
import Keycloak from 'keycloak-js';
import type { AppConfig } from '../config.ts';
import { ProviderUnreachableError, SessionEndedError, type AuthClient, type AuthFailure, type AuthStart, type SignedOutReason } from './auth.client.ts';
import { userFromClaims, type SignedInUser } from './user.model.ts';

/** sessionStorage key marking that this tab was signed in (so a reload resumes the session). */
export const SESSION_MARKER_KEY = 'xietong.signed-in';
/** Query parameter the provider's logout redirect brings back, so the sign-in page can say the user signed out. */
export const SIGNED_OUT_PARAM = 'signed-out';
/** Query parameter marking a session that ended by itself. */
export const EXPIRED_PARAM = 'session-expired';

/** Refresh when the access token has less than this left (seconds). */
const MIN_VALIDITY_SECONDS = 30;
/** How long the reachability probe of the provider may take. */
const PROBE_TIMEOUT_MS = 5_000;

/** Creates the keycloak-js client for the configuration. */
export function createKeycloakAuth(config: AppConfig): AuthClient {
  const keycloak = new Keycloak({ url: config.oidcUrl, realm: config.oidcRealm, clientId: config.oidcClientId });
  const sessionEndedListeners = new Set<() => void>();
  const userListeners = new Set<(user: SignedInUser) => void>();
  const realmUrl = `${config.oidcUrl}/realms/${encodeURIComponent(config.oidcRealm)}`;

  const endSession = () => {
    setMarker(false);
    for (const listener of sessionEndedListeners) listener();
  };

  keycloak.onTokenExpired = () => {
    // Keep the token fresh while the page is open even when no request is made (e.g. a page left open over lunch).
    keycloak.updateToken(MIN_VALIDITY_SECONDS).catch(() => {
      if (!keycloak.token) endSession();
    });
  };
  keycloak.onAuthRefreshSuccess = () => {
    const user = userFromClaims(keycloak.tokenParsed);
    for (const listener of userListeners) listener(user);
  };
  // keycloak-js clears its tokens when the provider refuses the refresh token (400): the session is over.
  keycloak.onAuthLogout = endSession;

  async function startOnce(): Promise<AuthStart> {
    const reason = takeSignedOutReason();
    const hadSession = hasMarker();
    const resume = reason === 'none' && hadSession && !isCallback();
    if (resume && !(await isReachable(realmUrl))) return { status: 'failed', error: { kind: 'unreachable' } };
    try {
      const authenticated = await keycloak.init({
        pkceMethod: 'S256',
        // The development provider serves no login-status iframe, and Keycloak's needs third-party cookies.
        checkLoginIframe: false,
        responseMode: 'fragment',
        ...(resume ? { onLoad: 'check-sso' as const } : {}),
      });
      if (authenticated) {
        setMarker(true);
        return { status: 'signed-in', user: userFromClaims(keycloak.tokenParsed) };
      }
      setMarker(false);
      // Back from a check-sso round trip without a session: the provider's session ended while the tab was away.
      return { status: 'signed-out', reason: reason === 'none' && hadSession ? 'expired' : reason };
    } catch (error) {
      setMarker(false);
      return { status: 'failed', error: describeFailure(error) };
    }
  }

  // keycloak-js may be initialised once per instance; React's StrictMode runs effects twice in development.
  let started: Promise<AuthStart> | undefined;

  const client: AuthClient = {
    start(): Promise<AuthStart> {
      started ??= startOnce();
      return started;
    },

    async signIn(language: string): Promise<void> {
      if (!(await isReachable(realmUrl))) throw new ProviderUnreachableError();
      await keycloak.login({ locale: language, redirectUri: window.location.href });
    },

    async signOut(): Promise<void> {
      setMarker(false);
      const back = new URL('/', window.location.origin);
      back.searchParams.set(SIGNED_OUT_PARAM, '1');
      await keycloak.logout({ redirectUri: back.toString() });
    },

    async accessToken(): Promise<string> {
      try {
        await keycloak.updateToken(MIN_VALIDITY_SECONDS);
      } catch (error) {
        // A network failure leaves the (possibly still valid) token in place; a refused refresh clears it.
        if (keycloak.token && !keycloak.isTokenExpired()) return keycloak.token;
        if (!keycloak.token) throw new SessionEndedError();
        throw error;
      }
      if (!keycloak.token) throw new SessionEndedError();
      return keycloak.token;
    },

    onSessionEnded(listener) {
      sessionEndedListeners.add(listener);
      return () => sessionEndedListeners.delete(listener);
    },

    onUserChanged(listener) {
      userListeners.add(listener);
      return () => userListeners.delete(listener);
    },
  };
  return client;
}

// Whether the provider answers at all. A no-cors request needs no CORS headers from it (Keycloak sends none for the
// discovery document) and fails only when nothing answers.
async function isReachable(realmUrl: string): Promise<boolean> {
  try {
    await fetch(`${realmUrl}/.well-known/openid-configuration`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

function describeFailure(error: unknown): AuthFailure {
  if (typeof error === 'object' && error !== null && 'error' in error) {
    const { error: code, error_description: description } = error as { error?: unknown; error_description?: unknown };
    const detail = typeof description === 'string' && description ? description : typeof code === 'string' ? code : undefined;
    return { kind: 'provider-error', ...(detail ? { detail } : {}) };
  }
  // keycloak-js rejects with a TypeError when the token endpoint cannot be reached during the code exchange.
  if (error instanceof TypeError) return { kind: 'unreachable' };
  return { kind: 'provider-error', ...(error instanceof Error && error.message ? { detail: error.message } : {}) };
}

// keycloak-js returns from the provider with `state` and `code` or `error` in the URL fragment.
function isCallback(): boolean {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  return fragment.has('state') && (fragment.has('code') || fragment.has('error'));
}

// Reads and removes the marker the provider's logout redirect (or an expired session) left in the query string.
function takeSignedOutReason(): SignedOutReason {
  const url = new URL(window.location.href);
  let reason: SignedOutReason = 'none';
  if (url.searchParams.has(SIGNED_OUT_PARAM)) reason = 'signed-out';
  else if (url.searchParams.has(EXPIRED_PARAM)) reason = 'expired';
  if (reason !== 'none') {
    url.searchParams.delete(SIGNED_OUT_PARAM);
    url.searchParams.delete(EXPIRED_PARAM);
    window.history.replaceState(window.history.state, '', url.toString());
  }
  return reason;
}

function hasMarker(): boolean {
  try {
    return window.sessionStorage.getItem(SESSION_MARKER_KEY) === '1';
  } catch {
    return false;
  }
}

function setMarker(on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    else window.sessionStorage.removeItem(SESSION_MARKER_KEY);
  } catch {
    // Without storage a reload shows the sign-in page; nothing else depends on it.
  }
}
