import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hashed fields of an audit row, as stored (seq as decimal text, `at` as ISO 8601 UTC with microseconds). */
export interface AuditHashInput {
  seq: string;
  at: string;
  actorSubject: string;
  actorProvince: string;
  action: string;
  recordType: string;
  recordId: string;
  details: unknown;
  prevHash: string;
}

/** SHA-256 (hex) of the RFC 8785 (JCS) serialization of the row's fields and the previous row's hash. */
export function hashAuditRow(row: AuditHashInput): string {
  const canonical = canonicalize({
    seq: row.seq,
    at: row.at,
    actor_subject: row.actorSubject,
    actor_province: row.actorProvince,
    action: row.action,
    record_type: row.recordType,
    record_id: row.recordId,
    details: row.details,
    prev_hash: row.prevHash,
  });
  if (canonical === undefined) throw new TypeError('audit row cannot be serialized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** ISO 8601 UTC with six fractional digits: the form PostgreSQL's timestamptz round-trips exactly. */
export function canonicalTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The SQL expression that renders a timestamptz column the same way canonicalTimestamp does. */
export const CANONICAL_TIMESTAMP_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
