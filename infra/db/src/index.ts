// Public API of @xietong/db: the embedded PostgreSQL server and the shared migration commands.
export * from './embedded-postgres.ts';
