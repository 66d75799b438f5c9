import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';

const complete = {
  VITE_GATEWAY_URL: 'http://localhost:4000/graphql',
  VITE_OIDC_URL: 'http://localhost:8180/',
  VITE_OIDC_REALM: 'xietong',
  VITE_OIDC_CLIENT_ID: 'xietong-web',
};

describe('parseConfig', () => {
  it('reads the four variables and trims the identity URL for keycloak-js', () => {
    expect(parseConfig(complete)).toEqual({
      ok: true,
      config: { gatewayUrl: 'http://localhost:4000/graphql', oidcUrl: 'http://localhost:8180', oidcRealm: 'xietong', oidcClientId: 'xietong-web' },
    });
  });

  it('lists every missing variable, an empty one included', () => {
    const result = parseConfig({ VITE_OIDC_REALM: '  ' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { variable: 'VITE_GATEWAY_URL', problem: 'missing' },
        { variable: 'VITE_OIDC_URL', problem: 'missing' },
        { variable: 'VITE_OIDC_REALM', problem: 'missing' },
        { variable: 'VITE_OIDC_CLIENT_ID', problem: 'missing' },
      ],
    });
  });

  it('refuses URLs that are not http(s) and names with spaces', () => {
    const result = parseConfig({ ...complete, VITE_GATEWAY_URL: 'ftp://x/graphql', VITE_OIDC_URL: 'not a url', VITE_OIDC_CLIENT_ID: 'two words' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { variable: 'VITE_GATEWAY_URL', problem: 'invalid-url' },
      { variable: 'VITE_OIDC_URL', problem: 'invalid-url' },
      { variable: 'VITE_OIDC_CLIENT_ID', problem: 'invalid-name' },
    ]);
  });

  it('lets the run-time values (/config.js) override the build, and ignores empty run-time values', () => {
    const result = parseConfig(complete, { VITE_GATEWAY_URL: 'https://gw.example.gov.cn/graphql', VITE_OIDC_REALM: '' });
    expect(result.ok && result.config.gatewayUrl).toBe('https://gw.example.gov.cn/graphql');
    expect(result.ok && result.config.oidcRealm).toBe('xietong');
  });
});
