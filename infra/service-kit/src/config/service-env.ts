import { z } from 'zod';
import type { TokenVerifierOptions } from '../identity/token-verifier.ts';
import { envList, envPort, envUrl } from './env-schemas.ts';

/** Log levels a service accepts in LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The variables every service reads (the launcher and the compose file set them). A service extends it with its own:
 * `defineConfig(serviceEnvSchema.extend({ CASES_PAGE_SIZE: envInt(1, 500).default(50) }))`.
 */
export const serviceEnvSchema = z.object({
  /** Address to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port to listen on (0 = any free port). */
  PORT: envPort().default(8080),
  /** The service's own database. */
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  /** host:port of the Kafka brokers. */
  KAFKA_BROKERS: envList(),
  /** Kafka client id; default the service name. */
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  /** Expected `iss` of access tokens, e.g. http://localhost:8180/realms/xietong. */
  OIDC_ISSUER: envUrl(),
  /** Expected audience: the gateway's client id (services check the very token the gateway received). */
  OIDC_AUDIENCE: z.string().min(1).default('xietong-gateway'),
  /** Default `<issuer>/protocol/openid-connect/certs` (Keycloak's layout). */
  OIDC_JWKS_URL: envUrl().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** The parsed standard variables. */
export type ServiceEnv = z.output<typeof serviceEnvSchema>;

/** Token verifier options from the standard variables (JWKS URL defaulting to Keycloak's layout under the issuer). */
export function tokenVerifierOptionsOf(env: Pick<ServiceEnv, 'OIDC_ISSUER' | 'OIDC_AUDIENCE' | 'OIDC_JWKS_URL'>): TokenVerifierOptions {
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER.replace(/\/+$/, '')}/protocol/openid-connect/certs`,
  };
}
