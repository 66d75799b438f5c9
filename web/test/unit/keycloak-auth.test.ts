// The keycloak-js adapter against a stand-in Keycloak class: which init options it chooses, how it refreshes tokens
// silently, and how a session ends. The real keycloak-js runs in the end-to-end tests.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnreachableError, SessionEndedError } from '../../src/auth/auth.client.ts';

interface FakeKeycloak {
  config: unknown;
  token?: string;
  tokenParsed?: Record<string, unknown>;
  init: ReturnType<typeof vi.fn>;
  login: ReturnType<typeof vi.fn>;
  logout: ReturnType<typeof vi.fn>;
  updateToken: ReturnType<typeof vi.fn>;
  isTokenExpired: ReturnType<typeof vi.fn>;
  onTokenExpired?: () => void;
  onAuthRefreshSuccess?: () => void;
  onAuthLogout?: () => void;
}

const instances: FakeKeycloak[] = [];

vi.mock('keycloak-js', () => ({
  default: class {
    config: unknown;
    token?: string;
    tokenParsed?: Record<string, unknown>;
    init = vi.fn(async () => false);
    login = vi.fn(async () => {});
    logout = vi.fn(async () => {});
    updateToken = vi.fn(async () => false);
    isTokenExpired = vi.fn(() => false);
    constructor(config: unknown) {
      this.config = config;
      instances.push(this as unknown as FakeKeycloak);
    }
  },
}));

const { createKeycloakAuth, SESSION_MARKER_KEY } = await import('../../src/auth/keycloak.auth.ts');

const CONFIG = { gatewayUrl: 'http://gw.test/graphql', oidcUrl: 'http://idp.test', oidcRealm: 'xietong', oidcClientId: 'xietong-web' };
const CLAIMS = { sub: 's', preferred_username: 'henan.environment', province: '410000', agency: '河南省生态环境厅', realm_access: { roles: ['environment'] } };

function setup() {
  const auth = createKeycloakAuth(CONFIG);
  const keycloak = instances.at(-1);
  if (!keycloak) throw new Error('no Keycloak instance');
  return { auth, keycloak };
}

beforeEach(() => {
  instances.length = 0;
  vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 200 })));
});

describe('createKeycloakAuth', () => {
  it('runs keycloak-js in Keycloak mode with PKCE S256 and no login iframe, without redirecting a first visit', async () => {
    const { auth, keycloak } = setup();
    expect(keycloak.config).toEqual({ url: 'http://idp.test', realm: 'xietong', clientId: 'xietong-web' });
    expect(await auth.start()).toEqual({ status: 'signed-out', reason: 'none' });
    expect(keycloak.init).toHaveBeenCalledWith({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment' });
    // Started once even when asked twice (React's StrictMode runs effects twice).
    await auth.start();
    expect(keycloak.init).toHaveBeenCalledTimes(1);
  });

  it('resumes a signed-in tab with check-sso after probing the provider, and reports the user', async () => {
    window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    const { auth, keycloak } = setup();
    keycloak.init.mockImplementation(async () => {
      keycloak.token = 'access-1';
      keycloak.tokenParsed = CLAIMS;
      return true;
    });
    const started = await auth.start();
    expect(keycloak.init).toHaveBeenCalledWith(expect.objectContaining({ onLoad: 'check-sso' }));
    expect(vi.mocked(fetch)).toHaveBeenCalledWith('http://idp.test/realms/xietong/.well-known/openid-configuration', expect.objectContaining({ mode: 'no-cors' }));
    expect(started).toEqual({ status: 'signed-in', user: expect.objectContaining({ province: '410000', roles: ['environment'] }) });
    expect(window.sessionStorage.getItem(SESSION_MARKER_KEY)).toBe('1');
  });

  it('does not send a resuming tab to a provider that does not answer', async () => {
    window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const { auth, keycloak } = setup();
    expect(await auth.start()).toEqual({ status: 'failed', error: { kind: 'unreachable' } });
    expect(keycloak.init).not.toHaveBeenCalled();
  });

  it('says the session ended when check-sso comes back without one', async () => {
    window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    window.history.replaceState(null, '', '/me#error=login_required&state=abc');
    const { auth, keycloak } = setup();
    expect(await auth.start()).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(keycloak.init).toHaveBeenCalledWith(expect.not.objectContaining({ onLoad: 'check-sso' }));
    expect(window.sessionStorage.getItem(SESSION_MARKER_KEY)).toBeNull();
  });

  it('reads and removes the marker of a completed sign-out', async () => {
    window.history.replaceState(null, '', '/?signed-out=1');
    const { auth } = setup();
    expect(await auth.start()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(window.location.search).toBe('');
  });

  it('shows the provider’s error from the redirect', async () => {
    const { auth, keycloak } = setup();
    keycloak.init.mockRejectedValue({ error: 'access_denied', error_description: 'The user is disabled' });
    expect(await auth.start()).toEqual({ status: 'failed', error: { kind: 'provider-error', detail: 'The user is disabled' } });
  });

  it('refreshes before handing out a token, and says when the session has ended', async () => {
    const { auth, keycloak } = setup();
    keycloak.token = 'access-1';
    keycloak.updateToken.mockImplementation(async () => {
      keycloak.token = 'access-2';
      return true;
    });
    expect(await auth.accessToken()).toBe('access-2');
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);

    // The provider refused the refresh token: keycloak-js cleared the tokens.
    keycloak.updateToken.mockImplementation(async () => {
      keycloak.token = undefined;
      throw new Error('refresh refused');
    });
    await expect(auth.accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('keeps using a still-valid token when the provider cannot be reached for a refresh', async () => {
    const { auth, keycloak } = setup();
    keycloak.token = 'access-1';
    keycloak.updateToken.mockRejectedValue(new TypeError('Failed to fetch'));
    keycloak.isTokenExpired.mockReturnValue(false);
    expect(await auth.accessToken()).toBe('access-1');
  });

  it('refreshes silently when the token expires, and ends the session when that is refused', async () => {
    const { auth, keycloak } = setup();
    const ended = vi.fn();
    auth.onSessionEnded(ended);
    keycloak.token = 'access-1';
    keycloak.updateToken.mockResolvedValue(true);
    keycloak.onTokenExpired?.();
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
    expect(ended).not.toHaveBeenCalled();

    window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    keycloak.onAuthLogout?.();
    expect(ended).toHaveBeenCalledTimes(1);
    expect(window.sessionStorage.getItem(SESSION_MARKER_KEY)).toBeNull();
  });

  it('passes new claims on after a refresh', () => {
    const { auth, keycloak } = setup();
    const changed = vi.fn();
    auth.onUserChanged(changed);
    keycloak.tokenParsed = { ...CLAIMS, realm_access: { roles: ['environment', 'liaison'] } };
    keycloak.onAuthRefreshSuccess?.();
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ roles: ['liaison', 'environment'] }));
  });

  it('signs in in the chosen language, and refuses to leave for a provider that does not answer', async () => {
    const { auth, keycloak } = setup();
    await auth.signIn('en');
    expect(keycloak.login).toHaveBeenCalledWith({ locale: 'en', redirectUri: window.location.href });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(auth.signIn('zh-CN')).rejects.toBeInstanceOf(ProviderUnreachableError);
    expect(keycloak.login).toHaveBeenCalledTimes(1);
  });

  it('signs out at the provider and returns to the sign-in page saying so', async () => {
    window.sessionStorage.setItem(SESSION_MARKER_KEY, '1');
    const { auth, keycloak } = setup();
    await auth.signOut();
    expect(keycloak.logout).toHaveBeenCalledWith({ redirectUri: `${window.location.origin}/?signed-out=1` });
    expect(window.sessionStorage.getItem(SESSION_MARKER_KEY)).toBeNull();
  });
});
