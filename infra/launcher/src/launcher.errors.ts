// Domain errors of the launcher. Each has a stable code; main.ts turns them into a message and an exit status.

/** A launcher failure the user can act on; its message is complete and is printed without a stack. */
export class LauncherError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One or more environment variables are invalid; every problem is listed. */
export class InvalidConfigError extends LauncherError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('INVALID_CONFIG', `Invalid launcher configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A port the platform would bind is taken. */
export interface PortConflict {
  component: string;
  host: string;
  port: number;
  variable: string;
  reason: string;
}

/** Ports the platform needs are already in use; nothing has been started. */
export class PortsInUseError extends LauncherError {
  readonly conflicts: PortConflict[];

  constructor(conflicts: PortConflict[]) {
    const lines = conflicts.map(
      (c) =>
        `  - port ${c.port} on ${c.host} (${c.component}) is ${c.reason}; set ${c.variable} to a free port, e.g. ${c.variable}=${suggestPort(c.port)}`,
    );
    super('PORT_IN_USE', `Cannot start: ${conflicts.length === 1 ? 'a port is' : 'ports are'} unavailable.\n${lines.join('\n')}`);
    this.conflicts = conflicts;
  }
}

function suggestPort(port: number): number {
  return port < 65000 ? port + 1000 : port - 1000;
}

/** Another launcher is already running on the same data directory. */
export class DataDirectoryInUseError extends LauncherError {
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      'DATA_DIR_IN_USE',
      `Another launcher (pid ${pid}) is already running with the data directory ${dataDir}. ` +
        'Stop it first, or point XIETONG_DATA_DIR at another directory.',
    );
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** The data directory cannot be created, read or locked (a file in the way, no permission, a read-only disk). */
export class DataDirectoryUnusableError extends LauncherError {
  readonly dataDir: string;

  constructor(dataDir: string, reason: string) {
    super(
      'DATA_DIR_UNUSABLE',
      `Cannot use the data directory ${dataDir}: ${reason}. ` +
        'Point XIETONG_DATA_DIR at a directory this user can write, or fix or remove what is in the way.',
    );
    this.dataDir = dataDir;
  }
}

/** The data directory's lock could not be taken although no live launcher holds it (another start raced us). */
export class DataDirectoryLockError extends LauncherError {
  readonly dataDir: string;

  constructor(dataDir: string, lockFile: string) {
    super(
      'DATA_DIR_LOCK_FAILED',
      `Cannot lock the data directory ${dataDir}: its lock file ${lockFile} reappeared each time a stale one was ` +
        'removed, so another launcher is probably starting on it right now. Wait for it (or stop it) and try again, ' +
        'or point XIETONG_DATA_DIR at another directory.',
    );
    this.dataDir = dataDir;
  }
}

/** The demo realm file cannot be read or is not a valid realm; the ready block says so instead of listing logins. */
export class DemoRealmUnavailableError extends LauncherError {
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super('DEMO_REALM_UNAVAILABLE', `cannot use ${file}: ${problems.join('; ')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** A component's program or working directory is missing (typically a workspace that has not landed yet). */
export class MissingProgramError extends LauncherError {
  constructor(problems: string[]) {
    super('PROGRAM_MISSING', `Cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A component died, or did not become ready in time. */
export class ComponentFailedError extends LauncherError {
  readonly component: string;
  /** The component's last output lines, to show why it failed. */
  readonly lastOutput: string[];

  constructor(component: string, reason: string, lastOutput: string[]) {
    super('COMPONENT_FAILED', `${component} ${reason}`);
    this.component = component;
    this.lastOutput = lastOutput;
  }
}

/** The component graph is malformed (unknown dependency, cycle, duplicate name). */
export class InvalidComponentGraphError extends LauncherError {
  constructor(message: string) {
    super('INVALID_COMPONENT_GRAPH', message);
  }
}
