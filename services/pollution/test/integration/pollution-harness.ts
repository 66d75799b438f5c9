// Backends, the service and demo users' tokens for the integration tests: real PostgreSQL, the Kafka-protocol broker
// and the OpenID provider from @xietong/test-backends, the service started in process on a free port with a clock
// the test moves, and a consumer collecting every event on the pollution topics.
import type { Code} from '@connectrpc/connect';
import { ConnectError, type Client } from '@connectrpc/connect';
import { decodeEnvelope, ErrorDetailSchema, PollutionService, TOPICS, type EventEnvelope } from '@xietong/proto';
import { passwordGrant, DEMO_PASSWORD } from '@xietong/identity';
import { createServiceClient } from '@xietong/service-kit';
import { startIdentityBackend, startKafkaBackend, startPostgresBackend, type IdentityBackend, type KafkaBackend, type PostgresBackend } from '@xietong/test-backends';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { pollutionConfig } from '../../src/config.ts';
import { startPollutionService, type RunningPollutionService } from '../../src/pollution.service.ts';
import { ManualClock } from '../support/fixtures.ts';

/** The demo users the tests sign in as. */
export const USERS = ['henan.environment', 'shandong.environment', 'shandong.liaison', 'beijing.investment', 'national.observer', 'anhui.environment', 'platform.admin'] as const;
/** One of them. */
export type DemoUser = (typeof USERS)[number];

/** The backends of a test file. */
export interface Backends {
  postgres: PostgresBackend;
  kafka: KafkaBackend;
  identity: IdentityBackend;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, the broker and the identity provider (in parallel). */
export async function startBackends(): Promise<Backends> {
  const [postgres, kafka, identity] = await Promise.all([startPostgresBackend(), startKafkaBackend(), startIdentityBackend()]);
  return {
    postgres,
    kafka,
    identity,
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), identity.stop()]);
    },
  };
}

/** Starts the service on a fresh database of the backends. */
export async function startService(backends: Backends, database: string, options: { seedDemoData?: boolean; clock?: ManualClock } = {}) {
  const databaseUrl = await backends.postgres.ensureDatabase(database);
  const config = pollutionConfig.loadConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: backends.kafka.brokers.join(','),
    OIDC_ISSUER: backends.identity.issuer,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: options.seedDemoData ? 'true' : 'false',
    KAFKA_TOPIC_PARTITIONS: '2',
  });
  const clock = options.clock ?? new ManualClock(new Date().toISOString());
  const service: RunningPollutionService = await startPollutionService(config, { clock, startEscalationTimer: false });
  return { service, clock, databaseUrl };
}

/** Access tokens of the demo users (password grant against the test identity provider). */
export async function tokensFor(backends: Backends): Promise<Record<DemoUser, string>> {
  const entries = await Promise.all(
    USERS.map(async (username) => [username, (await passwordGrant({ baseUrl: backends.identity.issuer, username, password: DEMO_PASSWORD })).accessToken] as const),
  );
  return Object.fromEntries(entries) as Record<DemoUser, string>;
}

/** A Connect client of the service acting as a demo user (Connect errors kept as they are, to check codes). */
export function clientAs(url: string, token: string): Client<typeof PollutionService> {
  return createServiceClient(PollutionService, { baseUrl: url, token, rawErrors: true });
}

/** The Connect code and the kit's error detail of a rejected call. */
export async function rejection(call: Promise<unknown>): Promise<{ code: Code; detailCode: string; problems: Array<{ field: string; reason: string }>; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = ConnectError.from(error);
    const [detail] = e.findDetails(ErrorDetailSchema);
    return { code: e.code, detailCode: detail?.code ?? '', problems: (detail?.problems ?? []).map((p) => ({ field: p.field, reason: p.reason })), message: e.rawMessage };
  }
  throw new Error('the call was expected to fail');
}

/** Every event published on the pollution topics, as envelopes, from the start of the topics. */
export class EventCollector {
  readonly events: Array<{ topic: string; key: string; envelope: EventEnvelope }> = [];
  private consumer: Consumer | undefined;

  async start(brokers: string[]): Promise<void> {
    const kafka = new Kafka({ clientId: 'pollution-tests', brokers, logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `pollution-tests-${Date.now()}`, maxWaitTimeInMs: 200 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOPICS.pollutionAlerts, TOPICS.pollutionCases, TOPICS.pollutionAgreements, TOPICS.pollutionReadings], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (message.value) this.events.push({ topic, key: message.key?.toString() ?? '', envelope: decodeEnvelope(message.value) });
      },
    });
  }

  /** Waits until an event matches (at most `timeoutMs`), then returns every match. */
  async waitFor(predicate: (e: { topic: string; key: string; envelope: EventEnvelope }) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.filter(predicate);
      if (found.length > 0) return found;
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; saw ${this.events.map((e) => e.envelope.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
