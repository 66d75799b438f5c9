// Reads the demo accounts from the identity provider's realm file, for the ready block.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

import { REPO_ROOT } from './config.ts';

/** The realm file the development identity provider serves (and the Keycloak export is written from). */
export const DEMO_REALM_FILE = path.join(REPO_ROOT, 'infra/identity/data/demo-realm.json');

/** The demo accounts, as the ready block shows them. */
export interface DemoLogins {
  provinces: Array<{ code: string; name: string }>;
  /** Roles in the realm's order. */
  roles: string[];
  users: Array<{ username: string; province: string; roles: string[]; password?: string }>;
}

// Only the fields the ready block needs; the identity provider validates the file in full.
const realmFile = z.object({
  provinces: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() })),
  roles: z.array(z.object({ name: z.string() })),
  users: z.array(z.object({ username: z.string(), password: z.string().optional(), province: z.string(), roles: z.array(z.string()) })),
});

/** Loads the demo accounts; throws with the file name and the reason when the file is missing or malformed. */
export async function readDemoLogins(file: string = DEMO_REALM_FILE): Promise<DemoLogins> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = realmFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a realm file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { provinces, roles, users } = parsed.data;
  return {
    provinces: provinces.map((p) => ({ code: p.code, name: p.nameEn ?? p.name })),
    roles: roles.map((r) => r.name),
    users: users.map((u) => ({ username: u.username, province: u.province, roles: u.roles, ...(u.password === undefined ? {} : { password: u.password }) })),
  };
}
