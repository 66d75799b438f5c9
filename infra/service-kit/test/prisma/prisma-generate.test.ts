import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrismaClient, generatePrismaClient } from '../../src/prisma/prisma-generate.ts';

const minimalService = fileURLToPath(new URL('../e2e/minimal-service/', import.meta.url));
const kitMain = fileURLToPath(new URL('../../src/kit.main.ts', import.meta.url));
let service: string;

beforeAll(async () => {
  // A copy of the minimal service's schema and client, to break at will.
  service = await mkdtemp(path.join(os.tmpdir(), 'kit-prisma-generate-'));
  await cp(path.join(minimalService, 'prisma/schema.prisma'), path.join(service, 'prisma/schema.prisma'));
  await cp(path.join(minimalService, 'src/infrastructure/prisma/generated'), path.join(service, 'src/infrastructure/prisma/generated'), { recursive: true });
});

afterAll(async () => {
  await rm(service, { recursive: true, force: true });
});

function kit(args: string[]) {
  return spawnSync(process.execPath, [kitMain, ...args], { cwd: service, encoding: 'utf8', timeout: 60_000 });
}

describe('prisma generate without the native engine', () => {
  it('reports a committed client that differs from what the schema generates, and regenerates it', async () => {
    await appendFile(path.join(service, 'src/infrastructure/prisma/generated/enums.ts'), '// edited by hand\n');
    await writeFile(path.join(service, 'src/infrastructure/prisma/generated/stray.ts'), 'export {};\n');
    const schemaPath = path.join(service, 'prisma/schema.prisma');
    await appendFile(schemaPath, '\nmodel Extra {\n  id Int @id\n}\n');
    const { problems } = await checkPrismaClient({ cwd: service, env: process.env });
    expect(problems).toEqual(expect.arrayContaining(['out of date: enums.ts', 'not generated: stray.ts', 'missing: models/Extra.ts']));

    const check = kit(['prisma-generate', '--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('out of date: enums.ts');

    await rm(path.join(service, 'src/infrastructure/prisma/generated'), { recursive: true });
    await generatePrismaClient({ cwd: service, env: process.env });
    const current = kit(['prisma-generate', '--check']);
    expect(current.status).toBe(0);
    expect(current.stdout).toContain('is current');
  }, 60_000);

  it('answers usage errors with status 2', () => {
    const unknown = kit(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command frobnicate');
    expect(kit(['prisma-generate', '--schema', 'nope.prisma', '--check']).status).toBe(2);
    const sql = kit(['kit-tables-sql']);
    expect(sql.status).toBe(0);
    expect(sql.stdout).toContain('CREATE TABLE IF NOT EXISTS audit_log');
  }, 30_000);
});
