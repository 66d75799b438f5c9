// Running a launcher program as a child of the test and watching its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A program under test, with its output collected as it arrives. */
export interface RunningProgram {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or signal name), bounded by `withinMs`. */
  exit: (withinMs: number) => Promise<number | string>;
  /** Resolves once stdout contains the text; rejects after `withinMs` with the output so far. */
  waitFor: (text: string | RegExp, withinMs: number) => Promise<void>;
}

/** Starts `node <script>` with the given environment (on top of the test's own). */
export function startProgram(script: string, env: Record<string, string>, args: string[] = []): RunningProgram {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit: (withinMs) =>
      Promise.race([exited, sleep(withinMs).then(() => Promise.reject(new Error(`still running after ${withinMs} ms\n${out}\n${err}`)))]),
    waitFor: async (text, withinMs) => {
      const deadline = Date.now() + withinMs;
      const found = (): boolean => (typeof text === 'string' ? out.includes(text) : text.test(out));
      while (!found()) {
        if (Date.now() >= deadline || child.exitCode !== null || child.signalCode !== null) {
          if (found()) return;
          throw new Error(`did not see ${String(text)} (exit ${child.exitCode ?? child.signalCode})\n--- stdout\n${out}\n--- stderr\n${err}`);
        }
        await sleep(50);
      }
    },
  };
}
