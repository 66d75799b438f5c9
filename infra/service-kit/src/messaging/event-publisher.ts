import type { Producer } from 'kafkajs';

/** A message ready for the broker. */
export interface PublishableMessage {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Publishes messages and resolves only once the broker acknowledged all of them (acks=all). */
export interface EventPublisher {
  /** Publishes in the given order per key; rejects if any message was not acknowledged. */
  publish(messages: readonly PublishableMessage[]): Promise<void>;
}

/** Wraps a connected kafkajs producer (create it idempotent, with one request in flight, to keep order on retries). */
export function createKafkaPublisher(producer: Producer): EventPublisher {
  return {
    async publish(messages) {
      const byTopic = new Map<string, PublishableMessage[]>();
      for (const m of messages) {
        const list = byTopic.get(m.topic) ?? [];
        list.push(m);
        byTopic.set(m.topic, list);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    },
  };
}
