// Its own file: the helper reads KAFKA_BROKERS once per process, and vitest gives each file a fresh module graph.
import { describe, expect, it } from 'vitest';
import { startKafkaBackend } from '../src/index.ts';

process.env.KAFKA_BROKERS = 'kafka-1.example:9092,kafka-2.example:9092';

describe('startKafkaBackend with KAFKA_BROKERS', () => {
  it('uses the given cluster and starts nothing', async () => {
    const backend = await startKafkaBackend({ mode: 'embedded' });
    expect(backend).toMatchObject({ kind: 'external', brokers: ['kafka-1.example:9092', 'kafka-2.example:9092'] });
    await backend.stop();
  });
});
