// oidc-provider issues JWT access tokens only for a resource server (RFC 8707 resource indicators). Keycloak has no
// such notion: every access token is a JWT whose audience comes from the client's audience mappers. So each public
// client gets one implicit resource server standing for its audiences, used whether or not the client names it.
import type { ResourceServer } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';

/** A client's implicit resource server: its indicator and what oidc-provider needs to know about it. */
export interface ClientResourceServer {
  indicator: string;
  info: ResourceServer;
}

/** Finds the implicit resource server of each public client. */
export class ResourceServerDirectory {
  readonly #repository: DemoRealmRepository;
  readonly #scope: string;
  readonly #accessTokenSeconds: number;

  constructor(repository: DemoRealmRepository, scopes: readonly string[]) {
    this.#repository = repository;
    this.#scope = scopes.join(' ');
    this.#accessTokenSeconds = repository.realm.tokenLifetimes.accessTokenSeconds;
  }

  /** The resource server of a public client; throws invalid_target for clients that request no tokens. */
  forClient(clientId: string): ClientResourceServer {
    const client = this.#repository.findPublicClient(clientId);
    const audience = client?.audiences[0];
    if (!client || !audience) throw new errors.InvalidTarget();
    return {
      indicator: `urn:xietong:client:${client.clientId}:audience`,
      info: {
        // The token customizer writes every audience of the client; oidc-provider needs one here.
        audience,
        scope: this.#scope,
        accessTokenFormat: 'jwt',
        accessTokenTTL: this.#accessTokenSeconds,
        jwt: { sign: { alg: 'RS256' } },
      },
    };
  }

  /** The resource server info for an indicator the client sent or was defaulted to. */
  infoFor(clientId: string, indicator: string): ResourceServer {
    const { indicator: own, info } = this.forClient(clientId);
    if (indicator !== own) throw new errors.InvalidTarget();
    return info;
  }
}
