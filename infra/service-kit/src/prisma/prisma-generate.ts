// `prisma generate` without Prisma's native engine (infra/db/README.md): the Prisma 7 CLI refuses to start before it
// has downloaded the native schema engine, which these machines cannot; any existing file as
// PRISMA_SCHEMA_ENGINE_BINARY satisfies that check, and generate itself only uses the bundled wasm.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kitTablesBlockProblem } from './kit-tables.ts';

/** Where a service's Prisma schema is. */
export interface PrismaGenerateOptions {
  /** Schema file, relative to cwd; default prisma/schema.prisma. */
  schemaPath?: string;
  /** The service's folder; default process.cwd(). */
  cwd?: string;
  /** The environment of the prisma CLI (the bin passes its own); the kit adds the placeholder engine variables. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Why the committed client is not what generate writes now; empty when it is current. */
export interface PrismaClientCheck {
  /** The generated folder that was compared. */
  outputDir: string;
  /** `missing: …`, `out of date: …`, `not generated: …`, or a schema problem. */
  problems: string[];
}

/** Why a generate run failed: the CLI's own output. */
export class PrismaGenerateError extends Error {
  readonly code = 'PRISMA_GENERATE_FAILED';
}

// The placeholder need only exist; this module's own file always does and is never executable as an engine.
const ENGINE_PLACEHOLDER = fileURLToPath(import.meta.url);
const GENERATE_TIMEOUT_MS = 120_000;

/** Runs `prisma generate` for the service's schema (the client goes where its generator's `output` says). */
export async function generatePrismaClient(options: PrismaGenerateOptions = {}): Promise<void> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  await runPrismaGenerate(cwd, options.schemaPath ?? 'prisma/schema.prisma', options.env ?? {});
}

/**
 * Generates into a scratch copy of the service's layout and compares it with the committed client, file by file;
 * also checks the schema's service-kit block. Used by `xietong-kit prisma-generate --check` and a service's tests.
 */
export async function checkPrismaClient(options: PrismaGenerateOptions = {}): Promise<PrismaClientCheck> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const schemaPath = path.resolve(cwd, options.schemaPath ?? 'prisma/schema.prisma');
  const schema = await readFile(schemaPath, 'utf8');
  const outputDir = path.resolve(path.dirname(schemaPath), generatorOutput(schema, schemaPath));
  const problems: string[] = [];
  const blockProblem = kitTablesBlockProblem(schema);
  if (blockProblem) problems.push(blockProblem);
  for (const [name, dir] of [['schema', schemaPath], ['generated client', outputDir]] as const) {
    if (path.relative(cwd, dir).startsWith('..')) throw new RangeError(`the ${name} (${dir}) must be inside ${cwd} to be checked`);
  }

  // The same relative layout under a scratch folder: the generated files embed the schema text (with its relative
  // output path), so the copy generates byte-identical files when nothing changed.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'xietong-prisma-check-'));
  try {
    const scratchSchema = path.join(scratch, path.relative(cwd, schemaPath));
    await mkdir(path.dirname(scratchSchema), { recursive: true });
    await copyFile(schemaPath, scratchSchema);
    await runPrismaGenerate(scratch, path.relative(cwd, schemaPath), options.env ?? {}, cwd);
    const fresh = path.join(scratch, path.relative(cwd, outputDir));
    const [freshFiles, committedFiles] = await Promise.all([listFiles(fresh), listFiles(outputDir)]);
    for (const file of freshFiles) {
      if (!committedFiles.includes(file)) problems.push(`missing: ${file}`);
      else if ((await readFile(path.join(fresh, file), 'utf8')) !== (await readFile(path.join(outputDir, file), 'utf8'))) problems.push(`out of date: ${file}`);
    }
    for (const file of committedFiles) if (!freshFiles.includes(file)) problems.push(`not generated: ${file}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { outputDir, problems };
}

/** The `output` of the schema's prisma-client generator. */
function generatorOutput(schema: string, schemaPath: string): string {
  for (const block of schema.matchAll(/generator\s+\w+\s*\{([^}]*)\}/g)) {
    const body = block[1] ?? '';
    if (!/provider\s*=\s*"prisma-client"/.test(body)) continue;
    const output = /output\s*=\s*"([^"]+)"/.exec(body)?.[1];
    if (output) return output;
  }
  throw new RangeError(`${schemaPath} has no generator with provider "prisma-client" and an output folder`);
}

async function listFiles(root: string): Promise<string[]> {
  const exists = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs the prisma CLI (resolved from the service's folder, else the kit's) in cwd. */
function runPrismaGenerate(cwd: string, schemaPath: string, env: Readonly<Record<string, string | undefined>>, resolveFrom: string = cwd): Promise<void> {
  const cli = resolvePrismaCli(resolveFrom);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'generate', '--schema', schemaPath], {
      cwd,
      env: {
        ...env,
        PRISMA_SCHEMA_ENGINE_BINARY: env.PRISMA_SCHEMA_ENGINE_BINARY ?? ENGINE_PLACEHOLDER,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: GENERATE_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new PrismaGenerateError(`prisma generate failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

function resolvePrismaCli(from: string): string {
  for (const base of [path.join(from, 'package.json'), fileURLToPath(import.meta.url)]) {
    try {
      return createRequire(base).resolve('prisma/build/index.js');
    } catch {
      // try the next place
    }
  }
  throw new PrismaGenerateError('the prisma CLI is not installed: add prisma (the version of @prisma/client) to devDependencies');
}
