// The CLI's configuration: command-line flags, with KAFKA_BROKER_HOST / KAFKA_BROKER_PORT / KAFKA_BROKER_DATA_DIR
// as fallbacks, parsed once at boot: node:util parseArgs reads the command line, zod checks each value, and every
// problem is collected so that one run reports all of them.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

/** The broker CLI's settings. */
export interface BrokerCliConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly segmentBytes: number;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
}

/** Result of parsing: the config, a request for help, or every problem found. */
export type ParsedConfig = { readonly kind: 'ok'; readonly config: BrokerCliConfig } | { readonly kind: 'help' } | { readonly kind: 'invalid'; readonly problems: string[] };

/** Usage text for --help and configuration errors. */
export const USAGE = `Usage: kafka-broker [options]

  --host <address>               address to listen on (env KAFKA_BROKER_HOST, default 127.0.0.1)
  --port <port>                  port to listen on, 0 for any free port (env KAFKA_BROKER_PORT, default 9092)
  --data-dir <path>              where logs and offsets are kept (env KAFKA_BROKER_DATA_DIR, default .data/kafka-broker)
  --retention-ms <ms>            default retention.ms, -1 to keep forever (default 604800000, 7 days)
  --retention-bytes <bytes>      default retention.bytes per partition, -1 for no limit (default -1)
  --segment-bytes <bytes>        default segment.bytes, at least 1024 (default 67108864)
  --auto-create-topics=<bool>    create topics on first use: true or false (default true)
  --default-partitions <n>       partitions of auto-created topics (default 1)
  --help                         show this text`;

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, { message: 'must be an integer' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

const SCHEMA = {
  host: z.string().trim().min(1, { message: 'must not be empty' }),
  port: integer(0, 65535),
  dataDir: z.string().trim().min(1, { message: 'must not be empty' }),
  retentionMs: integer(-1, Number.MAX_SAFE_INTEGER),
  retentionBytes: integer(-1, Number.MAX_SAFE_INTEGER),
  segmentBytes: integer(1024, 0x7fffffff),
  autoCreateTopics: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true'),
  defaultPartitions: integer(1, 1000),
} as const;

type Key = keyof typeof SCHEMA;

// Command-line names of the settings; parseArgs reads each as a string and zod decides what it means.
const FLAGS: Record<string, Key> = {
  host: 'host',
  port: 'port',
  'data-dir': 'dataDir',
  'retention-ms': 'retentionMs',
  'retention-bytes': 'retentionBytes',
  'segment-bytes': 'segmentBytes',
  'auto-create-topics': 'autoCreateTopics',
  'default-partitions': 'defaultPartitions',
};

const OPTIONS = {
  ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' }])),
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const ENV: Partial<Record<Key, string>> = { host: 'KAFKA_BROKER_HOST', port: 'KAFKA_BROKER_PORT', dataDir: 'KAFKA_BROKER_DATA_DIR' };

const DEFAULTS: Record<Key, string> = {
  host: '127.0.0.1',
  port: '9092',
  dataDir: '.data/kafka-broker',
  retentionMs: String(7 * 24 * 60 * 60 * 1000),
  retentionBytes: '-1',
  segmentBytes: String(64 * 1024 * 1024),
  autoCreateTopics: 'true',
  defaultPartitions: '1',
};

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

// parseArgs refuses a separate value that starts with a dash ("--retention-ms -1") as ambiguous, and a string option
// cannot stand alone; the CLI has always accepted both, so such pairs are joined as "--flag=value" first, and a bare
// --auto-create-topics means true. A following argument starting with "--" is the next option, never a value: a
// setting followed by one (or by nothing) is missing its value, which is listed here rather than left to parseArgs.
function joinFlagValues(argv: readonly string[]): { args: string[]; missing: string[] } {
  const args: string[] = [];
  const missing: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const flag = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (flag === undefined || FLAGS[flag] === undefined) args.push(arg);
    else if (next !== undefined && !next.startsWith('--')) {
      args.push(`${arg}=${next}`);
      i++;
    } else if (flag === 'auto-create-topics') args.push(`${arg}=true`);
    else missing.push(`${arg}: missing value`);
  }
  return { args, missing };
}

// Strict parseArgs decides whether the command line is well-formed, but stops at its first problem; when it refuses
// one, a lenient pass over the same arguments yields tokens from which every problem is listed.
function tokenize(args: string[]): { tokens: Token[]; strictError: Error | null } {
  try {
    return { tokens: parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false, tokens: true }).tokens, strictError: null };
  } catch (e) {
    if (!String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) throw e;
    return { tokens: parseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens, strictError: e as Error };
  }
}

/** Parses command-line arguments and environment into the CLI config, collecting every problem. */
export function parseBrokerConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedConfig {
  const { args, missing } = joinFlagValues(argv);
  const { tokens, strictError } = tokenize(args);
  const problems: string[] = [...missing];
  const given = new Map<Key, { value: string; source: string }>();
  for (const token of tokens) {
    if (token.kind === 'positional') problems.push(`${token.value}: unexpected argument (options are given as --name value or --name=value)`);
    if (token.kind !== 'option') continue;
    if (token.name === 'help') return { kind: 'help' };
    const key = FLAGS[token.name];
    const flag = `--${token.name}`;
    if (key === undefined) problems.push(`${token.rawName}: unknown option`);
    else if (token.value === undefined) problems.push(`${flag}: missing value`);
    else {
      if (given.has(key)) problems.push(`${flag}: given more than once`);
      given.set(key, { value: token.value, source: flag });
    }
  }
  // parseArgs refused something that the checks above did not name: report it in its own words.
  if (strictError !== null && problems.length === 0) problems.push(strictError.message.replace(/\n/g, ' '));
  for (const [key, name] of Object.entries(ENV) as Array<[Key, string]>) {
    const value = env[name];
    if (!given.has(key) && value !== undefined && value !== '') given.set(key, { value, source: name });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SCHEMA) as Key[]) {
    const entry = given.get(key) ?? { value: DEFAULTS[key], source: `default ${key}` };
    const result = SCHEMA[key].safeParse(entry.value);
    if (result.success) out[key] = result.data;
    else problems.push(`${entry.source}: ${result.error.issues.map((i) => i.message).join(', ')} (got "${entry.value}")`);
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  return { kind: 'ok', config: out as unknown as BrokerCliConfig };
}
