// A service of this repository run as a child process, as the launcher runs it (`node <entry>` with its variables):
// for tests that need the real thing (its migrations, its Kafka relay, its timers) rather than an in-process copy.
// Resolves once the service logs Fastify's "Server listening at <url>"; keeps its output for a failing test's
// message; stop() ends it (SIGTERM, then SIGKILL), and it never outlives the test process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NodeServiceStartError } from './test-backends.errors.ts';

/** How to start the service. */
export interface NodeServiceOptions {
  /** Its name in error messages, e.g. `pollution`. */
  name: string;
  /** The entry file, relative to `cwd`, e.g. `services/pollution/src/main.ts`. */
  entry: string;
  /** The working directory (the repository root). */
  cwd: string;
  /** The whole environment of the child (pass PATH if it needs one); nothing leaks in from the test's. */
  env: Readonly<Record<string, string>>;
  /** The Node binary; default the repository's `node_modules/.bin/node` (Node 24), else the test's own. */
  node?: string;
  /** The line that says it is ready; its first group is the URL. Default Fastify's "Server listening at http://…". */
  readyPattern?: RegExp;
  /** Longest wait for the ready line; default 90 s (a first start migrates a database). */
  startTimeoutMs?: number;
  /** Lines kept for output(); default 2000. */
  maxLines?: number;
}

/** A running service. */
export interface RunningNodeService {
  /** The URL from the ready line. */
  readonly url: string;
  /** The child's process id. */
  readonly pid: number | undefined;
  /** What the service wrote so far (stdout and stderr, in order). */
  output(): string;
  /** Ends it: SIGTERM, then SIGKILL after `graceMs` (default 15 s); resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

const FASTIFY_LISTENING = /Server listening at (http:\/\/[^\s"]+)/;

/** Starts the entry as a child process; resolves once it is ready, rejects (having killed it) if it is not. */
export async function startNodeService(options: NodeServiceOptions): Promise<RunningNodeService> {
  const repoNode = path.join(options.cwd, 'node_modules/.bin/node');
  const node = options.node ?? (existsSync(repoNode) ? repoNode : process.execPath);
  const readyPattern = options.readyPattern ?? FASTIFY_LISTENING;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const maxLines = options.maxLines ?? 2000;
  const child: ChildProcess = spawn(node, [options.entry], {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whatever happens to the test process, the child goes with it (a crashed run must not leave services behind).
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );
  const lines: string[] = [];
  const tail = () => lines.slice(-30).join('\n');
  let partial = '';
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new NodeServiceStartError(options.name, `did not start within ${timeoutMs} ms`, tail())), timeoutMs);
      const onData = (chunk: Buffer) => {
        const text = partial + chunk.toString('utf8');
        const complete = text.split('\n');
        partial = complete.pop() ?? '';
        for (const line of complete.filter(Boolean)) {
          if (lines.length < maxLines) lines.push(line);
          const ready = readyPattern.exec(line);
          if (ready?.[1]) {
            clearTimeout(timer);
            resolve(ready[1]);
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new NodeServiceStartError(options.name, `could not be spawned (${error.message})`, tail()));
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new NodeServiceStartError(options.name, `exited (${code}) before it was ready`, tail()));
      });
    });
  } catch (error) {
    await stop(5_000);
    throw error;
  }
  return { url, pid: child.pid, output: () => lines.join('\n'), stop };
}
