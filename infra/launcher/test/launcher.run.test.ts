import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { announcedPids, descendantsOf, freePort, killAll, waitUntilGone } from './helpers.ts';
import { startProgram, type RunningProgram } from './helpers-process.ts';

const RUNNER = fileURLToPath(new URL('./fixtures/run-fake-platform.ts', import.meta.url));

let dataDir: string;
const programs: RunningProgram[] = [];
const pids: number[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-run-'));
});

afterEach(() => {
  for (const program of programs.splice(0)) program.child.kill('SIGKILL');
  killAll(pids.splice(0));
  rmSync(dataDir, { recursive: true, force: true });
});

async function startFakePlatform(env: Record<string, string> = {}): Promise<{ program: RunningProgram; children: number[] }> {
  const program = startProgram(RUNNER, { FAKE_PLATFORM_PORT: String(await freePort()), FAKE_PLATFORM_DATA: dataDir, ...env });
  programs.push(program);
  await program.waitFor('=== FAKE PLATFORM READY', 20_000);
  // Every process below the launcher: the components, their grandchildren and the orphan reaper.
  const children = descendantsOf(program.child.pid ?? -1);
  pids.push(...children);
  return { program, children };
}

describe('runPlatform', () => {
  it('prints the ready block once everything is ready, and stops every process on SIGTERM with status 0', async () => {
    const { program, children } = await startFakePlatform();
    // Two components, each with a grandchild, and the reaper.
    expect(children).toHaveLength(5);
    expect(children).toEqual(expect.arrayContaining(announcedPids(program.stdout())));
    expect(program.stdout().match(/=== FAKE PLATFORM READY/g)).toHaveLength(1);

    program.child.kill('SIGTERM');
    expect(await program.exit(15_000)).toBe(0);
    expect(program.stdout()).toContain('launcher │ stopping (received SIGTERM)');
    expect(program.stdout().indexOf('launcher │ app stopped')).toBeLessThan(program.stdout().indexOf('launcher │ db stopped'));
    expect(await waitUntilGone(children)).toEqual([]);
  });

  it('kills at once on a second Ctrl-C', async () => {
    const { program, children } = await startFakePlatform({ FAKE_APP_STUBBORN: '1', FAKE_PLATFORM_GRACE_MS: '60000' });
    program.child.kill('SIGINT');
    await program.waitFor('ignoring SIGTERM', 5_000);
    program.child.kill('SIGINT');
    expect(await program.exit(10_000)).toBe(0);
    expect(program.stderr()).toContain('killing every component now');
    expect(await waitUntilGone(children)).toEqual([]);
  });

  it('leaves no process behind when the launcher itself is killed', async () => {
    const { program, children } = await startFakePlatform();
    program.child.kill('SIGKILL');
    // The orphan reaper stops the groups it was told about.
    expect(await waitUntilGone(children, 15_000)).toEqual([]);
  });

  it('refuses a port in use, naming the port, the component and its variable, and starts nothing', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const program = startProgram(RUNNER, { FAKE_PLATFORM_PORT: String(port), FAKE_PLATFORM_DATA: dataDir });
      programs.push(program);
      expect(await program.exit(15_000)).toBe(1);
      expect(program.stderr()).toContain(`port ${port} on 127.0.0.1 (db) is already in use; set FAKE_DB_PORT to a free port`);
      expect(announcedPids(program.stdout())).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data directory another live launcher holds', async () => {
    const { program } = await startFakePlatform();
    const second = startProgram(RUNNER, { FAKE_PLATFORM_PORT: String(await freePort()), FAKE_PLATFORM_DATA: dataDir });
    programs.push(second);
    expect(await second.exit(15_000)).toBe(1);
    expect(second.stderr()).toContain(`Another launcher (pid ${program.child.pid}) is already running with the data directory ${dataDir}`);
    program.child.kill('SIGTERM');
    expect(await program.exit(15_000)).toBe(0);
  });

  it('refuses a data directory that is a file with status 2 and a message naming it, without a stack', async () => {
    const file = path.join(dataDir, 'a-file');
    writeFileSync(file, 'x');
    const program = startProgram(RUNNER, { FAKE_PLATFORM_PORT: String(await freePort()), FAKE_PLATFORM_DATA: file });
    programs.push(program);
    expect(await program.exit(15_000)).toBe(2);
    expect(program.stderr()).toContain(`Cannot use the data directory ${file}: ${file} is a file, not a directory (EEXIST from mkdir).`);
    expect(program.stderr()).not.toMatch(/^\s+at /m);
  });

  it('takes over a lock left by a launcher that was killed', async () => {
    // A live pid whose start time does not match: the pid of a killed launcher, since reused by another process.
    writeFileSync(path.join(dataDir, 'launcher.pid'), `${process.pid} 1\n`);
    const { program } = await startFakePlatform();
    program.child.kill('SIGTERM');
    expect(await program.exit(15_000)).toBe(0);
  });
});
