// Prisma's schema engine compiled to WebAssembly, talking to PostgreSQL through @prisma/adapter-pg. The Prisma CLI
// only drives the native engine binary, which cannot be downloaded here; the wasm engine runs the same migration
// code (it writes _prisma_migrations exactly like the CLI) behind a driver adapter.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as Bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { SchemaEngineError } from './migration.errors.ts';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

type WasmBindings = typeof Bindings;

// The WebAssembly global exists in Node, but its types come with the DOM library this project does not load.
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
};

let bindingsPromise: Promise<WasmBindings> | undefined;

/** Where the engine's Rust panic hook leaves its message (the bindings expect this global, as the Prisma CLI sets it). */
const panicRegistry = {
  message: '',
  set_message(message: string): void {
    this.message = message;
  },
};
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

/** Instantiates the engine's wasm module once per process (the bindings keep it in module state). */
function loadBindings(): Promise<WasmBindings> {
  bindingsPromise ??= (async () => {
    const bindingsUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = (await import(bindingsUrl)) as WasmBindings;
    const bytes = await fs.readFile(new URL('./schema_engine_bg.wasm', bindingsUrl));
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bindings;
  })();
  return bindingsPromise;
}

/**
 * The message of the engine's last Rust panic, if any. Some panics escape as an uncaught RuntimeError ("unreachable")
 * rather than a rejected promise; a program's uncaughtException handler can print this instead.
 */
export function lastSchemaEnginePanic(): string | undefined {
  return panicRegistry.message || undefined;
}

/** Version (git hash) of the schema engine in use. */
export async function schemaEngineVersion(): Promise<string> {
  return (await loadBindings()).version();
}

/** A schema engine connected to one database; close() releases every connection it opened. */
export interface SchemaEngineHandle {
  engine: SchemaEngine;
  /** Log lines the engine printed (JSON, one per line), for error reports. */
  logs: string[];
  close(): Promise<void>;
}

/** Opens a schema engine on databaseUrl; shadow databases it needs are created on the same server and dropped after. */
export async function openSchemaEngine(input: {
  databaseUrl: string;
  schemaFiles: Array<{ path: string; content: string }>;
}): Promise<SchemaEngineHandle> {
  const bindings = await loadBindings();
  const factory = new MigrationAdapterFactory(input.databaseUrl);
  const logs: string[] = [];
  try {
    const engine = await bindings.SchemaEngine.new(
      { datamodels: input.schemaFiles.length > 0 ? input.schemaFiles.map((file) => [file.path, file.content]) : undefined },
      (line: string) => {
        logs.push(line);
        if (logs.length > 200) logs.shift();
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      logs,
      close: async () => {
        engine.free();
        await factory.closeAll();
      },
    };
  } catch (error) {
    await factory.closeAll();
    throw toEngineError('Connecting to the database', error);
  }
}

/** Turns what the engine throws (an Error with a Prisma code and a Rust backtrace) into a SchemaEngineError. */
export function toEngineError(action: string, error: unknown): SchemaEngineError {
  if (error instanceof SchemaEngineError) return error;
  const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'RuntimeError' && panicRegistry.message) {
    // A panic leaves the wasm instance unusable: the next engine gets a fresh one.
    message = `the schema engine crashed: ${panicRegistry.message}`;
    panicRegistry.message = '';
    bindingsPromise = undefined;
  }
  // The engine appends its span trace ("   0: schema_engine_wasm::…", "      with migration_name=…"); users need
  // the sentences before it, and the migration the trace names.
  const migration = /with migration_name="([^"]+)"/.exec(message)?.[1];
  const detail = message
    .split('\n')
    .filter((line) => !/^\s+(\d+: |at |with )/.test(line) && line.trim() !== 'external connector error')
    .join('\n')
    .trim();
  return new SchemaEngineError(migration ? `${action} (at ${migration})` : action, code, detail);
}

/**
 * The adapter factory the engine uses. Two fixes over plain PrismaPg: the engine cannot read PostgreSQL `name` and
 * `"char"` columns as adapter-pg reports them (prisma/orm#27403, see retypeCatalogColumns); and PrismaPg's own
 * shadow database reuses the main database when given a connection string and drops the shadow before closing
 * its pool, so shadow databases are made here.
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly databaseUrl: string;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(databaseUrl: string) {
    this.databaseUrl = databaseUrl;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await connectAdapter(this.databaseUrl));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomBytes(8).toString('hex')}`;
    await runOnServer(this.databaseUrl, `CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.databaseUrl);
    shadowUrl.pathname = `/${name}`;
    let adapter: SqlDriverAdapter;
    try {
      adapter = await connectAdapter(shadowUrl.toString());
    } catch (error) {
      await runOnServer(this.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      throw error;
    }
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await runOnServer(this.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return this.track(adapter);
  }

  async closeAll(): Promise<void> {
    const adapters = [...this.open];
    this.open.clear();
    await Promise.all(adapters.map((adapter) => adapter.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    // The engine disposes shadow connections itself and we dispose whatever is left at close: only once each.
    adapter.dispose = () => {
      this.open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    return adapter;
  }
}

async function connectAdapter(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('connect', retypeCatalogColumns);
  // Idle-client errors (a dropped shadow database) surface through the next query instead.
  pool.on('error', () => undefined);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  // adapter-pg's executeScript splits a script at every ';', even inside a $$ … $$ function body, so a migration
  // with a PL/pgSQL trigger fails (prisma/orm#27510). PostgreSQL's simple-query protocol runs a multi-statement
  // script as it is, with the same all-or-nothing behaviour inside the migration's own transaction.
  const raiseAdapterError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      raiseAdapterError(error);
    }
  };
  reportCharacterColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => reportCharacterColumns(await startTransaction(...args));
  return adapter;
}

const TEXT_OID = 25;
const NAME_OID = 19;
const CHAR_OID = 18;

/** Column positions of `"char"` columns, keyed by the rows array pg returned (which adapter-pg passes through). */
const characterColumns = new WeakMap<object, number[]>();

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * Catalog queries of the engine return `name` and `"char"` columns, which adapter-pg does not map (it throws on
 * `"char"`). Both are reported to the adapter as text; `"char"` columns are remembered so that
 * reportCharacterColumns can give them the Character type the engine reads them as (e.g. pg_constraint.contype).
 */
function retypeCatalogColumns(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const retype = (result: unknown): void => {
    for (const one of Array.isArray(result) ? result : [result]) {
      const { fields, rows } = (one ?? {}) as { fields?: Array<{ dataTypeID: number }>; rows?: unknown };
      const charColumns: number[] = [];
      (fields ?? []).forEach((field, index) => {
        if (field.dataTypeID === CHAR_OID) charColumns.push(index);
        if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      });
      if (charColumns.length > 0 && typeof rows === 'object' && rows !== null) characterColumns.set(rows, charColumns);
    }
  };
  (client as unknown as { query: QueryFunction }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (result) retype(result);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then((result: unknown) => (retype(result), result)) : pending;
  };
}

function reportCharacterColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of characterColumns.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

async function runOnServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}
