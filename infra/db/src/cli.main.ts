#!/usr/bin/env node
// xietong-db: the one migration command of every service (see infra/db/README.md).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidConfigError, readMigrationCommandConfig } from './config.ts';
import { toFileSystemInputError } from './migration.errors.ts';
import { createMigration, deployMigrations, migrationStatus, resolveMigration, type MigrationStatus } from './migrations.ts';
import { lastSchemaEnginePanic } from './schema-engine.ts';

const USAGE = `Usage:
  xietong-db migrate create --name <name> [--schema <path>] [--migrations <dir>] [--empty]
      New migration from the difference between the schema and the existing migrations. The migrations are
      replayed on a throw-away shadow database: on DATABASE_URL's server when it is set, otherwise on a
      temporary embedded PostgreSQL. --empty writes one even without a change, for hand-written SQL.
  xietong-db migrate deploy [--schema <path>] [--migrations <dir>]
      Apply pending migrations to DATABASE_URL; refuses when an applied migration was modified.
  xietong-db migrate status [--schema <path>] [--migrations <dir>]
      Applied, pending and modified migrations of DATABASE_URL; exit status 1 unless up to date.
  xietong-db migrate resolve (--rolled-back <name> | --applied <name>) [--schema <path>] [--migrations <dir>]
      After a migration failed on DATABASE_URL and was undone (or completed) by hand, record that so deploy
      goes on (prisma migrate resolve).

  --schema defaults to prisma/schema.prisma; --migrations to the migrations folder next to the schema.`;

/** Exit statuses: 0 done, 1 failed (or status not up to date), 2 bad input: usage, configuration, files. */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        schema: { type: 'string' },
        migrations: { type: 'string' },
        empty: { type: 'boolean' },
        'rolled-back': { type: 'string' },
        applied: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [group, command, ...rest] = positionals;
  if (group !== 'migrate' || !command || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const config = readMigrationCommandConfig();
  const target = { schemaPath: values.schema, migrationsDir: values.migrations };
  const databaseUrl = (): string => {
    if (!config.databaseUrl) throw new InvalidConfigError([`DATABASE_URL is not set; migrate ${command} needs the database to work on.`]);
    return config.databaseUrl;
  };

  switch (command) {
    case 'create': {
      if (!values.name) {
        console.error(`migrate create needs --name <name>\n\n${USAGE}`);
        return 2;
      }
      const result = await createMigration({ ...target, name: values.name, databaseUrl: config.databaseUrl, allowEmpty: values.empty });
      if (!result.created) {
        console.log('No changes: the schema matches the migrations, so no migration was created.');
      } else {
        console.log(`Created ${path.relative(process.cwd(), path.join(result.directory, 'migration.sql'))}\n\n${result.sql}`);
      }
      return 0;
    }
    case 'deploy': {
      const result = await deployMigrations({ ...target, databaseUrl: databaseUrl() });
      warnNotInDirectory(result.notInDirectory);
      console.log(
        result.applied.length === 0
          ? 'No pending migrations: the database is up to date.'
          : `Applied ${result.applied.length} migration${result.applied.length === 1 ? '' : 's'}:\n${result.applied.map((n) => `  ${n}`).join('\n')}`,
      );
      return 0;
    }
    case 'status': {
      const status = await migrationStatus({ ...target, databaseUrl: databaseUrl() });
      printStatus(status);
      return status.upToDate ? 0 : 1;
    }
    case 'resolve': {
      const rolledBack = values['rolled-back'];
      const applied = values.applied;
      if ((rolledBack === undefined) === (applied === undefined)) {
        console.error(`migrate resolve needs exactly one of --rolled-back <name> and --applied <name>\n\n${USAGE}`);
        return 2;
      }
      const name = rolledBack ?? applied ?? '';
      const as = rolledBack !== undefined ? 'rolled-back' : 'applied';
      await resolveMigration({ ...target, databaseUrl: databaseUrl(), name, as });
      console.log(`Marked ${name} as ${as}.`);
      return 0;
    }
    default:
      console.error(`Unknown command migrate ${command}\n\n${USAGE}`);
      return 2;
  }
}

function printStatus(status: MigrationStatus): void {
  console.log(`${status.migrations.length} migration${status.migrations.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), status.migrationsDir) || '.'}`);
  const state = (name: string): string =>
    status.failed.includes(name) ? 'FAILED  ' : status.modified.includes(name) ? 'MODIFIED' : status.pending.includes(name) ? 'pending ' : 'applied ';
  for (const name of status.migrations) console.log(`  ${state(name)} ${name}`);
  warnNotInDirectory(status.notInDirectory);
  if (status.modified.length > 0) console.log('Modified migrations were changed after being applied; restore them and add a new migration instead.');
  if (status.failed.length > 0) console.log('Failed migrations block deploy until resolved: xietong-db migrate resolve --help.');
  if (status.pending.length > 0) console.log(`${status.pending.length} pending: run xietong-db migrate deploy.`);
  if (status.upToDate) console.log('The database is up to date.');
}

function warnNotInDirectory(names: string[]): void {
  if (names.length === 0) return;
  console.log(`The database has migrations this folder lacks (deployed by other code?):\n${names.map((n) => `  ${n}`).join('\n')}`);
}

process.on('uncaughtException', (error) => {
  const panic = lastSchemaEnginePanic();
  console.error(panic ? `The schema engine crashed (a bug in Prisma's engine): ${panic}` : error);
  process.exit(1);
});

// Bad input (invalid configuration, a usage or input problem, a path that cannot be read or written) exits 2 with
// its message, like every program here; our other errors exit 1 with theirs; anything else is a bug worth its stack.
const BAD_INPUT = new Set(['INVALID_CONFIG', 'MIGRATION_INPUT']);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (thrown) {
  const error = toFileSystemInputError(thrown, 'use a path the command needs');
  const code = (error as { code?: unknown }).code;
  const ours = typeof code === 'string' && !code.startsWith('E');
  console.error(ours ? (error as Error).message : error);
  process.exitCode = ours && BAD_INPUT.has(code) ? 2 : 1;
}
