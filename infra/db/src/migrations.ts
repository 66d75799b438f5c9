// The three migration commands every service uses: create, deploy, status. Migrations stay in Prisma's folder format
// and the wasm schema engine writes _prisma_migrations like the Prisma CLI does.
//
// A new migration is the difference between the schema and the migrations as applied to a throw-away shadow
// database (what `prisma migrate dev` does), not a diff against a saved schema snapshot: hand edits to migration.sql
// (triggers, partial indexes, data fixes) are then part of the starting point, and nothing but migration.sql has to
// be kept in step. See infra/db/README.md.
import path from 'node:path';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import {
  LOCKFILE_CONTENT,
  migrationsDirFor,
  nextMigrationTimestamp,
  readMigrationList,
  readSchemaFiles,
  slugifyMigrationName,
  writeMigration,
  type SchemaFile,
} from './migration-directory.ts';
import { FailedMigrationError, MigrationInputError, ModifiedMigrationError } from './migration.errors.ts';
import { makeScratchDir, removeScratchDir } from './scratch-dir.ts';
import { openSchemaEngine, toEngineError, type SchemaEngineHandle } from './schema-engine.ts';

/** Where a service's schema and migrations are. */
export interface MigrationTarget {
  /** Prisma schema file or folder; default prisma/schema.prisma, relative to cwd. */
  schemaPath?: string;
  /** Migrations folder; default `migrations` next to the schema. */
  migrationsDir?: string;
  /** Base for relative paths; default process.cwd(). */
  cwd?: string;
}

/** Options of createMigration. */
export interface CreateMigrationOptions extends MigrationTarget {
  /** Describes the change, e.g. 'add case province'; becomes the folder's suffix. */
  name: string;
  /**
   * A database on the server where the throw-away shadow database is created (needs CREATEDB). Without it a
   * temporary embedded PostgreSQL is started for the shadow database and removed afterwards.
   */
  databaseUrl?: string;
  /** Write an empty migration even when the schema has not changed, for hand-written SQL. */
  allowEmpty?: boolean;
  /** Clock for the timestamp prefix (tests). */
  now?: Date;
}

/** What createMigration did. */
export type CreateMigrationResult =
  | { created: true; name: string; directory: string; sql: string }
  | { created: false; reason: 'no-changes' };

/** Options of deployMigrations and migrationStatus. */
export interface DeployOptions extends MigrationTarget {
  /** The database to migrate. */
  databaseUrl: string;
}

/** What deployMigrations applied. */
export interface DeployResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations the database has recorded but the folder lacks (e.g. deployed by newer code). */
  notInDirectory: string[];
}

/** The state of a database's migrations compared with the folder. */
export interface MigrationStatus {
  migrationsDir: string;
  /** Every migration in the folder, in order. */
  migrations: string[];
  applied: string[];
  pending: string[];
  /** Applied, then changed on disk. */
  modified: string[];
  /** Started on the database and never finished. */
  failed: string[];
  notInDirectory: string[];
  /** Nothing pending, modified, failed or unknown. */
  upToDate: boolean;
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Writes a new migration holding the difference between the schema and the existing migrations; none if no change. */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const { schemaPath, migrationsDir } = await resolveTarget(options);
  const schemaFiles = await readSchemaFiles(schemaPath);
  const slug = slugifyMigrationName(options.name);
  const migrations = await readMigrationList(migrationsDir);
  assertReadable(migrations);
  // The engine reads the provider from the lock file, which Prisma only writes with the first migration.
  if (migrations.lockfile.content === null && migrations.migrationDirectories.length === 0) {
    migrations.lockfile.content = LOCKFILE_CONTENT;
  }

  const sql = await withShadowServer(options.databaseUrl, async (databaseUrl) => {
    const handle = await openSchemaEngine({ databaseUrl, schemaFiles });
    try {
      const result = await handle.engine
        .diff({
          from: { tag: 'migrations', ...migrations },
          to: { tag: 'schemaDatamodel', files: schemaFiles },
          script: true,
          exitCode: true,
          filters: NO_FILTER,
        })
        .catch((error: unknown) => {
          throw toEngineError('Comparing the schema with the migrations', error);
        });
      // exitCode 2 means "there is a difference" (prisma migrate diff --exit-code).
      return result.exitCode === 2 ? (result.stdout ?? '') : undefined;
    } finally {
      await handle.close();
    }
  });

  if (sql === undefined && !options.allowEmpty) return { created: false, reason: 'no-changes' };
  const name = `${nextMigrationTimestamp(migrations.migrationDirectories.map((dir) => dir.path), options.now ?? new Date())}_${slug}`;
  const body = sql ?? '-- This is an empty migration.\n';
  const directory = await writeMigration(migrationsDir, name, body);
  return { created: true, name, directory, sql: body };
}

/** Applies pending migrations in order; refuses when an applied migration was modified or one failed before. */
export async function deployMigrations(options: DeployOptions): Promise<DeployResult> {
  return withEngine(options, async (handle, migrations) => {
    const status = await diagnose(handle, migrations);
    if (status.failed.length > 0) throw new FailedMigrationError(status.failed);
    if (status.modified.length > 0) throw new ModifiedMigrationError(status.modified);
    const output = await handle.engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTER }).catch((error: unknown) => {
      throw toEngineError('Applying migrations', error);
    });
    return { applied: output.appliedMigrationNames, notInDirectory: status.notInDirectory };
  });
}

/** Options of resolveMigration. */
export interface ResolveOptions extends DeployOptions {
  /** The failed migration (folder name). */
  name: string;
  /** 'rolled-back': its changes were undone by hand, deploy will run it again; 'applied': they were completed by hand. */
  as: 'applied' | 'rolled-back';
}

/** Marks a failed migration as rolled back or applied (prisma migrate resolve), so deploy can go on. */
export async function resolveMigration(options: ResolveOptions): Promise<void> {
  await withEngine(options, async (handle, migrations) => {
    if (!migrations.migrationDirectories.some((dir) => dir.path === options.name)) {
      throw new MigrationInputError(`There is no migration ${options.name} in ${migrations.baseDir}.`);
    }
    const status = await diagnose(handle, migrations);
    if (options.as === 'rolled-back' && !status.failed.includes(options.name)) {
      throw new MigrationInputError(`${options.name} has not failed on this database, so there is nothing to roll back.`);
    }
    const marking =
      options.as === 'applied'
        ? handle.engine.markMigrationApplied({ migrationName: options.name, migrationsList: migrations })
        : handle.engine.markMigrationRolledBack({ migrationName: options.name });
    await marking.catch((error: unknown) => {
      throw toEngineError(`Marking ${options.name} as ${options.as}`, error);
    });
  });
}

/** Compares the database's applied migrations with the folder: applied, pending, modified, failed. */
export async function migrationStatus(options: DeployOptions): Promise<MigrationStatus> {
  return withEngine(options, (handle, migrations) => diagnose(handle, migrations));
}

async function diagnose(handle: SchemaEngineHandle, migrations: MigrationList): Promise<MigrationStatus> {
  const output = await handle.engine
    .diagnoseMigrationHistory({ migrationsList: migrations, optInToShadowDatabase: false, filters: NO_FILTER })
    .catch((error: unknown) => {
      throw toEngineError('Reading the migration history', error);
    });
  const names = migrations.migrationDirectories.map((dir) => dir.path);
  const history = output.history;
  const unapplied = new Set(
    history?.diagnostic === 'databaseIsBehind' || history?.diagnostic === 'historiesDiverge' ? history.unappliedMigrationNames : [],
  );
  const notInDirectory =
    history?.diagnostic === 'migrationsDirectoryIsBehind' || history?.diagnostic === 'historiesDiverge' ? history.unpersistedMigrationNames : [];
  const failed = output.failedMigrationNames;
  const pending = names.filter((name) => unapplied.has(name) && !failed.includes(name));
  const applied = names.filter((name) => !unapplied.has(name) && !failed.includes(name));
  const modified = output.editedMigrationNames;
  return {
    migrationsDir: migrations.baseDir,
    migrations: names,
    applied,
    pending,
    modified,
    failed,
    notInDirectory,
    upToDate: pending.length === 0 && modified.length === 0 && failed.length === 0 && notInDirectory.length === 0,
  };
}

async function withEngine<T>(options: DeployOptions, run: (handle: SchemaEngineHandle, migrations: MigrationList) => Promise<T>): Promise<T> {
  const { schemaPath, migrationsDir } = await resolveTarget(options);
  // The schema is optional here: a deployment image may ship only the migrations folder.
  const schemaFiles: SchemaFile[] = await readSchemaFiles(schemaPath).catch(() => []);
  const migrations = await readMigrationList(migrationsDir);
  assertReadable(migrations);
  const handle = await openSchemaEngine({ databaseUrl: options.databaseUrl, schemaFiles });
  try {
    return await run(handle, migrations);
  } finally {
    await handle.close();
  }
}

async function resolveTarget(target: MigrationTarget): Promise<{ schemaPath: string; migrationsDir: string }> {
  const cwd = target.cwd ?? process.cwd();
  const schemaPath = path.resolve(cwd, target.schemaPath ?? path.join('prisma', 'schema.prisma'));
  const migrationsDir = target.migrationsDir ? path.resolve(cwd, target.migrationsDir) : await migrationsDirFor(schemaPath);
  return { schemaPath, migrationsDir };
}

function assertReadable(migrations: MigrationList): void {
  const broken = migrations.migrationDirectories.filter((dir) => dir.migrationFile.content.tag === 'error');
  if (broken.length > 0) {
    throw new MigrationInputError(
      `These folders in ${migrations.baseDir} have no readable migration.sql:\n` +
        broken.map((dir) => `  - ${dir.path}: ${String(dir.migrationFile.content.value)}`).join('\n') +
        '\nEvery folder there must be a migration; move anything else out of it.',
    );
  }
}

/** Runs work with a database URL on a server where shadow databases may be created. */
async function withShadowServer<T>(databaseUrl: string | undefined, work: (url: string) => Promise<T>): Promise<T> {
  if (databaseUrl) return work(databaseUrl);
  const dir = await makeScratchDir('xietong-migrate');
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: 0,
      ephemeral: true,
    });
    try {
      return await work(await server.ensureDatabase('xietong_migrate'));
    } finally {
      await server.stop();
    }
  } finally {
    await removeScratchDir(dir);
  }
}

export { MigrationError, MigrationInputError, ModifiedMigrationError, FailedMigrationError, SchemaEngineError } from './migration.errors.ts';
