// DDL for the tables the messaging kit relies on. A service adds the same tables to its Prisma schema
// (see the kit's README for the models) so its migrations create them; tests create them from here.

/** The transactional outbox: one row per event, written in the same transaction as the state change. */
export const outboxTableSql = `
CREATE TABLE IF NOT EXISTS outbox (
  id            BIGSERIAL PRIMARY KEY,
  event_id      UUID        NOT NULL UNIQUE,
  topic         TEXT        NOT NULL,
  partition_key TEXT        NOT NULL,
  event_type    TEXT        NOT NULL,
  payload       BYTEA       NOT NULL,
  headers       JSONB       NOT NULL DEFAULT '{}'::jsonb,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  attempts      INTEGER     NOT NULL DEFAULT 0,
  last_error    TEXT,
  sent_at       TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xietong_outbox', '');
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS outbox_notify_trigger ON outbox;
CREATE TRIGGER outbox_notify_trigger AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
`;

/** The inbox: one row per (consumer group, event id) applied, written in the same transaction as the effects. */
export const inboxTableSql = `
CREATE TABLE IF NOT EXISTS inbox (
  consumer_group TEXT        NOT NULL,
  event_id       TEXT        NOT NULL,
  topic          TEXT        NOT NULL,
  processed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
`;

/** The channel the outbox trigger notifies, which the relay listens on. */
export const outboxNotifyChannel = 'xietong_outbox';
