// Public API of @xietong/db: the embedded PostgreSQL server and the shared migration commands.
export * from './embedded-postgres.ts';
export { assertDatabaseName, databaseUrlOn, ensureDatabaseOn } from './database.ts';
export * from './migrations.ts';
export { lastSchemaEnginePanic, schemaEngineVersion } from './schema-engine.ts';
export { InvalidConfigError } from './config.ts';
export { makeScratchDir, removeScratchDir } from './scratch-dir.ts';
