import { z } from 'zod';
import { defineConfig, envUrl, exitOnInvalidConfig } from './config/index.ts';

/** The verify command's environment. */
export const auditVerifyConfig = defineConfig(
  z.object({
    /** The audited service's database. */
    DATABASE_URL: envUrl(['postgres', 'postgresql']),
  }),
);

/** Parses the environment once; exits 2 listing every invalid variable. */
export function loadAuditVerifyConfig() {
  return exitOnInvalidConfig(() => auditVerifyConfig.loadConfig(process.env));
}
