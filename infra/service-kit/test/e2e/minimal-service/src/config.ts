// The minimal service's configuration: the kit's standard service variables plus its own. Parsed once, at start.
import { z } from 'zod';
import { defineConfig, envInt, serviceEnvSchema } from '../../../../src/index.ts';

/** The service's environment variables. */
export const notesConfig = defineConfig(
  serviceEnvSchema.extend({
    /** How often the outbox relay looks for rows when no notification arrives, ms. */
    OUTBOX_POLL_INTERVAL_MS: envInt(10, 60_000).default(1_000),
    /** How often the relay measures its lag for the metrics, ms. */
    OUTBOX_LAG_INTERVAL_MS: envInt(10, 600_000).default(5_000),
    /** The topic the service publishes its note events to (and consumes them from). */
    NOTES_TOPIC: z.string().regex(/^[a-z0-9.-]+$/, 'must be a Kafka topic name').default('xietong.kittest.notes.v1'),
  }),
);

/** The parsed configuration. */
export type NotesConfig = ReturnType<typeof notesConfig.loadConfig>;
