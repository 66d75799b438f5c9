import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../src/index.ts';
import { makeDataDir, startTestProvider } from './support/provider.fixture.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs main.ts with the given variables; onReady may act once the ready line appears. Bounded by a timeout. */
function runMain(env: Record<string, string>, onReady?: (child: ReturnType<typeof spawn>, line: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.ts did not finish in time; stdout: ${stdout}; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.includes('ready'));
      if (line && onReady) {
        const callback = onReady;
        onReady = undefined;
        callback(child, line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('main.ts', () => {
  it('logs one ready line, serves /health, and stops cleanly on SIGTERM', async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    let health: number | undefined;
    const run = await runMain({ IDENTITY_PORT: '0', IDENTITY_DATA_DIR: dataDir }, (child, line) => {
      const issuer = /issuer (\S+)/.exec(line)?.[1] ?? '';
      fetch(`${new URL(issuer).origin}/health`)
        .then((response) => (health = response.status))
        .finally(() => child.kill('SIGTERM'));
    });
    expect(run.code).toBe(0);
    expect(health).toBe(200);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^identity: ready, issuer http:\/\/127\.0\.0\.1:\d+\/realms\/xietong/);
  });

  it('exits 2 listing every invalid variable', async () => {
    const run = await runMain({ IDENTITY_PORT: 'eighty', IDENTITY_PUBLIC_URL: 'ftp://x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('IDENTITY_PORT: must be a port number');
    expect(run.stderr).toContain('IDENTITY_PUBLIC_URL: must be an http:// or https:// URL');
    expect(run.stderr).not.toContain('    at ');
  });

  it('names the port and IDENTITY_PORT when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const dataDir = await makeDataDir();
      dataDirs.push(dataDir);
      await expect(startTestProvider({ port, dataDir })).rejects.toBeInstanceOf(PortInUseError);
      const run = await runMain({ IDENTITY_PORT: String(port), IDENTITY_DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('IDENTITY_PORT');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
