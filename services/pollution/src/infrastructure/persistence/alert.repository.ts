import type { AlertListQuery } from '../../application/list-alerts/list-alerts.handler.ts';
import type { Page } from '../../application/shared/ports.ts';
import type { ReadScope } from '../../application/shared/read-scope.ts';
import {
  alertProvinces,
  type AlertAcknowledgement,
  type AlertCounts,
  type AlertLocation,
  type AlertMessage,
  type AlertPollutant,
  type AlertStatus,
  type EscalationRecord,
  type Instant,
} from '../../domain/index.ts';
import type { Prisma } from '../prisma/generated/client.ts';
import type { PrismaDb } from '../database/prisma-types.ts';

type Client = PrismaDb;
type AlertRow = Prisma.AlertMessageGetPayload<{ include: { acknowledgements: true; escalations: true } }>;

const withChildren = {
  acknowledgements: { orderBy: [{ at: 'asc' }, { province: 'asc' }] },
  escalations: { orderBy: [{ recordedAt: 'asc' }, { province: 'asc' }, { step: 'asc' }] },
} satisfies Prisma.AlertMessageInclude;

const iso = (d: Date) => d.toISOString();

function toAlert(row: AlertRow): AlertMessage {
  return {
    id: row.id,
    threadId: row.threadId,
    msgType: row.msgType as AlertMessage['msgType'],
    status: row.status as AlertMessage['status'],
    category: row.category as AlertMessage['category'],
    severity: row.severity as AlertMessage['severity'],
    sender: { subject: row.senderSubject, username: row.senderUsername, province: row.senderProvince },
    senderProvince: row.senderProvince,
    sentAt: iso(row.sentAt),
    sectionId: row.sectionId,
    location: row.location as unknown as AlertLocation,
    pollutant: row.pollutant as unknown as AlertPollutant,
    ...(row.suspectedSource !== null ? { suspectedSource: row.suspectedSource } : {}),
    headline: row.headline,
    description: row.description,
    addressees: row.addressees,
    ...(row.referencesId !== null ? { references: row.referencesId } : {}),
    ...(row.escalationPolicy !== null ? { escalationPolicy: row.escalationPolicy } : {}),
    ...(row.supersededBy !== null ? { supersededBy: row.supersededBy } : {}),
    acknowledgements: row.acknowledgements.map((a) => ({
      province: a.province,
      by: { subject: a.bySubject, username: a.byUsername, province: a.byProvince },
      at: iso(a.at),
      ...(a.note !== null ? { note: a.note } : {}),
    })),
    escalations: row.escalations.map((e) => ({ province: e.province, step: e.step as EscalationRecord['step'], dueAt: iso(e.dueAt), recordedAt: iso(e.recordedAt) })),
  };
}

function acknowledgementRow(alertId: string, a: AlertAcknowledgement) {
  return { alertId, province: a.province, bySubject: a.by.subject, byUsername: a.by.username, byProvince: a.by.province, at: new Date(a.at), note: a.note ?? null };
}

// The scope of a list or count as SQL: the alert's own provinces, or a province party to a case linked to the thread.
function scopeSql(scope: Exclude<ReadScope, { kind: 'none' }>, params: unknown[]): string {
  if (scope.kind === 'all') return 'TRUE';
  params.push(scope.province);
  const p = `$${params.length}`;
  return `(m.provinces @> ARRAY[${p}]::text[] OR EXISTS (SELECT 1 FROM pollution_case c WHERE c.alert_thread_ids @> ARRAY[m.thread_id]::text[] AND c.party_provinces @> ARRAY[${p}]::text[]))`;
}

/** Alert messages in PostgreSQL through Prisma: the alert use cases' stores and the escalation job's. */
export class PrismaAlertRepository {
  private readonly db: Client;

  constructor(db: Client) {
    this.db = db;
  }

  /** Every message of the thread, oldest first, locked for update. */
  async lockThreadOf(alertId: string): Promise<AlertMessage[] | undefined> {
    const found = await this.db.$queryRawUnsafe<Array<{ thread_id: string }>>('SELECT thread_id FROM alert_message WHERE id = $1', alertId);
    const threadId = found[0]?.thread_id;
    if (threadId === undefined) return undefined;
    await this.db.$queryRawUnsafe('SELECT id FROM alert_message WHERE thread_id = $1 ORDER BY sent_at, id FOR UPDATE', threadId);
    return this.threadMessages(threadId);
  }

  /** Every message of the thread `alertId` belongs to, oldest first. */
  async findThreadOf(alertId: string): Promise<AlertMessage[] | undefined> {
    const row = await this.db.alertMessage.findUnique({ where: { id: alertId }, select: { threadId: true } });
    return row ? this.threadMessages(row.threadId) : undefined;
  }

  /** Every message of a thread, oldest first. */
  async threadMessages(threadId: string): Promise<AlertMessage[]> {
    const rows = await this.db.alertMessage.findMany({ where: { threadId }, include: withChildren, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toAlert);
  }

  /** Provinces party to cases the thread is linked to. */
  async linkedCaseParties(threadId: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ province: string }>>(
      'SELECT DISTINCT unnest(party_provinces) AS province FROM pollution_case WHERE alert_thread_ids @> ARRAY[$1]::text[] ORDER BY 1',
      threadId,
    );
    return rows.map((r) => r.province);
  }

  /** The parties of cases linked to each of the threads, in one query. */
  private async linkedCasePartiesOf(threadIds: readonly string[]): Promise<Map<string, string[]>> {
    if (threadIds.length === 0) return new Map();
    const rows = await this.db.$queryRawUnsafe<Array<{ thread_id: string; provinces: string[] }>>(
      `SELECT t.thread_id, array_agg(DISTINCT p.province ORDER BY p.province) AS provinces
         FROM unnest($1::text[]) AS t(thread_id)
         JOIN pollution_case c ON c.alert_thread_ids @> ARRAY[t.thread_id]
         CROSS JOIN LATERAL unnest(c.party_provinces) AS p(province)
        GROUP BY t.thread_id`,
      [...threadIds],
    );
    return new Map(rows.map((r) => [r.thread_id, r.provinces]));
  }

  /** Stores a new message. */
  async insertMessage(message: AlertMessage, escalationDueAt: Instant | undefined): Promise<void> {
    await this.db.alertMessage.create({
      data: {
        id: message.id,
        threadId: message.threadId,
        msgType: message.msgType,
        status: message.status,
        category: message.category,
        severity: message.severity,
        senderSubject: message.sender.subject,
        senderUsername: message.sender.username,
        senderProvince: message.senderProvince,
        sentAt: new Date(message.sentAt),
        sectionId: message.sectionId,
        location: message.location as unknown as Prisma.InputJsonValue,
        pollutant: message.pollutant as unknown as Prisma.InputJsonValue,
        suspectedSource: message.suspectedSource ?? null,
        headline: message.headline,
        description: message.description,
        addressees: [...message.addressees],
        provinces: alertProvinces(message),
        referencesId: message.references ?? null,
        supersededBy: message.supersededBy ?? null,
        escalationDueAt: escalationDueAt ? new Date(escalationDueAt) : null,
        escalationPolicy: message.escalationPolicy ?? null,
      },
    });
    if (message.acknowledgements.length > 0) await this.db.alertAcknowledgement.createMany({ data: message.acknowledgements.map((a) => acknowledgementRow(message.id, a)) });
    for (const e of message.escalations) await this.insertEscalation(message.id, e);
  }

  /** Stores what changed on a message: its replacement, new acknowledgements and escalations, its next escalation time. */
  async updateMessage(before: AlertMessage, after: AlertMessage, escalationDueAt: Instant | undefined): Promise<void> {
    await this.db.alertMessage.update({
      where: { id: after.id },
      data: { supersededBy: after.supersededBy ?? null, escalationDueAt: escalationDueAt ? new Date(escalationDueAt) : null },
    });
    const added = after.acknowledgements.filter((a) => !before.acknowledgements.some((b) => b.province === a.province));
    if (added.length > 0) await this.db.alertAcknowledgement.createMany({ data: added.map((a) => acknowledgementRow(after.id, a)) });
    for (const e of after.escalations.filter((a) => !before.escalations.some((b) => b.province === a.province && b.step === a.step))) {
      await this.insertEscalation(after.id, e);
    }
  }

  /** Messages whose next escalation time has come, oldest due first, locked; rows another transaction holds are skipped. */
  async claimDueMessages(now: Instant, limit: number): Promise<AlertMessage[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM alert_message WHERE escalation_due_at <= $1::timestamptz ORDER BY escalation_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      now,
      limit,
    );
    if (rows.length === 0) return [];
    const found = await this.db.alertMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: withChildren });
    const byId = new Map(found.map((r) => [r.id, toAlert(r)]));
    return rows.map((r) => byId.get(r.id)).filter((m): m is AlertMessage => m !== undefined);
  }

  /** Stores an escalation; false when the step was already stored for the province. */
  async insertEscalation(alertId: string, escalation: EscalationRecord): Promise<boolean> {
    const rows = await this.db.$queryRawUnsafe<Array<{ alert_id: string }>>(
      `INSERT INTO alert_escalation (alert_id, province, step, due_at, recorded_at) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)
       ON CONFLICT DO NOTHING RETURNING alert_id`,
      alertId,
      escalation.province,
      escalation.step,
      escalation.dueAt,
      escalation.recordedAt,
    );
    return rows.length === 1;
  }

  /** Sets when the job should next look at a message. */
  async setEscalationDueAt(alertId: string, dueAt: Instant | undefined): Promise<void> {
    await this.db.alertMessage.update({ where: { id: alertId }, data: { escalationDueAt: dueAt ? new Date(dueAt) : null } });
  }

  /** The current message of each thread matching the query, newest first; hidden threads are neither returned nor counted. */
  async listCurrentMessages(query: AlertListQuery): Promise<Page<{ message: AlertMessage; linkedCaseParties: readonly string[] }>> {
    if (query.scope.kind === 'none') return { items: [], total: 0 };
    const params: unknown[] = [query.status];
    const where = ['m.superseded_by IS NULL', 'm.status = $1', scopeSql(query.scope, params)];
    if (query.sectionId) {
      params.push(query.sectionId);
      where.push(`m.section_id = $${params.length}`);
    }
    if (query.severities) {
      params.push([...query.severities]);
      where.push(`m.severity = ANY($${params.length}::text[])`);
    }
    if (query.activeOnly) where.push(`m.msg_type <> 'Cancel'`);
    if (query.awaitingProvince) {
      params.push(query.awaitingProvince);
      const p = `$${params.length}`;
      where.push(`m.msg_type <> 'Cancel' AND m.addressees @> ARRAY[${p}]::text[] AND NOT EXISTS (SELECT 1 FROM alert_acknowledgement a WHERE a.alert_id = m.id AND a.province = ${p})`);
    }
    params.push(query.page.limit, query.page.offset);
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string; total: bigint }>>(
      `SELECT m.id, count(*) OVER () AS total FROM alert_message m WHERE ${where.join(' AND ')}
        ORDER BY m.sent_at DESC, m.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      ...params,
    );
    const total = rows.length > 0 ? Number(rows[0]?.total) : await this.countMatching(where, params.slice(0, -2));
    const found = await this.db.alertMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: withChildren });
    const byId = new Map(found.map((r) => [r.id, toAlert(r)]));
    const linked = await this.linkedCasePartiesOf([...new Set(found.map((r) => r.threadId))]);
    const items = rows
      .map((row) => byId.get(row.id))
      .filter((m): m is AlertMessage => m !== undefined)
      .map((message) => ({ message, linkedCaseParties: linked.get(message.threadId) ?? [] }));
    const next = query.page.offset + rows.length;
    return { items, total, ...(next < total ? { nextOffset: next } : {}) };
  }

  private async countMatching(where: string[], params: unknown[]): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM alert_message m WHERE ${where.join(' AND ')}`, ...params);
    return Number(rows[0]?.n ?? 0);
  }

  /** Counts of the current messages of one status within the scope. */
  async countThreads(scope: Exclude<ReadScope, { kind: 'none' }>, status: AlertStatus): Promise<AlertCounts> {
    const params: unknown[] = [status];
    const where = ['m.superseded_by IS NULL', 'm.status = $1', scopeSql(scope, params)];
    const active = `m.msg_type <> 'Cancel'`;
    const rows = await this.db.$queryRawUnsafe<Array<Record<string, bigint>>>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE ${active}) AS active,
              count(*) FILTER (WHERE NOT (${active})) AS cancelled,
              count(*) FILTER (WHERE ${active} AND EXISTS (
                SELECT 1 FROM unnest(m.addressees) AS p(province)
                 WHERE NOT EXISTS (SELECT 1 FROM alert_acknowledgement a WHERE a.alert_id = m.id AND a.province = p.province))) AS awaiting,
              count(*) FILTER (WHERE ${active} AND m.severity = 'I') AS sev_i,
              count(*) FILTER (WHERE ${active} AND m.severity = 'II') AS sev_ii,
              count(*) FILTER (WHERE ${active} AND m.severity = 'III') AS sev_iii,
              count(*) FILTER (WHERE ${active} AND m.severity = 'IV') AS sev_iv
         FROM alert_message m WHERE ${where.join(' AND ')}`,
      ...params,
    );
    const r = rows[0] ?? {};
    const n = (k: string) => Number(r[k] ?? 0);
    return {
      total: n('total'),
      active: n('active'),
      cancelled: n('cancelled'),
      awaitingAcknowledgement: n('awaiting'),
      bySeverity: { I: n('sev_i'), II: n('sev_ii'), III: n('sev_iii'), IV: n('sev_iv') },
    };
  }
}
