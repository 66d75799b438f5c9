import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeServiceStartError, startNodeService } from '../src/index.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xietong-node-service-'));
  // Listens like a Fastify service, says so, and answers with the variable it was given.
  await writeFile(
    path.join(dir, 'listening.mjs'),
    `import { createServer } from 'node:http';
const server = createServer((_req, res) => res.end(process.env.GREETING ?? 'none'));
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'Server listening at http://127.0.0.1:' + server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`,
  );
  await writeFile(path.join(dir, 'failing.mjs'), `console.error('DATABASE_URL is missing'); process.exit(2);\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startNodeService', () => {
  it('resolves with the URL the service logs, passes only the given environment, and stops it', async () => {
    const service = await startNodeService({ name: 'greeter', entry: 'listening.mjs', cwd: dir, env: { GREETING: 'ni hao' }, node: process.execPath });
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(service.url)).text()).toBe('ni hao');
      expect(service.output()).toContain('Server listening at');
    } finally {
      await service.stop();
    }
    await expect(fetch(service.url)).rejects.toThrow();
    expect(() => process.kill(service.pid as number, 0)).toThrow();
  });

  it('fails with the service’s own last words when it exits before it is ready', async () => {
    const started = startNodeService({ name: 'broken', entry: 'failing.mjs', cwd: dir, env: {}, node: process.execPath });
    await expect(started).rejects.toBeInstanceOf(NodeServiceStartError);
    await expect(started).rejects.toThrow(/the broken service exited \(2\) before it was ready; its last output:\nDATABASE_URL is missing/);
  });

  it('gives up after the start timeout and kills what it started', async () => {
    await writeFile(path.join(dir, 'silent.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync('silent.pid', String(process.pid));\nsetInterval(() => {}, 1000);\n`);
    await expect(startNodeService({ name: 'silent', entry: 'silent.mjs', cwd: dir, env: {}, node: process.execPath, startTimeoutMs: 1000 })).rejects.toThrow(
      /the silent service did not start within 1000 ms/,
    );
    const pid = Number(await readFile(path.join(dir, 'silent.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
