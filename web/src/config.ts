// The web app's configuration, read once at start. Values come from the build (Vite's import.meta.env, which
// `npm start` fills through the launcher) and may be overridden at run time by /config.js, which the container image
// writes from its environment (window.__XIETONG_CONFIG__), so one built image serves any deployment.
import * as z from 'zod/mini';

/** The variables the app needs, by the names the launcher and the container use. */
export const CONFIG_VARIABLES = ['VITE_GATEWAY_URL', 'VITE_OIDC_URL', 'VITE_OIDC_REALM', 'VITE_OIDC_CLIENT_ID'] as const;

/** One of the configuration variables. */
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** The parsed configuration. */
export interface AppConfig {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  gatewayUrl: string;
  /** The identity server's base URL (keycloak-js `url`), e.g. http://localhost:8180. */
  oidcUrl: string;
  /** The realm (keycloak-js `realm`). */
  oidcRealm: string;
  /** The public client (keycloak-js `clientId`). */
  oidcClientId: string;
}

/** A variable that is missing or invalid, and why. */
export interface ConfigIssue {
  variable: ConfigVariable;
  problem: 'missing' | 'invalid-url' | 'invalid-name';
}

/** The outcome of reading the configuration. */
export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; issues: ConfigIssue[] };

const httpUrl = z.string().check(
  z.refine((value) => {
    if (!URL.canParse(value)) return false;
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  }),
);
const name = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/));

const rules: Record<ConfigVariable, { schema: z.ZodMiniType<string>; problem: ConfigIssue['problem'] }> = {
  VITE_GATEWAY_URL: { schema: httpUrl, problem: 'invalid-url' },
  VITE_OIDC_URL: { schema: httpUrl, problem: 'invalid-url' },
  VITE_OIDC_REALM: { schema: name, problem: 'invalid-name' },
  VITE_OIDC_CLIENT_ID: { schema: name, problem: 'invalid-name' },
};

/** Parses the configuration from the given sources; the run-time source wins over the build's where it has a value. */
export function parseConfig(build: Partial<Record<string, unknown>>, runtime: Partial<Record<string, unknown>> = {}): ConfigResult {
  const issues: ConfigIssue[] = [];
  const values = {} as Record<ConfigVariable, string>;
  for (const variable of CONFIG_VARIABLES) {
    const raw = pick(runtime[variable]) ?? pick(build[variable]);
    if (raw === undefined) {
      issues.push({ variable, problem: 'missing' });
      continue;
    }
    const rule = rules[variable];
    const parsed = rule.schema.safeParse(raw);
    if (!parsed.success) issues.push({ variable, problem: rule.problem });
    else values[variable] = parsed.data;
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    config: {
      gatewayUrl: values.VITE_GATEWAY_URL,
      // keycloak-js appends /realms/<realm>/…; a trailing slash would double it.
      oidcUrl: values.VITE_OIDC_URL.replace(/\/+$/, ''),
      oidcRealm: values.VITE_OIDC_REALM,
      oidcClientId: values.VITE_OIDC_CLIENT_ID,
    },
  };
}

// An empty or whitespace-only value counts as unset (an unfilled container variable arrives as '').
function pick(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

declare global {
  interface Window {
    /** Written by /config.js before the app starts (see public/config.js). */
    __XIETONG_CONFIG__?: Partial<Record<ConfigVariable, string>>;
  }
}

/** Reads the configuration of this page load: the build's values, overridden by /config.js. */
export function readConfig(): ConfigResult {
  return parseConfig(
    {
      VITE_GATEWAY_URL: import.meta.env.VITE_GATEWAY_URL,
      VITE_OIDC_URL: import.meta.env.VITE_OIDC_URL,
      VITE_OIDC_REALM: import.meta.env.VITE_OIDC_REALM,
      VITE_OIDC_CLIENT_ID: import.meta.env.VITE_OIDC_CLIENT_ID,
    },
    typeof window === 'undefined' ? {} : (window.__XIETONG_CONFIG__ ?? {}),
  );
}
