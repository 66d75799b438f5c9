import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { decodeEnvelopeMessage, readHeaders, UndecodableMessageError } from '../kit.ts';
import type { EventSource } from './event-source.ts';
import { toHubEvent } from './hub-event.ts';

/** Options of the Kafka-fed event source. */
export interface KafkaEventSourceOptions {
  brokers: readonly string[];
  /** One group per gateway instance: every instance must see every event. */
  groupId: string;
  topics: readonly string[];
  /** On start, re-read this far back (ms) so a restarted gateway can still resume subscribers. */
  replayMs: number;
  clientId?: string;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

/**
 * Consumes the domain topics and hands each valid envelope to the hub. Read-only fan-out: an undecodable record is
 * logged and skipped (the owning services' consumers dead-letter it); nothing here writes to Kafka.
 */
export function createKafkaEventSource(options: KafkaEventSourceOptions): EventSource {
  const log = options.log ?? (() => {});
  const kafka = new Kafka({ clientId: options.clientId ?? 'xietong-gateway', brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  let consumer: Consumer | null = null;
  let healthy = false;

  return {
    async start(sink, now) {
      if (options.topics.length === 0) {
        // No module delivers events yet: nothing to consume.
        healthy = true;
        return;
      }
      const admin = kafka.admin();
      await admin.connect();
      // Offsets at (now - replay window) per partition: the retention buffer is refilled after a restart.
      const since = now() - options.replayMs;
      const seeks: Array<{ topic: string; partition: number; offset: string }> = [];
      try {
        const existing = new Set(await admin.listTopics());
        for (const topic of options.topics.filter((t) => existing.has(t))) {
          for (const { partition, offset } of await admin.fetchTopicOffsetsByTimestamp(topic, since)) {
            if (offset !== '-1') seeks.push({ topic, partition, offset });
          }
        }
      } finally {
        await admin.disconnect();
      }
      consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
      consumer.on(consumer.events.CRASH, (event) => {
        healthy = false;
        log('error', 'event consumer crashed', event.payload.error);
      });
      consumer.on(consumer.events.GROUP_JOIN, () => {
        healthy = true;
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: false });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          try {
            const { envelope } = decodeEnvelopeMessage({
              topic,
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              headers: readHeaders(message.headers),
            });
            sink(toHubEvent(envelope, topic, now()));
          } catch (error) {
            if (!(error instanceof UndecodableMessageError)) throw error;
            log('warn', `skipped an undecodable record at ${topic}/${partition}@${message.offset}`, error.message);
          }
        },
      });
      for (const seek of seeks) consumer.seek(seek);
    },
    async stop() {
      healthy = false;
      await consumer?.disconnect();
      consumer = null;
    },
    isHealthy: () => healthy,
  };
}
