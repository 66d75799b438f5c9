// The shape of one supervised component. The registry (platform.components.ts) builds these from the configuration;
// the supervisor only ever sees these plain descriptions, so tests can hand it fake programs.

/** A TCP port a component binds, with the variable that moves it (named in the port-in-use error). */
export interface PortBinding {
  host: string;
  port: number;
  /** The environment variable that changes this port, e.g. XIETONG_PG_PORT. */
  variable: string;
}

/** How the supervisor decides that a started child process is ready to serve. */
export type ReadinessProbe =
  | { kind: 'http'; url: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'log'; pattern: RegExp }
  | { kind: 'check'; description: string; check: () => Promise<boolean> };

/** A line of the ready block: what it is and where to find it. */
export interface Endpoint {
  label: string;
  value: string;
}

/** What every component declares, whatever runs it. */
export interface ComponentBase {
  /** Short name, used as the log prefix and in errors. */
  name: string;
  /** Ports checked before anything starts. */
  ports: PortBinding[];
  /** How long the component may take from its start to ready. */
  readyTimeoutMs: number;
  /** Components that must be ready before this one is prepared and started (and that it outlives at shutdown). */
  dependsOn: string[];
  /** What the ready block lists for this component. */
  endpoints?: Endpoint[];
}

/** A component run as a child process: the common case (every service, the gateway, the web app, the doubles). */
export interface ProcessComponentSpec extends ComponentBase {
  kind: 'process';
  /** Executable; node programs use process.execPath so every child runs on the launcher's Node. */
  command: string;
  args: string[];
  cwd: string;
  /** Variables added to (and overriding) the launcher's own environment for this child. */
  env: Record<string, string>;
  readiness: ReadinessProbe;
  /**
   * Runs after the dependencies are ready and before the spawn, e.g. to create the component's database; the
   * variables it returns are added to the child's environment (DATABASE_URL).
   */
  prepare?: () => Promise<Record<string, string> | void>;
}

/** Context handed to an embedded component's start. */
export interface EmbeddedContext {
  /** Writes a line under the component's prefix. */
  log(line: string): void;
}

/** A running embedded component. */
export interface EmbeddedHandle {
  /** Process groups it owns; the supervisor and the orphan reaper make sure they are empty at the end. */
  processGroups: number[];
  /** The signal that asks those groups to stop quickly (the reaper's first signal); SIGTERM by default. */
  stopSignal?: NodeJS.Signals;
  /** Settles with a description (e.g. "exited with code 1") if the component dies by itself. */
  exited: Promise<string>;
  /** Stops it gracefully; the supervisor kills the groups if this takes longer than the grace period. */
  stop(): Promise<void>;
}

/**
 * A component the launcher drives through a library, in its own process, whose real work happens in processes that
 * library spawns (PostgreSQL: see the README for why).
 */
export interface EmbeddedComponentSpec extends ComponentBase {
  kind: 'embedded';
  /** Starts it; resolves once it is ready to serve. */
  start(context: EmbeddedContext): Promise<EmbeddedHandle>;
}

/** One supervised component of the platform. */
export type ComponentSpec = ProcessComponentSpec | EmbeddedComponentSpec;
