// PostgreSQL for integration tests: the embedded server, or the official image through testcontainers.
import path from 'node:path';
import { databaseUrlOn, ensureDatabaseOn, startEmbeddedPostgres } from '@xietong/db';
import { announceBackend } from './announce.ts';
import { testBackendsConfig, type BackendMode } from './config.ts';
import { resolveBackendKind } from './container-engine.ts';
import { makeScratchDir, removeScratchDir } from './temp-dir.ts';

/** The image used when containers run; the same major version as the embedded server. */
export const POSTGRES_IMAGE = 'postgres:18-alpine';

const USER = 'xietong';
const PASSWORD = 'xietong';

/** A PostgreSQL server for one test file; databases are created on demand. */
export interface PostgresBackend {
  readonly kind: 'embedded' | 'container';
  readonly host: string;
  readonly port: number;
  /** URL of the `postgres` maintenance database, as a superuser. */
  readonly adminUrl: string;
  /** URL of a database on this server (which may not exist yet). */
  urlFor(database: string): string;
  /** Creates the database unless it exists and returns its URL. */
  ensureDatabase(database: string): Promise<string>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/** Options shared by the start functions. */
export interface BackendOptions {
  /** Overrides XIETONG_TEST_BACKEND for this call. */
  mode?: BackendMode;
}

/** Starts PostgreSQL: embedded by default, a container when an engine answers (auto) or containers are asked for. */
export async function startPostgresBackend(options: BackendOptions = {}): Promise<PostgresBackend> {
  const kind = await resolveBackendKind(options.mode ?? testBackendsConfig().mode);
  return kind === 'container' ? startContainer() : startEmbedded();
}

async function startEmbedded(): Promise<PostgresBackend> {
  const dir = await makeScratchDir('postgres');
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: 0, user: USER, password: PASSWORD, ephemeral: true });
    announceBackend('postgres', `embedded (PostgreSQL ${server.version}) at ${server.host}:${server.port}`);
    return {
      kind: 'embedded',
      host: server.host,
      port: server.port,
      adminUrl: server.adminUrl,
      urlFor: (database) => server.urlFor(database),
      ensureDatabase: (database) => server.ensureDatabase(database),
      stop: async () => {
        await server.stop();
        await removeScratchDir(dir);
      },
    };
  } catch (error) {
    await removeScratchDir(dir);
    throw error;
  }
}

async function startContainer(): Promise<PostgresBackend> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withUsername(USER)
    .withPassword(PASSWORD)
    .withDatabase('postgres')
    // Throw-away data: no flushes, as for the embedded server.
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
    .start();
  const host = container.getHost();
  const port = container.getPort();
  const adminUrl = `postgresql://${USER}:${PASSWORD}@${host.includes(':') ? `[${host}]` : host}:${port}/postgres`;
  announceBackend('postgres', `container ${POSTGRES_IMAGE} at ${host}:${port}`);
  return {
    kind: 'container',
    host,
    port,
    adminUrl,
    urlFor: (database) => databaseUrlOn(adminUrl, database),
    ensureDatabase: (database) => ensureDatabaseOn(adminUrl, database),
    stop: async () => {
      await container.stop();
    },
  };
}
