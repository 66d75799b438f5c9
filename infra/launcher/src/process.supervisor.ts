// Starts the components in dependency order, waits until each is ready, and stops them all — dependents before their
// dependencies — on request or as soon as one of them fails. Every child leads its own process group, and a stop is
// only complete when no live process is left in any group the component owns.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ComponentSpec, EmbeddedComponentSpec, ProcessComponentSpec } from './component.types.ts';
import { ComponentFailedError, InvalidComponentGraphError, LauncherError } from './launcher.errors.ts';
import { LinePrefixer, pipeLines, sinkHasColours, type LineSink } from './log.prefixer.ts';
import { OrphanReaper } from './orphan.reaper.ts';
import { groupHasLiveMembers, signalGroup } from './process.group.ts';
import { attemptProbe, describeProbe } from './readiness.probe.ts';

const LAUNCHER = 'launcher';
const TAIL_LINES = 15;
const POLL_MS = 150;
const KILL_WAIT_MS = 3_000;
const DRAIN_WAIT_MS = 1_000;

/** Options of a supervisor run. */
export interface SupervisorOptions {
  /** The environment every child starts from (the launcher's own); each spec's env is laid over it. */
  baseEnv: Record<string, string | undefined>;
  stdout: LineSink;
  stderr: LineSink;
  /** How long a component has between the stop request and SIGKILL. */
  graceMs: number;
  /** Colour the prefixes; by default only when stdout is a terminal that accepts colours. */
  colours?: boolean;
  /** Start the orphan reaper (reaper.main.ts); on by default. */
  reaper?: boolean;
}

/** How a run ended. */
export interface SupervisorOutcome {
  /** False when a component failed (died unexpectedly, or was not ready in time). */
  ok: boolean;
  failure?: LauncherError;
  /** Components that ignored the stop request for the whole grace period and were killed. */
  forced: string[];
}

type State = 'waiting' | 'preparing' | 'starting' | 'ready' | 'stopping' | 'stopped' | 'failed';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Rejections are observed through `ready`/`done`; this keeps an unobserved one from crashing the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** A started component, whatever runs it. */
interface Running {
  /** Process groups that must be empty before the component counts as stopped. */
  groups: number[];
  /** Settles with a description once the component has died (by itself or because it was stopped). */
  exited: Promise<string>;
  /** Asks it to stop; resolves once it has. */
  requestStop(): Promise<void>;
  /** Resolves when its output has been written out (bounded by the caller). */
  drained: Promise<unknown>;
}

interface Slot {
  spec: ComponentSpec;
  state: State;
  ready: Deferred<void>;
  /** Settles once the start sequence has either started the component or given up; stop waits for it. */
  launched: Deferred<void>;
  running?: Running;
  logMatched: boolean;
  tail: string[];
  stopping?: Promise<void>;
}

/** Runs a set of components as one platform. */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private readonly order: string[];
  private readonly options: SupervisorOptions;
  private readonly prefixer: LinePrefixer;
  private readonly stopRequested = deferred<void>();
  private readonly outcome = deferred<SupervisorOutcome>();
  private readonly allReady = deferred<void>();
  private readonly forced: string[] = [];
  private reaper?: OrphanReaper;
  private stopping = false;
  private failure?: LauncherError;
  private started = false;

  constructor(components: readonly ComponentSpec[], options: SupervisorOptions) {
    this.order = orderByDependencies(components);
    for (const spec of components) {
      this.slots.set(spec.name, { spec, state: 'waiting', ready: deferred(), launched: deferred(), logMatched: false, tail: [] });
    }
    this.options = options;
    this.prefixer = new LinePrefixer([LAUNCHER, ...this.order], options.colours ?? sinkHasColours(options.stdout));
  }

  /** Resolves when every component is ready; rejects with the failure (or the stop request) that ended the run. */
  get ready(): Promise<void> {
    return this.allReady.promise;
  }

  /** Resolves once every component has stopped (after a stop request or a failure). */
  get done(): Promise<SupervisorOutcome> {
    return this.outcome.promise;
  }

  /** The process groups of each started component (a child's group id is its pid). */
  processGroups(): Record<string, number[]> {
    const groups: Record<string, number[]> = {};
    for (const [name, slot] of this.slots) if (slot.running !== undefined) groups[name] = [...slot.running.groups];
    return groups;
  }

  /** The pid of the orphan reaper, if one runs. */
  get reaperPid(): number | undefined {
    return this.reaper?.pid;
  }

  /** Writes a line under the launcher's own prefix. */
  log(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const sink = stream === 'stdout' ? this.options.stdout : this.options.stderr;
    sink.write(this.prefixer.format(LAUNCHER, line));
  }

  /** Starts every component, each as soon as its dependencies are ready. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    if (this.options.reaper !== false) this.reaper = OrphanReaper.start(this.options.graceMs);
    void Promise.all(this.order.map((name) => this.run(this.slot(name)))).then(() => {
      if (!this.stopping) this.allReady.resolve();
    });
    return this;
  }

  /** Stops everything (idempotent); resolves with the outcome once no component process is left. */
  stop(reason: string): Promise<SupervisorOutcome> {
    if (!this.stopping) {
      this.stopping = true;
      this.log(`stopping (${reason})`);
      this.allReady.reject(this.failure ?? new LauncherError('STOPPED', `stopped before the platform was ready (${reason})`));
      this.stopRequested.resolve();
      void this.stopAll();
    }
    return this.outcome.promise;
  }

  /** Kills every group at once (a second Ctrl-C); the running stop still waits for them to be gone. */
  forceStop(): void {
    this.log('killing every component now', 'stderr');
    for (const slot of this.slots.values()) for (const pgid of slot.running?.groups ?? []) signalGroup(pgid, 'SIGKILL');
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new InvalidComponentGraphError(`unknown component ${name}`);
    return slot;
  }

  private async run(slot: Slot): Promise<void> {
    const { spec } = slot;
    try {
      const dependencies = Promise.all(spec.dependsOn.map((name) => this.slot(name).ready.promise));
      await Promise.race([dependencies, this.stopRequested.promise]);
      if (this.stopping) return;
      const startedAt = Date.now();
      const outcome = spec.kind === 'process' ? await this.runProcess(slot, spec) : await this.runEmbedded(slot, spec);
      // 'exited' is reported by the exit watcher, which knows whether the exit was expected.
      if (outcome !== 'ready') return;
      slot.state = 'ready';
      slot.ready.resolve();
      this.log(`${spec.name} is ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    } catch (error) {
      this.fail(slot, error);
    } finally {
      slot.launched.resolve();
    }
  }

  private async runProcess(slot: Slot, spec: ProcessComponentSpec): Promise<'ready' | 'exited' | 'stopping'> {
    let extraEnv: Record<string, string> = {};
    if (spec.prepare !== undefined) {
      slot.state = 'preparing';
      try {
        extraEnv = (await spec.prepare()) ?? {};
      } catch (error) {
        throw new ComponentFailedError(spec.name, `could not be prepared: ${errorMessage(error)}`, []);
      }
      if (this.stopping) return 'stopping';
    }
    slot.state = 'starting';
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...this.options.baseEnv, ...spec.env, ...extraEnv },
      // A group of its own: the launcher signals the whole group, and the terminal's Ctrl-C reaches only the
      // launcher, which then stops the children in order instead of all at once.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    const pid = child.pid;
    if (pid === undefined) {
      // spawn reports ENOENT (missing program or working directory) asynchronously, through 'error'.
      const error = await withTimeout(spawnError, 1_000);
      const reason = error === 'timed out' ? 'no process was created' : error.message;
      throw new ComponentFailedError(spec.name, `could not be started (${spec.command} in ${spec.cwd}): ${reason}`, []);
    }
    void spawnError.then((error) => this.log(`${spec.name}: ${error.message}`, 'stderr'));
    this.reaper?.watch(pid);

    const onLine = (line: string): void => {
      this.remember(slot, line);
      if (spec.readiness.kind === 'log' && spec.readiness.pattern.test(line)) slot.logMatched = true;
    };
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal !== null ? `was killed by ${signal}` : `exited with code ${code}`)),
    );
    slot.running = {
      groups: [pid],
      exited,
      requestStop: async () => {
        signalGroup(pid, 'SIGTERM');
        await exited;
      },
      drained: Promise.all([
        pipeLines(child.stdout, spec.name, this.prefixer, this.options.stdout, onLine),
        pipeLines(child.stderr, spec.name, this.prefixer, this.options.stderr, onLine),
      ]),
    };
    this.watchExit(slot, slot.running);
    return this.awaitReadiness(slot, spec);
  }

  private async runEmbedded(slot: Slot, spec: EmbeddedComponentSpec): Promise<'ready' | 'exited' | 'stopping'> {
    slot.state = 'starting';
    const starting = spec.start({
      log: (line) => {
        this.remember(slot, line);
        this.options.stdout.write(this.prefixer.format(spec.name, line));
      },
    });
    const handle = await withTimeout(starting, spec.readyTimeoutMs).catch((error: unknown) => {
      // The library's own message is the useful one (a corrupt data directory says how to reset it).
      throw new ComponentFailedError(spec.name, `could not start: ${errorMessage(error)}`, []);
    });
    if (handle === 'timed out') {
      // Stop it if it comes up after all, so nothing is left behind.
      void starting.then((late) => late.stop()).catch(() => undefined);
      throw new ComponentFailedError(spec.name, `did not become ready within ${Math.round(spec.readyTimeoutMs / 1000)} s`, slot.tail);
    }
    for (const pgid of handle.processGroups) this.reaper?.watch(pgid, handle.stopSignal);
    slot.running = { groups: handle.processGroups, exited: handle.exited, requestStop: () => handle.stop(), drained: Promise.resolve() };
    this.watchExit(slot, slot.running);
    return this.stopping ? 'stopping' : 'ready';
  }

  private remember(slot: Slot, line: string): void {
    slot.tail.push(line);
    if (slot.tail.length > TAIL_LINES) slot.tail.shift();
  }

  /** Turns a death nobody asked for into a failure of the platform. */
  private watchExit(slot: Slot, running: Running): void {
    void running.exited.then(async (how) => {
      if (slot.state === 'stopping' || slot.state === 'stopped') return;
      if (this.stopping) {
        // Exiting by itself during a shutdown (it saw a dependency go away) is no failure.
        this.log(`${slot.spec.name} ${how}`);
        return;
      }
      const when = slot.state === 'ready' ? 'unexpectedly' : 'before it was ready';
      await this.drain(slot);
      this.fail(slot, new ComponentFailedError(slot.spec.name, `${how} ${when}`, slot.tail));
    });
  }

  private async awaitReadiness(slot: Slot, spec: ProcessComponentSpec): Promise<'ready' | 'exited' | 'stopping'> {
    const running = slot.running;
    if (running === undefined) return 'exited';
    const deadline = Date.now() + spec.readyTimeoutMs;
    let exited = false;
    void running.exited.then(() => {
      exited = true;
    });
    for (;;) {
      if (this.stopping) return 'stopping';
      if (exited) return 'exited';
      if (spec.readiness.kind === 'log' ? slot.logMatched : await attemptProbe(spec.readiness)) {
        // A probe may have raced the exit or a stop request.
        return this.stopping ? 'stopping' : exited ? 'exited' : 'ready';
      }
      if (Date.now() >= deadline) {
        throw new ComponentFailedError(
          spec.name,
          `did not become ready within ${Math.round(spec.readyTimeoutMs / 1000)} s (waited for ${describeProbe(spec.readiness)})`,
          slot.tail,
        );
      }
      await Promise.race([sleep(POLL_MS), running.exited, this.stopRequested.promise]);
    }
  }

  private fail(slot: Slot, error: unknown): void {
    const failure =
      error instanceof LauncherError ? error : new ComponentFailedError(slot.spec.name, `failed: ${errorMessage(error)}`, slot.tail);
    slot.ready.reject(failure);
    if (this.stopping) return;
    slot.state = 'failed';
    this.failure = failure;
    this.log(`✖ ${failure.message}`, 'stderr');
    void this.stop(`${slot.spec.name} failed`);
  }

  private async stopAll(): Promise<void> {
    await Promise.all(this.order.map((name) => this.stopOne(this.slot(name))));
    await this.reaper?.dismiss();
    const outcome: SupervisorOutcome = { ok: this.failure === undefined, forced: this.forced };
    if (this.failure !== undefined) outcome.failure = this.failure;
    this.log(this.failure === undefined ? 'all components stopped' : 'all components stopped after a failure');
    this.outcome.resolve(outcome);
  }

  /** Stops one component after everything that depends on it; memoised so each is stopped once. */
  private stopOne(slot: Slot): Promise<void> {
    slot.stopping ??= (async () => {
      const dependents = [...this.slots.values()].filter((s) => s.spec.dependsOn.includes(slot.spec.name));
      await Promise.all(dependents.map((s) => this.stopOne(s)));
      await slot.launched.promise;
      const running = slot.running;
      if (running === undefined) return;
      const failed = slot.state === 'failed';
      slot.state = 'stopping';
      const stopped = running.requestStop().then(
        () => this.awaitGroupsGone(running.groups, this.options.graceMs),
        (error: unknown) => {
          this.log(`${slot.spec.name} could not be stopped gracefully: ${errorMessage(error)}`, 'stderr');
          return false;
        },
      );
      if ((await withTimeout(stopped, this.options.graceMs)) !== true) {
        this.log(`${slot.spec.name} did not stop within ${this.options.graceMs / 1000} s; killing it`, 'stderr');
        this.forced.push(slot.spec.name);
        for (const pgid of running.groups) signalGroup(pgid, 'SIGKILL');
        if (!(await this.awaitGroupsGone(running.groups, KILL_WAIT_MS))) {
          this.log(`${slot.spec.name} (process groups ${running.groups.join(', ')}) survived SIGKILL`, 'stderr');
          return;
        }
      }
      await this.drain(slot);
      for (const pgid of running.groups) this.reaper?.release(pgid);
      slot.state = failed ? 'failed' : 'stopped';
      if (!failed) this.log(`${slot.spec.name} stopped`);
    })();
    return slot.stopping;
  }

  /** Waits until no live process is left in any of the groups; false if that takes longer than `withinMs`. */
  private async awaitGroupsGone(groups: readonly number[], withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (groups.some((pgid) => groupHasLiveMembers(pgid))) {
      if (Date.now() >= deadline) return false;
      await sleep(50);
    }
    return true;
  }

  /** Lets the last lines of a child's output through before reporting on it (bounded: a grandchild may hold a pipe). */
  private async drain(slot: Slot): Promise<void> {
    if (slot.running !== undefined) await withTimeout(slot.running.drained, DRAIN_WAIT_MS);
  }
}

/** Orders components so that each comes after its dependencies; rejects unknown names, duplicates and cycles. */
export function orderByDependencies(components: readonly ComponentSpec[]): string[] {
  const byName = new Map<string, ComponentSpec>();
  for (const component of components) {
    if (byName.has(component.name)) throw new InvalidComponentGraphError(`two components are named ${component.name}`);
    byName.set(component.name, component);
  }
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new InvalidComponentGraphError(`dependency cycle: ${[...path, name].join(' → ')}`);
    const component = byName.get(name);
    if (component === undefined) {
      throw new InvalidComponentGraphError(`${path.at(-1) ?? '?'} depends on ${name}, which is not a component`);
    }
    visiting.add(name);
    for (const dependency of component.dependsOn) visit(dependency, [...path, name]);
    visiting.delete(name);
    order.push(name);
  };
  for (const component of components) visit(component.name, []);
  return order;
}

/**
 * Races a promise against a timer that is cleared as soon as the race is decided: a pending timer would keep the
 * launcher alive for up to the grace period after everything has stopped.
 */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
