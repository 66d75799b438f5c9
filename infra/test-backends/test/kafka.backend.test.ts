import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { startKafkaBackend } from '../src/index.ts';

describe('startKafkaBackend', () => {
  it('gives an embedded broker that accepts topics and records', async () => {
    const backend = await startKafkaBackend({ mode: 'embedded' });
    const kafka = new Kafka({ clientId: 'test-backends', brokers: backend.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer();
    try {
      expect(backend.kind).toBe('embedded');
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'cases.v1', numPartitions: 1 }] });
      await producer.connect();
      await producer.send({ topic: 'cases.v1', messages: [{ key: 'c-1', value: '{"event":"CaseOpened"}' }] });
      const offsets = await admin.fetchTopicOffsets('cases.v1');
      expect(offsets).toEqual([expect.objectContaining({ partition: 0, high: '1' })]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
      await backend.stop();
    }
  });
});
