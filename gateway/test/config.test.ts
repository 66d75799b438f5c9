import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.ts';

const base = { OIDC_ISSUER: 'http://localhost:8180/realms/xietong', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('gateway configuration', () => {
  it('fills the defaults and derives the JWKS URL and the per-instance consumer group', () => {
    const config = loadGatewayConfig(base, 'Gateway_Host.1');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      mode: 'development',
      oidc: { issuer: base.OIDC_ISSUER, audience: 'xietong-gateway', jwksUrl: `${base.OIDC_ISSUER}/protocol/openid-connect/certs`, webClientId: 'xietong-web' },
      kafka: { brokers: ['127.0.0.1:9092'], groupId: 'xietong-gateway-gateway-host-1' },
      bodyLimitBytes: 1024 * 1024,
      eventRetention: { maxAgeMs: 900_000, maxCount: 50_000 },
    });
  });

  it('names every invalid variable at once', () => {
    let problems: Array<{ field: string }> = [];
    try {
      loadGatewayConfig({ GATEWAY_PORT: 'x', GATEWAY_MODE: 'staging', GATEWAY_SERVICE_URLS: 'pollution=ftp://x' }, 'h');
    } catch (error) {
      problems = (error as { problems: Array<{ field: string }> }).problems;
    }
    expect(problems.map((p) => p.field).sort()).toEqual(['GATEWAY_MODE', 'GATEWAY_PORT', 'GATEWAY_SERVICE_URLS', 'KAFKA_BROKERS', 'OIDC_ISSUER']);
  });

  it('requires the persisted operations in production mode', () => {
    expect(() => loadGatewayConfig({ ...base, GATEWAY_MODE: 'production' }, 'h')).toThrow(/GATEWAY_PERSISTED_OPERATIONS_FILE is required in production mode/);
  });

  it('divides the per-user rate limit among the instances (each counts in its own memory)', () => {
    expect(loadGatewayConfig(base, 'h')).toMatchObject({ rateLimitPerMinute: 600, rateLimit: { perUserPerMinute: 600, instanceCount: 1 } });
    expect(loadGatewayConfig({ ...base, GATEWAY_RATE_LIMIT_PER_MINUTE: '600', GATEWAY_INSTANCE_COUNT: '4' }, 'h')).toMatchObject({ rateLimitPerMinute: 150, rateLimit: { perUserPerMinute: 600, instanceCount: 4 } });
    // Rounded down: three instances never allow more than 100 together.
    expect(loadGatewayConfig({ ...base, GATEWAY_RATE_LIMIT_PER_MINUTE: '100', GATEWAY_INSTANCE_COUNT: '3' }, 'h').rateLimitPerMinute).toBe(33);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_RATE_LIMIT_PER_MINUTE: '2', GATEWAY_INSTANCE_COUNT: '3' }, 'h')).toThrow(/GATEWAY_INSTANCE_COUNT must not exceed GATEWAY_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_INSTANCE_COUNT: '0' }, 'h')).toThrow(/GATEWAY_INSTANCE_COUNT/);
  });

  it('parses service URLs', () => {
    expect(loadGatewayConfig({ ...base, GATEWAY_SERVICE_URLS: 'pollution=http://127.0.0.1:4101/, meetings=http://127.0.0.1:4102' }, 'h').serviceUrls).toEqual({
      pollution: 'http://127.0.0.1:4101',
      meetings: 'http://127.0.0.1:4102',
    });
  });
});

describe('the gateway program', () => {
  it('exits with code 2 listing every invalid variable', async () => {
    const { spawnSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const result = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH, GATEWAY_PORT: '99999' }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Invalid configuration \(3 variables\)/);
    expect(result.stderr).toMatch(/GATEWAY_PORT: must be a port number/);
    expect(result.stderr).toMatch(/OIDC_ISSUER: is required but not set/);
    expect(result.stderr).toMatch(/KAFKA_BROKERS: is required but not set/);
  });
});
