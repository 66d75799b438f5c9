// Databases on any PostgreSQL server we hold a superuser (or CREATEDB) URL for: the embedded one, a container, CI's.
import pg from 'pg';
import { InvalidDatabaseNameError } from './embedded-postgres.errors.ts';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws InvalidDatabaseNameError unless name is a plain lower-case identifier (no quoting surprises anywhere). */
export function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) throw new InvalidDatabaseNameError(name);
}

/** The URL of another database on the same server, with the same credentials and parameters. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Creates the database on serverUrl's server unless it exists (safe when several callers race); returns its URL. */
export async function ensureDatabaseOn(serverUrl: string, name: string): Promise<string> {
  assertDatabaseName(name);
  const client = new pg.Client({ connectionString: serverUrl });
  // Errors of this short-lived connection surface through the awaited calls below.
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Serialise our own callers (launcher, tests in parallel workers) so the server log stays free of
    // duplicate-key errors; the catch below still covers creators that do not take the lock.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['xietong.ensureDatabase']);
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Someone else created it between our check and our create: 42P04, or 23505 when both inserts raced.
        const code = (error as { code?: unknown }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return databaseUrlOn(serverUrl, name);
}
