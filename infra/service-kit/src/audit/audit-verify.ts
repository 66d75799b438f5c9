import type { SqlExecutor } from '../messaging/sql-executor.ts';
import { CANONICAL_TIMESTAMP_SQL, hashAuditRow } from './audit-hash.ts';
import { GENESIS_HASH } from './audit.schema.ts';

/** A head (seq, hash) recorded earlier outside the database, e.g. printed by the verify command and kept elsewhere. */
export interface AuditCheckpoint {
  /** The seq of the row. */
  seq: string;
  /** That row's hash. */
  hash: string;
}

/**
 * What is wrong with the chain:
 * - altered-row: the row's content no longer matches its hash;
 * - broken-link: the row's prev_hash is not the previous row's hash (a row before it was altered and rehashed,
 *   or rows were inserted or deleted between);
 * - missing-rows: seq jumps (rows deleted) or the chain ends before the head (the last rows deleted);
 * - unanchored-rows: rows beyond the head (inserted around the append helper);
 * - head-mismatch: the head's hash differs from the last row's;
 * - missing-head: audit_head is gone;
 * - checkpoint-mismatch: a recorded checkpoint's row is gone or has another hash (the chain was rewritten).
 */
export type AuditProblemKind = 'altered-row' | 'broken-link' | 'missing-rows' | 'unanchored-rows' | 'head-mismatch' | 'missing-head' | 'checkpoint-mismatch';

/** The first problem found. */
export interface AuditProblem {
  /** The first bad seq. */
  seq: string;
  /** What kind of problem. */
  kind: AuditProblemKind;
  /** A sentence for the operator. */
  message: string;
}

/** The verdict of verifyAuditChain. */
export type AuditVerification =
  | { ok: true; rows: number; head: AuditCheckpoint }
  | { ok: false; rowsChecked: number; problem: AuditProblem };

/** Options of verifyAuditChain. */
export interface VerifyOptions {
  /** Heads recorded earlier; each must still be in the chain with the same hash. */
  checkpoints?: readonly AuditCheckpoint[];
  /** Rows read per query; default 1000 (memory stays bounded however long the chain). */
  batchSize?: number;
}

// A type alias (not an interface) so it fits SqlExecutor's Record<string, unknown> row constraint.
type StoredRow = {
  seq: string;
  at: string;
  actor_subject: string;
  actor_province: string;
  action: string;
  record_type: string;
  record_id: string;
  details: string;
  prev_hash: string;
  hash: string;
};

/**
 * Walks the whole audit chain in seq order and reports the first altered, inserted or deleted row.
 * Without checkpoints, someone who can bypass the triggers and recomputes every later hash and the head is not
 * detectable (the hash has no secret); checkpoints kept outside the database close that gap up to the newest one.
 */
export async function verifyAuditChain(db: SqlExecutor, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const checkpoints = new Map((options.checkpoints ?? []).map((c) => [BigInt(c.seq), c.hash]));
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  const fail = (seq: bigint | string, kind: AuditProblemKind, message: string): AuditVerification => ({ ok: false, rowsChecked: rows, problem: { seq: seq.toString(), kind, message } });

  for (;;) {
    // Text forms, so the result does not depend on the driver's type parsers (pg, Prisma). ORDER BY names the
    // table's column: the bare alias `seq` would sort the text form (1, 10, 2…).
    const batch = await db.query<StoredRow>(
      `SELECT seq::text AS seq, ${CANONICAL_TIMESTAMP_SQL('at')} AS at, actor_subject, actor_province, action, record_type, record_id,
              details::text AS details, prev_hash, hash
         FROM audit_log WHERE audit_log.seq >= $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      [expected.toString(), batchSize],
    );
    for (const row of batch.rows) {
      const seq = BigInt(row.seq);
      if (seq !== expected) return fail(expected, 'missing-rows', `rows ${expected}–${seq - 1n} are missing: deleted from the middle of the chain`);
      if (row.prev_hash !== prevHash) {
        return fail(seq, 'broken-link', `row ${seq} does not link to row ${seq - 1n}: an earlier row was altered and rehashed, or rows were inserted or deleted`);
      }
      const hash = hashAuditRow({
        seq: row.seq,
        at: row.at,
        actorSubject: row.actor_subject,
        actorProvince: row.actor_province,
        action: row.action,
        recordType: row.record_type,
        recordId: row.record_id,
        details: JSON.parse(row.details) as unknown,
        prevHash: row.prev_hash,
      });
      if (hash !== row.hash) return fail(seq, 'altered-row', `row ${seq} was altered: its content does not match its hash`);
      const checkpoint = checkpoints.get(seq);
      if (checkpoint !== undefined && checkpoint !== row.hash) {
        return fail(seq, 'checkpoint-mismatch', `row ${seq} differs from the checkpoint recorded for it: the chain was rewritten from there or earlier`);
      }
      prevHash = row.hash;
      expected += 1n;
      rows += 1;
    }
    if (batch.rows.length < batchSize) break;
  }

  const last = expected - 1n;
  const head = (await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head WHERE singleton')).rows[0];
  if (!head) return fail(last + 1n, 'missing-head', 'audit_head is missing: the chain cannot show whether its last rows were deleted');
  const headSeq = BigInt(head.seq);
  if (headSeq > last) return fail(last + 1n, 'missing-rows', `the head says the chain has ${headSeq} rows but it ends at ${last}: the last rows were deleted`);
  if (headSeq < last) return fail(headSeq + 1n, 'unanchored-rows', `rows ${headSeq + 1n}–${last} lie beyond the head: they were added around the audit helper`);
  if (head.hash !== prevHash) return fail(last, 'head-mismatch', `the head's hash differs from row ${last}'s: the head or the last row was replaced`);
  for (const [seq] of checkpoints) {
    if (seq > last) return fail(seq, 'checkpoint-mismatch', `checkpoint row ${seq} is gone: the chain ends at ${last}, rows were deleted and the head rewound`);
  }
  return { ok: true, rows, head: { seq: head.seq, hash: head.hash } };
}
