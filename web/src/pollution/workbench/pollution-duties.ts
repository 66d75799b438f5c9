// Apart from the panel itself, so the workbench can decide whether to load the panel without loading it.
import type { Role } from '../../auth/user.model.ts';

/** Which pollution duties a user's roles carry: acknowledging alerts is the environmental bureau's, cases also the liaison office's. */
export function pollutionDuties(roles: readonly Role[]): { alerts: boolean; cases: boolean } {
  const environment = roles.includes('environment');
  return { alerts: environment, cases: environment || roles.includes('liaison') };
}
