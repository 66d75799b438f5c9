import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

/** A signing key of the fake provider. */
export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

/** Makes an RS256 key pair with a key id. */
export async function makeKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

/** A JWKS endpoint on 127.0.0.1 that counts its fetches; tests change its keys or make it fail. */
export async function startJwksServer(keys: TestKey[]) {
  const state = { keys, fetches: 0, status: 200 };
  const server = createServer((req, res) => {
    if (req.url !== '/certs') {
      res.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    if (state.status !== 200) {
      res.writeHead(state.status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/certs`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const ISSUER = 'http://127.0.0.1/realms/xietong';
export const AUDIENCE = 'xietong-api';

/** Claims of a Henan environmental bureau user, as the provider would issue them. */
export function userClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    sub: '5f0c7a52-9f7e-4d59-b1de-3c0f6d0b8a11',
    preferred_username: 'henan.env',
    province: '410000',
    agency: 'henan-dee',
    realm_access: { roles: ['environment', 'offline_access', 'default-roles-xietong'] },
    typ: 'Bearer',
    ...overrides,
  };
}

/** Signs an access token; options change the parts a test attacks. */
export async function signToken(
  key: TestKey,
  claims: JWTPayload = userClaims(),
  options: { issuer?: string; audience?: string | null; expiresIn?: number; notBefore?: number; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.audience !== null) jwt = jwt.setAudience(options.audience ?? AUDIENCE);
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key.privateKey);
}

/** base64url of a JSON value. */
export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
