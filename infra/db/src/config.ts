// The environment of this package's two programs, parsed once at boot. Nothing else in the package reads process.env.
import path from 'node:path';
import { z } from 'zod';

/** One or more environment variables are invalid; every problem is listed. */
export class InvalidConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigError';
    this.problems = problems;
  }
}

// An empty variable counts as unset, as in most shells' `VAR= command` habits.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535 (0 picks a free one)')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be a port number from 0 to 65535 (0 picks a free one)');

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value) && URL.canParse(value), 'must be a postgresql:// URL');

const serverSchema = z.object({
  PG_DATA_DIR: optional(z.string().default('.data/postgres')),
  PG_PORT: optional(port.default(5433)),
  PG_HOST: optional(z.string().default('127.0.0.1')),
  PG_USER: optional(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('xietong')),
  PG_PASSWORD: optional(z.string().default('xietong')),
});

const migrationSchema = z.object({
  DATABASE_URL: optional(postgresUrl.optional()),
});

/** What the embedded PostgreSQL program (postgres.main.ts) runs with. */
export interface PostgresServerConfig {
  /** Absolute path of the data directory (PG_DATA_DIR, default .data/postgres under the working directory). */
  dataDir: string;
  /** PG_PORT, default 5433; 0 picks a free port. */
  port: number;
  /** PG_HOST, default 127.0.0.1. */
  host: string;
  /** PG_USER, default xietong: the superuser created with the data directory. */
  user: string;
  /** PG_PASSWORD, default xietong. */
  password: string;
}

/** What the xietong-db command runs with. */
export interface MigrationCommandConfig {
  /** DATABASE_URL: the database that `migrate deploy` and `migrate status` work on. */
  databaseUrl: string | undefined;
}

/** Parses the embedded PostgreSQL program's variables; throws InvalidConfigError listing every invalid one. */
export function readPostgresServerConfig(env: NodeJS.ProcessEnv = process.env): PostgresServerConfig {
  const parsed = parse(serverSchema, env);
  return {
    dataDir: path.resolve(parsed.PG_DATA_DIR),
    port: parsed.PG_PORT,
    host: parsed.PG_HOST,
    user: parsed.PG_USER,
    password: parsed.PG_PASSWORD,
  };
}

/** Parses the migration command's variables; throws InvalidConfigError listing every invalid one. */
export function readMigrationCommandConfig(env: NodeJS.ProcessEnv = process.env): MigrationCommandConfig {
  return { databaseUrl: parse(migrationSchema, env).DATABASE_URL };
}

const SECRET_VARIABLES = new Set(['DATABASE_URL', 'PG_PASSWORD']);

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new InvalidConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      // Never echo values that may hold a password.
      const shown = SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(env[name] ?? '')})`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}
