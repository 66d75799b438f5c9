// The pollution service's configuration: the kit's standard service variables plus its own. Parsed once, at start.
import { defineConfig, envBoolean, envInt, exitOnInvalidConfig, serviceEnvSchema } from '@xietong/service-kit';
import { z } from 'zod';

/** The service's environment variables. */
export const pollutionConfig = defineConfig(
  serviceEnvSchema.extend({
    /** Name in logs, metrics and WhoAmI (the launcher sets it). */
    SERVICE_NAME: z.string().min(1).default('pollution'),
    /** Load the demo scenario (benzene spill at Liuzhuang …) into an empty database at boot. */
    SEED_DEMO_DATA: envBoolean().default(false),
    /** Apply pending migrations at boot (turn off where a release step migrates). */
    RUN_MIGRATIONS: envBoolean().default(true),
    /** Seconds between runs of the escalation job. */
    ESCALATION_INTERVAL_SECONDS: envInt(1, 3600).default(30),
    /** Partitions of a pollution topic the service creates because it is missing. */
    KAFKA_TOPIC_PARTITIONS: envInt(1, 128).default(3),
    /** Most readings one upload may carry. */
    MAX_READINGS_PER_BATCH: envInt(1, 50_000).default(10_000),
  }),
);

/** The parsed configuration. */
export type PollutionConfig = ReturnType<typeof pollutionConfig.loadConfig>;

/** Reads the process environment once; an invalid one prints every bad variable and exits with status 2. */
export function loadPollutionConfig(): PollutionConfig {
  return exitOnInvalidConfig(() => pollutionConfig.loadConfig(process.env));
}
