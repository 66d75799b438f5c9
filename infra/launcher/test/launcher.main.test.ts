import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

import { distinctFreePorts } from './helpers.ts';
import { startProgram, type RunningProgram } from './helpers-process.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const programs: RunningProgram[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const program of programs.splice(0)) program.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function launch(env: Record<string, string>, args: string[] = []): RunningProgram {
  const program = startProgram(MAIN, env, args);
  programs.push(program);
  return program;
}

describe('npm start (main.ts) before anything runs', () => {
  it('exits 2 listing every invalid variable', async () => {
    const program = launch({ XIETONG_PG_PORT: 'abc', XIETONG_READY_TIMEOUT_SECONDS: 'soon' });
    expect(await program.exit(15_000)).toBe(2);
    expect(program.stderr()).toContain('XIETONG_PG_PORT: must be a port number from 1 to 65535 (got "abc")');
    expect(program.stderr()).toContain('XIETONG_READY_TIMEOUT_SECONDS: must be a number of seconds (got "soon")');
  });

  it('names the taken port, its component and the variable that moves it, and starts nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-main-'));
    dirs.push(dataDir);
    const blocker = createServer();
    const [port, kafkaPort, identityPort] = await distinctFreePorts(3);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const program = launch({ XIETONG_DATA_DIR: dataDir, XIETONG_PG_PORT: String(port), XIETONG_KAFKA_PORT: String(kafkaPort),
        XIETONG_IDENTITY_PORT: String(identityPort) });
      expect(await program.exit(15_000)).toBe(1);
      expect(program.stderr()).toContain(`port ${port} on 127.0.0.1 (postgres) is already in use; set XIETONG_PG_PORT to a free port`);
      expect(program.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('prints the configuration variables with --help', async () => {
    const program = launch({}, ['--help']);
    expect(await program.exit(15_000)).toBe(0);
    expect(program.stdout()).toMatch(/XIETONG_PG_PORT\s+port of the embedded PostgreSQL \(default 5433\)/);
  });
});
