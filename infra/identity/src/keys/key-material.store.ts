// Signing keys, cookie keys and the refresh-token key live in the data directory: generated on first start, read back
// on every later start, so tokens and sign-in cookies issued before a restart stay valid after it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';
import { CorruptDataFileError } from '../identity.errors.ts';
import { writeFileAtomically } from '../store/atomic-file.ts';

/** The provider's private signing keys (RS256), the keys that sign its cookies, and the refresh-token key. */
export interface KeyMaterial {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
  /** HS512 key of the refresh tokens (Keycloak signs its refresh tokens with the realm's HMAC key, too). */
  refreshTokenKey: JWK;
}

const privateRsaJwk = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  alg: z.literal('RS256'),
  use: z.literal('sig'),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
});
const jwksFile = z.object({ keys: z.array(privateRsaJwk).min(1) });
const cookieKeysFile = z.object({ keys: z.array(z.string().min(32)).min(1) });
// 64 random bytes, base64url: the key length HS512 calls for.
const refreshTokenKeyFile = z.looseObject({
  kty: z.literal('oct'),
  kid: z.string().min(1),
  alg: z.literal('HS512'),
  use: z.literal('sig'),
  k: z.string().min(86),
});

/** Reads the key files from dataDir, creating whichever is missing. */
export async function loadOrCreateKeyMaterial(dataDir: string): Promise<KeyMaterial> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const jwks = await readOrCreate(path.join(dataDir, 'jwks.json'), jwksFile, async () => ({ keys: [await generateSigningKey()] }));
  const cookies = await readOrCreate(path.join(dataDir, 'cookie-keys.json'), cookieKeysFile, async () => ({
    keys: [randomBytes(32).toString('base64url')],
  }));
  const refreshTokenKey = await readOrCreate(path.join(dataDir, 'refresh-token-key.json'), refreshTokenKeyFile, async () => {
    const jwk = { kty: 'oct', k: randomBytes(64).toString('base64url') };
    return refreshTokenKeyFile.parse({ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'HS512', use: 'sig' });
  });
  return { jwks: { keys: jwks.keys as JWK[] }, cookieKeys: cookies.keys, refreshTokenKey: refreshTokenKey as JWK };
}

async function generateSigningKey(): Promise<z.output<typeof privateRsaJwk>> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return privateRsaJwk.parse({ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' });
}

async function readOrCreate<T extends z.ZodType>(file: string, schema: T, create: () => Promise<z.output<T>>): Promise<z.output<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const created = await create();
    await writeFileAtomically(file, `${JSON.stringify(created, null, 2)}\n`);
    return created;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptDataFileError(file, 'it is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new CorruptDataFileError(file, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return result.data;
}
