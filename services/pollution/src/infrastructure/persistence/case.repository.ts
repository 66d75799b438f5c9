import type { CaseListItem, CaseListQuery } from '../../application/list-cases/list-cases.handler.ts';
import type { Page } from '../../application/shared/ports.ts';
import type { StoredReading } from '../../application/shared/reading-model.ts';
import type {
  CaseOrigin,
  ClosureAgreement,
  Closure,
  EnforcementAction,
  Evidence,
  Exceedance,
  Mediation,
  PollutionCase,
  ReadingRef,
} from '../../domain/index.ts';
import { Prisma } from '../prisma/generated/client.ts';
import type { PrismaDb } from '../database/prisma-types.ts';
import { readingRowToStored } from './reading.repository.ts';

type Client = PrismaDb;
type CaseRow = Prisma.PollutionCaseGetPayload<{ include: typeof withChildren }>;

const withChildren = {
  exceedances: { orderBy: { position: 'asc' } },
  enforcementActions: { orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] },
  evidence: { orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] },
  timeline: { orderBy: { seq: 'asc' } },
} satisfies Prisma.PollutionCaseInclude;

const iso = (d: Date) => d.toISOString();
const json = (value: unknown) => value as Prisma.InputJsonValue;

function toCase(row: CaseRow): PollutionCase {
  return {
    id: row.id,
    title: row.title,
    sectionId: row.sectionId,
    partyProvinces: row.partyProvinces,
    reportingProvince: row.reportingProvince,
    exercise: row.exercise,
    origin: row.origin as unknown as CaseOrigin,
    alertThreadIds: row.alertThreadIds,
    exceedances: row.exceedances.map(
      (e): Exceedance => ({
        sectionId: e.sectionId,
        parameter: e.parameter as Exceedance['parameter'],
        basis: e.basis as unknown as Exceedance['basis'],
        valueMgL: e.valueMgL,
        ...(e.observedClass > 0 ? { observedClass: e.observedClass as NonNullable<Exceedance['observedClass']> } : {}),
        targetClass: e.targetClass as Exceedance['targetClass'],
        targetLimitMgL: e.targetLimitMgL,
        exceedanceMultiple: e.exceedanceMultiple,
      }),
    ),
    state: row.state as PollutionCase['state'],
    ...(row.mediation !== null ? { mediation: row.mediation as unknown as Mediation } : {}),
    closureAgreements: row.closureAgreements as unknown as ClosureAgreement[],
    ...(row.closure !== null ? { closure: row.closure as unknown as Closure } : {}),
    enforcementActions: row.enforcementActions.map(
      (a): EnforcementAction => ({
        id: a.id,
        responsibleProvince: a.responsibleProvince,
        date: a.date,
        findings: a.findings,
        recordedBy: { subject: a.recordedBySubject, username: a.recordedByUsername, province: a.recordedByProvince },
        recordedAt: iso(a.recordedAt),
        revision: a.revision,
      }),
    ),
    evidence: row.evidence.map((e): Evidence => {
      const base = {
        id: e.id,
        description: e.description,
        submittedBy: { subject: e.submittedBySubject, username: e.submittedByUsername, province: e.submittedProvince },
        submittedProvince: e.submittedProvince,
        submittedAt: iso(e.submittedAt),
      };
      return e.kind === 'document'
        ? { ...base, kind: 'document', sha256: e.sha256 ?? '', filename: e.filename ?? '', mediaType: e.mediaType ?? '', sizeBytes: Number(e.sizeBytes ?? 0) }
        : { ...base, kind: 'monitoring-data', readings: (e.readings ?? []) as unknown as ReadingRef[] };
    }),
    timeline: row.timeline.map((t) => ({
      seq: t.seq,
      at: iso(t.at),
      kind: t.kind,
      actor: { subject: t.actorSubject, username: t.actorUsername },
      province: t.province,
      details: t.details as Record<string, unknown>,
    })),
    openedAt: iso(row.openedAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

function caseRowData(c: PollutionCase) {
  return {
    title: c.title,
    sectionId: c.sectionId,
    partyProvinces: [...c.partyProvinces],
    reportingProvince: c.reportingProvince,
    exercise: c.exercise,
    origin: json(c.origin),
    alertThreadIds: [...c.alertThreadIds],
    state: c.state,
    mediation: c.mediation ? json(c.mediation) : Prisma.DbNull,
    closureAgreements: json(c.closureAgreements),
    closure: c.closure ? json(c.closure) : Prisma.DbNull,
    openedAt: new Date(c.openedAt),
    updatedAt: new Date(c.updatedAt),
    version: c.version,
  };
}

function exceedanceRows(caseId: string, from: number, list: readonly Exceedance[]) {
  return list.map((e, i) => ({
    caseId,
    position: from + i,
    sectionId: e.sectionId,
    parameter: e.parameter,
    basis: json(e.basis),
    valueMgL: e.valueMgL,
    // 0 stands for "no class": a specific item such as benzene has a limit but no classes.
    observedClass: e.observedClass ?? 0,
    targetClass: e.targetClass,
    targetLimitMgL: e.targetLimitMgL,
    exceedanceMultiple: e.exceedanceMultiple,
  }));
}

function actionRow(caseId: string, a: EnforcementAction) {
  return {
    caseId,
    id: a.id,
    responsibleProvince: a.responsibleProvince,
    date: a.date,
    findings: a.findings,
    recordedBySubject: a.recordedBy.subject,
    recordedByUsername: a.recordedBy.username,
    recordedByProvince: a.recordedBy.province,
    recordedAt: new Date(a.recordedAt),
    revision: a.revision,
  };
}

function evidenceRow(caseId: string, e: Evidence) {
  return {
    caseId,
    id: e.id,
    kind: e.kind,
    description: e.description,
    submittedBySubject: e.submittedBy.subject,
    submittedByUsername: e.submittedBy.username,
    submittedProvince: e.submittedProvince,
    submittedAt: new Date(e.submittedAt),
    ...(e.kind === 'document'
      ? { sha256: e.sha256, filename: e.filename, mediaType: e.mediaType, sizeBytes: BigInt(e.sizeBytes), readings: Prisma.DbNull }
      : { readings: json(e.readings) }),
  };
}

/** Cases in PostgreSQL through Prisma: the case use cases' stores. */
export class PrismaCaseRepository {
  private readonly db: Client;

  constructor(db: Client) {
    this.db = db;
  }

  /** The case with everything on it, or undefined. */
  async findCase(caseId: string): Promise<PollutionCase | undefined> {
    const row = await this.db.pollutionCase.findUnique({ where: { id: caseId }, include: withChildren });
    return row ? toCase(row) : undefined;
  }

  /** The case, locked until the transaction ends. */
  async lockCase(caseId: string): Promise<PollutionCase | undefined> {
    const locked = await this.db.$queryRawUnsafe<Array<{ id: string }>>('SELECT id FROM pollution_case WHERE id = $1 FOR UPDATE', caseId);
    return locked.length === 0 ? undefined : this.findCase(caseId);
  }

  /** Stores a new case with its children. */
  async insertCase(c: PollutionCase): Promise<void> {
    await this.db.pollutionCase.create({ data: { id: c.id, ...caseRowData(c) } });
    await this.saveChildren(c, { exceedances: 0, timeline: 0, actions: [], evidence: [] });
  }

  /** Stores what a command changed; the version check guards against a write that did not hold the lock. */
  async saveCase(before: PollutionCase, after: PollutionCase): Promise<void> {
    const updated = await this.db.pollutionCase.updateMany({ where: { id: after.id, version: before.version }, data: caseRowData(after) });
    if (updated.count !== 1) throw new Error(`case ${after.id} changed underneath a locked write (version ${before.version})`);
    await this.saveChildren(after, {
      exceedances: before.exceedances.length,
      timeline: before.timeline.length,
      actions: before.enforcementActions,
      evidence: before.evidence,
    });
  }

  private async saveChildren(after: PollutionCase, before: { exceedances: number; timeline: number; actions: readonly EnforcementAction[]; evidence: readonly Evidence[] }): Promise<void> {
    const newExceedances = after.exceedances.slice(before.exceedances);
    if (newExceedances.length > 0) await this.db.caseExceedance.createMany({ data: exceedanceRows(after.id, before.exceedances, newExceedances) });
    const entries = after.timeline.slice(before.timeline);
    if (entries.length > 0) {
      await this.db.caseTimelineEntry.createMany({
        data: entries.map((t) => ({ caseId: after.id, seq: t.seq, at: new Date(t.at), kind: t.kind, actorSubject: t.actor.subject, actorUsername: t.actor.username, province: t.province, details: json(t.details) })),
      });
    }
    for (const action of after.enforcementActions) {
      const previous = before.actions.find((a) => a.id === action.id);
      if (!previous) await this.db.enforcementAction.create({ data: actionRow(after.id, action) });
      else if (previous.revision !== action.revision) {
        await this.db.enforcementAction.update({ where: { caseId_id: { caseId: after.id, id: action.id } }, data: { date: action.date, findings: action.findings, revision: action.revision } });
      }
    }
    const newEvidence = after.evidence.filter((e) => !before.evidence.some((b) => b.id === e.id));
    for (const e of newEvidence) await this.db.caseEvidence.create({ data: evidenceRow(after.id, e) });
  }

  /** Cases not closed that link the thread. */
  async openCasesLinkingThread(threadId: string): Promise<Array<Pick<PollutionCase, 'id'>>> {
    return this.db.pollutionCase.findMany({ where: { alertThreadIds: { has: threadId }, state: { not: 'closed' } }, select: { id: true } });
  }

  /** Serialises case decisions per section, then returns the real cases not closed there, locked. */
  async lockOpenRealCasesAt(sectionIds: readonly string[]): Promise<PollutionCase[]> {
    // One lock per section, taken in sorted order so two uploads touching the same sections cannot deadlock.
    for (const sectionId of [...sectionIds].sort()) {
      await this.db.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('xietong.pollution.section:' || $1))`, sectionId);
    }
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM pollution_case WHERE section_id = ANY($1::text[]) AND state <> 'closed' AND NOT exercise ORDER BY id FOR UPDATE`,
      [...sectionIds],
    );
    const cases = await this.db.pollutionCase.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: withChildren });
    return cases.map(toCase);
  }

  /** Matching cases, newest first, with summary fields and counts; the scope is part of the query. */
  async listCases(query: CaseListQuery): Promise<Page<CaseListItem>> {
    const where: Prisma.PollutionCaseWhereInput = {
      exercise: query.exercise,
      ...(query.scope.kind === 'province' ? { partyProvinces: { has: query.scope.province } } : {}),
      ...(query.states ? { state: { in: [...query.states] } } : {}),
      ...(query.sectionId ? { sectionId: query.sectionId } : {}),
    };
    const [total, rows] = await Promise.all([
      this.db.pollutionCase.count({ where }),
      this.db.pollutionCase.findMany({
        where,
        orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
        skip: query.page.offset,
        take: query.page.limit,
        include: { _count: { select: { exceedances: true, enforcementActions: true, evidence: true } } },
      }),
    ]);
    const items = rows.map((row): CaseListItem => {
      const closure = row.closure as unknown as Closure | null;
      return {
        summary: {
          id: row.id,
          title: row.title,
          sectionId: row.sectionId,
          partyProvinces: row.partyProvinces,
          reportingProvince: row.reportingProvince,
          exercise: row.exercise,
          state: row.state as PollutionCase['state'],
          inMediation: row.state === 'in_mediation',
          alertThreadIds: row.alertThreadIds,
          counts: { exceedances: row._count.exceedances, enforcementActions: row._count.enforcementActions, evidence: row._count.evidence },
          openedAt: iso(row.openedAt),
          ...(closure ? { closedAt: closure.at } : {}),
        },
        updatedAt: iso(row.updatedAt),
        version: row.version,
      };
    });
    const next = query.page.offset + rows.length;
    return { items, total, ...(next < total ? { nextOffset: next } : {}) };
  }

  /**
   * The stored readings behind a case: each exceedance's reading (or, for a daily mean, every reading of that
   * parameter on that Beijing day) and each reading its monitoring evidence names; oldest first.
   */
  async readingsBehindCase(c: PollutionCase): Promise<StoredReading[]> {
    const exact: ReadingRef[] = [];
    const days: Array<{ parameter: string; from: string; to: string }> = [];
    for (const e of c.exceedances) {
      if (e.basis.kind === 'reading') exact.push({ sectionId: e.sectionId, parameter: e.parameter, sampledAt: e.basis.sampledAt });
      else {
        const from = new Date(`${e.basis.date}T00:00:00+08:00`);
        days.push({ parameter: e.parameter, from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() });
      }
    }
    for (const e of c.evidence) if (e.kind === 'monitoring-data') exact.push(...e.readings);
    if (exact.length === 0 && days.length === 0) return [];
    const rows = await this.db.$queryRawUnsafe<Array<{ section_id: string; parameter: string; value_mg_l: unknown; sampled_at: Date; batch_id: string }>>(
      `SELECT r.section_id, r.parameter, r.value_mg_l::text AS value_mg_l, r.sampled_at, r.batch_id FROM water_reading r
         JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(s, p, t) ON r.section_id = k.s AND r.parameter = k.p AND r.sampled_at = k.t
       UNION
       SELECT r.section_id, r.parameter, r.value_mg_l::text, r.sampled_at, r.batch_id FROM water_reading r
         JOIN unnest($5::text[], $6::timestamptz[], $7::timestamptz[]) AS d(p, f, t) ON r.section_id = $4 AND r.parameter = d.p AND r.sampled_at >= d.f AND r.sampled_at < d.t
       ORDER BY 4, 2`,
      exact.map((r) => r.sectionId),
      exact.map((r) => r.parameter),
      exact.map((r) => r.sampledAt),
      c.sectionId,
      days.map((d) => d.parameter),
      days.map((d) => d.from),
      days.map((d) => d.to),
    );
    return rows.map((r) => readingRowToStored({ sectionId: r.section_id, parameter: r.parameter, valueMgL: String(r.value_mg_l), sampledAt: r.sampled_at, batchId: r.batch_id }));
  }
}
