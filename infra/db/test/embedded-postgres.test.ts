import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CorruptDataDirectoryError,
  DataDirectoryAccessError,
  DataDirectoryInUseError,
  InvalidDatabaseNameError,
  PortInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../src/index.ts';
import { makeTempDir } from './temp-dir.ts';

let root: string;
/** A data directory initialised once, copied by the tests that break one. */
let pristine: string;
const started: EmbeddedPostgres[] = [];

async function start(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
  started.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function deadPid(): Promise<number> {
  const child = spawn('true');
  await once(child, 'exit');
  return child.pid ?? 999_999;
}

beforeAll(async () => {
  root = await makeTempDir('xietong-db-test');
  pristine = path.join(root, 'pristine');
  const server = await start(pristine);
  await server.stop();
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  await fs.rm(root, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('keeps data across a restart and stops without leaving a process', async () => {
    const dataDir = path.join(root, 'restart');
    // What a start killed during initdb leaves behind: a staging directory named after its (dead) process.
    const abandoned = path.join(root, `.restart.initdb-${await deadPid()}-0000`);
    await fs.mkdir(abandoned);
    const first = await start(dataDir);
    await expect(fs.access(abandoned)).rejects.toThrow();
    await query(first.adminUrl, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('跨省协同')");
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    await expect(first.exited).resolves.toMatchObject({ code: 0 });

    const second = await start(dataDir);
    expect(second.version).toMatch(/^18\.\d+$/);
    expect(await query(second.adminUrl, 'SELECT note FROM kept')).toEqual([{ note: '跨省协同' }]);
    const [encoding] = await query<{ server_encoding: string }>(second.adminUrl, 'SHOW server_encoding');
    expect(encoding?.server_encoding).toBe('UTF8');
    await second.stop();
    await second.stop(); // idempotent
    expect(isAlive(second.pid)).toBe(false);
  });

  it('creates databases on demand, once, even when asked concurrently', async () => {
    const server = await start(path.join(root, 'databases'));
    const urls = await Promise.all([server.ensureDatabase('meetings'), server.ensureDatabase('meetings'), server.ensureDatabase('meetings')]);
    expect(new Set(urls)).toEqual(new Set([server.urlFor('meetings')]));
    expect(await server.ensureDatabase('meetings')).toBe(server.urlFor('meetings'));
    const rows = await query<{ count: string }>(server.adminUrl, "SELECT count(*) FROM pg_database WHERE datname = 'meetings'");
    expect(rows[0]?.count).toBe('1');
    expect(await query(server.urlFor('meetings'), 'SELECT current_database() AS db')).toEqual([{ db: 'meetings' }]);
    await expect(server.ensureDatabase('Bad-Name"; DROP')).rejects.toBeInstanceOf(InvalidDatabaseNameError);
    await server.stop();
  });

  it('refuses a port that is already in use, naming it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await start(path.join(root, 'port'), port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error).toMatchObject({ code: 'PORT_IN_USE', port });
      expect((error as Error).message).toContain(String(port));
    } finally {
      blocker.close();
    }
  });

  it('reports a garbled PG_VERSION as a corrupt data directory and says how to reset it', async () => {
    const dataDir = path.join(root, 'garbled');
    await fs.cp(pristine, dataDir, { recursive: true });
    await fs.writeFile(path.join(dataDir, 'PG_VERSION'), 'not a version\n');
    const error = await start(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataDirectoryError);
    expect(error).toMatchObject({ code: 'DATA_DIR_CORRUPT', dataDir });
    expect((error as Error).message).toContain(`rm -rf '${dataDir}'`);
  });

  it('reports a half-initialised directory as corrupt', async () => {
    const dataDir = path.join(root, 'half');
    await fs.mkdir(path.join(dataDir, 'base'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'postgresql.conf'), '');
    await expect(start(dataDir)).rejects.toThrow(/no PG_VERSION file/);
  });

  it('reports data PostgreSQL itself cannot start from as corrupt', async () => {
    const dataDir = path.join(root, 'control');
    await fs.cp(pristine, dataDir, { recursive: true });
    await fs.writeFile(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 7));
    const error = await start(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataDirectoryError);
    expect((error as CorruptDataDirectoryError).reason).toMatch(/PG_CONTROL|control file/);
  });

  it('starts over a stale postmaster.pid whose process is gone or is another program', async () => {
    const dataDir = path.join(root, 'stale');
    await fs.cp(pristine, dataDir, { recursive: true });
    const lock = path.join(dataDir, 'postmaster.pid');
    await fs.writeFile(lock, `${await deadPid()}\n${dataDir}\n`);
    const first = await start(dataDir);
    await first.stop();
    await fs.writeFile(lock, `${process.pid}\n${dataDir}\n`);
    const second = await start(dataDir);
    expect(await query(second.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.stop();
  });

  it('refuses a data directory a live server uses, and takes over one whose starter died', async () => {
    const dataDir = path.join(root, 'owned');
    const first = await start(dataDir);
    await expect(start(dataDir)).rejects.toBeInstanceOf(DataDirectoryInUseError);

    // Pretend the process that started the first server was killed: its server is now an orphan.
    await fs.writeFile(path.join(dataDir, 'xietong.owner'), `${await deadPid()}\n`);
    const second = await start(dataDir);
    await first.exited;
    expect(isAlive(first.pid)).toBe(false);
    expect(await query(second.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.stop();
  });

  it('stops the server it spawned when it cannot record itself as the owner, and says why', async () => {
    const dataDir = path.join(root, 'unowned');
    await fs.cp(pristine, dataDir, { recursive: true });
    const writeFile = fs.writeFile.bind(fs);
    const spy = vi.spyOn(fs, 'writeFile').mockImplementation(async (file, ...rest) => {
      if (String(file).endsWith('xietong.owner')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES' });
      return writeFile(file, ...rest);
    });
    let error: unknown;
    try {
      error = await start(dataDir).catch((e: unknown) => e);
    } finally {
      spy.mockRestore();
    }
    // A server that was left running would still hold its lock file with a live pid.
    const lock = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
    const pid = lock === undefined ? undefined : Number.parseInt(lock.split('\n')[0] ?? '', 10);
    const leftRunning = pid !== undefined && isAlive(pid);
    if (leftRunning) process.kill(pid, 'SIGQUIT');
    expect(leftRunning, 'the spawned server was stopped').toBe(false);
    expect(error).toBeInstanceOf(DataDirectoryAccessError);
    expect((error as Error).message).toContain(path.join(dataDir, 'xietong.owner'));
  });

  it('runs as a program from PG_* variables until SIGTERM, then stops PostgreSQL', async () => {
    const dataDir = path.join(root, 'program');
    await fs.cp(pristine, dataDir, { recursive: true });
    const program = spawn(process.execPath, [path.resolve(import.meta.dirname, '../src/postgres.main.ts')], {
      env: { ...process.env, PG_DATA_DIR: dataDir, PG_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    program.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    program.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
        program.stdout.on('data', () => {
          const match = /PostgreSQL [\d.]+ ready at 127\.0\.0\.1:(\d+)/.exec(output);
          if (match) resolve(match);
        });
        program.once('exit', () => reject(new Error(`exited before ready:\n${output}`)));
      });
      const url = `postgresql://xietong:xietong@127.0.0.1:${ready[1]}/postgres`;
      expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const pid = Number.parseInt((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
      program.kill('SIGTERM');
      const [code] = (await once(program, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(isAlive(pid)).toBe(false);
    } finally {
      program.kill('SIGKILL');
    }
  });
});
