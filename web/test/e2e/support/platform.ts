// What the end-to-end tests run against, all in this process on loopback: the built app behind static servers,
// the development identity provider, and the real gateway in production mode with the app's persisted operations
// (so only the registered documents run, exactly as deployed).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGateway, createMemoryEventSource, GATEWAY_MODULES, loadPersistedOperations, type Gateway, type MemoryEventSource } from '@xietong/gateway';
import { GATEWAY_CLIENT_ID, REALM_NAME, startIdentityProvider, WEB_CLIENT_ID, type RunningIdentityProvider } from '@xietong/identity';
import { PERSISTED_DOCUMENTS_FILE } from '../../../scripts/codegen.ts';
// The service kit has no light entry for its token verifier yet; the gateway imports it by path the same way.
import { createTokenVerifier } from '../../../../infra/service-kit/src/identity/index.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

/** The running pieces. */
export interface E2ePlatform {
  idp: RunningIdentityProvider;
  gatewayUrl: string;
  gateway: Gateway;
  /** Feeds the gateway's subscriptions (instead of Kafka). */
  events: MemoryEventSource;
  /** The app configured against the identity provider and the gateway. */
  app: StaticServer;
  /** The same app whose gateway address answers nothing. */
  appWithoutGateway: StaticServer;
  /** The same app with no configuration at all. */
  unconfiguredApp: StaticServer;
  stop(): Promise<void>;
}

/** Starts everything; stop() undoes all of it, whatever failed. */
export async function startPlatform(dist: string): Promise<E2ePlatform> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const app = await startStaticServer(dist);
    stops.push(app.stop);
    const appWithoutGateway = await startStaticServer(dist);
    stops.push(appWithoutGateway.stop);
    const unconfiguredApp = await startStaticServer(dist);
    stops.push(unconfiguredApp.stop);

    const dataDir = await mkdtemp(path.join(tmpdir(), 'xietong-web-e2e-idp-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const idp = await startIdentityProvider({
      port: 0,
      dataDir,
      webRedirectUris: [`${app.origin}/*`, `${appWithoutGateway.origin}/*`],
      onServerError: (error) => console.error('identity provider:', error),
    });
    stops.push(idp.stop);

    const events = createMemoryEventSource();
    const gateway: Gateway = createGateway({
      mode: 'production',
      port: 0,
      verifier: createTokenVerifier({ issuer: idp.issuer, audience: GATEWAY_CLIENT_ID, jwksUrl: `${idp.issuer}/protocol/openid-connect/certs` }),
      signIn: { issuer: idp.issuer, url: idp.baseUrl, realm: REALM_NAME, clientId: WEB_CLIENT_ID },
      modules: GATEWAY_MODULES,
      eventSource: events,
      eventRetention: { maxAgeMs: 60_000, maxCount: 100 },
      persistedOperations: loadPersistedOperations(PERSISTED_DOCUMENTS_FILE),
      corsOrigins: [app.origin, appWithoutGateway.origin],
      rateLimitPerMinute: 10_000,
      logLevel: 'silent',
    });
    const gatewayBase = await gateway.listen();
    stops.push(() => gateway.close());
    const gatewayUrl = `${gatewayBase}/graphql`;

    const oidc = { VITE_OIDC_URL: idp.baseUrl, VITE_OIDC_REALM: REALM_NAME, VITE_OIDC_CLIENT_ID: WEB_CLIENT_ID };
    app.configure({ ...oidc, VITE_GATEWAY_URL: gatewayUrl });
    appWithoutGateway.configure({ ...oidc, VITE_GATEWAY_URL: `http://127.0.0.1:${await closedPort()}/graphql` });
    return { idp, gatewayUrl, gateway, events, app, appWithoutGateway, unconfiguredApp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// A port nothing listens on: bound, then released.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
