import { describe, expect, it } from 'vitest';
import { InvalidConfigError, readTestBackendsConfig } from '../src/index.ts';

describe('readTestBackendsConfig', () => {
  it('defaults to auto and no external Kafka', () => {
    expect(readTestBackendsConfig({})).toEqual({ mode: 'auto', kafkaBrokers: undefined });
    expect(readTestBackendsConfig({ XIETONG_TEST_BACKEND: '', KAFKA_BROKERS: ' ' })).toEqual({ mode: 'auto', kafkaBrokers: undefined });
  });

  it('reads the mode and a broker list', () => {
    expect(readTestBackendsConfig({ XIETONG_TEST_BACKEND: 'containers', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      mode: 'containers',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
    });
  });

  it('lists every invalid variable', () => {
    const error = (() => {
      try {
        readTestBackendsConfig({ XIETONG_TEST_BACKEND: 'docker', KAFKA_BROKERS: 'localhost' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems).toEqual([
      'XIETONG_TEST_BACKEND: must be embedded, containers or auto (got "docker")',
      'KAFKA_BROKERS: must be host:port pairs separated by commas (got "localhost")',
    ]);
  });
});
