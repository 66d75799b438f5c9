// Benchmark: commit-to-effect latency through outbox → relay → broker → idempotent consumer, at a steady 200
// events/s, beside raw kafkajs produce→consume latency on the same broker in the same run.
// Prints `name: value unit` lines. Target (issue 4): outbox p99 ≤ raw p99 + 50 ms.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import pg from 'pg';
import { startKafkaBackend, startPostgresBackend } from '@xietong/test-backends';
import {
  IdempotentConsumer,
  OutboxRelay,
  appendToOutbox,
  createKafkaPublisher,
  createPgTransactionRunner,
  inboxTableSql,
  outboxTableSql,
} from '../src/messaging/index.ts';

const rate = 200; // events per second
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const total = rate * seconds;
const targetExtraP99Ms = 50;

/** Resolves when the consumer has joined its group and received its assignment. */
function joinedGroup(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => {
    const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
      remove();
      resolve();
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Calls send() `total` times at a steady rate, correcting for drift, and resolves after the last call. */
async function paced(send: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
}

async function waitUntil(condition: () => boolean, timeoutMs: number, progress: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`benchmark did not complete in time: ${progress()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const postgres = await startPostgresBackend();
const kafkaBackend = await startKafkaBackend();
const pool = new pg.Pool({ connectionString: await postgres.ensureDatabase('kit_bench'), max: 10 });
await pool.query(outboxTableSql);
await pool.query(inboxTableSql);
await pool.query('CREATE TABLE IF NOT EXISTS bench_changes (id UUID PRIMARY KEY, n INTEGER NOT NULL)');
await pool.query('CREATE TABLE IF NOT EXISTS bench_effects (event_id TEXT PRIMARY KEY)');
const kafka = new Kafka({ clientId: 'kit-bench', brokers: kafkaBackend.brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: 'bench.raw', numPartitions: 3 }, { topic: 'bench.outbox', numPartitions: 3 }] });
await admin.disconnect();

// 1. Raw kafkajs: produce with acks=all, consume, latency = receive time − send start.
const rawLatencies: number[] = [];
{
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 500 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: 'bench.raw', fromBeginning: true });
  const joined = joinedGroup(consumer);
  const sentAt = new Map<string, number>();
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.key!.toString();
      const t = sentAt.get(id);
      if (t !== undefined) rawLatencies.push(performance.now() - t);
    },
  });
  await joined; // time only steady state, not the first group join
  await paced(async (i) => {
    const id = `raw-${i}`;
    sentAt.set(id, performance.now());
    await producer.send({ topic: 'bench.raw', acks: -1, messages: [{ key: id, value: Buffer.alloc(256) }] });
  });
  await waitUntil(() => rawLatencies.length >= total, 30_000, () => `${rawLatencies.length}/${total} raw messages consumed`);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
}

// 2. Outbox: commit change + outbox row; relay publishes; consumer applies its effect with the inbox row.
const outboxLatencies: number[] = [];
{
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const dlqProducer = kafka.producer();
  await Promise.all([producer.connect(), dlqProducer.connect()]);
  const relay = new OutboxRelay({ pool, publisher: createKafkaPublisher(producer), pollIntervalMs: 1000 });
  const committedAt = new Map<string, number>();
  const transactions = createPgTransactionRunner(pool);
  const kafkaConsumer = kafka.consumer({ groupId: 'bench-outbox', maxWaitTimeInMs: 500 });
  const joined = joinedGroup(kafkaConsumer);
  const consumer = new IdempotentConsumer<{ id: string }>({
    consumer: kafkaConsumer,
    groupId: 'bench-outbox',
    topics: ['bench.outbox'],
    producer: dlqProducer,
    transactions,
    decode: (m) => ({ id: m.headers['event-id']! }),
    handle: async (event, tx) => {
      await tx.query('INSERT INTO bench_effects (event_id) VALUES ($1)', [event.id]);
    },
    observer: {
      applied: (m) => {
        const t = committedAt.get(m.headers['event-id']!);
        if (t !== undefined) outboxLatencies.push(performance.now() - t);
      },
    },
  });
  relay.start();
  await consumer.start();
  await joined;
  await paced(async (i) => {
    const id = randomUUID();
    // Timed from the start of the transaction: PostgreSQL makes a commit visible before its reply reaches the
    // writer, so the effect can land before the writer hears of the commit. This over-counts by the transaction's
    // own duration (about a millisecond), never under-counts.
    committedAt.set(id, performance.now());
    await transactions.inTransaction(async (tx) => {
      await tx.query('INSERT INTO bench_changes (id, n) VALUES ($1, $2)', [id, i]);
      await appendToOutbox(tx, [{ eventId: id, topic: 'bench.outbox', partitionKey: id, eventType: 'bench.changed', payload: Buffer.alloc(256) }]);
    });
  });
  await waitUntil(() => outboxLatencies.length >= total, 30_000, () => `${outboxLatencies.length}/${total} effects applied`);
  await relay.stop();
  await consumer.stop();
  await Promise.all([producer.disconnect(), dlqProducer.disconnect()]);
}

await pool.end();
await kafkaBackend.stop();
await postgres.stop();

const raw = rawLatencies.sort((a, b) => a - b);
const outbox = outboxLatencies.sort((a, b) => a - b);
const rawP99 = percentile(raw, 99);
const outboxP99 = percentile(outbox, 99);
console.log(`kit_raw_kafka_latency_p50: ${percentile(raw, 50).toFixed(2)} ms`);
console.log(`kit_raw_kafka_latency_p99: ${rawP99.toFixed(2)} ms`);
console.log(`kit_outbox_commit_to_effect_p50: ${percentile(outbox, 50).toFixed(2)} ms`);
console.log(`kit_outbox_commit_to_effect_p99: ${outboxP99.toFixed(2)} ms`);
console.log(`kit_outbox_p99_minus_raw_p99: ${(outboxP99 - rawP99).toFixed(2)} ms`);
console.log(`kit_outbox_extra_p99_vs_budget: ${((outboxP99 - rawP99) / targetExtraP99Ms).toFixed(2)} ratio`);
console.log(`kit_outbox_events: ${outbox.length} count`);
