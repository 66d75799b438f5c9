// Shared helpers of the launcher's tests: fake components, captured output, free ports and process checks.
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ProcessComponentSpec } from '../src/component.types.ts';
import { readdirSync } from 'node:fs';

import { isProcessAlive, readProcStat } from '../src/process.group.ts';

export const FAKE_COMPONENT = fileURLToPath(new URL('./fixtures/fake-component.ts', import.meta.url));

/** A sink that keeps what is written to it. */
export class CapturedOutput {
  readonly chunks: string[] = [];
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
  get lines(): string[] {
    return this.text.split('\n').filter((line) => line.length > 0);
  }
}

/** A fake component steered by FAKE_* variables (see fixtures/fake-component.ts). */
export function fakeComponent(
  name: string,
  options: { fake?: Record<string, string>; dependsOn?: string[]; port?: number; readyTimeoutMs?: number } = {},
): ProcessComponentSpec {
  const env: Record<string, string> = { ...options.fake };
  if (options.port !== undefined) env.FAKE_PORT = String(options.port);
  return {
    kind: 'process',
    name,
    command: process.execPath,
    args: [FAKE_COMPONENT],
    cwd: process.cwd(),
    env,
    ports: options.port === undefined ? [] : [{ host: '127.0.0.1', port: options.port, variable: `FAKE_${name.toUpperCase()}_PORT` }],
    readiness:
      options.port === undefined
        ? { kind: 'log', pattern: /^fake ready$/ }
        : { kind: 'http', url: `http://127.0.0.1:${options.port}/health` },
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
    dependsOn: options.dependsOn ?? [],
  };
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * n different free ports. Each one is held open until all are chosen: a port closed right after being probed can be
 * handed out again by the next probe, which once gave two components the same port.
 */
export async function distinctFreePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

/** Pids announced by fake components ("pid N", "grandchild N") in captured output. */
export function announcedPids(output: string): number[] {
  return [...output.matchAll(/│ (?:pid|grandchild) (\d+)$/gm)].map((match) => Number(match[1]));
}

/** Waits (bounded) until none of the pids is alive; returns those still alive. */
export async function waitUntilGone(pids: readonly number[], withinMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const alive = pids.filter((pid) => isProcessAlive(pid));
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await sleep(100);
  }
}

/** Kills whatever is left, so a failing test leaves nothing running. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Every live descendant of a process (children, grandchildren ...), from /proc. */
export function descendantsOf(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat !== null && stat.state !== 'Z') parents.set(Number(entry), stat.ppid);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [pid, ppid] of parents) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}
