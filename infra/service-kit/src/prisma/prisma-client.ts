import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { ReadinessCheck } from '../server/service-app.ts';

/** What the kit needs of a generated Prisma client (every service's client has it, whatever its models). */
export interface PrismaClientLike {
  /** Raw SQL with positional parameters. */
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  /** Closes the client's connections. */
  $disconnect(): Promise<void>;
}

/** Options of createPrismaClient. */
export interface PrismaDatabaseOptions<Client extends PrismaClientLike> {
  /** postgresql://user:password@host:port/database of the service's own database. */
  databaseUrl: string;
  /** The service's generated client class (`src/infrastructure/prisma/generated/client.ts`). */
  PrismaClient: new (options: { adapter: PrismaPg }) => Client;
  /** Most connections, shared by Prisma and the outbox relay (which keeps one for LISTEN); default 10. */
  poolMax?: number;
  /** Shown in pg_stat_activity; default "xietong-service". */
  applicationName?: string;
  /** Longest a statement may run before PostgreSQL cancels it, ms; default 30 000 (0 = no limit). */
  statementTimeoutMs?: number;
  /** Longest to wait for a new connection, ms; default 5 000. */
  connectionTimeoutMs?: number;
  /** Called when an idle pooled connection fails (the database restarted); default: ignored, the pool reconnects. */
  onPoolError?: (error: Error) => void;
}

/** A service's database: the Prisma client, the pool under it, a readiness check and a shutdown hook. */
export interface PrismaDatabase<Client extends PrismaClientLike> {
  /** The service's Prisma client, on a driver adapter over `pool`. */
  readonly prisma: Client;
  /** The node-postgres pool under Prisma; give it to the OutboxRelay so both share connections. */
  readonly pool: pg.Pool;
  /** Readiness: the database answers a query (register it as `readinessChecks.database`). */
  ready: ReadinessCheck;
  /** Disconnects Prisma, then ends the pool (register it with `service.onShutdown`). */
  close(): Promise<void>;
}

/**
 * Connects a service's generated Prisma client (Prisma 7: the datasource has no URL, the client takes a driver
 * adapter) to its database through @prisma/adapter-pg over a pool the kit owns, so the outbox relay and raw-SQL work
 * share the same connections and limits.
 */
export function createPrismaClient<Client extends PrismaClientLike>(options: PrismaDatabaseOptions<Client>): PrismaDatabase<Client> {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolMax ?? 10,
    application_name: options.applicationName ?? 'xietong-service',
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
  });
  // An idle connection's failure is emitted on the pool; without a listener it would crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const prisma = new options.PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    pool,
    async ready() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closing;
    },
  };
}
