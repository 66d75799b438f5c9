// Keycloak's refresh tokens are JWTs, and keycloak-js decodes them (it fails with "Unable to decode token, payload not
// found" on anything else). oidc-provider's are opaque, and it will not issue them in another format: since its 6.x
// only access tokens may have one (panva/node-oidc-provider#593). So each refresh token oidc-provider stores is handed
// out wrapped in a JWT shaped like Keycloak's — HS512 with a key only this provider holds, `typ: "Refresh"`, `azp`,
// `sid`, `scope`, `iss`, `aud` = the issuer, `sub`, `iat`, `exp` — whose `jti` is the stored token's handle. Coming
// back, the wrapper is verified and unwrapped before oidc-provider looks the handle up, so a wrapper with a changed
// claim or signature, or a bare handle, is no refresh token at all (invalid_grant).
import type { JWK } from 'jose';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import type Provider from 'oidc-provider';
import { withDefaultScopes } from './keycloak-tokens.ts';

type RefreshToken = InstanceType<Provider['RefreshToken']>;

type VerificationKey = Awaited<ReturnType<typeof importJWK>>;

const ALGORITHM = 'HS512';

/** The claims that tie a wrapper to the stored refresh token. */
export interface RefreshTokenReference {
  /** The handle oidc-provider stores the refresh token under. */
  jti: string;
  /** The user. */
  sub: string;
  /** The client the token was issued to. */
  azp: string;
}

/** Wraps stored refresh tokens in Keycloak-shaped JWTs and unwraps them again. */
export class RefreshTokenWrapper {
  readonly #issuer: string;
  readonly #kid: string | undefined;
  readonly #key: VerificationKey;

  private constructor(issuer: string, kid: string | undefined, key: VerificationKey) {
    this.#issuer = issuer;
    this.#kid = kid;
    this.#key = key;
  }

  /** Builds a wrapper for the realm's issuer with the HS512 key from the data directory. */
  static async create(issuer: string, key: JWK): Promise<RefreshTokenWrapper> {
    return new RefreshTokenWrapper(issuer, key.kid, await importJWK(key, ALGORITHM));
  }

  /** The JWT a client receives for a saved refresh token. */
  async wrap(token: RefreshToken): Promise<string> {
    const scopes = withDefaultScopes(token.scope ?? '');
    return new SignJWT({
      // Keycloak calls refresh tokens for offline access "Offline".
      typ: scopes.split(' ').includes('offline_access') ? 'Offline' : 'Refresh',
      azp: token.clientId,
      // As in access tokens: the browser session, absent for the password grant (see keycloak-tokens.ts).
      ...(token.sessionUid ? { sid: token.sessionUid } : {}),
      scope: scopes,
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', ...(this.#kid ? { kid: this.#kid } : {}) })
      .setIssuer(this.#issuer)
      .setAudience(this.#issuer)
      .setSubject(token.accountId)
      .setJti(token.jti)
      .setIssuedAt(token.iat)
      .setExpirationTime(token.exp ?? token.iat + token.expiration)
      .sign(this.#key);
  }

  /** The stored token a wrapper names, or undefined when it is not an intact, unexpired wrapper of this issuer. */
  async unwrap(value: unknown): Promise<RefreshTokenReference | undefined> {
    if (typeof value !== 'string') return undefined;
    try {
      const { payload } = await jwtVerify(value, this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.#issuer,
        audience: this.#issuer,
        requiredClaims: ['jti', 'sub', 'exp'],
      });
      const { jti, sub, azp, typ } = payload;
      if ((typ !== 'Refresh' && typ !== 'Offline') || typeof jti !== 'string' || typeof sub !== 'string' || typeof azp !== 'string') {
        return undefined;
      }
      return { jti, sub, azp };
    } catch {
      return undefined;
    }
  }
}

/**
 * Makes the provider hand out and accept only wrapped refresh tokens: saving a refresh token (code, refresh and
 * password grants alike) returns its wrapper, and looking one up (refresh grant) takes a wrapper.
 */
export function useWrappedRefreshTokens(provider: Provider, wrapper: RefreshTokenWrapper): void {
  const model = provider.RefreshToken;
  const { save } = model.prototype;
  const find = model.find.bind(model) as (handle: string, options?: object) => Promise<RefreshToken | undefined>;

  model.prototype.save = async function saveWrapped(this: RefreshToken): Promise<string> {
    // oidc-provider derives iat and exp while saving without keeping them; fixed here, the stored token and its wrapper
    // agree to the second.
    const now = Math.floor(Date.now() / 1000);
    this.iat ||= now;
    this.exp ||= this.iat + this.expiration;
    await save.call(this);
    return wrapper.wrap(this);
  };

  const findWrapped = async (value: string, options?: object): Promise<RefreshToken | undefined> => {
    const reference = await wrapper.unwrap(value);
    if (!reference) return undefined;
    const token = await find(reference.jti, options);
    // The signature already binds the claims; a stored token that disagrees with them is not the one issued.
    if (!token || token.clientId !== reference.azp || token.accountId !== reference.sub) return undefined;
    return token;
  };
  model.find = findWrapped as typeof model.find;
}
