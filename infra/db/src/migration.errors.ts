// Domain errors of the migration commands. Each has a stable code; messages are complete and printed without a stack.

/** A migration failure the user can act on. */
export class MigrationError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Migrations already applied to the database were changed on disk afterwards. */
export class ModifiedMigrationError extends MigrationError {
  readonly migrations: string[];

  constructor(migrations: string[]) {
    super(
      'MIGRATION_MODIFIED',
      `${migrations.length === 1 ? 'This migration was' : 'These migrations were'} changed after being applied to the ` +
        `database:\n${migrations.map((name) => `  - ${name}`).join('\n')}\n` +
        'An applied migration must never change. Restore its migration.sql from version control and put the change ' +
        'in a new migration (xietong-db migrate create --name <name>).',
    );
    this.migrations = migrations;
  }
}

/** A migration started but did not finish on this database; nothing more is applied until someone resolves it. */
export class FailedMigrationError extends MigrationError {
  readonly migrations: string[];

  constructor(migrations: string[]) {
    super(
      'MIGRATION_FAILED',
      `${migrations.join(', ')} failed part-way on this database, so no further migration is applied. Inspect the ` +
        'database, undo or finish the migration by hand, then mark it: xietong-db migrate resolve --rolled-back <name> ' +
        '(deploy runs it again) or --applied <name>. On a development database you can instead delete the database ' +
        'and deploy again.',
    );
    this.migrations = migrations;
  }
}

/** Input the migration commands cannot work with: a missing schema, an invalid name, no database URL. */
export class MigrationInputError extends MigrationError {
  constructor(message: string) {
    super('MIGRATION_INPUT', message);
  }
}

/** The schema engine refused: an invalid schema, SQL that failed, an unreachable database. */
export class SchemaEngineError extends MigrationError {
  /** Prisma's error code (P1012, P3006, P3018 …) when the engine gave one. */
  readonly engineCode: string | undefined;

  constructor(action: string, engineCode: string | undefined, detail: string) {
    super('SCHEMA_ENGINE', `${action} failed${engineCode ? ` (${engineCode})` : ''}: ${detail}`);
    this.engineCode = engineCode;
  }
}

const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'has a file where a folder should be',
  EISDIR: 'is a folder, not a file',
  EACCES: 'is not accessible to this user (permission denied)',
  EPERM: 'is not accessible (operation not permitted)',
  EEXIST: 'already exists',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full file system',
  ELOOP: 'has a symbolic link loop',
  ENAMETOOLONG: 'is too long a path',
};

/**
 * Turns a file-system failure (ENOTDIR, EACCES, …) into a MigrationInputError naming the path and what was being
 * done; any other error is returned as it is.
 */
export function toFileSystemInputError(error: unknown, doing: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return error;
  const where = e.path ?? 'the path';
  const reason = FILE_SYSTEM_REASONS[e.code] ?? 'cannot be used';
  return new MigrationInputError(`Cannot ${doing}: ${where} ${reason} (${e.code} from ${e.syscall}).`);
}
