// One run of the platform: lock the data directory, check the ports, start everything, print the ready block, and
// stop everything on SIGINT, SIGTERM or SIGHUP (a second signal kills at once). Returns the exit status.
import type { ComponentSpec } from './component.types.ts';
import { lockDataDirectory, type DataDirectoryLock } from './data-dir.lock.ts';
import { ComponentFailedError, DataDirectoryUnusableError, LauncherError } from './launcher.errors.ts';
import type { LineSink } from './log.prefixer.ts';
import { assertPortsFree, assertProgramsPresent } from './platform.preflight.ts';
import { Supervisor } from './process.supervisor.ts';

/** Exit status when a component failed or the platform could not start. */
export const EXIT_FAILURE = 1;
/** Exit status for bad input, as for invalid configuration: here a data directory that cannot be used. */
export const EXIT_BAD_INPUT = 2;

/** What a run needs; main.ts builds it from the configuration, tests from fakes. */
export interface RunOptions {
  components: ComponentSpec[];
  dataDir: string;
  graceMs: number;
  baseEnv: Record<string, string | undefined>;
  stdout: LineSink;
  stderr: LineSink;
  /** Renders the ready block, given the seconds since launch. */
  renderBanner: (elapsedSeconds: number) => Promise<string>;
  /** Where the signals come from; the process by default. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  colours?: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs the platform until a signal or a failure; resolves with the exit status (0 after a requested stop). */
export async function runPlatform(options: RunOptions): Promise<number> {
  const startedAt = Date.now();
  const { stderr } = options;
  let lock: DataDirectoryLock;
  try {
    lock = lockDataDirectory(options.dataDir);
  } catch (error) {
    return reportStartError(error, stderr);
  }
  try {
    await assertPortsFree(options.components);
    assertProgramsPresent(options.components);
  } catch (error) {
    lock.release();
    return reportStartError(error, stderr);
  }

  const supervisor = new Supervisor(options.components, {
    baseEnv: options.baseEnv,
    stdout: options.stdout,
    stderr,
    graceMs: options.graceMs,
    ...(options.colours === undefined ? {} : { colours: options.colours }),
  });
  const signals = options.signals ?? process;
  let signalsSeen = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalsSeen += 1;
    if (signalsSeen === 1) void supervisor.stop(`received ${signal}`);
    else supervisor.forceStop();
  };
  for (const signal of STOP_SIGNALS) signals.on(signal, onSignal);

  try {
    supervisor.start();
    supervisor.ready.then(
      async () => options.stdout.write(await options.renderBanner((Date.now() - startedAt) / 1000)),
      () => undefined,
    );
    const outcome = await supervisor.done;
    if (outcome.failure === undefined) return 0;
    stderr.write(describeFailure(outcome.failure));
    return EXIT_FAILURE;
  } finally {
    for (const signal of STOP_SIGNALS) signals.off(signal, onSignal);
    lock.release();
  }
}

function reportStartError(error: unknown, stderr: LineSink): number {
  if (!(error instanceof LauncherError)) throw error;
  stderr.write(`${error.message}\n`);
  return error instanceof DataDirectoryUnusableError ? EXIT_BAD_INPUT : EXIT_FAILURE;
}

/** The closing summary of a failed run: what failed and, when it was a process, its last words. */
export function describeFailure(failure: LauncherError): string {
  const lines = [`\nXietong stopped because ${failure.message}`];
  if (failure instanceof ComponentFailedError && failure.lastOutput.length > 0) {
    lines.push(`Last output of ${failure.component}:`, ...failure.lastOutput.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
