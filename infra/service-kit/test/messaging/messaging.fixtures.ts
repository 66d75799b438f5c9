// Shared set-up of the messaging integration tests: a real PostgreSQL database and a Kafka-protocol broker from the
// test backends (embedded by default), with the kit's outbox and inbox tables.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { inboxTableSql, outboxTableSql } from '../../src/messaging/index.ts';

/** The backends a messaging test runs against. */
export interface MessagingBackends {
  databaseUrl: string;
  brokers: string[];
  pool: pg.Pool;
  kafka: Kafka;
  stop(): Promise<void>;
}

/** Starts PostgreSQL and Kafka, creates a fresh database with the messaging tables. */
export async function startMessagingBackends(database: string): Promise<MessagingBackends> {
  const { startPostgresBackend, startKafkaBackend } = await import('@xietong/test-backends');
  const postgres = await startPostgresBackend();
  const kafkaBackend = await startKafkaBackend();
  const databaseUrl = await postgres.ensureDatabase(database);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  await pool.query(outboxTableSql);
  await pool.query(inboxTableSql);
  const kafka = new Kafka({ clientId: `kit-test-${randomUUID().slice(0, 8)}`, brokers: kafkaBackend.brokers, logLevel: logLevel.NOTHING });
  return {
    databaseUrl,
    brokers: kafkaBackend.brokers,
    pool,
    kafka,
    async stop() {
      await pool.end();
      await kafkaBackend.stop();
      await postgres.stop();
    },
  };
}

/** Reads every message of a topic from the beginning until `done` says it has enough, or the timeout passes. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: (messages: Array<{ key: string | null; value: string; headers: Record<string, string>; partition: number }>) => boolean,
  timeoutMs: number,
): Promise<Array<{ key: string | null; value: string; headers: Record<string, string>; partition: number }>> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: Array<{ key: string | null; value: string; headers: Record<string, string>; partition: number }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(Array.isArray(v) ? v[0] : v);
      seen.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers, partition });
      if (done(seen)) finish();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return seen;
}
