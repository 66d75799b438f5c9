// Domain errors of the embedded PostgreSQL server. Each has a stable code; messages are complete sentences that tell
// the user what to do, so programs print them without a stack.

/** The TCP port PostgreSQL was asked to listen on is taken by another process. */
export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number) {
    super(
      `Port ${port} on ${host} is already in use, so PostgreSQL cannot listen on it. ` +
        `Stop the program using it (e.g. \`ss -ltnp 'sport = :${port}'\` shows it) or choose another port.`,
    );
    this.name = 'PortInUseError';
    this.host = host;
    this.port = port;
  }
}

/** The data directory exists but is not a PostgreSQL 18 data directory this server can start from. */
export class CorruptDataDirectoryError extends Error {
  readonly code = 'DATA_DIR_CORRUPT';
  readonly dataDir: string;
  /** What is wrong, in PostgreSQL's words where it gave any. */
  readonly reason: string;

  constructor(dataDir: string, reason: string) {
    super(
      `The PostgreSQL data directory ${dataDir} is unusable: ${reason}\n` +
        `To start over with an empty database, stop everything using it and delete the directory ` +
        `(rm -rf '${dataDir}'); it is created again on the next start. All data in it is lost.`,
    );
    this.name = 'CorruptDataDirectoryError';
    this.dataDir = dataDir;
    this.reason = reason;
  }
}

/** Another live PostgreSQL server, started by a process that is still running, owns the data directory. */
export class DataDirectoryInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      `The PostgreSQL data directory ${dataDir} is in use by a running server (pid ${pid}). ` +
        `Stop the program that started it, or use another data directory.`,
    );
    this.name = 'DataDirectoryInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** The data directory cannot be reached or written by the user PostgreSQL runs as. */
export class DataDirectoryAccessError extends Error {
  readonly code = 'DATA_DIR_ACCESS';
  readonly dataDir: string;

  constructor(dataDir: string, reason: string) {
    super(`PostgreSQL cannot use the data directory ${dataDir}: ${reason}`);
    this.name = 'DataDirectoryAccessError';
    this.dataDir = dataDir;
  }
}

/** PostgreSQL (or initdb) failed for a reason that is neither the port nor the data directory; the log says why. */
export class PostgresStartError extends Error {
  readonly code = 'PG_START_FAILED';
  /** The last lines PostgreSQL printed. */
  readonly log: string[];

  constructor(message: string, log: string[]) {
    super(log.length > 0 ? `${message}\nPostgreSQL said:\n${log.map((l) => `  ${l}`).join('\n')}` : message);
    this.name = 'PostgresStartError';
    this.log = log;
  }
}

/** A database name that is not a plain lower-case SQL identifier. */
export class InvalidDatabaseNameError extends Error {
  readonly code = 'INVALID_DATABASE_NAME';
  readonly databaseName: string;

  constructor(databaseName: string) {
    super(
      `Invalid database name ${JSON.stringify(databaseName)}: use 1 to 63 characters from a-z, 0-9 and _, ` +
        `starting with a letter or _.`,
    );
    this.name = 'InvalidDatabaseNameError';
    this.databaseName = databaseName;
  }
}
