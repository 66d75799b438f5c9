import type { AssessmentListQuery } from '../../application/list-assessments/list-assessments.handler.ts';
import type { StoredAssessment } from '../../application/shared/compensation-model.ts';
import type { Page } from '../../application/shared/ports.ts';
import { periodLabel, type AssessmentInput, type AssessmentPeriod, type CompensationAgreement, type PeriodAssessment, type RecordedAgreementVersion } from '../../domain/index.ts';
import type { Prisma } from '../prisma/generated/client.ts';
import type { PrismaDb } from '../database/prisma-types.ts';
import { fromJsonb, toJsonb } from './json-codec.ts';

type Client = PrismaDb;
type AssessmentRow = Prisma.CompensationAssessmentGetPayload<object>;

function toAssessment(row: AssessmentRow): StoredAssessment {
  const input = fromJsonb<AssessmentInput>(row.input);
  return {
    id: row.id,
    agreementId: row.agreementId,
    agreementVersion: row.agreementVersion,
    period: input.period as AssessmentPeriod,
    periodLabel: row.periodLabel,
    inputDigest: row.inputDigest,
    input,
    result: fromJsonb<PeriodAssessment>(row.result),
    partyProvinces: row.partyProvinces,
    computedBy: { subject: row.computedSubject, username: row.computedUsername, province: row.computedProvince },
    computedAt: row.computedAt.toISOString(),
    ...(row.supersededBy !== null ? { supersededBy: row.supersededBy } : {}),
  };
}

/** Compensation agreements (versioned data) and assessments in PostgreSQL. */
export class PrismaCompensationRepository {
  private readonly db: Client;

  constructor(db: Client) {
    this.db = db;
  }

  /** Stores agreement versions that are not stored yet (the shipped ones at boot); returns how many were added. */
  async insertMissingAgreements(agreements: readonly CompensationAgreement[], now: Date): Promise<number> {
    const result = await this.db.compensationAgreement.createMany({
      data: agreements.map((a) => ({
        id: a.id,
        version: a.version,
        sectionId: a.sectionId,
        validFrom: a.validFrom,
        validTo: a.validTo ?? null,
        partyProvinces: a.parties.map((p) => p.province),
        body: toJsonb(a) as Prisma.InputJsonValue,
        createdAt: now,
      })),
      skipDuplicates: true,
    });
    return result.count;
  }

  /**
   * Serialises agreement writes (one transaction-scoped lock for all agreements: writes are rare, and a version is
   * checked against every agreement on its section), then returns every version of every agreement.
   */
  async lockAgreementVersions(): Promise<CompensationAgreement[]> {
    await this.db.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('xietong.pollution.agreements'))`);
    const rows = await this.db.compensationAgreement.findMany({ orderBy: [{ id: 'asc' }, { version: 'asc' }] });
    return rows.map((r) => fromJsonb<CompensationAgreement>(r.body));
  }

  /** Stores a recorded version: the terms in `body` (what assessments use), who, when and why beside them. */
  async insertAgreementVersion(recorded: RecordedAgreementVersion): Promise<void> {
    const a = recorded.agreement;
    await this.db.compensationAgreement.create({
      data: {
        id: a.id,
        version: a.version,
        sectionId: a.sectionId,
        validFrom: a.validFrom,
        validTo: a.validTo ?? null,
        partyProvinces: a.parties.map((p) => p.province),
        body: toJsonb(a) as Prisma.InputJsonValue,
        createdAt: new Date(recorded.recordedAt),
        reason: recorded.reason,
        recordedSubject: recorded.recordedBy.subject,
        recordedUsername: recorded.recordedBy.username,
        recordedProvince: recorded.recordedBy.province,
      },
    });
  }

  /** The newest version of every agreement, by id. */
  async latestAgreements(): Promise<CompensationAgreement[]> {
    const rows = await this.db.compensationAgreement.findMany({ orderBy: [{ id: 'asc' }, { version: 'desc' }] });
    const seen = new Set<string>();
    const latest: CompensationAgreement[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      latest.push(fromJsonb<CompensationAgreement>(row.body));
    }
    return latest;
  }

  /** Every version of an agreement, oldest first. */
  async agreementVersions(agreementId: string): Promise<CompensationAgreement[]> {
    const rows = await this.db.compensationAgreement.findMany({ where: { id: agreementId }, orderBy: { version: 'asc' } });
    return rows.map((r) => fromJsonb<CompensationAgreement>(r.body));
  }

  /** Serialises runs for one agreement and period, then returns the assessment nothing supersedes. */
  async lockCurrentAssessment(agreementId: string, label: string): Promise<StoredAssessment | undefined> {
    await this.db.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('xietong.pollution.assessment:' || $1 || '/' || $2))`, agreementId, label);
    const row = await this.db.compensationAssessment.findFirst({ where: { agreementId, periodLabel: label, supersededBy: null }, orderBy: { computedAt: 'desc' } });
    return row ? toAssessment(row) : undefined;
  }

  /** The assessment with exactly these inputs. */
  async findByDigest(agreementId: string, agreementVersion: number, label: string, inputDigest: string): Promise<StoredAssessment | undefined> {
    const row = await this.db.compensationAssessment.findUnique({
      where: { agreementId_agreementVersion_periodLabel_inputDigest: { agreementId, agreementVersion, periodLabel: label, inputDigest } },
    });
    return row ? toAssessment(row) : undefined;
  }

  /** Stores an assessment. */
  async insertAssessment(a: StoredAssessment): Promise<void> {
    await this.db.compensationAssessment.create({
      data: {
        id: a.id,
        agreementId: a.agreementId,
        agreementVersion: a.agreementVersion,
        periodKind: a.period.kind,
        periodLabel: periodLabel(a.period),
        inputDigest: a.inputDigest,
        input: toJsonb(a.input) as Prisma.InputJsonValue,
        result: toJsonb(a.result) as Prisma.InputJsonValue,
        partyProvinces: [...a.partyProvinces],
        computedSubject: a.computedBy.subject,
        computedUsername: a.computedBy.username,
        computedProvince: a.computedBy.province,
        computedAt: new Date(a.computedAt),
      },
    });
  }

  /** Marks an assessment as replaced. */
  async markSuperseded(assessmentId: string, supersededBy: string): Promise<void> {
    await this.db.compensationAssessment.update({ where: { id: assessmentId }, data: { supersededBy } });
  }

  /** One assessment. */
  async findAssessment(assessmentId: string): Promise<StoredAssessment | undefined> {
    const row = await this.db.compensationAssessment.findUnique({ where: { id: assessmentId } });
    return row ? toAssessment(row) : undefined;
  }

  /** Matching assessments, newest period first; the scope is part of the query. */
  async listAssessments(query: AssessmentListQuery): Promise<Page<StoredAssessment>> {
    const where: Prisma.CompensationAssessmentWhereInput = {
      ...(query.scope.kind === 'province' ? { partyProvinces: { has: query.scope.province } } : {}),
      ...(query.agreementId ? { agreementId: query.agreementId } : {}),
      ...(query.includeSuperseded ? {} : { supersededBy: null }),
    };
    const [total, rows] = await Promise.all([
      this.db.compensationAssessment.count({ where }),
      this.db.compensationAssessment.findMany({ where, orderBy: [{ periodLabel: 'desc' }, { computedAt: 'desc' }, { id: 'desc' }], skip: query.page.offset, take: query.page.limit }),
    ]);
    const next = query.page.offset + rows.length;
    return { items: rows.map(toAssessment), total, ...(next < total ? { nextOffset: next } : {}) };
  }
}
