// The package's two programs on bad input: exit status 2, a message naming the variable or path, and no stack trace.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigration, MigrationInputError } from '../src/index.ts';
import { makeTempDir } from './temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../src/cli.main.ts');
const POSTGRES = path.resolve(import.meta.dirname, '../src/postgres.main.ts');

let root: string;

beforeAll(async () => {
  root = await makeTempDir('xietong-db-programs');
  await fs.mkdir(path.join(root, 'prisma'));
  await fs.writeFile(path.join(root, 'prisma', 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
  await fs.writeFile(path.join(root, 'a-file'), 'not a folder');
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Runs a program to its exit with only the given variables (and PATH). */
async function run(program: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [program, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('postgres.main.ts', () => {
  it('exits 2 listing every invalid variable', async () => {
    const { code, stderr } = await run(POSTGRES, [], { PG_PORT: 'abc', PG_USER: 'Not-Valid' });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toMatch(/PG_PORT: must be a port number/);
    expect(stderr).toMatch(/PG_USER: must be a lower-case SQL identifier/);
    expectNoStack(stderr);
  });
});

describe('xietong-db', () => {
  it('exits 2 on an invalid DATABASE_URL, without echoing it', async () => {
    const { code, stderr } = await run(CLI, ['migrate', 'status'], { DATABASE_URL: 'mysql://user:secret@host/db' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(stderr).not.toContain('secret');
    expectNoStack(stderr);
  });

  it('exits 2 when a command needs DATABASE_URL and it is not set', async () => {
    const { code, stderr } = await run(CLI, ['migrate', 'deploy'], {});
    expect(code).toBe(2);
    expect(stderr).toContain('DATABASE_URL is not set; migrate deploy needs the database to work on');
    expectNoStack(stderr);
  });

  it('exits 2 naming the path when the migrations folder is a file, without a stack', async () => {
    const file = path.join(root, 'a-file');
    const { code, stderr } = await run(CLI, ['migrate', 'status', '--migrations', file], { DATABASE_URL: 'postgresql://x:y@127.0.0.1:1/none' });
    expect(code).toBe(2);
    expect(stderr).toContain(`Cannot read the migrations folder ${file}: ${file} has a file where a folder should be (ENOTDIR from scandir).`);
    expectNoStack(stderr);
  });

  it('exits 2 naming the path when the schema lies below a file', async () => {
    const schema = path.join(root, 'a-file', 'schema.prisma');
    const { code, stderr } = await run(CLI, ['migrate', 'create', '--name', 'x', '--schema', schema], {});
    expect(code).toBe(2);
    expect(stderr).toContain(schema);
    expectNoStack(stderr);
  });
});

describe('createMigration', () => {
  it('turns a migrations path it cannot read into a MigrationInputError naming it', async () => {
    const file = path.join(root, 'a-file');
    const error = await createMigration({ cwd: root, name: 'x', migrationsDir: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationInputError);
    expect(error).toMatchObject({ code: 'MIGRATION_INPUT', message: expect.stringContaining(`Cannot read the migrations folder ${file}`) });
  });
});
