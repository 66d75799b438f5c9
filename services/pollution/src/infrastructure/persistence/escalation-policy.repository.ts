import type { ActorRef, EscalationPolicy, RecordedEscalationPolicy, Severity } from '../../domain/index.ts';
import type { PrismaDb } from '../database/prisma-types.ts';
import type { Prisma } from '../prisma/generated/client.ts';

type PolicyRow = Prisma.EscalationPolicyVersionGetPayload<object>;

function minutes(value: Prisma.JsonValue): Record<Severity, number> {
  const v = value as Record<string, unknown>;
  return { I: Number(v.I), II: Number(v.II), III: Number(v.III), IV: Number(v.IV) };
}

function toPolicy(row: PolicyRow): RecordedEscalationPolicy {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    appliesTo: row.isDefault ? 'default' : { sectionIds: row.sectionIds },
    acknowledgeWithinMinutes: minutes(row.acknowledgeWithinMinutes),
    jointMechanismAfterMinutes: minutes(row.jointMechanismAfterMinutes),
    ...(row.jointMechanismId !== null ? { jointMechanismId: row.jointMechanismId } : {}),
    source: row.source,
    effectiveFrom: row.effectiveFrom.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: { subject: row.recordedSubject, username: row.recordedUsername, province: row.recordedProvince },
  };
}

function toRow(policy: EscalationPolicy, recordedAt: string, recordedBy: ActorRef): Prisma.EscalationPolicyVersionCreateManyInput {
  return {
    id: policy.id,
    version: policy.version,
    name: policy.name,
    isDefault: policy.appliesTo === 'default',
    sectionIds: policy.appliesTo === 'default' ? [] : [...policy.appliesTo.sectionIds],
    acknowledgeWithinMinutes: { ...policy.acknowledgeWithinMinutes },
    jointMechanismAfterMinutes: { ...policy.jointMechanismAfterMinutes },
    jointMechanismId: policy.jointMechanismId ?? null,
    source: policy.source,
    effectiveFrom: new Date(policy.effectiveFrom),
    recordedAt: new Date(recordedAt),
    recordedSubject: recordedBy.subject,
    recordedUsername: recordedBy.username,
    recordedProvince: recordedBy.province,
  };
}

/** The platform itself, as the recorder of the shipped default policy. */
export const PLATFORM_RECORDER: ActorRef = { subject: 'pollution:shipped-default', username: 'platform', province: '000000' };

/** Escalation policy versions in PostgreSQL (table escalation_policy; a version is a row, never updated). */
export class PrismaEscalationPolicyRepository {
  private readonly db: PrismaDb;

  constructor(db: PrismaDb) {
    this.db = db;
  }

  /** Every version of every policy, by id then version. */
  async allPolicyVersions(): Promise<RecordedEscalationPolicy[]> {
    const rows = await this.db.escalationPolicyVersion.findMany({ orderBy: [{ id: 'asc' }, { version: 'asc' }] });
    return rows.map(toPolicy);
  }

  /**
   * Serialises policy writes (one transaction-scoped lock for all policies: writes are rare, and a section may
   * belong to one policy only, which a check across policies must see without a concurrent write), then returns
   * every version.
   */
  async lockPolicyVersions(): Promise<RecordedEscalationPolicy[]> {
    await this.db.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('xietong.pollution.escalation-policies'))`);
    return this.allPolicyVersions();
  }

  /** Stores a new version (the primary key refuses a version stored twice). */
  async insertPolicyVersion(policy: RecordedEscalationPolicy): Promise<void> {
    await this.db.escalationPolicyVersion.create({ data: toRow(policy, policy.recordedAt, policy.recordedBy) });
  }

  /** Stores the shipped default policy's first version unless it is there (every boot); true when it was added. */
  async insertShippedDefault(policy: EscalationPolicy, now: Date): Promise<boolean> {
    const result = await this.db.escalationPolicyVersion.createMany({ data: [toRow(policy, now.toISOString(), PLATFORM_RECORDER)], skipDuplicates: true });
    return result.count > 0;
  }
}
