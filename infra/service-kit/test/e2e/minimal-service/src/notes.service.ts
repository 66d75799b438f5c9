// The composition root: builds the minimal service from its configuration with the service kit only, and starts
// it. (A real service's src/main.ts calls this with loadConfig(process.env) inside exitOnInvalidConfig.)
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  IdempotentConsumer,
  OutboxRelay,
  createAuthenticateHook,
  createKafkaPublisher,
  createKafkaReadinessCheck,
  createPrismaClient,
  createPrismaTransactionRunner,
  createServiceApp,
  createTokenVerifier,
  initTelemetry,
  instrumentConsumer,
  instrumentOutboxRelay,
  registerConnectServices,
  tokenVerifierOptionsOf,
  type ServiceApp,
} from '../../../../src/index.ts';
import { countCreatedNote, createNotesUseCases } from './application/notes.use-cases.ts';
import type { NotesConfig } from './config.ts';
import { NotesService } from './contracts/generated/xietong/kittest/v1/notes_pb.ts';
import { decodeNoteCreated, outboxNoteEvents } from './infrastructure/note-events.ts';
import { prismaNoteCounters, prismaNoteRepository, prismaNotesUnitOfWork } from './infrastructure/prisma-notes.store.ts';
import { PrismaClient } from './infrastructure/prisma/generated/client.ts';
import { notesRoutes } from './routes/notes.routes.ts';
import { notesRpc } from './routes/notes.rpc.ts';

/** The service's name in logs, metrics, WhoAmI and as the Kafka client id. */
export const SERVICE_NAME = 'kittest-notes';
/** The consumer group that keeps the per-province counters. */
export const COUNTER_GROUP = `${SERVICE_NAME}.note-counters`;

/** A started service. */
export interface RunningNotesService {
  readonly service: ServiceApp;
  /** Base URL it listens on. */
  readonly url: string;
  readonly relay: OutboxRelay;
  /** Graceful shutdown: HTTP first, then consumer, relay, broker and database. */
  close(): Promise<void>;
}

/** Builds and starts the service. */
export async function startNotesService(config: NotesConfig): Promise<RunningNotesService> {
  initTelemetry();
  const service = createServiceApp({ name: SERVICE_NAME, host: config.HOST, port: config.PORT, logLevel: config.LOG_LEVEL });
  try {
    const database = createPrismaClient({ databaseUrl: config.DATABASE_URL, PrismaClient, applicationName: SERVICE_NAME });
    service.onShutdown('database', database.close);
    const kafka = new Kafka({ clientId: config.KAFKA_CLIENT_ID ?? SERVICE_NAME, brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const broker = createKafkaReadinessCheck(kafka);
    service.onShutdown('broker readiness', broker.close);
    service.addReadinessCheck('database', database.ready);
    service.addReadinessCheck('broker', broker.check);

    const useCases = createNotesUseCases({
      unitOfWork: prismaNotesUnitOfWork(database, (sql) => outboxNoteEvents(sql, config.NOTES_TOPIC)),
      reader: prismaNoteRepository(database.prisma),
      newId: randomUUID,
      now: () => new Date(),
    });
    const verifier = createTokenVerifier(tokenVerifierOptionsOf(config));
    await service.app.register(notesRoutes(useCases, createAuthenticateHook(verifier)));
    await registerConnectServices(service, (router) => router.service(NotesService, notesRpc(useCases)), { verifier });

    // Producer for the relay: idempotent with one request in flight, so retries never reorder a key's events.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    service.onShutdown('producer', () => producer.disconnect());
    const relay = new OutboxRelay({
      pool: database.pool,
      publisher: createKafkaPublisher(producer),
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      lagIntervalMs: config.OUTBOX_LAG_INTERVAL_MS,
      observer: instrumentOutboxRelay(service.metrics),
      log: (message, error) => service.app.log.warn({ err: error }, message),
    });
    relay.start();
    service.onShutdown('outbox relay', () => relay.stop());

    const deadLetters = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await deadLetters.connect();
    service.onShutdown('dead-letter producer', () => deadLetters.disconnect());
    const consumer = new IdempotentConsumer({
      consumer: kafka.consumer({ groupId: COUNTER_GROUP }),
      groupId: COUNTER_GROUP,
      topics: [config.NOTES_TOPIC],
      producer: deadLetters,
      transactions: createPrismaTransactionRunner(database.prisma),
      decode: decodeNoteCreated,
      handle: (event, sql) => countCreatedNote(prismaNoteCounters(sql), event),
      observer: instrumentConsumer(service.metrics, COUNTER_GROUP),
      log: (message, error) => service.app.log.warn({ err: error }, message),
    });
    await consumer.start();
    service.onShutdown('consumer', () => consumer.stop());

    const url = await service.listen();
    return { service, url, relay, close: () => service.close() };
  } catch (error) {
    // Whatever was started so far registered its shutdown step.
    await service.close();
    throw error;
  }
}
