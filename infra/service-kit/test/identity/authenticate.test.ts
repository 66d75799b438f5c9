import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthenticateHook, createTokenVerifier, principalOf } from '../../src/identity/index.ts';
import type { TokenVerifierOptions } from '../../src/identity/index.ts';
import { AUDIENCE, ISSUER, b64url, makeKey, signToken, startJwksServer, userClaims } from './jwks-server.fixture.ts';
import type { TestKey } from './jwks-server.fixture.ts';

let key: TestKey;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;

beforeAll(async () => {
  key = await makeKey('key-1');
  jwks = await startJwksServer([key]);
});
afterAll(async () => {
  await jwks.close();
});
beforeEach(() => {
  jwks.state.keys = [key];
  jwks.state.status = 200;
  jwks.state.fetches = 0;
});

// A tiny service: one route behind the kit's hook that echoes the principal.
async function appWith(overrides: Partial<TokenVerifierOptions> = {}): Promise<FastifyInstance> {
  const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url, algorithms: ['RS256'], clockToleranceSec: 30, ...overrides });
  const app = Fastify({ logger: false });
  app.get('/whoami', { onRequest: createAuthenticateHook(verifier) }, async (request) => principalOf(request));
  await app.ready();
  return app;
}

function call(app: FastifyInstance, token?: string, scheme = 'Bearer') {
  return app.inject({ method: 'GET', url: '/whoami', headers: token === undefined ? {} : { authorization: `${scheme} ${token}` } });
}

function expectRejected(response: Awaited<ReturnType<typeof call>>) {
  expect(response.statusCode).toBe(401);
  expect(response.headers['www-authenticate']).toBe('Bearer realm="xietong", error="invalid_token"');
  // Exactly the stable code and the generic message: nothing about which check failed.
  expect(response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'A valid bearer token is required.' });
}

describe('authenticate hook with a pinned token verifier', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts a valid token and yields the principal, keeping only Xietong roles', async () => {
    const response = await call(app, await signToken(key));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      subject: '5f0c7a52-9f7e-4d59-b1de-3c0f6d0b8a11',
      username: 'henan.env',
      province: '410000',
      agency: 'henan-dee',
      roles: ['environment'],
    });
  });

  it('challenges a request without credentials (no error code, per RFC 6750)', async () => {
    const response = await call(app);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="xietong"');
    expect(response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'A valid bearer token is required.' });
  });

  it('rejects another scheme and garbage', async () => {
    expectRejected(await call(app, await signToken(key), 'Basic'));
    expectRejected(await call(app, 'not-a-jwt'));
    expectRejected(await call(app, 'a.b.c'));
    expectRejected(await call(app, `${b64url({ alg: 'RS256', kid: 'key-1' })}.${b64url('x')}.AAAA`));
  });

  it('rejects alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...userClaims(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 })}.`;
    expectRejected(await call(app, unsigned));
  });

  it('rejects HS256 signed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...userClaims(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
    for (const secret of [key.publicPem, JSON.stringify(key.publicJwk)]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new TextEncoder().encode(secret));
      expectRejected(await call(app, forged));
    }
  });

  it('rejects a wrong or missing audience', async () => {
    expectRejected(await call(app, await signToken(key, userClaims(), { audience: 'account' })));
    expectRejected(await call(app, await signToken(key, userClaims(), { audience: null })));
  });

  it('rejects a wrong issuer', async () => {
    expectRejected(await call(app, await signToken(key, userClaims(), { issuer: 'http://127.0.0.1/realms/other' })));
  });

  it('rejects an expired token beyond the 30 s skew, accepts one within it', async () => {
    expectRejected(await call(app, await signToken(key, userClaims(), { expiresIn: -60 })));
    expect((await call(app, await signToken(key, userClaims(), { expiresIn: -10 }))).statusCode).toBe(200);
  });

  it('rejects a token without exp', async () => {
    const noExp = await new SignJWT({ ...userClaims(), iss: ISSUER, aud: AUDIENCE }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    expectRejected(await call(app, noExp));
  });

  it('rejects a token not yet valid beyond the skew', async () => {
    expectRejected(await call(app, await signToken(key, userClaims(), { notBefore: 120 })));
    expect((await call(app, await signToken(key, userClaims(), { notBefore: 10 }))).statusCode).toBe(200);
  });

  it('rejects an unknown key id', async () => {
    const stranger = await makeKey('key-unknown');
    expectRejected(await call(app, await signToken(stranger)));
    // Signed by a stranger's key but claiming our key id: the signature check fails.
    expectRejected(await call(app, await signToken(stranger, userClaims(), { kid: key.kid })));
  });

  it('rejects tampered claims', async () => {
    const [header, payload, signature] = (await signToken(key)).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const promoted = b64url({ ...claims, province: '000000', realm_access: { roles: ['observer'] } });
    expectRejected(await call(app, `${header}.${promoted}.${signature}`));
  });

  it('rejects tokens whose claims cannot make a principal, and non-access tokens', async () => {
    expectRejected(await call(app, await signToken(key, userClaims({ province: '4100' }))));
    expectRejected(await call(app, await signToken(key, userClaims({ province: '410100' }))));
    expectRejected(await call(app, await signToken(key, userClaims({ agency: undefined }))));
    expectRejected(await call(app, await signToken(key, userClaims({ preferred_username: '' }))));
    expectRejected(await call(app, await signToken(key, userClaims({ realm_access: { roles: 'admin' } }))));
    expectRejected(await call(app, await signToken(key, userClaims({ typ: 'ID' }))));
    // An otherwise valid token without Keycloak's access-token type is not an access token.
    expectRejected(await call(app, await signToken(key, userClaims({ typ: undefined }))));
  });
});

describe('a rejected request', () => {
  it('never reaches the handler, whether the hook runs onRequest or preHandler', async () => {
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url });
    const authenticate = createAuthenticateHook(verifier);
    let handled = 0;
    const app = Fastify({ logger: false });
    app.post('/on-request', { onRequest: authenticate }, async () => ({ handled: ++handled }));
    app.post('/pre-handler', { preHandler: authenticate }, async () => ({ handled: ++handled }));
    try {
      const expired = await signToken(key, userClaims(), { expiresIn: -3600 });
      for (const url of ['/on-request', '/pre-handler']) {
        expectRejected(await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${expired}` }, payload: { x: 1 } }));
      }
      expect(handled).toBe(0);
      const valid = await app.inject({ method: 'POST', url: '/pre-handler', headers: { authorization: `Bearer ${await signToken(key)}` }, payload: {} });
      expect(valid.json()).toEqual({ handled: 1 });
    } finally {
      await app.close();
    }
  });
});

describe('JWKS fetching', () => {
  it('fetches the JWKS once for a flood of unknown key ids', async () => {
    const app = await appWith({ jwksCooldownMs: 60_000 });
    try {
      expect((await call(app, await signToken(key))).statusCode).toBe(200);
      expect(jwks.state.fetches).toBe(1);
      const strangers = await Promise.all(Array.from({ length: 4 }, (_, i) => makeKey(`forged-${i}`)));
      const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => signToken(strangers[i % 4]!, userClaims(), { kid: `forged-${i}` })));
      const responses = await Promise.all(tokens.map((token) => call(app, token)));
      for (const response of responses) expectRejected(response);
      // Within the cooldown no unknown kid triggers a refetch at all.
      expect(jwks.state.fetches).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('picks up a rotated key after the cooldown, with one refetch', async () => {
    // Only Date is faked (jose and the verifier read the clock through it); sockets and timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = await appWith({ jwksCooldownMs: 30_000 });
    try {
      const next = await makeKey('key-2');
      expect((await call(app, await signToken(key))).statusCode).toBe(200);
      jwks.state.keys = [key, next];
      // Within the cooldown after a fetch the new kid stays unknown: no refetch.
      vi.setSystemTime(Date.now() + 29_000);
      expectRejected(await call(app, await signToken(next)));
      expect(jwks.state.fetches).toBe(1);
      vi.setSystemTime(Date.now() + 2_000);
      const rotated = await Promise.all(Array.from({ length: 10 }, async () => call(app, await signToken(next))));
      expect(rotated.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      expect(jwks.state.fetches).toBe(2);
    } finally {
      vi.useRealTimers();
      await app.close();
    }
  });

  it('answers 503 while the provider is down, refetching at most once per back-off', async () => {
    jwks.state.status = 500;
    const app = await appWith({ jwksFailureBackoffMs: 60_000 });
    try {
      const token = await signToken(key);
      const responses = [];
      for (let i = 0; i < 20; i += 1) responses.push(await call(app, token));
      for (const response of responses) {
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ code: 'IDENTITY_UNAVAILABLE', message: 'Sign-in cannot be checked right now; try again shortly.' });
      }
      expect(jwks.state.fetches).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('refuses to be configured with none or HMAC algorithms', () => {
    expect(() => createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url, algorithms: ['RS256', 'HS256'] })).toThrow(RangeError);
    expect(() => createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url, algorithms: ['none'] })).toThrow(RangeError);
  });
});

describe('token verifier reasons (for logs, never for the caller)', () => {
  it('rejects each attack at the intended check', async () => {
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url });
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...userClaims(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
    const cases: Array<[string, string]> = [
      [`${b64url({ alg: 'none' })}.${b64url(claims)}.`, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      [await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new TextEncoder().encode(key.publicPem)), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      [await signToken(key, userClaims(), { audience: 'account' }), 'unexpected "aud"'],
      [await signToken(key, userClaims(), { audience: null }), 'missing required "aud"'],
      [await signToken(key, userClaims(), { issuer: 'http://evil' }), 'unexpected "iss"'],
      [await signToken(key, userClaims(), { expiresIn: -60 }), 'ERR_JWT_EXPIRED'],
      [await signToken(key, userClaims(), { notBefore: 120 }), '"nbf" claim'],
      [await signToken(await makeKey('other'), userClaims()), 'ERR_JWKS_NO_MATCHING_KEY'],
      [await signToken(key, userClaims({ province: '4100' })), 'province claim'],
    ];
    for (const [token, reason] of cases) {
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: expect.stringContaining(reason) });
    }
  });
});
