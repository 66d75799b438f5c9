// Reads the demo accounts from the identity provider's realm file, for the ready block, through the identity
// package's own loader so that the launcher shows exactly what the provider would accept.
import path from 'node:path';
import type { DemoRealm } from '@xietong/identity';

import { REPO_ROOT } from './config.ts';
import { DemoRealmUnavailableError } from './launcher.errors.ts';

/** The realm file the development identity provider serves (and the Keycloak export is written from). */
export const DEMO_REALM_FILE = path.join(REPO_ROOT, 'infra/identity/data/demo-realm.json');

/** The demo accounts, as the ready block shows them. */
export interface DemoLogins {
  provinces: Array<{ code: string; name: string }>;
  /** Roles in the realm's order. */
  roles: string[];
  users: Array<{ username: string; province: string; roles: string[]; password?: string }>;
}

/** Loads the demo accounts; throws DemoRealmUnavailableError with the file and every problem when it is unusable. */
export async function readDemoLogins(file: string = DEMO_REALM_FILE): Promise<DemoLogins> {
  // Imported when the ready block is drawn, not at start: the package's entry point also loads the provider's
  // server (fastify, oidc-provider), which the launcher runs as a child and does not need in its own process.
  const { loadDemoRealm } = await import('@xietong/identity');
  let realm: DemoRealm;
  try {
    realm = loadDemoRealm(file);
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    throw new DemoRealmUnavailableError(file, Array.isArray(problems) ? problems.map(String) : [(error as Error).message]);
  }
  return {
    provinces: realm.provinces.map((p) => ({ code: p.code, name: p.nameEn })),
    roles: realm.roles.map((r) => r.name),
    users: realm.users.map((u) => ({ username: u.username, province: u.province, roles: u.roles, password: u.password })),
  };
}
