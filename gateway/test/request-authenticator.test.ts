import { describe, expect, it } from 'vitest';
import { createRequestAuthenticator } from '../src/auth/request-authenticator.ts';
import { UnauthenticatedError, type Principal, type TokenVerifier } from '../src/kit.ts';

const principal: Principal = { subject: 's1', username: 'henan.environment', province: '410000', agency: 'a', roles: ['environment'] };

// A token-shaped string whose payload carries `exp`; the stub verifier below decides validity, not the signature.
function tokenExpiringAt(expSeconds: number, salt = 'x'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ exp: expSeconds, salt })}.sig`;
}

function countingVerifier(valid: (token: string) => boolean): TokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    async verify(token: string) {
      verifier.calls += 1;
      if (!valid(token)) throw new UnauthenticatedError('bad signature');
      return principal;
    },
  };
  return verifier;
}

describe('request authentication', () => {
  it('treats a missing header as anonymous and a non-Bearer header as unauthenticated', async () => {
    const auth = createRequestAuthenticator(countingVerifier(() => true));
    await expect(auth.authenticate(undefined)).resolves.toEqual({ principal: null, token: null });
    await expect(auth.authenticate('Basic dXNlcjpwdw==')).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('verifies a token once and reuses the result until the token expires', async () => {
    let clock = 1_000_000_000_000;
    const verifier = countingVerifier(() => true);
    const auth = createRequestAuthenticator(verifier, { now: () => clock, maxAgeMs: 60_000 });
    const token = tokenExpiringAt(clock / 1000 + 30);
    for (let i = 0; i < 3; i += 1) await expect(auth.authenticate(`Bearer ${token}`)).resolves.toEqual({ principal, token });
    expect(verifier.calls).toBe(1);
    clock += 31_000; // past exp: verified again (and the verifier, which checks exp, decides)
    await auth.authenticate(`Bearer ${token}`);
    expect(verifier.calls).toBe(2);
  });

  it('never caches a failure', async () => {
    const verifier = countingVerifier(() => false);
    const auth = createRequestAuthenticator(verifier);
    const token = tokenExpiringAt(Date.now() / 1000 + 300);
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(verifier.calls).toBe(2);
  });

  it('reuses a verification no longer than maxAgeMs and keeps at most maxEntries tokens', async () => {
    let clock = 1_000_000_000_000;
    const verifier = countingVerifier(() => true);
    const auth = createRequestAuthenticator(verifier, { now: () => clock, maxAgeMs: 1_000, maxEntries: 1 });
    const a = tokenExpiringAt(clock / 1000 + 300, 'a');
    const b = tokenExpiringAt(clock / 1000 + 300, 'b');
    await auth.authenticate(`Bearer ${a}`);
    clock += 1_500;
    await auth.authenticate(`Bearer ${a}`);
    expect(verifier.calls).toBe(2);
    await auth.authenticate(`Bearer ${b}`); // evicts a
    await auth.authenticate(`Bearer ${a}`);
    expect(verifier.calls).toBe(4);
  });
});
