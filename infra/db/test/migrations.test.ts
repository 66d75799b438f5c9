import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextMigrationTimestamp } from '../src/migration-directory.ts';
import {
  createMigration,
  deployMigrations,
  FailedMigrationError,
  MigrationInputError,
  migrationStatus,
  ModifiedMigrationError,
  resolveMigration,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../src/index.ts';
import { makeTempDir } from './temp-dir.ts';

const SCHEMA = `datasource db {
  provider = "postgresql"
}

generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
}

model Meeting {
  id       String   @id @default(uuid())
  title    String
  startsAt DateTime

  @@index([startsAt])
}
`;

let root: string;
let server: EmbeddedPostgres;

async function makeService(name: string, schema = SCHEMA): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(path.join(dir, 'prisma'), { recursive: true });
  await fs.writeFile(path.join(dir, 'prisma', 'schema.prisma'), schema);
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  root = await makeTempDir('xietong-migrations-test');
  server = await startEmbeddedPostgres({ dataDir: path.join(root, 'pgdata'), port: 0, ephemeral: true });
});

afterAll(async () => {
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

describe('migrations', () => {
  it('creates, applies and re-applies migrations, the second holding only the change', async () => {
    const cwd = await makeService('meetings');
    const databaseUrl = await server.ensureDatabase('meetings');

    const first = await createMigration({ cwd, name: 'Init meetings', databaseUrl, now: new Date('2026-11-01T08:00:00Z') });
    if (!first.created) throw new Error('expected a migration');
    expect(first.name).toBe('20261101080000_init_meetings');
    expect(first.sql).toContain('CREATE TABLE "Meeting"');
    const migrationsDir = path.join(cwd, 'prisma', 'migrations');
    expect(await fs.readFile(path.join(migrationsDir, first.name, 'migration.sql'), 'utf8')).toBe(first.sql);
    expect(await fs.readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

    expect(await createMigration({ cwd, name: 'nothing', databaseUrl })).toEqual({ created: false, reason: 'no-changes' });

    expect(await deployMigrations({ cwd, databaseUrl })).toEqual({ applied: [first.name], notInDirectory: [] });
    expect(await deployMigrations({ cwd, databaseUrl })).toEqual({ applied: [], notInDirectory: [] });

    await fs.writeFile(
      path.join(cwd, 'prisma', 'schema.prisma'),
      SCHEMA.replace('  title    String\n', '  title    String\n  province String?\n'),
    );
    const second = await createMigration({ cwd, name: 'add province', databaseUrl, now: new Date('2026-11-01T08:00:00Z') });
    if (!second.created) throw new Error('expected a migration');
    // Same clock second as the first: the name still sorts after it.
    expect(second.name).toBe('20261101080001_add_province');
    expect(second.sql).toContain('ADD COLUMN     "province" TEXT');
    expect(second.sql).not.toContain('CREATE TABLE');

    const pending = await migrationStatus({ cwd, databaseUrl });
    expect(pending).toMatchObject({ applied: [first.name], pending: [second.name], upToDate: false });

    expect((await deployMigrations({ cwd, databaseUrl })).applied).toEqual([second.name]);
    expect(await migrationStatus({ cwd, databaseUrl })).toMatchObject({
      migrations: [first.name, second.name],
      applied: [first.name, second.name],
      pending: [],
      modified: [],
      failed: [],
      upToDate: true,
    });
    const columns = await query<{ column_name: string }>(
      databaseUrl,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Meeting' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'title', 'startsAt', 'province']);

    // The rows Prisma's CLI reads: sha256 of the file as checksum, finished, one step each.
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
    }>(databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((row) => row.migration_name)).toEqual([first.name, second.name]);
    for (const [row, sql] of [
      [rows[0], first.sql],
      [rows[1], second.sql],
    ] as const) {
      expect(row?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row?.finished_at).toBeInstanceOf(Date);
      expect(row?.rolled_back_at).toBeNull();
      expect(row?.applied_steps_count).toBe(1);
      expect(row?.logs).toBeNull();
    }
    // The shadow databases are gone.
    const shadows = await query(server.adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow%'");
    expect(shadows).toEqual([]);
  });

  it('detects an applied migration that was modified and refuses to deploy', async () => {
    const cwd = await makeService('modified');
    const databaseUrl = await server.ensureDatabase('modified');
    const created = await createMigration({ cwd, name: 'init', databaseUrl });
    if (!created.created) throw new Error('expected a migration');
    await deployMigrations({ cwd, databaseUrl });

    await fs.appendFile(path.join(created.directory, 'migration.sql'), 'ALTER TABLE "Meeting" ADD COLUMN "sneaky" TEXT;\n');
    expect(await migrationStatus({ cwd, databaseUrl })).toMatchObject({ modified: [created.name], upToDate: false });
    const error = await deployMigrations({ cwd, databaseUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModifiedMigrationError);
    expect(error).toMatchObject({ code: 'MIGRATION_MODIFIED', migrations: [created.name] });
    expect((error as Error).message).toContain(created.name);
  });

  it('stops at a migration that fails, and goes on once it is resolved as rolled back and fixed', async () => {
    const cwd = await makeService('failing');
    const databaseUrl = await server.ensureDatabase('failing');
    const created = await createMigration({ cwd, name: 'init', databaseUrl });
    if (!created.created) throw new Error('expected a migration');
    const file = path.join(created.directory, 'migration.sql');
    await fs.writeFile(file, `${created.sql}\nSELECT no_such_function();\n`);

    const failure = await deployMigrations({ cwd, databaseUrl }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SCHEMA_ENGINE' });
    expect((failure as Error).message).toContain(`Applying migrations (at ${created.name}) failed`);
    expect((failure as Error).message).toContain('function no_such_function() does not exist');
    expect((failure as Error).message).not.toMatch(/with migration_name/);
    expect(await migrationStatus({ cwd, databaseUrl })).toMatchObject({ failed: [created.name], applied: [], upToDate: false });
    const blocked = await deployMigrations({ cwd, databaseUrl }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(FailedMigrationError);
    expect((blocked as Error).message).toContain('xietong-db migrate resolve --rolled-back');

    // The script ran as one implicit transaction, as Prisma's native engine runs it: nothing of it stayed.
    expect(await query(databaseUrl, `SELECT to_regclass('"Meeting"') AS t`)).toEqual([{ t: null }]);
    await fs.writeFile(file, created.sql);
    await resolveMigration({ cwd, databaseUrl, name: created.name, as: 'rolled-back' });
    expect((await deployMigrations({ cwd, databaseUrl })).applied).toEqual([created.name]);
    expect(await migrationStatus({ cwd, databaseUrl })).toMatchObject({ failed: [], upToDate: true });
  });

  it('applies a hand-written migration whose PL/pgSQL function bodies contain semicolons', async () => {
    const cwd = await makeService('plpgsql');
    const databaseUrl = await server.ensureDatabase('plpgsql');
    const created = await createMigration({ cwd, name: 'init', databaseUrl });
    if (!created.created) throw new Error('expected a migration');
    await fs.appendFile(
      path.join(created.directory, 'migration.sql'),
      `CREATE FUNCTION meeting_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title := trim(NEW.title);
  RETURN NEW;
END $$;
CREATE TRIGGER meeting_touch BEFORE INSERT ON "Meeting" FOR EACH ROW EXECUTE FUNCTION meeting_touch();
`,
    );
    expect((await deployMigrations({ cwd, databaseUrl })).applied).toEqual([created.name]);
    await query(databaseUrl, `INSERT INTO "Meeting" (id, title, "startsAt") VALUES ('m1', '  padded  ', now())`);
    expect(await query(databaseUrl, 'SELECT title FROM "Meeting"')).toEqual([{ title: 'padded' }]);
  });

  it('rejects a name without letters and a missing schema, naming the problem', async () => {
    const cwd = await makeService('inputs');
    await expect(createMigration({ cwd, name: '!!!', databaseUrl: server.adminUrl })).rejects.toThrow(/Invalid migration name "!!!"/);
    await expect(createMigration({ cwd, name: 'x', schemaPath: 'nowhere.prisma', databaseUrl: server.adminUrl })).rejects.toBeInstanceOf(
      MigrationInputError,
    );
  });

  it('runs as the xietong-db command, making its shadow database on a temporary server without DATABASE_URL', async () => {
    const cwd = await makeService('cli');
    const databaseUrl = await server.ensureDatabase('cli');
    const cli = path.resolve(import.meta.dirname, '../src/cli.main.ts');
    const run = async (args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> => {
      const { DATABASE_URL: _ignored, ...inherited } = process.env;
      return promisify(execFile)(process.execPath, [cli, ...args], { cwd, env: { ...inherited, ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    };

    const created = await run(['migrate', 'create', '--name', 'init'], {});
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/Created prisma\/migrations\/\d{14}_init\/migration\.sql/);

    const before = await run(['migrate', 'status'], { DATABASE_URL: databaseUrl });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/pending +\d{14}_init/);
    expect((await run(['migrate', 'deploy'], { DATABASE_URL: databaseUrl })).stdout).toMatch(/Applied 1 migration/);

    const missingUrl = await run(['migrate', 'deploy'], {});
    expect(missingUrl.code).toBe(2);
    expect(missingUrl.stderr).toContain('DATABASE_URL is not set');
    const usage = await run(['migrate', 'create'], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--name');
  });
});

describe('nextMigrationTimestamp', () => {
  it('uses the UTC clock, and one second after the newest migration when the clock is not ahead of it', () => {
    expect(nextMigrationTimestamp([], new Date('2026-03-04T05:06:07Z'))).toBe('20260304050607');
    expect(nextMigrationTimestamp(['20260304050607_a'], new Date('2026-03-04T05:06:07Z'))).toBe('20260304050608');
    expect(nextMigrationTimestamp(['20261231235959_a'], new Date('2026-01-01T00:00:00Z'))).toBe('20270101000000');
  });
});
