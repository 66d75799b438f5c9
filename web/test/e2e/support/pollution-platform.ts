// The real pollution backend behind the end-to-end run, for the files that need it (the others keep the light
// platform.ts): embedded PostgreSQL and the Kafka-protocol broker (@xietong/test-backends), the pollution service as
// the launcher runs it (`node services/pollution/src/main.ts`, with its demo scenario: the benzene spill at
// Liuzhuang, its alert, case and readings), the development identity provider, and the real gateway in production
// mode with this app's persisted operations, calling the service with the user's token and fed by its events from
// Kafka. stop() ends everything, whatever failed.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGateway, createKafkaEventSource, GATEWAY_MODULES, loadPersistedOperations, type Gateway } from '@xietong/gateway';
import { GATEWAY_CLIENT_ID, REALM_NAME, startIdentityProvider, WEB_CLIENT_ID, type RunningIdentityProvider } from '@xietong/identity';
import { startKafkaBackend, startNodeService, startPostgresBackend, type RunningNodeService } from '@xietong/test-backends';
import { PERSISTED_DOCUMENTS_FILE } from '../../../scripts/codegen.ts';
// The service kit has no light entry for its token verifier yet; the gateway imports it by path the same way.
import { createTokenVerifier } from '../../../../infra/service-kit/src/identity/index.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The running pieces. */
export interface PollutionE2ePlatform {
  idp: RunningIdentityProvider;
  gatewayUrl: string;
  gateway: Gateway;
  service: RunningNodeService;
  /** The app configured against the identity provider and the gateway. */
  app: StaticServer;
  stop(): Promise<void>;
}

/** Starts everything (a minute or so on a busy machine: the service migrates and seeds its demo scenario). */
export async function startPollutionPlatform(dist: string): Promise<PollutionE2ePlatform> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const app = await startStaticServer(dist);
    stops.push(app.stop);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'xietong-web-e2e-pollution-idp-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const idp = await startIdentityProvider({ port: 0, dataDir, webRedirectUris: [`${app.origin}/*`], onServerError: (error) => console.error('identity provider:', error) });
    stops.push(idp.stop);

    const [postgres, kafka] = await Promise.all([startPostgresBackend(), startKafkaBackend()]);
    stops.push(() => postgres.stop(), () => kafka.stop());
    const service = await startNodeService({
      name: 'pollution',
      entry: 'services/pollution/src/main.ts',
      cwd: REPO_ROOT,
      // The launcher's nodeService variables, with the demo scenario.
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        SERVICE_NAME: 'pollution',
        KAFKA_CLIENT_ID: 'pollution',
        DATABASE_URL: await postgres.ensureDatabase('pollution'),
        KAFKA_BROKERS: kafka.brokers.join(','),
        OIDC_ISSUER: idp.issuer,
        // info: the readiness line ("Server listening at …") is logged at info.
        LOG_LEVEL: 'info',
        SEED_DEMO_DATA: 'true',
        ESCALATION_INTERVAL_SECONDS: '60',
      },
      startTimeoutMs: 150_000,
    });
    stops.push(() => service.stop());

    const topics = [...new Set(GATEWAY_MODULES.flatMap((m) => m.topics ?? []))];
    const gateway: Gateway = createGateway({
      mode: 'production',
      port: 0,
      verifier: createTokenVerifier({ issuer: idp.issuer, audience: GATEWAY_CLIENT_ID, jwksUrl: `${idp.issuer}/protocol/openid-connect/certs` }),
      signIn: { issuer: idp.issuer, url: idp.baseUrl, realm: REALM_NAME, clientId: WEB_CLIENT_ID },
      modules: GATEWAY_MODULES,
      serviceUrls: { pollution: service.url },
      eventSource: createKafkaEventSource({ brokers: kafka.brokers, groupId: `xietong-web-e2e-${randomUUID().slice(0, 8)}`, topics, replayMs: 60_000 }),
      eventRetention: { maxAgeMs: 60_000, maxCount: 1000 },
      persistedOperations: loadPersistedOperations(PERSISTED_DOCUMENTS_FILE),
      corsOrigins: [app.origin],
      rateLimitPerMinute: 10_000,
      logLevel: 'silent',
    });
    const gatewayBase = await gateway.listen();
    stops.push(() => gateway.close());
    // Events reach subscribers once the consumer has joined its group (readiness says so).
    const deadline = Date.now() + 60_000;
    while ((await fetch(`${gatewayBase}/health/ready`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the gateway’s event consumer did not join its group within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const gatewayUrl = `${gatewayBase}/graphql`;
    app.configure({ VITE_OIDC_URL: idp.baseUrl, VITE_OIDC_REALM: REALM_NAME, VITE_OIDC_CLIENT_ID: WEB_CLIENT_ID, VITE_GATEWAY_URL: gatewayUrl });
    return { idp, gatewayUrl, gateway, service, app, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
