import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineConfig, envBoolean, envInt, envList, envPort, envUrl, exitOnInvalidConfig } from '../../src/config/index.ts';
import type { ExitIo } from '../../src/config/index.ts';

const serviceConfig = defineConfig(
  z.object({
    DATABASE_URL: envUrl(['postgres', 'postgresql']),
    PORT: envPort().default(8080),
    KAFKA_BROKERS: envList(),
    OUTBOX_BATCH: envInt(1, 1000).default(100),
    TRACING: envBoolean().default(false),
    OIDC_ISSUER: envUrl(),
  }),
);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('defineConfig / loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = serviceConfig.loadConfig({
      DATABASE_URL: 'postgres://localhost/x',
      KAFKA_BROKERS: 'a:9092, b:9092',
      TRACING: 'FALSE',
      OIDC_ISSUER: 'http://127.0.0.1:8081/realms/xietong',
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgres://localhost/x',
      PORT: 8080,
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      OUTBOX_BATCH: 100,
      TRACING: false,
      OIDC_ISSUER: 'http://127.0.0.1:8081/realms/xietong',
    });
  });

  it('lists every invalid variable with its reason, not just the first', () => {
    const error = configError(() =>
      serviceConfig.loadConfig({ DATABASE_URL: 'mysql://x', PORT: '70000', KAFKA_BROKERS: 'a,,b', OUTBOX_BATCH: 'ten', TRACING: 'maybe' }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.problems).toEqual([
      { field: 'DATABASE_URL', reason: 'must be an absolute postgres or postgresql URL' },
      { field: 'PORT', reason: 'must be a port number (0–65535)' },
      { field: 'KAFKA_BROKERS', reason: 'must not contain empty items' },
      { field: 'OUTBOX_BATCH', reason: 'must be a whole number from 1 to 1000' },
      { field: 'TRACING', reason: 'must be true or false' },
      { field: 'OIDC_ISSUER', reason: 'is required but not set' },
    ]);
  });

  it('treats an empty variable as unset', () => {
    const error = configError(() => serviceConfig.loadConfig({ DATABASE_URL: '', KAFKA_BROKERS: 'a', OIDC_ISSUER: 'https://idp', PORT: '' }));
    expect(error.problems).toEqual([{ field: 'DATABASE_URL', reason: 'is required but not set' }]);
  });
});

describe('exitOnInvalidConfig', () => {
  function fakeIo() {
    const io = {
      written: '',
      code: undefined as number | undefined,
      writeError(text: string) {
        io.written += text;
      },
      exit(code: number): never {
        io.code = code;
        throw new Error('exited');
      },
    };
    return io satisfies ExitIo;
  }

  it('prints every problem and exits with code 2', () => {
    const io = fakeIo();
    expect(() => exitOnInvalidConfig(() => serviceConfig.loadConfig({ PORT: 'x' }), io)).toThrow('exited');
    expect(io.code).toBe(2);
    expect(io.written).toBe(
      'Invalid configuration (4 variables):\n' +
        '  DATABASE_URL: is required but not set\n' +
        '  PORT: must be a port number (0–65535)\n' +
        '  KAFKA_BROKERS: is required but not set\n' +
        '  OIDC_ISSUER: is required but not set\n',
    );
  });

  it('passes a valid configuration through and lets other errors propagate', () => {
    const io = fakeIo();
    expect(exitOnInvalidConfig(() => 42, io)).toBe(42);
    expect(() => exitOnInvalidConfig(() => { throw new TypeError('bug'); }, io)).toThrow(TypeError);
    expect(io.code).toBeUndefined();
  });

  it('makes a real program exit 2 with the list on stderr, printing no values', () => {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'boot.main.ts');
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', ...env } });

    const bad = run({ DATABASE_URL: 'http://secret-host/db', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('Invalid configuration (3 variables):');
    expect(bad.stderr).toContain('DATABASE_URL: must be an absolute postgres or postgresql URL');
    expect(bad.stderr).toContain('PORT: must be a port number');
    expect(bad.stderr).toMatch(/LOG_LEVEL: .*info.*debug/);
    expect(bad.stderr).not.toContain('secret-host');

    const good = run({ DATABASE_URL: 'postgres://127.0.0.1/db', PORT: '0' });
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ DATABASE_URL: 'postgres://127.0.0.1/db', PORT: 0, LOG_LEVEL: 'info' });
  }, 60_000); // two child processes on a shared machine
});
