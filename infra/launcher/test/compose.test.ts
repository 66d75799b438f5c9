// docker-compose.yml in step with what the launcher runs embedded. Whether Compose accepts the file at all is the
// root `npm run check:compose` step (docker-compose config -q), which `npm test` runs; it is not repeated here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { REPO_ROOT } from '../src/config.ts';

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

interface ComposeFile {
  services: Record<string, { image?: string; healthcheck?: { test: unknown }; volumes?: string[]; environment?: Record<string, string>; command?: string[] }>;
}

describe('docker-compose.yml', () => {
  it('runs Kafka 4.1 in KRaft mode, PostgreSQL 18 and Keycloak 26 importing the realm, each with a healthcheck', () => {
    const compose = parse(readFileSync(COMPOSE_FILE, 'utf8')) as ComposeFile;
    const { kafka, postgres, keycloak } = compose.services;
    expect(kafka?.image).toMatch(/^apache\/kafka:4\.1\./);
    expect(kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(postgres?.image).toBe('postgres:18');
    expect(keycloak?.image).toMatch(/^quay\.io\/keycloak\/keycloak:26\./);
    expect(keycloak?.command).toEqual(['start-dev', '--import-realm']);
    for (const service of [kafka, postgres, keycloak]) expect(service?.healthcheck?.test).toBeDefined();

    const realmMount = keycloak?.volumes?.find((v) => v.endsWith(':/opt/keycloak/data/import/xietong-realm.json:ro'));
    expect(realmMount).toBeDefined();
    expect(existsSync(path.join(REPO_ROOT, realmMount?.split(':')[0] ?? ''))).toBe(true);

    const initMount = postgres?.volumes?.find((v) => v.endsWith(':/docker-entrypoint-initdb.d:ro'));
    const initScript = path.join(REPO_ROOT, initMount?.split(':')[0] ?? '', '10-create-databases.sh');
    expect(statSync(initScript).mode & 0o111).not.toBe(0);
    expect(postgres?.environment?.XIETONG_DATABASES?.split(' ')).toEqual(expect.arrayContaining(['keycloak', 'meetings', 'pollution', 'medical', 'investment']));
  });
});
