// The environment of the test-backends helper, parsed once on first use. Nothing else in the package reads process.env.
import { z } from 'zod';

/** Which kind of backends integration tests get. */
export type BackendMode = 'embedded' | 'containers' | 'auto';

/** The helper's configuration. */
export interface TestBackendsConfig {
  /** XIETONG_TEST_BACKEND: embedded, containers, or auto (containers when an engine answers, else embedded). */
  mode: BackendMode;
  /** KAFKA_BROKERS: an existing Kafka cluster to use instead of starting one (host:port, comma-separated). */
  kafkaBrokers: string[] | undefined;
}

/** One or more environment variables are invalid; every problem is listed. */
export class InvalidConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid test-backends configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigError';
    this.problems = problems;
  }
}

const blankIsUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const schema = z.object({
  XIETONG_TEST_BACKEND: z.preprocess(
    blankIsUnset,
    z.enum(['embedded', 'containers', 'auto'], { error: 'must be embedded, containers or auto' }).default('auto'),
  ),
  KAFKA_BROKERS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .refine((brokers) => brokers.every((broker) => /^[^\s:]+:\d{1,5}$/.test(broker)), 'must be host:port pairs separated by commas')
      .optional(),
  ),
});

/** Parses the helper's variables; throws InvalidConfigError listing every invalid one. */
export function readTestBackendsConfig(env: NodeJS.ProcessEnv = process.env): TestBackendsConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? '')})`;
      }),
    );
  }
  return { mode: result.data.XIETONG_TEST_BACKEND, kafkaBrokers: result.data.KAFKA_BROKERS };
}

let cached: TestBackendsConfig | undefined;

/** The configuration of this process, parsed on first use. */
export function testBackendsConfig(): TestBackendsConfig {
  cached ??= readTestBackendsConfig();
  return cached;
}
