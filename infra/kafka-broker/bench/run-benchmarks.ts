// Benchmarks of the development broker through kafkajs, the client the kit uses. Prints one `name: value unit` line
// per figure on stdout (notes go to stderr):
//   producer_throughput   1 KiB messages, batches of 100, acks=all, up to PRODUCER_WINDOW batches in flight
//   consumer_throughput   reading those messages back with a consumer group (eachBatch)
//   latency_p50/p99       produce→consume latency at a steady 1,000 msg/s, measured from each message's scheduled
//                         send time (so a stalled producer cannot hide latency)
// and each figure's ratio to its target (figure ÷ target: throughput meets its target at ≥ 1, latency at ≤ 1).
// Starts the broker's CLI as a child process with a temporary data directory unless KAFKA_BROKERS is set.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { startEmbeddedBroker, type EmbeddedBroker } from '../test/support/broker-process.ts';

const TARGETS = { producerMsgPerSec: 20_000, consumerMsgPerSec: 40_000, latencyP99Ms: 20 } as const;
const MESSAGE_BYTES = 1_024;
const BATCH_SIZE = 100;
const PRODUCER_WINDOW = 4;
const PRODUCER_MESSAGES = 60_000;
const PRODUCER_MAX_MS = 15_000;
const LATENCY_RATE_PER_SEC = 1_000;
const LATENCY_DURATION_MS = 8_000;
const WATCHDOG_MS = 85_000;

let broker: EmbeddedBroker | undefined;

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

function figure(name: string, value: number, unit: string, decimals = 0): void {
  process.stdout.write(`${name}: ${value.toFixed(decimals)} ${unit}\n`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function createTopic(admin: Admin, topic: string): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true, timeout: 30_000 });
}

async function benchProducer(kafka: Kafka, topic: string): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  const payload = randomBytes(MESSAGE_BYTES);
  const batch = Array.from({ length: BATCH_SIZE }, () => ({ value: payload }));
  try {
    for (let i = 0; i < 20; i += 1) await producer.send({ topic, messages: batch, acks: -1 });
    const started = performance.now();
    const deadline = started + PRODUCER_MAX_MS;
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < PRODUCER_MESSAGES && performance.now() < deadline) {
        sent += BATCH_SIZE;
        await producer.send({ topic, messages: batch, acks: -1 });
      }
    };
    await Promise.all(Array.from({ length: PRODUCER_WINDOW }, worker));
    const seconds = (performance.now() - started) / 1_000;
    note(`producer: ${sent} messages of ${MESSAGE_BYTES} B in ${seconds.toFixed(2)} s, ${PRODUCER_WINDOW} batches of ${BATCH_SIZE} in flight`);
    return sent / seconds;
  } finally {
    await producer.disconnect();
  }
}

async function benchConsumer(kafka: Kafka, admin: Admin, topic: string): Promise<number> {
  const [offsets] = await admin.fetchTopicOffsets(topic);
  const total = Number(offsets?.high ?? 0);
  const consumer = kafka.consumer({ groupId: `bench-consumer-${Date.now()}`, maxBytes: 50 * 1024 * 1024 });
  let consumed = 0;
  let firstAt = 0;
  let firstBatchSize = 0;
  let lastAt = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
        if (firstAt === 0) {
          firstAt = performance.now();
          firstBatchSize = batch.messages.length;
        }
        lastAt = performance.now();
        if (consumed >= total) finish();
      },
    });
    await Promise.race([done, sleep(30_000)]);
  } finally {
    await consumer.disconnect();
  }
  if (consumed < total) throw new Error(`consumer read ${consumed} of ${total} messages within 30 s`);
  // Timed from the first delivered batch, so group joining is not counted; the first batch's messages are excluded
  // from the count for the same reason.
  const seconds = (lastAt - firstAt) / 1_000;
  const timed = consumed - firstBatchSize;
  note(`consumer: ${timed} messages in ${seconds.toFixed(2)} s after the first batch (eachBatch, ${consumed} in all)`);
  return timed / seconds;
}

async function benchLatency(kafka: Kafka, topic: string): Promise<{ p50: number; p99: number; max: number; count: number }> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `bench-latency-${Date.now()}` });
  const scheduled: number[] = [];
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  let warmupSeen = 0;
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        if (value.startsWith('warmup')) {
          warmupSeen += 1;
          return;
        }
        const sentAt = scheduled[Number(value)];
        if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
      },
    });
    // Warm up until the consumer is assigned and fetching.
    for (let attempt = 0; attempt < 100 && warmupSeen === 0; attempt += 1) {
      await producer.send({ topic, messages: [{ value: `warmup-${attempt}` }], acks: -1 });
      await sleep(100);
    }
    if (warmupSeen === 0) throw new Error('the latency consumer received nothing during warm-up');

    const total = (LATENCY_RATE_PER_SEC * LATENCY_DURATION_MS) / 1_000;
    const intervalMs = 1_000 / LATENCY_RATE_PER_SEC;
    const started = performance.now();
    const sends: Promise<unknown>[] = [];
    let next = 0;
    while (next < total) {
      const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
      if (due > next) {
        const messages = [];
        for (; next < due; next += 1) {
          scheduled[next] = started + next * intervalMs;
          messages.push({ value: String(next) });
        }
        const sendStarted = performance.now();
        sends.push(producer.send({ topic, messages, acks: -1 }).then(() => ackLatencies.push(performance.now() - sendStarted)));
      }
      await sleep(1);
    }
    await Promise.all(sends);
    const deadline = performance.now() + 10_000;
    while (latencies.length < total && performance.now() < deadline) await sleep(20);
    if (latencies.length < total) throw new Error(`latency consumer received ${latencies.length} of ${total} messages`);
    const acks = [...ackLatencies].sort((a, b) => a - b);
    // Not a target, but it tells a slow produce path (acks=all) apart from a slow fetch path.
    note(`latency: produce acknowledgement p50 ${percentile(acks, 50).toFixed(2)} ms, p99 ${percentile(acks, 99).toFixed(2)} ms over ${acks.length} requests`);
    const sorted = [...latencies].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

async function main(): Promise<void> {
  const external = process.env.KAFKA_BROKERS?.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  let brokers: string[];
  if (external !== undefined && external.length > 0) {
    brokers = external;
    note(`benchmarking external Kafka at ${brokers.join(',')}`);
  } else {
    broker = await startEmbeddedBroker({ dataDirPrefix: 'kafka-broker-bench-' });
    brokers = broker.brokers;
    note(`benchmarking the development broker at ${brokers.join(',')} (data in ${broker.dataDir})`);
  }
  const kafka = new Kafka({ clientId: 'kafka-broker-bench', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const throughputTopic = `bench-throughput-${suffix}`;
  const latencyTopic = `bench-latency-${suffix}`;
  try {
    await createTopic(admin, throughputTopic);
    await createTopic(admin, latencyTopic);

    const producerRate = await benchProducer(kafka, throughputTopic);
    figure('producer_throughput', producerRate, 'msg/s');
    figure('producer_vs_target', producerRate / TARGETS.producerMsgPerSec, 'ratio', 2);

    const consumerRate = await benchConsumer(kafka, admin, throughputTopic);
    figure('consumer_throughput', consumerRate, 'msg/s');
    figure('consumer_vs_target', consumerRate / TARGETS.consumerMsgPerSec, 'ratio', 2);

    const latency = await benchLatency(kafka, latencyTopic);
    note(`latency: ${latency.count} messages at ${LATENCY_RATE_PER_SEC} msg/s, max ${latency.max.toFixed(1)} ms`);
    figure('latency_p50', latency.p50, 'ms', 2);
    figure('latency_p99', latency.p99, 'ms', 2);
    figure('latency_p99_vs_target', latency.p99 / TARGETS.latencyP99Ms, 'ratio', 2);
    note('ratios are figure ÷ target: throughput meets its target at ≥ 1, latency at ≤ 1');
  } finally {
    if (broker === undefined) await admin.deleteTopics({ topics: [throughputTopic, latencyTopic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

const watchdog = setTimeout(() => {
  note(`benchmark exceeded ${WATCHDOG_MS / 1_000} s; stopping`);
  // broker-process kills the child on exit.
  process.exit(1);
}, WATCHDOG_MS);

try {
  await main();
} catch (error) {
  note(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await broker?.stop();
}
