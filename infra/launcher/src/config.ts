// The launcher's environment, parsed once at boot. Nothing else in the launcher reads process.env.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

import { InvalidConfigError } from './launcher.errors.ts';

/** The repository root: the default data directory lives here, and workspaces are resolved from it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A configured port and the variable that sets it (the variable is named when the port is taken). */
export interface PortSetting {
  port: number;
  variable: string;
}

/** Every port the platform binds, keyed by component. Services' ports are here so that adding one stays one line. */
export const PORT_VARIABLES = {
  postgres: { variable: 'XIETONG_PG_PORT', default: 5433, meaning: 'embedded PostgreSQL' },
  kafka: { variable: 'XIETONG_KAFKA_PORT', default: 9092, meaning: 'Kafka development broker' },
  identity: { variable: 'XIETONG_IDENTITY_PORT', default: 8180, meaning: 'development OpenID provider (Keycloak layout)' },
  gateway: { variable: 'XIETONG_GATEWAY_PORT', default: 4000, meaning: 'GraphQL gateway' },
  web: { variable: 'XIETONG_WEB_PORT', default: 5173, meaning: 'web app' },
  meetings: { variable: 'XIETONG_MEETINGS_PORT', default: 4101, meaning: 'joint-meetings service' },
  pollution: { variable: 'XIETONG_POLLUTION_PORT', default: 4102, meaning: 'pollution-cases service' },
  medical: { variable: 'XIETONG_MEDICAL_PORT', default: 4103, meaning: 'medical-settlement service' },
  investment: { variable: 'XIETONG_INVESTMENT_PORT', default: 4104, meaning: 'investment-leads service' },
} as const;

/** Keys of PORT_VARIABLES. */
export type PortKey = keyof typeof PORT_VARIABLES;

/** What the launcher runs with. */
export interface LauncherConfig {
  /** XIETONG_DATA_DIR as an absolute path; every component keeps its data in a subdirectory. */
  dataDir: string;
  /** XIETONG_HOST: the address every component listens on. */
  host: string;
  /** XIETONG_PUBLIC_HOST: the host name in URLs for browsers (and the OpenID issuer, which must be one string). */
  publicHost: string;
  ports: Record<PortKey, PortSetting>;
  /** XIETONG_READY_TIMEOUT_SECONDS in milliseconds: how long each component may take to become ready. */
  readyTimeoutMs: number;
  /** XIETONG_STOP_GRACE_SECONDS in milliseconds: how long each component has to stop before it is killed. */
  stopGraceMs: number;
}

/** The launcher's variables with their defaults and meanings, for the README table and `--help`. */
export const CONFIG_VARIABLES: ReadonlyArray<{ variable: string; default: string; meaning: string }> = [
  { variable: 'XIETONG_DATA_DIR', default: '.data at the repository root', meaning: 'where PostgreSQL, the broker and the identity provider keep their data; kept across restarts' },
  { variable: 'XIETONG_HOST', default: '127.0.0.1', meaning: 'address every component listens on' },
  { variable: 'XIETONG_PUBLIC_HOST', default: 'localhost', meaning: 'host name in the URLs browsers use (web app, gateway, OpenID issuer)' },
  ...Object.values(PORT_VARIABLES).map((p) => ({ variable: p.variable, default: String(p.default), meaning: `port of the ${p.meaning}` })),
  { variable: 'XIETONG_READY_TIMEOUT_SECONDS', default: '60', meaning: 'how long each component may take to become ready' },
  { variable: 'XIETONG_STOP_GRACE_SECONDS', default: '10', meaning: 'how long each component has to stop after SIGTERM before it is killed' },
];

// An empty variable counts as unset, as in `VAR= npm start`.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const portNumber = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 1 to 65535')
  .transform(Number)
  .refine((value) => value >= 1 && value <= 65535, 'must be a port number from 1 to 65535');

const seconds = (max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds')
    .transform(Number)
    .refine((value) => value > 0 && value <= max, `must be more than 0 and at most ${max} seconds`);

const hostName = z
  .string()
  .regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an IP address (no scheme, no port)');

const schema = z.object({
  XIETONG_DATA_DIR: optional(z.string().default(path.join(REPO_ROOT, '.data'))),
  XIETONG_HOST: optional(hostName.default('127.0.0.1')),
  XIETONG_PUBLIC_HOST: optional(hostName.default('localhost')),
  XIETONG_READY_TIMEOUT_SECONDS: optional(seconds(3600).default(60)),
  XIETONG_STOP_GRACE_SECONDS: optional(seconds(600).default(10)),
  ...Object.fromEntries(Object.values(PORT_VARIABLES).map((p) => [p.variable, optional(portNumber.default(p.default))])),
});

/** Parses the launcher's variables; throws InvalidConfigError listing every invalid one (and every port clash). */
export function readLauncherConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): LauncherConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? '')})`;
      }),
    );
  }
  const parsed = result.data as Record<string, unknown>;
  const ports = Object.fromEntries(
    Object.entries(PORT_VARIABLES).map(([key, p]) => [key, { port: parsed[p.variable] as number, variable: p.variable }]),
  ) as Record<PortKey, PortSetting>;

  const byPort = new Map<number, string[]>();
  for (const { port, variable } of Object.values(ports)) byPort.set(port, [...(byPort.get(port) ?? []), variable]);
  const clashes = [...byPort].filter(([, variables]) => variables.length > 1);
  if (clashes.length > 0) {
    throw new InvalidConfigError(clashes.map(([port, variables]) => `${variables.join(' and ')}: all set to ${port}; each needs its own port`));
  }

  return {
    dataDir: path.resolve(cwd, parsed.XIETONG_DATA_DIR as string),
    host: parsed.XIETONG_HOST as string,
    publicHost: parsed.XIETONG_PUBLIC_HOST as string,
    ports,
    readyTimeoutMs: Math.round((parsed.XIETONG_READY_TIMEOUT_SECONDS as number) * 1000),
    stopGraceMs: Math.round((parsed.XIETONG_STOP_GRACE_SECONDS as number) * 1000),
  };
}
