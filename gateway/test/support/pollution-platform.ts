// The real pollution service for gateway tests: embedded PostgreSQL and Kafka (@xietong/test-backends), the service
// started as the launcher starts it (`node services/pollution/src/main.ts` with the nodeService variables), and a
// gateway that calls it with the user's token and is fed by its events from Kafka. stop() ends everything it started.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startKafkaBackend, startNodeService, startPostgresBackend, type KafkaBackend, type PostgresBackend, type RunningNodeService } from '@xietong/test-backends';
import { GATEWAY_MODULES } from '../../src/schema/build-schema.ts';
import { createKafkaEventSource } from '../../src/subscriptions/kafka-event-source.ts';
import { startTestGateway, type TestGateway, type TestIdentity } from './test-platform.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A running pollution service. */
export type RunningPollutionService = RunningNodeService;

/** Starts `services/pollution/src/main.ts` as a child process on a free port; resolves once it listens. */
export async function startPollutionService(env: { databaseUrl: string; brokers: readonly string[]; issuer: string }): Promise<RunningPollutionService> {
  return startNodeService({
    name: 'pollution',
    entry: 'services/pollution/src/main.ts',
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      SERVICE_NAME: 'pollution',
      KAFKA_CLIENT_ID: 'pollution',
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.brokers.join(','),
      OIDC_ISSUER: env.issuer,
      LOG_LEVEL: 'info',
      SEED_DEMO_DATA: 'false',
      // The tests never wait for a deadline; the job still runs, as in production.
      ESCALATION_INTERVAL_SECONDS: '60',
    },
  });
}

/** The backends, the service and a gateway in front of it. */
export interface PollutionPlatform {
  postgres: PostgresBackend;
  kafka: KafkaBackend;
  service: RunningPollutionService;
  gateway: TestGateway;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, Kafka, the pollution service and a gateway using `identity`; waits until the gateway consumes. */
export async function startPollutionPlatform(identity: TestIdentity): Promise<PollutionPlatform> {
  const started: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of started.reverse()) await step().catch(() => {});
  };
  try {
    const [postgres, kafka] = await Promise.all([startPostgresBackend(), startKafkaBackend()]);
    started.push(() => postgres.stop(), () => kafka.stop());
    const service = await startPollutionService({ databaseUrl: await postgres.ensureDatabase('pollution'), brokers: kafka.brokers, issuer: identity.idp.issuer });
    started.push(() => service.stop());
    const topics = [...new Set(GATEWAY_MODULES.flatMap((m) => m.topics ?? []))];
    const gateway = await startTestGateway(identity, {
      serviceUrls: { pollution: service.url },
      eventSource: createKafkaEventSource({ brokers: kafka.brokers, groupId: `xietong-gateway-test-${randomUUID().slice(0, 8)}`, topics, replayMs: 60_000 }),
    });
    started.push(() => gateway.stop());
    // Events are delivered once the consumer has joined its group (readiness says so).
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${gateway.url}/health/ready`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the gateway’s event consumer did not join its group within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { postgres, kafka, service, gateway, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
