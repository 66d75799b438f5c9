import { fileURLToPath } from 'node:url';
import { deployMigrations } from '@xietong/db';

/** The service's Prisma schema; its migrations folder lies next to it. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

/**
 * Applies pending migrations at boot (the kit tables first, then the service's own). Prisma's schema engine takes an
 * advisory lock while it applies, so several instances starting together are safe. In production the same
 * migrations can run as a release step instead (`npm run migrate:deploy`); then this finds nothing to do.
 */
export async function migrateDatabase(databaseUrl: string): Promise<{ applied: string[] }> {
  const { applied } = await deployMigrations({ databaseUrl, schemaPath: SCHEMA_PATH });
  return { applied };
}
