// The composition root: builds the pollution service from its configuration and starts it — database (migrated at
// boot), broker, use cases, REST and Connect routes, outbox relay, escalation job, demo data.
import { newEventId } from '@xietong/proto';
import {
  createAuthenticateHook,
  createKafkaPublisher,
  createKafkaReadinessCheck,
  createPrismaClient,
  createServiceApp,
  createTokenVerifier,
  initTelemetry,
  instrumentOutboxRelay,
  OutboxRelay,
  registerConnectServices,
  tokenVerifierOptionsOf,
  type ServiceApp,
} from '@xietong/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { PollutionService } from '@xietong/proto';
import { createPollutionUseCases, type PollutionUseCases, type ReadStores } from './application/pollution.use-cases.ts';
import type { IdGenerator } from './application/shared/ports.ts';
import type { PollutionConfig } from './config.ts';
import {
  createReferenceCatalog,
  DEFAULT_ESCALATION_POLICY,
  GB_3838_2002,
  SEED_AGREEMENTS,
  type Clock,
} from './domain/index.ts';
import { EscalationPolicyRegistry } from './application/shared/escalation-policy-registry.ts';
import { migrateDatabase } from './infrastructure/database/database-setup.ts';
import { createUnitOfWork } from './infrastructure/database/unit-of-work.ts';
import { EscalationScheduler } from './infrastructure/escalation/escalation.scheduler.ts';
import { ensurePollutionTopics } from './infrastructure/kafka/pollution-topics.ts';
import { createPollutionMetrics } from './infrastructure/metrics/pollution.metrics.ts';
import { PrismaAlertRepository } from './infrastructure/persistence/alert.repository.ts';
import { PrismaCaseRepository } from './infrastructure/persistence/case.repository.ts';
import { PrismaCompensationRepository } from './infrastructure/persistence/compensation.repository.ts';
import { PrismaEscalationPolicyRepository } from './infrastructure/persistence/escalation-policy.repository.ts';
import { PrismaReadingRepository } from './infrastructure/persistence/reading.repository.ts';
import { PrismaClient } from './infrastructure/prisma/generated/client.ts';
import { seedDemoData } from './infrastructure/seed/demo-data.seeder.ts';
import { pollutionRpc } from './routes/pollution.rpc.ts';
import { READINGS_BODY_LIMIT, readingsRoutes } from './routes/readings.routes.ts';

/** What tests and tools may replace. */
export interface PollutionServiceOverrides {
  /** The service's clock (default: the system clock). Tests move it to make deadlines pass. */
  readonly clock?: Clock;
  /** Ids of new records (default UUIDv7). */
  readonly ids?: IdGenerator;
  /** Start the escalation timer (default true); tests run the job by hand with `escalation.runOnce()`. */
  readonly startEscalationTimer?: boolean;
}

/** A started service. */
export interface RunningPollutionService {
  /** The kit app. */
  readonly service: ServiceApp;
  /** Base URL it listens on. */
  readonly url: string;
  /** The use cases (the seeder and tests drive them directly). */
  readonly useCases: PollutionUseCases;
  /** The escalation job. */
  readonly escalation: EscalationScheduler;
  /** The outbox relay. */
  readonly relay: OutboxRelay;
  /** Graceful shutdown: HTTP first, then the job, relay, broker and database. */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const uuidV7: IdGenerator = { newId: newEventId };

/** Builds and starts the service. */
export async function startPollutionService(config: PollutionConfig, overrides: PollutionServiceOverrides = {}): Promise<RunningPollutionService> {
  initTelemetry();
  const service = createServiceApp({ name: config.SERVICE_NAME, host: config.HOST, port: config.PORT, logLevel: config.LOG_LEVEL });
  const log = service.app.log;
  try {
    if (config.RUN_MIGRATIONS) {
      const { applied } = await migrateDatabase(config.DATABASE_URL);
      if (applied.length > 0) log.info({ applied }, 'database migrated');
    }
    const database = createPrismaClient({ databaseUrl: config.DATABASE_URL, PrismaClient, applicationName: config.SERVICE_NAME, statementTimeoutMs: 60_000 });
    service.onShutdown('database', database.close);
    service.addReadinessCheck('database', database.ready);

    const kafka = new Kafka({ clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME, brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const broker = createKafkaReadinessCheck(kafka);
    service.onShutdown('broker readiness', broker.close);
    service.addReadinessCheck('broker', broker.check);
    const created = await ensurePollutionTopics(kafka, config.KAFKA_TOPIC_PARTITIONS);
    if (created.length > 0) log.info({ topics: created }, 'topics created');

    const clock = overrides.clock ?? systemClock;
    const ids = overrides.ids ?? uuidV7;
    const catalog = createReferenceCatalog();
    const standard = GB_3838_2002;
    // Escalation policies are stored versions; the shipped default is present in every database.
    const policyStore = new PrismaEscalationPolicyRepository(database.prisma);
    if (await policyStore.insertShippedDefault(DEFAULT_ESCALATION_POLICY, clock.now())) log.info('default escalation policy stored');
    const escalationPolicies = new EscalationPolicyRegistry(() => policyStore.allPolicyVersions());
    await escalationPolicies.refresh();
    const escalationPolicy = escalationPolicies.source;
    const transaction = createUnitOfWork(database.prisma, { escalationPolicy });
    const reads = readStoresOf(database.prisma);
    const deps = { transaction, reads, clock, ids, catalog, standard, escalationPolicy, escalationPolicies, maxReadingsPerBatch: config.MAX_READINGS_PER_BATCH };
    const metrics = createPollutionMetrics(service.metrics);
    const useCases = metrics.instrument(createPollutionUseCases(deps));

    // The shipped agreements are reference data: present in every database, whatever SEED_DEMO_DATA says.
    const added = await new PrismaCompensationRepository(database.prisma).insertMissingAgreements(SEED_AGREEMENTS, clock.now());
    if (added > 0) log.info({ added }, 'compensation agreements stored');

    const verifier = createTokenVerifier(tokenVerifierOptionsOf(config));
    await service.app.register(readingsRoutes(useCases, createAuthenticateHook(verifier)));
    await registerConnectServices(service, (router) => router.service(PollutionService, pollutionRpc(useCases, { catalog, standard })), {
      verifier,
      readMaxBytes: READINGS_BODY_LIMIT,
    });

    // Producer for the relay: idempotent with one request in flight, so retries never reorder an aggregate's events.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    service.onShutdown('producer', () => producer.disconnect());
    const relay = new OutboxRelay({
      pool: database.pool,
      publisher: createKafkaPublisher(producer),
      observer: instrumentOutboxRelay(service.metrics),
      log: (message, error) => log.warn({ err: error }, message),
    });
    relay.start();
    service.onShutdown('outbox relay', () => relay.stop());

    const escalation = new EscalationScheduler({
      deps: { transaction, clock, escalationPolicy, job: { kind: 'system', subject: `${config.SERVICE_NAME}:escalation-job` } },
      // Policy versions another instance recorded reach this one here (see EscalationPolicyRegistry).
      refreshPolicies: () => escalationPolicies.refresh(),
      intervalMs: config.ESCALATION_INTERVAL_SECONDS * 1000,
      log,
      onRun: metrics.escalationRun,
    });
    service.onShutdown('escalation job', () => escalation.stop());

    if (config.SEED_DEMO_DATA) {
      const seeded = await seedDemoData({ pool: database.pool, reads, deps, now: clock.now() });
      log.info({ outcome: seeded }, 'demo data');
    }
    if (overrides.startEscalationTimer ?? true) escalation.start();

    const url = await service.listen();
    return { service, url, useCases, escalation, relay, close: () => service.close() };
  } catch (error) {
    // Whatever was started so far registered its shutdown step.
    await service.close();
    throw error;
  }
}

/** The read side: repositories on the client itself, outside any write transaction. */
export function readStoresOf(prisma: PrismaClient): ReadStores {
  const alerts = new PrismaAlertRepository(prisma);
  const cases = new PrismaCaseRepository(prisma);
  const readings = new PrismaReadingRepository(prisma);
  const compensation = new PrismaCompensationRepository(prisma);
  return {
    alerts,
    cases,
    readings,
    escalationPolicies: new PrismaEscalationPolicyRepository(prisma),
    compensation: {
      latestAgreements: () => compensation.latestAgreements(),
      agreementVersions: (id) => compensation.agreementVersions(id),
      findAssessment: (id) => compensation.findAssessment(id),
      listAssessments: (query) => compensation.listAssessments(query),
      readingsBetween: (sectionId, parameters, from, to) => readings.readingsBetween(sectionId, parameters, from, to),
    },
  };
}
