// PostgreSQL, run in the launcher's process through @xietong/db (the README says why), and the access the
// services' `prepare` steps use to create their databases on demand.
import path from 'node:path';

import { startEmbeddedPostgres, type EmbeddedPostgres } from '@xietong/db';

import type { EmbeddedComponentSpec } from './component.types.ts';
import type { PortSetting } from './config.ts';

/** Database access shared by the components that need a database. */
export class PostgresAccess {
  private server?: EmbeddedPostgres;

  /** Set once the server is up. */
  attach(server: EmbeddedPostgres): void {
    this.server = server;
  }

  /** Creates the database unless it exists and returns its URL (called after postgres is ready). */
  async ensureDatabase(name: string): Promise<string> {
    if (this.server === undefined) throw new Error('PostgreSQL is not running');
    return this.server.ensureDatabase(name);
  }

  /** The maintenance database's URL, for the ready block. */
  get adminUrl(): string | undefined {
    return this.server?.adminUrl;
  }
}

/** The superuser the launcher creates in a new data directory; development only, like every default here. */
export const POSTGRES_USER = 'xietong';
const POSTGRES_PASSWORD = 'xietong';

/** The URL of a database on the launcher's PostgreSQL. */
export function postgresUrl(host: string, port: number, database: string): string {
  return `postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
}

/** The embedded PostgreSQL component: data under <dataDir>/postgres, kept across restarts. */
export function postgresComponent(options: {
  dataDir: string;
  host: string;
  /** Where clients connect: the listen address, or loopback when that is a wildcard. */
  connectHost: string;
  port: PortSetting;
  readyTimeoutMs: number;
  access: PostgresAccess;
}): EmbeddedComponentSpec {
  const dataDir = path.join(options.dataDir, 'postgres');
  return {
    kind: 'embedded',
    name: 'postgres',
    ports: [{ host: options.host, ...options.port }],
    readyTimeoutMs: options.readyTimeoutMs,
    dependsOn: [],
    async start({ log }) {
      const server = await startEmbeddedPostgres({
        dataDir,
        host: options.host,
        port: options.port.port,
        user: POSTGRES_USER,
        password: POSTGRES_PASSWORD,
        onLog: log,
        startTimeoutMs: options.readyTimeoutMs,
      });
      options.access.attach(server);
      log(`PostgreSQL ${server.version} ready at ${server.host}:${server.port} (data: ${server.dataDir})`);
      return {
        // The server leads its own process group (the library spawns it detached); its backends are in it too.
        processGroups: [server.pid],
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
        stopSignal: 'SIGINT',
        exited: server.exited.then(({ code, signal }) => (signal !== null ? `was killed by ${signal}` : `exited with code ${code}`)),
        stop: () => server.stop(),
      };
    },
    endpoints: [{ label: 'PostgreSQL', value: `${postgresUrl(options.connectHost, options.port.port, 'postgres')}  (one database per service)` }],
  };
}
