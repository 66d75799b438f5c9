// The real `npm start` on free ports and a temporary data directory: every component answers, SIGTERM stops them
// all with no process left (also when the launcher is killed), and a second start finds the first one's data.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { descendantsOf, distinctFreePorts, killAll, waitUntilGone } from './helpers.ts';
import { startProgram, type RunningProgram } from './helpers-process.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const READY = 'Ctrl-C to stop.';

let dataDir: string;
let env: Record<string, string>;
const leftovers: number[] = [];
const programs: RunningProgram[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-it-'));
  // When the tests run as root, PostgreSQL runs as the postgres user, which must be able to enter the directory.
  chmodSync(dataDir, 0o755);
  env = { XIETONG_DATA_DIR: dataDir, XIETONG_STOP_GRACE_SECONDS: '10' };
  // Every port the platform may bind, so that nothing collides with a developer's running platform or other tests.
  const variables = [
    'XIETONG_PG_PORT', 'XIETONG_KAFKA_PORT', 'XIETONG_IDENTITY_PORT', 'XIETONG_GATEWAY_PORT', 'XIETONG_WEB_PORT',
    'XIETONG_MEETINGS_PORT', 'XIETONG_POLLUTION_PORT', 'XIETONG_MEDICAL_PORT', 'XIETONG_INVESTMENT_PORT',
  ];
  const ports = await distinctFreePorts(variables.length);
  variables.forEach((variable, i) => (env[variable] = String(ports[i])));
});

afterAll(() => {
  for (const program of programs) program.child.kill('SIGKILL');
  killAll(leftovers);
  rmSync(dataDir, { recursive: true, force: true });
});

async function startPlatform(extraEnv: Record<string, string> = {}): Promise<{ program: RunningProgram; processes: number[] }> {
  const program = startProgram(MAIN, { ...env, ...extraEnv });
  programs.push(program);
  await program.waitFor(READY, 90_000);
  const processes = descendantsOf(program.child.pid ?? -1);
  leftovers.push(...processes);
  return { program, processes };
}

async function stopPlatform(program: RunningProgram, processes: number[]): Promise<void> {
  program.child.kill('SIGTERM');
  expect(await program.exit(45_000)).toBe(0);
  expect(await waitUntilGone(processes, 5_000)).toEqual([]);
}

const pgUrl = (database: string): string => `postgresql://xietong:xietong@127.0.0.1:${env.XIETONG_PG_PORT}/${database}`;

async function withClient<T>(database: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl(database) });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function signingKeyIds(): Promise<string[]> {
  const discovery = (await (await fetch(`http://localhost:${env.XIETONG_IDENTITY_PORT}/realms/xietong/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
  };
  expect(discovery.issuer).toBe(`http://localhost:${env.XIETONG_IDENTITY_PORT}/realms/xietong`);
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<{ kid: string }> };
  return jwks.keys.map((key) => key.kid).sort();
}

describe('npm start with the real components', () => {
  let firstKeyIds: string[];

  it('starts PostgreSQL, the broker, the identity provider, the pollution service, the gateway and the web app, prints the ready block, and stops cleanly on SIGTERM', async () => {
    const { program, processes } = await startPlatform();
    const out = program.stdout();
    expect(out.split(READY)).toHaveLength(2);
    // Labels are padded to the longest one, which grows as components are added.
    expect(out).toMatch(new RegExp(`Kafka bootstrap +127\\.0\\.0\\.1:${env.XIETONG_KAFKA_PORT}`));
    expect(out).toMatch(/pollution service +http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain(`postgresql://xietong:xietong@127.0.0.1:${env.XIETONG_PG_PORT}/postgres`);
    expect(out).toContain('henan.environment');
    // The launcher, PostgreSQL's server processes, the broker, the identity provider and the reaper are all below it.
    expect(processes.length).toBeGreaterThanOrEqual(4);

    await withClient('postgres', async (client) => {
      await client.query('CREATE DATABASE launcher_it');
    });
    await withClient('launcher_it', async (client) => {
      await client.query('CREATE TABLE kept (note text)');
      await client.query("INSERT INTO kept VALUES ('from the first run')");
    });

    const kafka = new Kafka({ clientId: 'launcher-test', brokers: [`127.0.0.1:${env.XIETONG_KAFKA_PORT}`], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.port)).toEqual([Number(env.XIETONG_KAFKA_PORT)]);
    } finally {
      await admin.disconnect();
    }

    firstKeyIds = await signingKeyIds();
    expect(firstKeyIds.length).toBeGreaterThan(0);

    await stopPlatform(program, processes);
    expect(program.stdout()).toMatch(/launcher +│ all components stopped/);
  });

  it('finds the first run’s data on a second start: the database, its rows and the signing keys', async () => {
    const { program, processes } = await startPlatform();
    const rows = await withClient('launcher_it', async (client) => (await client.query<{ note: string }>('SELECT note FROM kept')).rows);
    expect(rows).toEqual([{ note: 'from the first run' }]);
    expect(await signingKeyIds()).toEqual(firstKeyIds);
    await stopPlatform(program, processes);
  });

  it('leaves no process behind when the launcher itself is killed, and starts again afterwards', async () => {
    const { program, processes } = await startPlatform();
    program.child.kill('SIGKILL');
    // The orphan reaper asks PostgreSQL for a fast shutdown and stops the others.
    expect(await waitUntilGone(processes, 20_000)).toEqual([]);

    const again = await startPlatform();
    expect(await withClient('launcher_it', async (client) => (await client.query('SELECT count(*)::int AS n FROM kept')).rows)).toEqual([{ n: 1 }]);
    await stopPlatform(again.program, again.processes);
  });

  it('stops everything when PostgreSQL dies, and exits non-zero', async () => {
    const { program, processes } = await startPlatform();
    const postmasterPid = processes.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`bin/postgres\0-D\0${dataDir}`));
    expect(postmasterPid).toBeDefined();
    process.kill(postmasterPid ?? -1, 'SIGKILL');
    expect(await program.exit(45_000)).toBe(1);
    expect(program.stderr()).toContain('postgres was killed by SIGKILL unexpectedly');
    expect(await waitUntilGone(processes, 5_000)).toEqual([]);
  });

  it('refuses a corrupt PostgreSQL data directory, saying how to reset it, and leaves nothing running', async () => {
    const corruptDir = mkdtempSync(path.join(tmpdir(), 'launcher-corrupt-'));
    chmodSync(corruptDir, 0o755);
    try {
      mkdirSync(path.join(corruptDir, 'postgres'));
      writeFileSync(path.join(corruptDir, 'postgres', 'PG_VERSION'), 'not a version\n');
      const program = startProgram(MAIN, { ...env, XIETONG_DATA_DIR: corruptDir });
      programs.push(program);
      const children: number[] = [];
      const watch = setInterval(() => children.push(...descendantsOf(program.child.pid ?? -1)), 100);
      try {
        expect(await program.exit(45_000)).toBe(1);
      } finally {
        clearInterval(watch);
      }
      expect(program.stderr()).toContain(`rm -rf '${path.join(corruptDir, 'postgres')}'`);
      expect(await waitUntilGone([...new Set(children)], 5_000)).toEqual([]);
    } finally {
      rmSync(corruptDir, { recursive: true, force: true });
    }
  });
});
