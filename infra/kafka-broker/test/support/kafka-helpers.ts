// kafkajs plumbing shared by the conformance tests: clients with quiet logs and quick group settings, unique names
// (an external Kafka keeps state between runs), polling with deadlines, and reading a topic to its end.
import { randomBytes } from 'node:crypto';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type ConsumerConfig,
  type IHeaders,
  type KafkaConfig,
  type ProducerConfig,
} from 'kafkajs';

/** Group timings that make rebalances take about a second instead of Kafka's defaults of tens of seconds. */
export const QUICK_GROUP: Pick<ConsumerConfig, 'sessionTimeout' | 'rebalanceTimeout' | 'heartbeatInterval' | 'maxWaitTimeInMs'> = {
  sessionTimeout: 6_000,
  rebalanceTimeout: 6_000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 500,
};

/** A kafkajs client for the broker under test with logging off and retries bounded. */
export function createKafka(brokers: string[], clientId = 'conformance', overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    ...overrides,
  });
}

/** Producer settings that keep kafkajs from printing its partitioner migration notice. */
export function producerConfig(overrides: ProducerConfig = {}): ProducerConfig {
  return { createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, ...overrides };
}

/** A name no earlier run used: topics and groups persist in an external Kafka. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Resolves after `ms` milliseconds. */
export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a truthy value, or fails naming `description` once `timeoutMs` has passed. */
export async function waitFor<T>(
  description: string,
  probe: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw new Error(`timed out waiting for ${description}${cause}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

/** Rejects with a message naming `description` if `promise` has not settled within `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, description: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${description()}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Creates a topic and fails loudly if it already existed. */
export async function createTopic(
  admin: Admin,
  topic: string,
  numPartitions: number,
  configEntries: { name: string; value: string }[] = [],
): Promise<void> {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions, replicationFactor: 1, configEntries }],
    waitForLeaders: true,
    timeout: 30_000,
  });
  if (!created) throw new Error(`topic ${topic} already existed`);
}

/** A message as read back by readTopic. */
export interface ReadMessage {
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

/**
 * Reads every message of a topic, from the log start to the high watermarks observed before reading, through a
 * kafkajs consumer group of its own. Reading to the high watermark (rather than to an expected count) is what lets
 * tests see extra records the broker should not have served.
 */
export async function readTopic(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  options: { timeoutMs?: number; consumer?: Partial<ConsumerConfig> } = {},
): Promise<ReadMessage[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const targets = new Map<number, number>();
  for (const { partition, high, low } of offsets) {
    if (Number(high) > Number(low)) targets.set(partition, Number(high) - 1);
  }
  if (targets.size === 0) return [];
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), ...QUICK_GROUP, ...options.consumer });
  const reached = new Set<number>();
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = Number(message.offset);
        const last = targets.get(partition);
        if (last === undefined || offset > last) return;
        messages.push({
          partition,
          offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          value: message.value,
          headers: message.headers ?? {},
          timestamp: message.timestamp,
        });
        if (offset === last) {
          reached.add(partition);
          if (reached.size === targets.size) finish();
        }
      },
    });
    await withTimeout(done, options.timeoutMs ?? 30_000, () => `reading ${topic}: ${messages.length} messages so far, partitions done ${[...reached].join(',')}`);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Groups messages by partition, each list in the order the consumer saw them. */
export function byPartition<T extends { partition: number }>(messages: T[]): Map<number, T[]> {
  const result = new Map<number, T[]>();
  for (const message of messages) {
    const list = result.get(message.partition) ?? [];
    list.push(message);
    result.set(message.partition, list);
  }
  return result;
}

/** The kafkajs protocol error type of an error, looking through retry wrappers. */
export function kafkaErrorType(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const candidate = current as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown; groups?: unknown };
    if (typeof candidate.type === 'string') return candidate.type;
    if (Array.isArray(candidate.errors) && candidate.errors.length > 0) current = candidate.errors[0];
    else if (Array.isArray(candidate.groups) && candidate.groups.length > 0) current = (candidate.groups[0] as { error?: unknown }).error;
    else current = candidate.cause ?? candidate.originalError;
  }
  return undefined;
}

/** Runs `action` expecting it to fail with the given kafkajs protocol error type; returns the error. */
export async function expectKafkaError(action: () => Promise<unknown>, type: string): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    const actual = kafkaErrorType(error);
    if (actual !== type) throw new Error(`expected ${type}, got ${actual ?? 'no protocol error'}: ${String(error)}`, { cause: error });
    return error;
  }
  throw new Error(`expected ${type}, but the call succeeded`);
}
