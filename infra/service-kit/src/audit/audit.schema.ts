import type { SqlExecutor } from '../messaging/sql-executor.ts';

/** prev_hash of the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The audit tables, idempotent: put it in a service's migration (or run installAuditLog at boot).
 * - audit_log: one row per audited act, hash-chained. seq is gapless (assigned from the head under its row lock,
 *   not from a sequence, which would leave gaps on rollback and hide a deleted row among them).
 * - audit_head: one row, the last seq and hash; appends lock it, so concurrent appends form a single chain, and it
 *   is what lets the verifier notice that the last rows were deleted.
 * Triggers make both append-only for every role that cannot disable triggers: no UPDATE, DELETE or TRUNCATE of
 * audit_log; an INSERT must extend the head; the head moves only forward, one row at a time. A superuser can still
 * bypass them (session_replication_role, DISABLE TRIGGER); the hash chain and external checkpoints catch that.
 */
export const AUDIT_LOG_DDL = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq            bigint      PRIMARY KEY CHECK (seq > 0),
  at             timestamptz NOT NULL,
  actor_subject  text        NOT NULL,
  actor_province text        NOT NULL,
  action         text        NOT NULL,
  record_type    text        NOT NULL,
  record_id      text        NOT NULL,
  details        jsonb       NOT NULL,
  prev_hash      text        NOT NULL,
  hash           text        NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_log_record_idx ON audit_log (record_type, record_id, seq);

CREATE TABLE IF NOT EXISTS audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq       bigint  NOT NULL,
  hash      text    NOT NULL
);
INSERT INTO audit_head (singleton, seq, hash) VALUES (true, 0, '${GENESIS_HASH}') ON CONFLICT (singleton) DO NOTHING;

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION audit_log_check_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head WHERE singleton;
  IF NOT FOUND OR NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
    RAISE EXCEPTION 'audit_log rows must extend the chain head (seq %)', COALESCE(head.seq, -1) USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION audit_head_check_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1
     OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash AND prev_hash = OLD.hash) THEN
    RAISE EXCEPTION 'audit_head only moves forward to the row just appended: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE OR REPLACE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_check_insert();
CREATE OR REPLACE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_check_move();
CREATE OR REPLACE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`;

/** Creates the audit tables and triggers if missing (PostgreSQL 14 or newer). */
export async function installAuditLog(db: SqlExecutor): Promise<void> {
  await db.query(AUDIT_LOG_DDL);
}
