// The service kit end to end: a minimal service built only with the kit's public API (./minimal-service), against
// real PostgreSQL, a Kafka-protocol broker and the OpenID provider, with tokens from the provider's password grant.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { createMigration, deployMigrations } from '@xietong/db';
import { DEMO_PASSWORD, passwordGrant } from '@xietong/identity';
import { decodeEnvelope, PrincipalService, unpackPayload } from '@xietong/proto';
import { decodeJwt } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrismaClient, createServiceClient, DomainError, kitTablesMigrationSql, verifyAuditChain } from '../../src/index.ts';
import { notesConfig } from './minimal-service/src/config.ts';
import { NoteCreatedSchema, NotesService } from './minimal-service/src/contracts/generated/xietong/kittest/v1/notes_pb.ts';
import { COUNTER_GROUP, SERVICE_NAME, startNotesService, type RunningNotesService } from './minimal-service/src/notes.service.ts';

const serviceDir = fileURLToPath(new URL('./minimal-service/', import.meta.url));
const TOPIC = 'xietong.kittest.notes.v1';
const HENAN = '410000';
const traceId = '0af7651916cd43dd8448eb211c80319c';

type Backends = { stop(): Promise<void> };
const backends: Backends[] = [];
let databaseUrl: string;
let pool: pg.Pool;
let running: RunningNotesService;
let baseUrl: string;
const tokens: Record<string, string> = {};

/** Polls until check returns a value (not undefined), or fails after timeoutMs. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function metricValue(pattern: RegExp): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

function rest(path: string, options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

/** Everything one note's creation committed: the row, its outbox event, its audit row, and their transactions. */
async function committedFor(noteId: string) {
  const note = await pool.query('SELECT xmin::text AS xid, owner_province, title, created_by FROM notes WHERE id = $1', [noteId]);
  const outbox = await pool.query('SELECT xmin::text AS xid, event_id, topic, payload FROM outbox WHERE partition_key = $1', [noteId]);
  const audit = await pool.query("SELECT xmin::text AS xid, action, actor_subject, actor_province FROM audit_log WHERE record_type = 'note' AND record_id = $1", [noteId]);
  return { note: note.rows, outbox: outbox.rows, audit: audit.rows };
}

beforeAll(async () => {
  const { startPostgresBackend, startKafkaBackend, startIdentityBackend } = await import('@xietong/test-backends');
  const [postgres, kafka, identity] = await Promise.all([startPostgresBackend(), startKafkaBackend(), startIdentityBackend()]);
  backends.push(identity, kafka, postgres);
  databaseUrl = await postgres.ensureDatabase('kit_e2e_notes');
  await deployMigrations({ cwd: serviceDir, databaseUrl });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  const admin = new Kafka({ clientId: 'kit-e2e-admin', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }] });
  await admin.disconnect();

  for (const username of ['henan.environment', 'henan.liaison', 'shandong.environment', 'national.observer']) {
    tokens[username] = (await passwordGrant({ baseUrl: identity.issuer, username, password: DEMO_PASSWORD })).accessToken;
  }

  const config = notesConfig.loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers.join(','),
    OIDC_ISSUER: identity.issuer,
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_INTERVAL_MS: '100',
    OUTBOX_LAG_INTERVAL_MS: '100',
  });
  running = await startNotesService(config);
  baseUrl = running.url;
}, 180_000);

afterAll(async () => {
  await running?.close();
  await pool?.end();
  for (const backend of backends) await backend.stop();
}, 60_000);

describe('a service built with the kit', () => {
  it('keeps its schema, migrations and generated client in step', async () => {
    // The hand-written kit-tables migration plus the Prisma models of the kit block: nothing left to migrate.
    expect(await createMigration({ cwd: serviceDir, name: 'drift check', databaseUrl })).toEqual({ created: false, reason: 'no-changes' });
    const kitMigration = (await pool.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '%kit_tables'")).rows[0];
    expect(await readFile(`${serviceDir}prisma/migrations/${kitMigration?.migration_name}/migration.sql`, 'utf8')).toBe(kitTablesMigrationSql());
    expect((await checkPrismaClient({ cwd: serviceDir, env: process.env })).problems).toEqual([]);
  }, 60_000);

  it('refuses calls without a valid token, over REST and Connect', async () => {
    const missing = await rest(`/notes/${randomUUID()}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="xietong"');
    expect(await missing.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'A valid bearer token is required.' });
    expect((await rest('/notes', { method: 'POST', body: { title: 't' }, token: 'forged.token.value' })).status).toBe(401);

    const anonymous = createClient(NotesService, createConnectTransport({ baseUrl, httpVersion: '1.1' }));
    const error = await anonymous.createNote({ title: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Unauthenticated);
    expect((await pool.query('SELECT count(*)::int AS n FROM notes')).rows[0].n).toBe(0);
  });

  it('answers WhoAmI with the principal it derived from the forwarded token', async () => {
    const token = tokens['henan.environment']!;
    const claims = decodeJwt(token);
    const who = await createServiceClient(PrincipalService, { baseUrl, token }).whoAmI({});
    expect(who.service).toBe(SERVICE_NAME);
    expect(who.principal).toMatchObject({ subject: claims.sub, username: 'henan.environment', province: HENAN, agency: claims.agency, roles: ['environment'] });
  });

  let restNoteId: string;
  let restEventId: string;

  it('creates a note over REST: note, NoteCreated event and audit row in one transaction', async () => {
    const token = tokens['henan.environment']!;
    const response = await rest('/notes', {
      method: 'POST',
      token,
      body: { title: ' Ammonia at the Henan–Shandong section ', body: 'Reading 2.3 mg/L at 08:00.' },
      headers: { 'x-correlation-id': 'e2e-rest-1', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; title: string; ownerProvince: string };
    expect(created).toMatchObject({ title: 'Ammonia at the Henan–Shandong section', ownerProvince: HENAN });
    expect(response.headers.get('location')).toBe(`/notes/${created.id}`);
    restNoteId = created.id;

    const { note, outbox, audit } = await committedFor(restNoteId);
    expect(note).toHaveLength(1);
    expect(outbox).toHaveLength(1);
    expect(audit).toHaveLength(1);
    // xmin is the inserting transaction: note and audit row share it (the outbox row's changes when the relay marks
    // it sent; the rollback test below covers it).
    expect(audit[0].xid).toBe(note[0].xid);
    expect(audit[0]).toMatchObject({ action: 'create-note', actor_subject: decodeJwt(token).sub, actor_province: HENAN });
    const envelope = decodeEnvelope(outbox[0].payload as Buffer);
    restEventId = envelope.eventId;
    expect(outbox[0].event_id).toBe(envelope.eventId);
    expect(outbox[0].topic).toBe(TOPIC);
    expect(envelope).toMatchObject({ type: 'xietong.kittest.v1.NoteCreated', aggregateId: restNoteId, originProvince: HENAN, correlationId: 'e2e-rest-1', producer: 'kittest-notes' });
    expect(envelope.audienceProvinces).toEqual([HENAN]);
    // The request's server span continued the caller's trace, and the event carries it to its consumers.
    expect(envelope.trace?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(envelope.trace?.traceparent).not.toContain('b7ad6b7169203331');
    expect(envelope.actor).toMatchObject({ subject: decodeJwt(token).sub, username: 'henan.environment', province: HENAN });
    expect(unpackPayload(envelope, NoteCreatedSchema)).toMatchObject({ noteId: restNoteId, ownerProvince: HENAN });
  });

  let rpcNoteId: string;

  it('creates a note over Connect with the same guarantees, forwarding the correlation id and trace', async () => {
    const client = createServiceClient(NotesService, {
      baseUrl,
      token: tokens['henan.environment']!,
      correlationId: 'e2e-rpc-1',
      traceContext: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const { note: created } = await client.createNote({ title: 'Dead fish reported downstream', body: '' });
    expect(created).toMatchObject({ ownerProvince: HENAN, title: 'Dead fish reported downstream' });
    rpcNoteId = created!.id;
    const { note, outbox, audit } = await committedFor(rpcNoteId);
    expect([note.length, outbox.length, audit.length]).toEqual([1, 1, 1]);
    expect(audit[0].xid).toBe(note[0].xid);
    const envelope = decodeEnvelope(outbox[0].payload as Buffer);
    expect(envelope.correlationId).toBe('e2e-rpc-1');
    expect(envelope.trace?.traceparent).toContain(traceId);
    const fetched = await client.getNote({ id: rpcNoteId });
    expect(fetched.note?.createdAt).toBeDefined();
  });

  it('rolls the note and its event back when the audit append fails, answering 500 without detail', async () => {
    const counts = async () => (await pool.query('SELECT (SELECT count(*) FROM notes)::int AS notes, (SELECT count(*) FROM outbox)::int AS events')).rows[0];
    const before = await counts();
    // Make the third write of the transaction fail (the audit triggers forbid changing rows, not adding a constraint).
    await pool.query("ALTER TABLE audit_log ADD CONSTRAINT e2e_no_notes CHECK (action <> 'create-note') NOT VALID");
    try {
      const failed = await rest('/notes', { method: 'POST', token: tokens['henan.environment'], body: { title: 'Never stored' } });
      expect(failed.status).toBe(500);
      const body = (await failed.json()) as Record<string, unknown>;
      expect(body.code).toBe('INTERNAL');
      expect(JSON.stringify(body)).not.toMatch(/e2e_no_notes|audit_log|constraint/i);
    } finally {
      await pool.query('ALTER TABLE audit_log DROP CONSTRAINT e2e_no_notes');
    }
    expect(await counts()).toEqual(before);
    expect((await pool.query("SELECT count(*)::int AS n FROM notes WHERE title = 'Never stored'")).rows[0].n).toBe(0);
  });

  it('rejects invalid input naming each field, and writes nothing', async () => {
    const before = (await pool.query('SELECT count(*)::int AS n FROM notes')).rows[0].n;
    const invalid = await rest('/notes', { method: 'POST', token: tokens['henan.environment'], body: { title: '   ', body: 42 } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [
        { field: 'title', reason: 'must not be empty' },
        { field: 'body', reason: 'must be text' },
      ],
    });
    const error = await createServiceClient(NotesService, { baseUrl, token: tokens['henan.environment']! }).createNote({ title: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'title', reason: 'must not be empty' }] });
    const raw = await createServiceClient(NotesService, { baseUrl, token: tokens['henan.environment']!, rawErrors: true }).createNote({ title: '' }).catch((e: unknown) => e);
    expect((raw as ConnectError).code).toBe(Code.InvalidArgument);
    expect((await pool.query('SELECT count(*)::int AS n FROM notes')).rows[0].n).toBe(before);
  });

  it('refuses a write the province policy does not allow', async () => {
    const forbidden = await rest('/notes', { method: 'POST', token: tokens['henan.liaison'], body: { title: 'Minutes' } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('FORBIDDEN');
    const raw = await createServiceClient(NotesService, { baseUrl, token: tokens['henan.liaison']!, rawErrors: true }).createNote({ title: 'Minutes' }).catch((e: unknown) => e);
    expect((raw as ConnectError).code).toBe(Code.PermissionDenied);
  });

  it('answers a read the province policy denies exactly like a missing note', async () => {
    const strip = async (response: Response) => {
      const { requestId: _requestId, ...body } = (await response.json()) as Record<string, unknown>;
      return { status: response.status, body };
    };
    const denied = await strip(await rest(`/notes/${restNoteId}`, { token: tokens['shandong.environment'] }));
    const missing = await strip(await rest(`/notes/${randomUUID()}`, { token: tokens['shandong.environment'] }));
    const malformed = await strip(await rest('/notes/not-a-uuid', { token: tokens['shandong.environment'] }));
    expect(denied).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'No such note.' } });
    expect(missing).toEqual(denied);
    expect(malformed).toEqual(denied);
    expect((await rest(`/notes/${restNoteId}`, { token: tokens['henan.environment'] })).status).toBe(200);
    expect((await rest(`/notes/${restNoteId}`, { token: tokens['national.observer'] })).status).toBe(200);

    const shandong = createServiceClient(NotesService, { baseUrl, token: tokens['shandong.environment']!, rawErrors: true });
    const rpcDenied = (await shandong.getNote({ id: rpcNoteId }).catch((e: unknown) => e)) as ConnectError;
    const rpcMissing = (await shandong.getNote({ id: randomUUID() }).catch((e: unknown) => e)) as ConnectError;
    expect([rpcDenied.code, rpcDenied.rawMessage]).toEqual([Code.NotFound, 'No such note.']);
    expect([rpcMissing.code, rpcMissing.rawMessage]).toEqual([rpcDenied.code, rpcDenied.rawMessage]);
  });

  it('delivers its events to its consumer, whose effect applies exactly once even when an event is published twice', async () => {
    const counter = async () => (await pool.query<{ notes: number }>('SELECT notes FROM note_counters WHERE province = $1', [HENAN])).rows[0]?.notes;
    await waitFor('both notes counted', async () => ((await counter()) === 2 ? true : undefined));
    const duplicates = /consumer_duplicates_total\{[^}]*group="kittest-notes\.note-counters"[^}]*\} (\d+)/;
    expect(await metricValue(duplicates)).toBeUndefined();

    // Publish the REST note's event again, as a relay that crashed before marking it sent would.
    await pool.query('UPDATE outbox SET sent_at = NULL WHERE event_id = $1', [restEventId]);
    await waitFor('the duplicate to be skipped', async () => ((await metricValue(duplicates)) === 1 ? true : undefined));
    expect(await counter()).toBe(2);
    const inbox = await pool.query('SELECT event_id FROM inbox WHERE consumer_group = $1 ORDER BY event_id', [COUNTER_GROUP]);
    expect(inbox.rows).toHaveLength(2);
    expect(inbox.rows.map((r) => r.event_id)).toContain(restEventId);
  }, 60_000);

  it('reports readiness of its database and broker', async () => {
    const ready = await rest('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', broker: 'ok' } });
  });

  it('keeps an audit chain that verifies and that the database refuses to rewrite', async () => {
    const verification = await verifyAuditChain(pool);
    expect(verification).toMatchObject({ ok: true, rows: 2 });
    // The trigger functions came through the split-safe migration intact.
    await expect(pool.query("UPDATE audit_log SET action = 'nothing-happened'")).rejects.toThrow(/append-only/);
  });

  it('exposes the relay lag and the consumer counts as metrics', async () => {
    await waitFor('the lag to drop to zero', async () => ((await metricValue(/^outbox_unsent_rows\{[^}]*\} (\S+)$/m)) === 0 ? true : undefined));
    expect(await metricValue(/^outbox_oldest_unsent_age_seconds\{[^}]*\} (\S+)$/m)).toBe(0);
    expect(await metricValue(/^outbox_published_total\{[^}]*\} (\S+)$/m)).toBe(3);
    expect(await metricValue(/^consumer_applied_total\{[^}]*topic="xietong\.kittest\.notes\.v1"[^}]*\} (\S+)$/m)).toBe(2);
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(text).toContain('# TYPE outbox_publish_failures_total counter');
    expect(text).toContain('# TYPE consumer_dead_letters_total counter');
  });
});
