import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

import { PlatformFactory } from '../src/component.factories.ts';
import type { ProcessComponentSpec } from '../src/component.types.ts';
import { readLauncherConfig, REPO_ROOT } from '../src/config.ts';
import { platformComponents } from '../src/platform.components.ts';
import { orderByDependencies } from '../src/process.supervisor.ts';

const config = readLauncherConfig({ XIETONG_DATA_DIR: '/data', XIETONG_PG_PORT: '6000' });

function asProcess(spec: unknown): ProcessComponentSpec {
  expect((spec as ProcessComponentSpec).kind).toBe('process');
  return spec as ProcessComponentSpec;
}

describe('the registry', () => {
  it('runs PostgreSQL, the broker, the identity provider, the services, the gateway and the web app with data under XIETONG_DATA_DIR', () => {
    const components = platformComponents(new PlatformFactory(config));
    expect(orderByDependencies(components)).toEqual(['postgres', 'kafka', 'identity', 'pollution', 'gateway', 'web']);
    const pollution = asProcess(components.find((c) => c.name === 'pollution'));
    expect(pollution.env).toMatchObject({ SEED_DEMO_DATA: 'true', PORT: '4102' });
    const gateway = asProcess(components.find((c) => c.name === 'gateway'));
    expect(gateway.env.GATEWAY_CORS_ORIGINS?.split(',')).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(gateway.env.GATEWAY_PERSISTED_OPERATIONS_FILE).toBe(path.join(REPO_ROOT, 'web/src/generated/gql/persisted-documents.json'));
    const kafka = asProcess(components.find((c) => c.name === 'kafka'));
    expect(kafka.args.slice(1)).toEqual(['--host', '127.0.0.1', '--port', '9092', '--data-dir', '/data/kafka']);
    const identity = asProcess(components.find((c) => c.name === 'identity'));
    expect(identity.env).toMatchObject({ IDENTITY_PORT: '8180', IDENTITY_PUBLIC_URL: 'http://localhost:8180', IDENTITY_DATA_DIR: '/data/identity' });
    expect(identity.env.WEB_REDIRECT_URIS?.split(',')).toEqual(['http://localhost:5173/*', 'http://127.0.0.1:5173/*']);
    expect(components.find((c) => c.name === 'postgres')?.ports).toEqual([{ host: '127.0.0.1', port: 6000, variable: 'XIETONG_PG_PORT' }]);
  });
});

describe('PlatformFactory builders', () => {
  it('gives a service its port, the common variables, and a database created before it starts', async () => {
    const p = new PlatformFactory(config);
    const ensure = vi.spyOn(p.postgresAccess, 'ensureDatabase').mockResolvedValue('postgresql://u:p@127.0.0.1:6000/pollution');
    const service = asProcess(p.nodeService({ name: 'pollution', workspace: 'services/pollution', port: p.ports.pollution, database: 'pollution' }));

    expect(service.command).toBe(process.execPath);
    expect(service.args).toEqual([path.join(REPO_ROOT, 'services/pollution/src/main.ts')]);
    expect(service.cwd).toBe(path.join(REPO_ROOT, 'services/pollution'));
    expect(service.env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: '4102',
      KAFKA_BROKERS: '127.0.0.1:9092',
      OIDC_ISSUER: 'http://localhost:8180/realms/xietong',
      OIDC_JWKS_URL: 'http://localhost:8180/realms/xietong/protocol/openid-connect/certs',
      SERVICE_NAME: 'pollution',
    });
    expect(service.ports).toEqual([{ host: '127.0.0.1', port: 4102, variable: 'XIETONG_POLLUTION_PORT' }]);
    expect(service.readiness).toEqual({ kind: 'http', url: 'http://127.0.0.1:4102/health/ready' });
    expect(service.dependsOn).toEqual(['postgres', 'kafka', 'identity']);
    expect(await service.prepare?.()).toEqual({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:6000/pollution' });
    expect(ensure).toHaveBeenCalledWith('pollution');
  });

  it('hands the gateway every service declared before it, and puts the web app after the gateway', () => {
    const p = new PlatformFactory(config);
    const components = [
      p.postgres(),
      p.kafka(),
      p.identity(),
      p.nodeService({ name: 'meetings', workspace: 'services/meetings', port: p.ports.meetings, database: 'meetings' }),
      p.nodeService({ name: 'pollution', workspace: 'services/pollution', port: p.ports.pollution }),
      p.gateway({ workspace: 'gateway', port: p.ports.gateway }),
      p.webApp({ workspace: 'web', port: p.ports.web }),
    ];
    const gateway = asProcess(components.find((c) => c.name === 'gateway'));
    expect(gateway.env).toMatchObject({
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '4000',
      GATEWAY_MODE: 'development',
      GATEWAY_SERVICE_URLS: 'meetings=http://127.0.0.1:4101,pollution=http://127.0.0.1:4102',
      OIDC_ISSUER: 'http://localhost:8180/realms/xietong',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    const web = asProcess(components.find((c) => c.name === 'web'));
    expect(web.args.slice(1)).toEqual(['--host', '127.0.0.1', '--port', '5173', '--strictPort']);
    expect(web.env).toMatchObject({ VITE_GATEWAY_URL: 'http://localhost:4000/graphql', VITE_OIDC_URL: 'http://localhost:8180', VITE_OIDC_REALM: 'xietong' });
    expect(orderByDependencies(components)).toEqual(['postgres', 'kafka', 'identity', 'meetings', 'pollution', 'gateway', 'web']);
    expect(() => p.nodeService({ name: 'late', workspace: 'services/late', port: p.ports.investment })).toThrow('declare the service late before the gateway');
  });
});
