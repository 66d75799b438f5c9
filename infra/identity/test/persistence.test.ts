import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, GATEWAY_CLIENT_ID, passwordGrant, refreshGrant } from '../src/index.ts';
import { makeDataDir, startTestProvider, type TestProvider } from './support/provider.fixture.ts';

const started: TestProvider[] = [];
afterAll(async () => {
  for (const provider of started) await provider.dispose().catch(() => undefined);
});

describe('restart with the same data directory', () => {
  it('keeps signing keys, so tokens issued before the restart verify after it, and keeps refresh tokens', async () => {
    const dataDir = await makeDataDir();
    const first = await startTestProvider({ dataDir });
    const before = await passwordGrant({ baseUrl: first.baseUrl, username: 'henan.liaison', password: DEMO_PASSWORD });
    await first.stop();

    for (const file of ['jwks.json', 'cookie-keys.json', 'refresh-token-key.json', 'store.json']) {
      const { mode } = await stat(path.join(dataDir, file));
      expect(mode & 0o077).toBe(0);
    }

    const second = await startTestProvider({ dataDir, port: first.port });
    started.push(second);
    expect(second.issuer).toBe(first.issuer);
    const jwks = createRemoteJWKSet(new URL(`${second.issuer}/protocol/openid-connect/certs`));
    const { payload } = await jwtVerify(before.accessToken, jwks, { issuer: second.issuer, audience: GATEWAY_CLIENT_ID });
    expect(payload.preferred_username).toBe('henan.liaison');

    const refreshed = await refreshGrant({ baseUrl: second.baseUrl, refreshToken: before.refreshToken ?? '' });
    expect(refreshed.accessToken).toEqual(expect.any(String));
  });

  it('uses new keys for a new data directory', async () => {
    const one = await startTestProvider();
    started.push(one);
    const other = await startTestProvider();
    started.push(other);
    const tokens = await passwordGrant({ baseUrl: one.baseUrl, username: 'henan.liaison', password: DEMO_PASSWORD });
    const jwks = createRemoteJWKSet(new URL(`${other.issuer}/protocol/openid-connect/certs`));
    await expect(jwtVerify(tokens.accessToken, jwks)).rejects.toThrow();
  });
});
