// The OpenID provider for integration tests: the development provider, or Keycloak importing the same realm.
import { fileURLToPath } from 'node:url';
import { announceBackend } from './announce.ts';
import { testBackendsConfig } from './config.ts';
import { resolveBackendKind } from './container-engine.ts';
import type { BackendOptions } from './postgres.backend.ts';
import { makeScratchDir, removeScratchDir } from './temp-dir.ts';

/** The image used when containers run; the realm file is a Keycloak 26 export. */
export const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.4';

/** The realm both providers serve. */
export const REALM = 'xietong';

const REALM_FILE = fileURLToPath(new URL('../../keycloak/xietong-realm.json', import.meta.url));

/** An OpenID provider with the xietong realm and its demo users. */
export interface IdentityBackend {
  readonly kind: 'embedded' | 'container';
  /** Base URL without a path (keycloak-js `url`), e.g. http://127.0.0.1:PORT. */
  readonly baseUrl: string;
  /** `<baseUrl>/realms/xietong`, the `iss` of its tokens. */
  readonly issuer: string;
  /** Stops the provider and removes its data. */
  stop(): Promise<void>;
}

/** Starts the identity provider: embedded by default, Keycloak in a container when an engine answers or is asked for. */
export async function startIdentityBackend(options: BackendOptions = {}): Promise<IdentityBackend> {
  const kind = await resolveBackendKind(options.mode ?? testBackendsConfig().mode);
  return kind === 'container' ? startContainer() : startEmbedded();
}

async function startEmbedded(): Promise<IdentityBackend> {
  // Loaded on demand: suites that only need PostgreSQL do not load the provider.
  const { startIdentityProvider } = await import('@xietong/identity');
  const dir = await makeScratchDir('identity');
  try {
    const provider = await startIdentityProvider({ port: 0, dataDir: dir });
    announceBackend('identity', `embedded (@xietong/identity) with issuer ${provider.issuer}`);
    return {
      kind: 'embedded',
      baseUrl: provider.baseUrl,
      issuer: provider.issuer,
      stop: async () => {
        await provider.stop();
        await removeScratchDir(dir);
      },
    };
  } catch (error) {
    await removeScratchDir(dir);
    throw error;
  }
}

async function startContainer(): Promise<IdentityBackend> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(KEYCLOAK_IMAGE)
    .withCopyFilesToContainer([{ source: REALM_FILE, target: `/opt/keycloak/data/import/${REALM}-realm.json` }])
    .withEnvironment({ KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin' })
    .withCommand(['start-dev', '--import-realm'])
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp(`/realms/${REALM}/.well-known/openid-configuration`, 8080).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  // start-dev takes its host name from each request, so the issuer is whatever URL the tests call it by.
  const baseUrl = `http://${container.getHost()}:${container.getMappedPort(8080)}`;
  const issuer = `${baseUrl}/realms/${REALM}`;
  announceBackend('identity', `container ${KEYCLOAK_IMAGE} with issuer ${issuer}`);
  return {
    kind: 'container',
    baseUrl,
    issuer,
    stop: async () => {
      await container.stop();
    },
  };
}
