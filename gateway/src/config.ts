// The gateway's environment, parsed once at boot (main.ts). Nothing else in the package reads process.env.
import { z } from 'zod';
import { defineConfig, envInt, envList, envPort, envUrl, type Environment } from './kit.ts';

/** development: introspection, field suggestions and ad-hoc documents allowed; production: none of them. */
export const GATEWAY_MODES = ['development', 'production'] as const;

/** The gateway's run mode. */
export type GatewayMode = (typeof GATEWAY_MODES)[number];

const definition = defineConfig(
  z
    .object({
      GATEWAY_HOST: z.string().default('127.0.0.1'),
      GATEWAY_PORT: envPort().default(4000),
      GATEWAY_MODE: z.enum(GATEWAY_MODES, { error: 'must be development or production' }).default('development'),
      /** Expected `iss` of access tokens, e.g. http://localhost:8180/realms/xietong. */
      OIDC_ISSUER: envUrl(),
      /** Expected audience: the gateway's client id. */
      OIDC_AUDIENCE: z.string().min(1).default('xietong-gateway'),
      /** Default `<issuer>/protocol/openid-connect/certs` (Keycloak's layout). */
      OIDC_JWKS_URL: envUrl().optional(),
      /** The web app's public client id, shown to anonymous callers as sign-in information. */
      OIDC_WEB_CLIENT_ID: z.string().min(1).default('xietong-web'),
      /** host:port of the Kafka brokers the subscriptions are fed from. */
      KAFKA_BROKERS: envList(),
      /** Distinguishes this instance's consumer group (every instance must see every event); default the host name. */
      GATEWAY_INSTANCE_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens').optional(),
      /** The web app's persisted operations (JSON object: hash → document); required in production. */
      GATEWAY_PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
      /** Requests per minute per signed-in user (anonymous callers: per address), across all instances. */
      GATEWAY_RATE_LIMIT_PER_MINUTE: envInt(1, 1_000_000).default(600),
      /**
       * Gateway instances behind the load balancer. The rate limit is counted in each instance's memory
       * (docs/decisions/0007), so each allows its share: the per-user limit divided by this.
       */
      GATEWAY_INSTANCE_COUNT: envInt(1, 1_000).default(1),
      /** Largest request body, bytes. */
      GATEWAY_BODY_LIMIT_BYTES: envInt(1024, 16 * 1024 * 1024).default(1024 * 1024),
      /** Longest a query or mutation may run before it is cancelled, ms. */
      GATEWAY_REQUEST_TIMEOUT_MS: envInt(100, 120_000).default(15_000),
      /** How far back a reconnecting subscriber may resume (Last-Event-ID), ms. */
      GATEWAY_EVENT_RETENTION_MS: envInt(1_000, 86_400_000).default(15 * 60_000),
      /** Most events kept for resuming, whatever their age. */
      GATEWAY_EVENT_RETENTION_COUNT: envInt(1, 1_000_000).default(50_000),
      /** Base URLs of the domain services, `name=url` pairs, e.g. `pollution=http://127.0.0.1:4101`. */
      GATEWAY_SERVICE_URLS: z
        .string()
        .transform((value, ctx) => {
          const urls: Record<string, string> = {};
          for (const pair of value.split(',').map((item) => item.trim()).filter(Boolean)) {
            const match = /^([a-z][a-z0-9-]*)=(https?:\/\/\S+)$/.exec(pair);
            if (!match?.[1] || !match[2] || !URL.canParse(match[2])) {
              ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=http(s)://host:port` });
              continue;
            }
            urls[match[1]] = match[2].replace(/\/+$/, '');
          }
          return urls;
        })
        .default({}),
      /** Browser origins of the web app, comma-separated. */
      GATEWAY_CORS_ORIGINS: envList().default(['http://localhost:5173', 'http://127.0.0.1:5173']),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .superRefine((env, ctx) => {
      if (env.GATEWAY_INSTANCE_COUNT > env.GATEWAY_RATE_LIMIT_PER_MINUTE) {
        ctx.addIssue({ code: 'custom', path: ['GATEWAY_INSTANCE_COUNT'], message: 'must not exceed GATEWAY_RATE_LIMIT_PER_MINUTE (each instance allows at least one request a minute)' });
      }
      if (env.GATEWAY_MODE === 'production' && env.GATEWAY_PERSISTED_OPERATIONS_FILE === undefined) {
        ctx.addIssue({ code: 'custom', path: ['GATEWAY_PERSISTED_OPERATIONS_FILE'], message: 'is required in production mode (only registered operations run there)' });
      }
    }),
);

/** The gateway's parsed configuration. */
export interface GatewayConfig {
  host: string;
  port: number;
  mode: GatewayMode;
  oidc: { issuer: string; audience: string; jwksUrl: string; webClientId: string };
  kafka: { brokers: string[]; groupId: string };
  persistedOperationsFile: string | undefined;
  /** This instance's share of the per-user limit (GATEWAY_RATE_LIMIT_PER_MINUTE / GATEWAY_INSTANCE_COUNT, rounded down). */
  rateLimitPerMinute: number;
  /** The per-user limit across all instances, and how many instances share it. */
  rateLimit: { perUserPerMinute: number; instanceCount: number };
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  eventRetention: { maxAgeMs: number; maxCount: number };
  serviceUrls: Readonly<Record<string, string>>;
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Parses the environment; throws the kit's ConfigError naming every invalid variable. */
export function loadGatewayConfig(env: Environment, hostname: string): GatewayConfig {
  const raw = definition.loadConfig(env);
  const issuer = raw.OIDC_ISSUER.replace(/\/+$/, '');
  const instance = raw.GATEWAY_INSTANCE_ID ?? (hostname.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63) || 'gateway');
  return {
    host: raw.GATEWAY_HOST,
    port: raw.GATEWAY_PORT,
    mode: raw.GATEWAY_MODE,
    oidc: {
      issuer,
      audience: raw.OIDC_AUDIENCE,
      jwksUrl: raw.OIDC_JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`,
      webClientId: raw.OIDC_WEB_CLIENT_ID,
    },
    // One group per instance: a subscriber may be connected to any instance, so each must see every event.
    kafka: { brokers: raw.KAFKA_BROKERS, groupId: `xietong-gateway-${instance}` },
    persistedOperationsFile: raw.GATEWAY_PERSISTED_OPERATIONS_FILE,
    // Rounded down, so the instances together never allow more than the configured limit.
    rateLimitPerMinute: Math.floor(raw.GATEWAY_RATE_LIMIT_PER_MINUTE / raw.GATEWAY_INSTANCE_COUNT),
    rateLimit: { perUserPerMinute: raw.GATEWAY_RATE_LIMIT_PER_MINUTE, instanceCount: raw.GATEWAY_INSTANCE_COUNT },
    bodyLimitBytes: raw.GATEWAY_BODY_LIMIT_BYTES,
    requestTimeoutMs: raw.GATEWAY_REQUEST_TIMEOUT_MS,
    eventRetention: { maxAgeMs: raw.GATEWAY_EVENT_RETENTION_MS, maxCount: raw.GATEWAY_EVENT_RETENTION_COUNT },
    serviceUrls: raw.GATEWAY_SERVICE_URLS,
    corsOrigins: raw.GATEWAY_CORS_ORIGINS,
    logLevel: raw.LOG_LEVEL,
  };
}
