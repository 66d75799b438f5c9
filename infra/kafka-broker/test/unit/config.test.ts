import { describe, expect, it } from 'vitest';
import { parseBrokerConfig } from '../../src/config.ts';

describe('parseBrokerConfig', () => {
  it('uses defaults, then environment fallbacks, then flags', () => {
    const defaults = parseBrokerConfig([], {});
    expect(defaults).toMatchObject({ kind: 'ok', config: { host: '127.0.0.1', port: 9092, autoCreateTopics: true, defaultPartitions: 1, retentionBytes: -1 } });
    const env = parseBrokerConfig([], { KAFKA_BROKER_HOST: '0.0.0.0', KAFKA_BROKER_PORT: '9093', KAFKA_BROKER_DATA_DIR: '/tmp/x' });
    expect(env).toMatchObject({ kind: 'ok', config: { host: '0.0.0.0', port: 9093, dataDir: '/tmp/x' } });
    const flags = parseBrokerConfig(['--port', '0', '--data-dir=/d', '--auto-create-topics=false', '--retention-ms', '-1', '--segment-bytes', '4096', '--default-partitions', '3'], {
      KAFKA_BROKER_PORT: '9093',
    });
    expect(flags).toMatchObject({ kind: 'ok', config: { port: 0, dataDir: '/d', autoCreateTopics: false, retentionMs: -1, segmentBytes: 4096, defaultPartitions: 3 } });
  });

  it('reports every problem at once, naming the flag or variable', () => {
    const result = parseBrokerConfig(['--port', '70000', '--bogus', '--segment-bytes', 'big', '--auto-create-topics=maybe', '--host'], { KAFKA_BROKER_DATA_DIR: '' });
    expect(result.kind).toBe('invalid');
    const problems = result.kind === 'invalid' ? result.problems.join('\n') : '';
    expect(problems).toMatch(/--port: must be at most 65535/);
    expect(problems).toMatch(/--bogus: unknown option/);
    expect(problems).toMatch(/--segment-bytes: must be an integer/);
    expect(problems).toMatch(/--auto-create-topics: must be true or false/);
    expect(problems).toMatch(/--host: missing value/);
    expect(parseBrokerConfig([], { KAFKA_BROKER_PORT: 'abc' })).toMatchObject({ kind: 'invalid', problems: [expect.stringMatching(/^KAFKA_BROKER_PORT: must be an integer/)] });
  });

  it('recognises --help and -h, whatever else is given', () => {
    expect(parseBrokerConfig(['--port', '1', '--help'], {})).toEqual({ kind: 'help' });
    expect(parseBrokerConfig(['-h'], {})).toEqual({ kind: 'help' });
    expect(parseBrokerConfig(['--bogus', '--help'], {})).toEqual({ kind: 'help' });
  });

  it('accepts negative values after a space, and a bare --auto-create-topics as true', () => {
    expect(parseBrokerConfig(['--retention-ms', '-1', '--retention-bytes=-1', '--auto-create-topics', '--port', '5'], {})).toMatchObject({
      kind: 'ok',
      config: { retentionMs: -1, retentionBytes: -1, autoCreateTopics: true, port: 5 },
    });
    expect(parseBrokerConfig(['--auto-create-topics', 'false'], {})).toMatchObject({ kind: 'ok', config: { autoCreateTopics: false } });
  });

  it('lists stray arguments, repeated flags, unknown short options and a flag followed by another as problems', () => {
    const result = parseBrokerConfig(['stray', '--port', '1', '--port', '2', '-x', '--data-dir', '--host', 'h'], {});
    expect(result).toEqual({
      kind: 'invalid',
      problems: [
        '--data-dir: missing value',
        'stray: unexpected argument (options are given as --name value or --name=value)',
        '--port: given more than once',
        '-x: unknown option',
      ],
    });
  });
});
