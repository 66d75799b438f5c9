import { DomainError } from '../errors/domain-error.ts';
import type { SqlExecutor } from '../messaging/sql-executor.ts';
import { canonicalTimestamp, hashAuditRow } from './audit-hash.ts';

/** Who did something: a Principal fits, and so does a service or job ({ subject: 'job:clearing', province: '000000' }). */
export interface AuditActor {
  /** Stable id (the token's sub, or the service/job name). */
  subject: string;
  /** The actor's province code. */
  province: string;
}

/** One audited act: who did what to which record. */
export interface AuditEntry {
  /** Who. */
  actor: AuditActor;
  /** What, as a verb phrase in kebab-case: 'read-personal-data', 'unmask', 'submit-settlement', 'rollback-clearing'. */
  action: string;
  /** The record's type, e.g. 'settlement'. */
  recordType: string;
  /** The record's id. */
  recordId: string;
  /** Further facts (reason, changed fields, request id); JSON only. Never the personal data itself. */
  details?: Record<string, unknown>;
  /** When; default now. */
  at?: Date;
}

/** An appended audit row. */
export interface AuditRow {
  /** Position in the chain, from 1, without gaps. */
  seq: string;
  /** ISO 8601 UTC timestamp with microseconds. */
  at: string;
  /** This row's hash. */
  hash: string;
  /** The previous row's hash. */
  prevHash: string;
}

/** The audit log cannot take the entry (tables missing, or the entry is not JSON). Stable code: AUDIT_FAILED. */
export class AuditError extends DomainError {
  constructor(message: string) {
    super('AUDIT_FAILED', message);
  }
}

function requireText(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new AuditError(`audit entry needs a non-empty ${name}`);
}

/**
 * Appends an entry to the audit chain. Call it inside the transaction that makes the audited change, so both
 * commit or neither does: it locks the chain head until that transaction ends, which also serialises concurrent
 * appends into one chain (the cost: audited writes of one database commit one after another).
 * Outside a transaction the database's triggers refuse an append that lost a race instead of forking the chain.
 */
export async function appendAudit(tx: SqlExecutor, entry: AuditEntry): Promise<AuditRow> {
  requireText('actor.subject', entry.actor.subject);
  requireText('actor.province', entry.actor.province);
  requireText('action', entry.action);
  requireText('recordType', entry.recordType);
  requireText('recordId', entry.recordId);
  // Round-trip through JSON so the hashed value is exactly what jsonb stores and gives back (no undefined, no Dates).
  let details: unknown;
  try {
    details = JSON.parse(JSON.stringify(entry.details ?? {}));
  } catch (error) {
    throw new AuditError(`audit details are not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }

  const head = await tx.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head WHERE singleton FOR UPDATE');
  const current = head.rows[0];
  if (!current) throw new AuditError('audit_head is missing: run the audit log migration (AUDIT_LOG_DDL)');

  const seq = (BigInt(current.seq) + 1n).toString();
  const at = canonicalTimestamp(entry.at ?? new Date());
  const hash = hashAuditRow({
    seq,
    at,
    actorSubject: entry.actor.subject,
    actorProvince: entry.actor.province,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    details,
    prevHash: current.hash,
  });
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_subject, actor_province, action, record_type, record_id, details, prev_hash, hash)
     VALUES ($1::bigint, $2::timestamptz, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [seq, at, entry.actor.subject, entry.actor.province, entry.action, entry.recordType, entry.recordId, JSON.stringify(details), current.hash, hash],
  );
  await tx.query('UPDATE audit_head SET seq = $1::bigint, hash = $2 WHERE singleton', [seq, hash]);
  return { seq, at, hash, prevHash: current.hash };
}
