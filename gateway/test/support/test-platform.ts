// Starts what a gateway test needs in-process: the development identity provider (tokens by the password grant) and
// a gateway on port 0 fed by an in-memory event source. Everything is stopped by stop().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, GATEWAY_CLIENT_ID, passwordGrant, startIdentityProvider, type RunningIdentityProvider } from '@xietong/identity';
import { createTokenVerifier } from '../../src/kit.ts';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.server.ts';
import { createMemoryEventSource, type MemoryEventSource } from '../../src/subscriptions/event-source.ts';

/** A GraphQL response as the tests read it. */
export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> } & Record<string, unknown>;
  text: string;
}

/** The identity provider, shared by several gateways in one test file. */
export interface TestIdentity {
  idp: RunningIdentityProvider;
  /** An access token for a demo user (cached per user). */
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the development identity provider on port 0 in a temporary directory. */
export async function startTestIdentity(): Promise<TestIdentity> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-idp-'));
  const idp = await startIdentityProvider({ port: 0, dataDir, onServerError: () => {} });
  const tokens = new Map<string, Promise<string>>();
  return {
    idp,
    token(username) {
      let token = tokens.get(username);
      if (!token) {
        token = passwordGrant({ baseUrl: idp.baseUrl, username, password: DEMO_PASSWORD }).then((set) => set.accessToken);
        tokens.set(username, token);
      }
      return token;
    },
    async stop() {
      await idp.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running gateway and helpers to call it. */
export interface TestGateway {
  url: string;
  gateway: Gateway;
  source: MemoryEventSource;
  /** POSTs a GraphQL request (an array for a batch). */
  post(body: unknown, token?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** Runs one operation. */
  graphql(query: string, options?: { token?: string | null; variables?: Record<string, unknown> }): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/** Starts a gateway against the identity provider; options override the test defaults. */
export async function startTestGateway(identity: TestIdentity, overrides: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const source = createMemoryEventSource();
  const gateway = createGateway({
    mode: 'development',
    port: 0,
    verifier: createTokenVerifier({ issuer: identity.idp.issuer, audience: GATEWAY_CLIENT_ID, jwksUrl: `${identity.idp.issuer}/protocol/openid-connect/certs` }),
    signIn: { issuer: identity.idp.issuer, url: identity.idp.baseUrl, realm: 'xietong', clientId: 'xietong-web' },
    eventSource: source,
    eventRetention: { maxAgeMs: 60_000, maxCount: 1000 },
    rateLimitPerMinute: 10_000,
    logLevel: 'silent',
    ...overrides,
  });
  const url = await gateway.listen();
  const post = async (body: unknown, token?: string | null, headers: Record<string, string> = {}): Promise<GraphQLResponse> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: GraphQLResponse['body'];
    try {
      parsed = JSON.parse(text) as GraphQLResponse['body'];
    } catch {
      parsed = {};
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    url,
    gateway,
    source,
    post,
    graphql: (query, options = {}) => post({ query, variables: options.variables }, options.token),
    stop: () => gateway.close(),
  };
}
