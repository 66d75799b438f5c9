import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { readLauncherConfig, REPO_ROOT } from '../src/config.ts';
import { InvalidConfigError } from '../src/launcher.errors.ts';

describe('readLauncherConfig', () => {
  it('defaults to .data at the repository root, loopback and the documented ports', () => {
    const config = readLauncherConfig({}, '/somewhere/else');
    expect(config.dataDir).toBe(path.join(REPO_ROOT, '.data'));
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicHost).toBe('localhost');
    expect(config.ports.postgres).toEqual({ port: 5433, variable: 'XIETONG_PG_PORT' });
    expect(config.ports.kafka.port).toBe(9092);
    expect(config.ports.identity.port).toBe(8180);
    expect(config.ports.gateway.port).toBe(4000);
    expect(config.ports.web.port).toBe(5173);
    expect([config.ports.meetings.port, config.ports.pollution.port, config.ports.medical.port, config.ports.investment.port]).toEqual([
      4101, 4102, 4103, 4104,
    ]);
    expect(config.readyTimeoutMs).toBe(60_000);
    expect(config.stopGraceMs).toBe(10_000);
  });

  it('resolves a relative data directory against the working directory and treats empty variables as unset', () => {
    const config = readLauncherConfig({ XIETONG_DATA_DIR: 'tmp/data', XIETONG_PG_PORT: '' }, '/work');
    expect(config.dataDir).toBe('/work/tmp/data');
    expect(config.ports.postgres.port).toBe(5433);
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      readLauncherConfig({ XIETONG_PG_PORT: 'abc', XIETONG_WEB_PORT: '70000', XIETONG_HOST: 'http://x', XIETONG_STOP_GRACE_SECONDS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems).toContain('XIETONG_PG_PORT: must be a port number from 1 to 65535 (got "abc")');
    expect(problems).toContain('XIETONG_WEB_PORT: must be a port number from 1 to 65535 (got "70000")');
    expect(problems.find((p) => p.startsWith('XIETONG_HOST:'))).toContain('host name or an IP address');
    expect(problems.find((p) => p.startsWith('XIETONG_STOP_GRACE_SECONDS:'))).toContain('more than 0');
  });

  it('refuses two components on one port, naming both variables', () => {
    expect(() => readLauncherConfig({ XIETONG_GATEWAY_PORT: '5433' })).toThrow('XIETONG_PG_PORT and XIETONG_GATEWAY_PORT: all set to 5433');
  });
});
