// Writes infra/keycloak/xietong-realm.json from data/demo-realm.json, so the Keycloak realm and the development
// provider cannot drift apart. `--check` only compares and exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildKeycloakRealm } from '../src/keycloak/keycloak-realm.builder.ts';
import { loadDemoRealm } from '../src/realm/demo-realm.repository.ts';

/** Where the realm export is committed. */
export const KEYCLOAK_REALM_FILE = fileURLToPath(new URL('../../keycloak/xietong-realm.json', import.meta.url));

/** The exact text the realm export file must hold. */
export function renderKeycloakRealm(): string {
  return `${JSON.stringify(buildKeycloakRealm(loadDemoRealm()), null, 2)}\n`;
}

async function main(): Promise<void> {
  const expected = renderKeycloakRealm();
  if (process.argv.includes('--check')) {
    const actual = await readFile(KEYCLOAK_REALM_FILE, 'utf8').catch(() => '');
    if (actual !== expected) {
      console.error(`${KEYCLOAK_REALM_FILE} is out of date; run: npm run write-keycloak-realm -w @xietong/identity`);
      process.exit(1);
    }
    console.log(`${KEYCLOAK_REALM_FILE} is up to date`);
    return;
  }
  await writeFile(KEYCLOAK_REALM_FILE, expected);
  console.log(`wrote ${KEYCLOAK_REALM_FILE}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
