export { ConfigError, defineConfig, exitOnInvalidConfig, INVALID_CONFIG_EXIT_CODE } from './config-loader.ts';
export type { ConfigDefinition, Environment, ExitIo } from './config-loader.ts';
export { envBoolean, envInt, envList, envPort, envUrl } from './env-schemas.ts';
export { LOG_LEVELS, serviceEnvSchema, tokenVerifierOptionsOf, type ServiceEnv } from './service-env.ts';
