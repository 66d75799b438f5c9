// Runs the development broker's CLI as a child process, the way developers and the launcher run it, so that the
// conformance suite and the benchmark exercise the real program (argument parsing, start-up recovery, signals) and
// can kill it with SIGKILL to test crash recovery. Free of vitest so the benchmark can use it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The broker's CLI entry point. */
export const BROKER_MAIN = path.join(PACKAGE_ROOT, 'src/main.ts');

const READY_LINE = /kafka-broker listening on (\S+):(\d+)/;
const OUTPUT_TAIL_CHARS = 16_384;

/** Options passed to the broker's CLI. */
export interface EmbeddedBrokerOptions {
  /** Prefix of the temporary data directory's name, to tell whose it is. */
  dataDirPrefix?: string;
  autoCreateTopics?: boolean;
  defaultPartitions?: number;
  retentionMs?: number;
  retentionBytes?: number;
  segmentBytes?: number;
  /** How long to wait for the ready line (start-up includes log recovery). */
  startTimeoutMs?: number;
}

/** A broker child process on a fixed port and data directory, which survives kill -9 and restart. */
export interface EmbeddedBroker {
  readonly host: string;
  readonly port: number;
  readonly brokers: string[];
  readonly dataDir: string;
  /** True while the current child process has not exited. */
  isRunning(): boolean;
  /** The last few kilobytes the broker printed, for failure messages. */
  output(): string;
  /** Kills the broker with SIGKILL (no shutdown hooks, no flushing) and waits for it to be gone. */
  kill9(): Promise<void>;
  /** Starts the broker again on the same port and data directory and waits until it is ready. */
  restart(): Promise<void>;
  /** Stops the broker (SIGTERM, then SIGKILL after a grace period) and deletes its data directory. */
  stop(): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

// Last line of defence against leftover brokers: when the test worker or the benchmark exits for any reason that
// still runs exit handlers, kill whatever is left. Normal paths stop brokers in afterAll/finally.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

/** Node 24 runs the broker's TypeScript directly; under an older node (the machine's own), use the project's. */
export function resolveNodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return process.execPath;
  for (let dir = PACKAGE_ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules/.bin/node');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return process.execPath;
  }
}

/** Asks the kernel for a port that is free right now. */
export async function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

function cliArguments(host: string, port: number, dataDir: string, options: EmbeddedBrokerOptions): string[] {
  const args = [BROKER_MAIN, '--host', host, '--port', String(port), '--data-dir', dataDir];
  if (options.autoCreateTopics !== undefined) args.push(`--auto-create-topics=${options.autoCreateTopics}`);
  if (options.defaultPartitions !== undefined) args.push('--default-partitions', String(options.defaultPartitions));
  if (options.retentionMs !== undefined) args.push('--retention-ms', String(options.retentionMs));
  if (options.retentionBytes !== undefined) args.push('--retention-bytes', String(options.retentionBytes));
  if (options.segmentBytes !== undefined) args.push('--segment-bytes', String(options.segmentBytes));
  return args;
}

interface StartedChild {
  child: ChildProcess;
  exited: Promise<void>;
  host: string;
  port: number;
}

async function spawnUntilReady(
  args: string[],
  timeoutMs: number,
  appendOutput: (text: string) => void,
  output: () => string,
): Promise<StartedChild> {
  installExitHook();
  const child = spawn(resolveNodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => appendOutput(chunk));
  child.stdout?.setEncoding('utf8');

  return new Promise<StartedChild>((resolve, reject) => {
    let stdoutLine = '';
    let settled = false;
    const settle = (error: Error | null, ready?: { host: string; port: number }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== null) {
        child.kill('SIGKILL');
        reject(error);
      } else if (ready !== undefined) {
        resolve({ child, exited, ...ready });
      }
    };
    const timer = setTimeout(
      () => settle(new Error(`broker printed no ready line within ${timeoutMs} ms; output:\n${output()}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: string) => {
      appendOutput(chunk);
      stdoutLine += chunk;
      const match = READY_LINE.exec(stdoutLine);
      if (match !== null) settle(null, { host: match[1] ?? '', port: Number(match[2]) });
      else if (stdoutLine.length > OUTPUT_TAIL_CHARS) stdoutLine = stdoutLine.slice(-256);
    });
    child.once('error', (error) => settle(new Error(`could not start the broker: ${error.message}`)));
    child.once('exit', (code, signal) =>
      settle(new Error(`broker exited before it was ready (code ${code}, signal ${signal}); output:\n${output()}`)),
    );
  });
}

/** Starts the broker's CLI on a free port with a fresh temporary data directory and waits for its ready line. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const host = '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const dataDir = await mkdtemp(path.join(tmpdir(), options.dataDirPrefix ?? 'kafka-broker-conformance-'));
  let outputTail = '';
  const appendOutput = (text: string): void => {
    outputTail = (outputTail + text).slice(-OUTPUT_TAIL_CHARS);
  };
  const output = (): string => outputTail;

  let current: StartedChild;
  try {
    current = await spawnUntilReady(cliArguments(host, await findFreePort(host), dataDir, options), timeoutMs, appendOutput, output);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The port is fixed from now on: clients keep it as their bootstrap address across restarts.
  const port = current.port;
  const advertisedHost = current.host;
  let running = true;
  let stopped = false;
  void current.exited.then(() => {
    running = false;
  });

  const waitForExit = async (child: StartedChild, graceMs: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    const result = await Promise.race([child.exited.then(() => true), timedOut]);
    clearTimeout(timer);
    return result;
  };

  const broker: EmbeddedBroker = {
    host: advertisedHost,
    port,
    brokers: [`${advertisedHost}:${port}`],
    dataDir,
    isRunning: () => running,
    output,
    async kill9() {
      if (!running) return;
      current.child.kill('SIGKILL');
      await current.exited;
    },
    async restart() {
      if (stopped) throw new Error('the broker was stopped; it cannot be restarted');
      if (running) throw new Error('the broker is still running; kill it before restarting');
      appendOutput('\n--- restart ---\n');
      // A port that was just released can take a moment to become bindable again; retry briefly.
      let lastError: unknown;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        try {
          current = await spawnUntilReady(cliArguments(host, port, dataDir, options), timeoutMs, appendOutput, output);
          running = true;
          void current.exited.then(() => {
            running = false;
          });
          return;
        } catch (error) {
          lastError = error;
          if (!/EADDRINUSE|already in use/.test(String(error))) break;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
      throw lastError;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (running) {
        current.child.kill('SIGTERM');
        if (!(await waitForExit(current, 10_000))) {
          current.child.kill('SIGKILL');
          await current.exited;
        }
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return broker;
}
