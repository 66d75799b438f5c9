// The data-directory lock: it names the owner by pid and start time, so a live owner keeps the directory, and a lock
// whose pid now belongs to a process started later (pid reuse) or to no process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/index.ts';
import { tempDir } from './helpers/record-batches.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function newDir(): string {
  const t = tempDir('lock');
  cleanups.push(t.remove);
  return t.dir;
}

function startTimeOf(pid: number): string {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19]!;
}

async function start(dataDir: string): Promise<RunningBroker> {
  const broker = await startBroker({ dataDir, logger: () => undefined });
  cleanups.push(() => broker.stop());
  return broker;
}

/** A live process that is not a broker, killed after the test. */
async function liveProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return child as ChildProcess & { pid: number };
}

describe.runIf(fs.existsSync('/proc/self/stat'))('data directory lock', () => {
  it('records the owner pid and its start time, and removes the lock on stop', async () => {
    const dataDir = newDir();
    const broker = await startBroker({ dataDir, logger: () => undefined });
    expect(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8').trim()).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    await broker.stop();
    expect(fs.existsSync(path.join(dataDir, '.lock'))).toBe(false);
  });

  it('refuses a directory whose lock names a live process with the same start time', async () => {
    const dataDir = newDir();
    const owner = await liveProcess();
    fs.writeFileSync(path.join(dataDir, '.lock'), `${owner.pid} ${startTimeOf(owner.pid)}\n`);
    await expect(startBroker({ dataDir, logger: () => undefined })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringContaining(`is in use by another broker (process ${owner.pid})`),
    });
    expect(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8').trim(), 'the owner keeps its lock').toBe(`${owner.pid} ${startTimeOf(owner.pid)}`);
  });

  it('refuses a second broker on the same directory in the same process', async () => {
    const dataDir = newDir();
    await start(dataDir);
    await expect(startBroker({ dataDir, logger: () => undefined })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
  });

  it('takes over a lock whose pid now belongs to a process started after the lock was written (pid reuse)', async () => {
    const dataDir = newDir();
    const other = await liveProcess();
    const earlier = String(Number(startTimeOf(other.pid)) - 1);
    fs.writeFileSync(path.join(dataDir, '.lock'), `${other.pid} ${earlier}\n`);
    await start(dataDir);
    expect(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8').trim()).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = newDir();
    const gone = await liveProcess();
    const startTime = startTimeOf(gone.pid);
    const exited = new Promise<void>((resolve) => gone.once('exit', () => resolve()));
    gone.kill('SIGKILL');
    await exited;
    fs.writeFileSync(path.join(dataDir, '.lock'), `${gone.pid} ${startTime}\n`);
    await start(dataDir);
    expect(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8').trim()).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
  });
});
