import type { z } from 'zod';
import { DomainError, type FieldProblem } from '../errors/domain-error.ts';

/** The environment as a program receives it (process.env's shape). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The environment is unusable; `problems` names every invalid variable and why. Stable code: INVALID_CONFIG. */
export class ConfigError extends DomainError {
  constructor(problems: readonly FieldProblem[]) {
    super('INVALID_CONFIG', `invalid configuration: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`, problems);
  }
}

/** A program's configuration: a zod object over environment variables, parsed once at boot. */
export interface ConfigDefinition<Schema extends z.ZodObject> {
  /** The schema, for composing definitions. */
  readonly schema: Schema;
  /** Parses the environment: the typed configuration, or a ConfigError listing every invalid variable. */
  loadConfig(env: Environment): z.output<Schema>;
}

/** Defines a program's configuration from a zod object whose keys are environment variable names. */
export function defineConfig<Schema extends z.ZodObject>(schema: Schema): ConfigDefinition<Schema> {
  return {
    schema,
    loadConfig(env) {
      // An empty variable counts as unset: `FOO= cmd` and a blank line in an env file mean "no value".
      const input: Record<string, string> = {};
      for (const key of Object.keys(schema.shape)) {
        const value = env[key];
        if (value !== undefined && value !== '') input[key] = value;
      }
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      throw new ConfigError(problemsFrom(result.error, input));
    },
  };
}

function problemsFrom(error: z.ZodError, input: Record<string, string>): FieldProblem[] {
  const byVariable = new Map<string, string[]>();
  for (const issue of error.issues) {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    // zod's wording for a missing key ("expected string, received undefined") says less than "is required".
    const reason = issue.path.length === 1 && !(variable in input) && issue.code === 'invalid_type' ? 'is required but not set' : issue.message;
    const reasons = byVariable.get(variable) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    byVariable.set(variable, reasons);
  }
  return [...byVariable].map(([field, reasons]) => ({ field, reason: reasons.join('; ') }));
}

/** Where exitOnInvalidConfig writes and how it ends the program (tests pass their own). */
export interface ExitIo {
  /** Writes one report to the error stream. */
  writeError(text: string): void;
  /** Ends the program with the given code. */
  exit(code: number): never;
}

const processIo: ExitIo = {
  writeError: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/** Exit code of a program started with an invalid environment (EX_USAGE-like, distinct from a crash's 1). */
export const INVALID_CONFIG_EXIT_CODE = 2;

/** Runs load(); on a ConfigError prints every invalid variable and exits with code 2. Other errors propagate. */
export function exitOnInvalidConfig<T>(load: () => T, io: ExitIo = processIo): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.problems.map((p) => `  ${p.field}: ${p.reason}`);
    io.writeError(`Invalid configuration (${error.problems.length} variable${error.problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n`);
    return io.exit(INVALID_CONFIG_EXIT_CODE);
  }
}
