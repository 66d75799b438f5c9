// The CLI's answers to bad input: exit status 2, one message naming the path and how to fix it, and no stack trace.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROKER_MAIN, resolveNodeBinary } from '../support/broker-process.ts';
import { tempDir } from './helpers/record-batches.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function newDir(): string {
  const t = tempDir('cli');
  cleanups.push(t.remove);
  return t.dir;
}

/** Runs the CLI to its exit (bounded by a timeout that kills it). */
function runCli(args: string[], options: { uid?: number; gid?: number } = {}): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(resolveNodeBinary(), [BROKER_MAIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH }, ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, stdout });
    });
  });
}

function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('kafka-broker CLI bad input', () => {
  it('a --data-dir that is a file exits 2 with DATA_DIR_INVALID, naming the path and the fix', async () => {
    const file = path.join(newDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const { status, stderr } = await runCli(['--data-dir', file]);
    expect(status).toBe(2);
    expect(stderr).toContain(`kafka-broker: DATA_DIR_INVALID: data directory ${file} cannot be used: ${file} is a file, not a directory`);
    expect(stderr).toMatch(/--data-dir or KAFKA_BROKER_DATA_DIR/);
    expect(stderr).toContain(`rm -rf '${file}'`);
    expectNoStack(stderr);
  });

  it('a --data-dir below a file exits 2 with DATA_DIR_INVALID', async () => {
    const file = path.join(newDir(), 'file');
    fs.writeFileSync(file, 'x');
    const { status, stderr } = await runCli(['--data-dir', path.join(file, 'data')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/DATA_DIR_INVALID: .* is below a file, not a directory \(ENOTDIR from mkdir\)/);
    expectNoStack(stderr);
  });

  it('a --data-dir that is not writable exits 2 with DATA_DIR_INVALID', async () => {
    const root = newDir();
    fs.chmodSync(root, 0o755);
    const readOnly = path.join(root, 'read-only');
    fs.mkdirSync(readOnly, { mode: 0o555 });
    fs.chmodSync(readOnly, 0o555);
    // root may write anywhere: run the broker as nobody then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const { status, stderr } = await runCli(['--data-dir', readOnly], asUser);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`DATA_DIR_INVALID: data directory ${readOnly} cannot be used: ${readOnly} is not writable by this user \\(EACCES`));
    expectNoStack(stderr);
  });

  it.each([
    ['not JSON', '{"clusterId": "abc"', /not JSON/],
    ['empty', '', /the file is empty/],
    ['without a cluster id', '{}', /clusterId: /],
  ])('a corrupt meta/cluster.json (%s) exits 2 with CLUSTER_META_CORRUPT, naming the file and the fix', async (_name, content, reason) => {
    const dataDir = newDir();
    const file = path.join(dataDir, 'meta', 'cluster.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, content);
    const { status, stderr } = await runCli(['--data-dir', dataDir]);
    expect(status).toBe(2);
    expect(stderr).toContain(`kafka-broker: CLUSTER_META_CORRUPT: ${file} in data directory ${dataDir} is corrupt: `);
    expect(stderr).toMatch(reason);
    expect(stderr).toContain(`rm '${file}'`);
    expect(stderr).toContain(`rm -rf '${dataDir}'`);
    expectNoStack(stderr);
    expect(fs.readFileSync(file, 'utf8'), 'left as it was, not regenerated').toBe(content);
    expect(fs.existsSync(path.join(dataDir, '.lock')), 'unlocked').toBe(false);
  });

  it('a corrupt meta/topics.json exits 2 with CLUSTER_META_CORRUPT', async () => {
    const dataDir = newDir();
    fs.mkdirSync(path.join(dataDir, 'meta'));
    fs.writeFileSync(path.join(dataDir, 'meta', 'topics.json'), '{"topics": [{"name": "t", "partitions": "three"}]}');
    const { status, stderr } = await runCli(['--data-dir', dataDir]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/CLUSTER_META_CORRUPT: .*topics\.json in data directory .* is corrupt: topics\.0\.id: .*Restore it from a backup/);
    expectNoStack(stderr);
  });

  it('an invalid flag exits 2 and lists the problem', async () => {
    const { status, stderr } = await runCli(['--default-partitions', '0', '--data-dir', newDir()]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/invalid configuration:\n {2}- --default-partitions: must be at least 1/);
  });
});
