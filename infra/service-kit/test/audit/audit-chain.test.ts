import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@xietong/db';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, hashAuditRow, installAuditLog, verifyAuditChain } from '../../src/audit/index.ts';
import type { AuditEntry } from '../../src/audit/index.ts';
import { prismaSqlExecutor } from '../../src/messaging/prisma-transactions.ts';

let server: EmbeddedPostgres;
let root: string;
let databases = 0;
// pool.end() resolves before its sockets close, so teardown also waits for every connection's end.
const pools: Array<{ pool: pg.Pool; closed: Array<Promise<void>> }> = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'xietong-audit-'));
  await fs.chmod(root, 0o755); // as root the server runs as `postgres`, which must enter the directory
  server = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: 0, settings: { fsync: 'off' } });
}, 60_000);

afterEach(async () => {
  await Promise.all(
    pools.splice(0).map(async ({ pool, closed }) => {
      await pool.end();
      await Promise.all(closed);
    }),
  );
});

afterAll(async () => {
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

/** A fresh database with the audit tables, and a pool on it. */
async function freshDatabase(): Promise<{ url: string; pool: pg.Pool }> {
  databases += 1;
  const url = await server.ensureDatabase(`audit_${databases}`);
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // Errors of idle pooled connections (the server going away) are not the test's subject; queries still reject.
  const closed: Array<Promise<void>> = [];
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    closed.push(new Promise((resolve) => client.once('end', () => resolve())));
  });
  pools.push({ pool, closed });
  await installAuditLog(pool);
  return { url, pool };
}

function entry(n: number): AuditEntry {
  return {
    actor: { subject: `user-${n % 3}`, province: n % 2 ? '410000' : '370000' },
    action: n % 4 === 0 ? 'read-personal-data' : 'submit-settlement',
    recordType: 'settlement',
    recordId: `s-${n}`,
    details: { requestId: `req-${n}`, amountFen: 1000 * n, reason: n % 5 === 0 ? '冲正 reversal' : undefined, nested: { z: 1, a: [true, null] } },
  };
}

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function appendMany(pool: pg.Pool, count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) await inTransaction(pool, (tx) => appendAudit(tx, entry(n)));
}

/** Runs SQL as a superuser with triggers off: what an attacker with full database access can do. */
async function tamper(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An audit row as the tests read it back. */
interface TestRow {
  seq: string;
  at: string;
  actor_subject: string;
  actor_province: string;
  action: string;
  record_type: string;
  record_id: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

async function rowOf(pool: pg.Pool, seq: number): Promise<TestRow> {
  const { rows } = await pool.query(
    `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_subject, actor_province, action,
            record_type, record_id, details, prev_hash, hash FROM audit_log WHERE seq = $1`,
    [seq],
  );
  return rows[0] as TestRow;
}

function rehash(row: TestRow, prevHash: string): string {
  return hashAuditRow({
    seq: row.seq,
    at: row.at,
    actorSubject: row.actor_subject,
    actorProvince: row.actor_province,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    details: row.details,
    prevHash,
  });
}

describe('appending', () => {
  it('builds a gapless chain that verifies, the head at the last row', async () => {
    const { pool } = await freshDatabase();
    await appendMany(pool, 12);
    const result = await verifyAuditChain(pool, { batchSize: 5 });
    const last = await rowOf(pool, 12);
    expect(result).toEqual({ ok: true, rows: 12, head: { seq: '12', hash: last.hash } });
    expect(last.details).toEqual({ requestId: 'req-12', amountFen: 12000, nested: { z: 1, a: [true, null] } });
  });

  it('joins the caller’s transaction: a rolled-back change leaves no audit row', async () => {
    const { pool } = await freshDatabase();
    await appendMany(pool, 2);
    await expect(
      inTransaction(pool, async (tx) => {
        await appendAudit(tx, entry(3));
        throw new Error('the audited state change failed');
      }),
    ).rejects.toThrow('state change failed');
    await inTransaction(pool, (tx) => appendAudit(tx, entry(4)));
    const { rows } = await pool.query('SELECT seq::int AS seq, record_id FROM audit_log ORDER BY seq');
    expect(rows).toEqual([{ seq: 1, record_id: 's-1' }, { seq: 2, record_id: 's-2' }, { seq: 3, record_id: 's-4' }]);
    expect((await verifyAuditChain(pool)).ok).toBe(true);
  });

  it('keeps one chain under concurrent appends', async () => {
    const { pool } = await freshDatabase();
    await Promise.all(Array.from({ length: 30 }, (_, i) => inTransaction(pool, (tx) => appendAudit(tx, entry(i + 1)))));
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, rows: 30, head: { seq: '30' } });
  });

  it('works through a Prisma transaction’s raw queries (bigint ids, rowCount unknown)', async () => {
    const { url, pool } = await freshDatabase();
    // A stand-in for Prisma's $queryRawUnsafe: rows only, and int8 as bigint, as Prisma returns them.
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? BigInt : pg.types.getTypeParser(oid, format as 'text')) } as pg.CustomTypesConfig });
    await client.connect();
    try {
      await client.query('BEGIN');
      const tx = { $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as T };
      await appendAudit(prismaSqlExecutor(tx), entry(1));
      await appendAudit(prismaSqlExecutor(tx), entry(2));
      await client.query('COMMIT');
      expect(await verifyAuditChain(prismaSqlExecutor(tx))).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await client.end();
    }
    expect((await verifyAuditChain(pool)).ok).toBe(true);
  });

  it('rejects entries with missing fields or non-JSON details', async () => {
    const { pool } = await freshDatabase();
    await expect(appendAudit(pool, { ...entry(1), recordId: ' ' })).rejects.toMatchObject({ code: 'AUDIT_FAILED', message: expect.stringContaining('recordId') });
    await expect(appendAudit(pool, { ...entry(1), details: { big: 1n } })).rejects.toMatchObject({ code: 'AUDIT_FAILED' });
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, rows: 0 });
  });
});

describe('the database refuses changes (triggers)', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of the log, rows that do not extend the head, and moving the head', async () => {
    const { pool } = await freshDatabase();
    await appendMany(pool, 3);
    const row = await rowOf(pool, 3);
    await expect(pool.query(`UPDATE audit_log SET action = 'nothing' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(
      pool.query(`INSERT INTO audit_log SELECT 2, at, actor_subject, actor_province, action, record_type, record_id, details, prev_hash, 'x' FROM audit_log WHERE seq = 3`),
    ).rejects.toThrow(/extend the chain head/);
    await expect(pool.query(`UPDATE audit_head SET seq = 2, hash = $1`, [row.prev_hash])).rejects.toThrow(/only moves forward/);
    await expect(pool.query('DELETE FROM audit_head')).rejects.toThrow(/only moves forward/);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, rows: 3 });
  });
});

describe('tampering that bypasses the triggers is detected', () => {
  it('an updated row', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 6);
    await tamper(url, `UPDATE audit_log SET actor_province = '110000' WHERE seq = 4`);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, rowsChecked: 3, problem: { seq: '4', kind: 'altered-row' } });
  });

  it('an updated timestamp, even by a microsecond, and reordered JSON that changes a value', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 3);
    await tamper(url, `UPDATE audit_log SET at = at + interval '1 microsecond' WHERE seq = 2`);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '2', kind: 'altered-row' } });
    const other = await freshDatabase();
    await appendMany(other.pool, 3);
    await tamper(other.url, `UPDATE audit_log SET details = jsonb_set(details, '{amountFen}', '1') WHERE seq = 3`);
    expect(await verifyAuditChain(other.pool)).toMatchObject({ ok: false, problem: { seq: '3', kind: 'altered-row' } });
  });

  it('an updated row whose hash was recomputed', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 6);
    const row = await rowOf(pool, 4);
    const forged = rehash({ ...row, action: 'nothing-happened' }, row.prev_hash);
    await tamper(url, `UPDATE audit_log SET action = 'nothing-happened', hash = '${forged}' WHERE seq = 4`);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '5', kind: 'broken-link' } });
  });

  it('a row deleted from the middle', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 6);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '3', kind: 'missing-rows' } });
  });

  it('a row deleted from the middle with the later rows renumbered', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 6);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 3', 'UPDATE audit_log SET seq = seq - 1 WHERE seq > 3', 'UPDATE audit_head SET seq = 5');
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '3', kind: 'broken-link' } });
  });

  it('a row inserted in the middle, with a correct hash of its own', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 5);
    const before = await rowOf(pool, 2);
    const forgedRow = { ...before, seq: '3', record_id: 'forged', details: {} };
    const forgedHash = rehash(forgedRow, before.hash);
    await tamper(
      url,
      'UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3',
      'UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000',
      `INSERT INTO audit_log VALUES (3, '${forgedRow.at}', '${before.actor_subject}', '${before.actor_province}', '${before.action}', 'settlement', 'forged', '{}', '${before.hash}', '${forgedHash}')`,
      'UPDATE audit_head SET seq = 6',
    );
    // The forged row itself chains; the row it pushed down still points at the row before the forgery.
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, rowsChecked: 3, problem: { seq: '4', kind: 'broken-link' } });
  });

  it('a row inserted at the end without moving the head', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 4);
    const last = await rowOf(pool, 4);
    const forgedRow = { ...last, seq: '5', record_id: 'forged' };
    await tamper(
      url,
      `INSERT INTO audit_log SELECT 5, at, actor_subject, actor_province, action, record_type, 'forged', details, hash, '${rehash(forgedRow, last.hash)}' FROM audit_log WHERE seq = 4`,
    );
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '5', kind: 'unanchored-rows' } });
  });

  it('the last row deleted', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 4);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 4');
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '4', kind: 'missing-rows' } });
  });

  it('the head replaced', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 4);
    await tamper(url, `UPDATE audit_head SET hash = '${'f'.repeat(64)}'`);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { seq: '4', kind: 'head-mismatch' } });
    await tamper(url, 'DELETE FROM audit_head');
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: false, problem: { kind: 'missing-head' } });
  });

  it('the last row deleted and the head rewound: only a checkpoint kept elsewhere shows it', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 4);
    const checkpoint = await verifyAuditChain(pool);
    if (!checkpoint.ok) throw new Error('expected an intact chain');
    const third = await rowOf(pool, 3);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 4', `UPDATE audit_head SET seq = 3, hash = '${third.hash}'`);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, rows: 3 });
    expect(await verifyAuditChain(pool, { checkpoints: [checkpoint.head] })).toMatchObject({ ok: false, problem: { seq: '4', kind: 'checkpoint-mismatch' } });
  });

  it('a whole chain rewritten from an early row: only a checkpoint shows it', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 5);
    const checkpoint = await verifyAuditChain(pool);
    if (!checkpoint.ok) throw new Error('expected an intact chain');
    // Rewrite row 2 and recompute every later hash and the head, as an attacker who knows the algorithm can.
    const statements = [`UPDATE audit_log SET record_id = 'rewritten' WHERE seq = 2`];
    let prev = (await rowOf(pool, 1)).hash;
    for (let seq = 2; seq <= 5; seq += 1) {
      const row = await rowOf(pool, seq);
      const hash = rehash(seq === 2 ? { ...row, record_id: 'rewritten' } : row, prev);
      statements.push(`UPDATE audit_log SET prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${seq}`);
      prev = hash;
    }
    statements.push(`UPDATE audit_head SET hash = '${prev}'`);
    await tamper(url, ...statements);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(pool, { checkpoints: [checkpoint.head] })).toMatchObject({ ok: false, problem: { seq: '5', kind: 'checkpoint-mismatch' } });
  });
});

describe('the verify command', () => {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'audit-verify.main.ts');
  const run = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', ...env } });

  it('prints a checkpoint when intact, exits 1 on tampering, 2 on bad input', async () => {
    const { url, pool } = await freshDatabase();
    await appendMany(pool, 3);
    const intact = run({ DATABASE_URL: url });
    expect(intact.status).toBe(0);
    const checkpoint = /checkpoint: (\d+:[0-9a-f]{64})/.exec(intact.stdout)?.[1];
    expect(intact.stdout).toContain('audit chain intact: 3 rows');
    expect(checkpoint).toMatch(/^3:/);

    await tamper(url, 'DELETE FROM audit_log WHERE seq = 3', `UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)`);
    expect(run({ DATABASE_URL: url }).status).toBe(0);
    const caught = run({ DATABASE_URL: url }, '--checkpoint', checkpoint!);
    expect(caught.status).toBe(1);
    expect(caught.stdout).toContain('audit chain BROKEN at seq 3 (checkpoint-mismatch)');
    const json = run({ DATABASE_URL: url }, '--json', '--checkpoint', checkpoint!);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problem: { seq: '3', kind: 'checkpoint-mismatch' } });

    expect(run({ DATABASE_URL: url }, '--checkpoint', 'three').status).toBe(2);
    const noEnv = run({});
    expect(noEnv.status).toBe(2);
    expect(noEnv.stderr).toContain('DATABASE_URL: is required but not set');
  }, 90_000); // six child processes on a shared machine
});
