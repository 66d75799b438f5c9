// Hand-written fakes of the use cases' ports: one in-memory store with every repository method the service's Prisma
// repositories have, a unit of work that rolls the whole state back when the work throws (so "nothing stored on
// rejection" can be tested without a database), and recorded events and audit entries.
import type { AssessmentListQuery } from '../../src/application/list-assessments/list-assessments.handler.ts';
import type { AlertListQuery } from '../../src/application/list-alerts/list-alerts.handler.ts';
import type { CaseListItem, CaseListQuery } from '../../src/application/list-cases/list-cases.handler.ts';
import type { ReadingListQuery } from '../../src/application/list-readings/list-readings.handler.ts';
import type { ReadingBatchRecord } from '../../src/application/ingest-readings/ingest-readings.handler.ts';
import type { AllWritePorts, ReadStores, UseCaseDeps } from '../../src/application/pollution.use-cases.ts';
import type { StoredAssessment } from '../../src/application/shared/compensation-model.ts';
import { isSystemCaller, type AuditRecord, type IdGenerator, type Page, type WorkActor } from '../../src/application/shared/ports.ts';
import type { ReadScope } from '../../src/application/shared/read-scope.ts';
import type { StoredReading } from '../../src/application/shared/reading-model.ts';
import {
  alertProvinces,
  countAlertThreads,
  createReferenceCatalog,
  DEFAULT_ESCALATION_POLICY,
  GB_3838_2002,
  readingKey,
  SEED_AGREEMENTS,
  type AlertMessage,
  type AlertStatus,
  type Clock,
  type CompensationAgreement,
  type EscalationRecord,
  type Instant,
  type ParameterCode,
  type PollutionCase,
  type PollutionEvent,
  type ReadingRef,
  type RecordedAgreementVersion,
  type RecordedEscalationPolicy,
  type WaterReading,
} from '../../src/domain/index.ts';

interface State {
  alerts: Map<string, AlertMessage>;
  dueAt: Map<string, Instant | undefined>;
  cases: Map<string, PollutionCase>;
  readings: Map<string, StoredReading>;
  batches: ReadingBatchRecord[];
  agreements: CompensationAgreement[];
  /** Who recorded which version, when and why (the shipped ones have none). */
  agreementRecords: Array<Omit<RecordedAgreementVersion, 'agreement'> & { id: string; version: number }>;
  assessments: Map<string, StoredAssessment>;
  policies: RecordedEscalationPolicy[];
  events: Array<{ event: PollutionEvent; actor: WorkActor }>;
  audit: Array<AuditRecord & { actor: WorkActor }>;
}

const clone = <T>(value: T): T => structuredClone(value);

function inScope(scope: Exclude<ReadScope, { kind: 'none' }>, provinces: readonly string[]): boolean {
  return scope.kind === 'all' || provinces.includes(scope.province);
}

function page<T>(items: T[], offset: number, limit: number): Page<T> {
  const slice = items.slice(offset, offset + limit);
  const next = offset + slice.length;
  return { items: slice, total: items.length, ...(next < items.length ? { nextOffset: next } : {}) };
}

/** An in-memory pollution database with the service's repository methods. */
export class InMemoryPollutionStore {
  state: State = {
    alerts: new Map(),
    dueAt: new Map(),
    cases: new Map(),
    readings: new Map(),
    batches: [],
    agreements: clone([...SEED_AGREEMENTS]),
    agreementRecords: [],
    assessments: new Map(),
    policies: [{ ...DEFAULT_ESCALATION_POLICY, recordedAt: '2025-01-01T00:00:00.000Z', recordedBy: { subject: 'pollution:shipped-default', username: 'platform', province: '000000' } }],
    events: [],
    audit: [],
  };
  /** Messages claimed by transactions in flight (the fake's SKIP LOCKED). */
  private readonly claimed = new Set<string>();

  /** The events published so far. */
  get events(): PollutionEvent[] {
    return this.state.events.map((e) => e.event);
  }

  /** The audit entries so far. */
  get audit(): State['audit'] {
    return this.state.audit;
  }

  /** The unit of work: the state is restored when the work throws. */
  transaction = async <T>(actor: WorkActor, work: (ports: AllWritePorts) => Promise<T>): Promise<T> => {
    const snapshot = clone(this.state);
    const mine = new Set<string>();
    try {
      return await work(this.ports(actor, mine));
    } catch (error) {
      this.state = snapshot;
      throw error;
    } finally {
      for (const id of mine) this.claimed.delete(id);
    }
  };

  private ports(actor: WorkActor, claimedHere: Set<string>): AllWritePorts {
    const alerts = {
      lockThreadOf: (id: string) => this.findThreadOf(id),
      linkedCaseParties: (threadId: string) => this.linkedCaseParties(threadId),
      threadMessages: (threadId: string) => this.threadMessages(threadId),
      insertMessage: async (m: AlertMessage, due: Instant | undefined) => {
        this.state.alerts.set(m.id, clone(m));
        this.state.dueAt.set(m.id, due);
      },
      updateMessage: async (_before: AlertMessage, after: AlertMessage, due: Instant | undefined) => {
        this.state.alerts.set(after.id, clone(after));
        this.state.dueAt.set(after.id, due);
      },
      claimDueMessages: async (now: Instant, limit: number) => {
        const due = [...this.state.dueAt]
          .filter(([id, at]) => at !== undefined && Date.parse(at) <= Date.parse(now) && !this.claimed.has(id))
          .sort(([a, x], [b, y]) => Date.parse(x as string) - Date.parse(y as string) || (a < b ? -1 : 1))
          .slice(0, limit)
          .map(([id]) => id);
        for (const id of due) {
          this.claimed.add(id);
          claimedHere.add(id);
        }
        return due.map((id) => clone(this.state.alerts.get(id) as AlertMessage));
      },
      insertEscalation: async (alertId: string, e: EscalationRecord) => {
        const m = this.state.alerts.get(alertId) as AlertMessage;
        if (m.escalations.some((x) => x.province === e.province && x.step === e.step)) return false;
        this.state.alerts.set(alertId, { ...m, escalations: [...m.escalations, e] });
        return true;
      },
      setEscalationDueAt: async (alertId: string, due: Instant | undefined) => {
        this.state.dueAt.set(alertId, due);
      },
    };
    const cases = {
      lockCase: (id: string) => this.findCase(id),
      insertCase: async (c: PollutionCase) => {
        this.state.cases.set(c.id, clone(c));
      },
      saveCase: async (before: PollutionCase, after: PollutionCase) => {
        if (this.state.cases.get(after.id)?.version !== before.version) throw new Error('version moved under a locked write');
        this.state.cases.set(after.id, clone(after));
      },
      openCasesLinkingThread: async (threadId: string) => [...this.state.cases.values()].filter((c) => c.state !== 'closed' && c.alertThreadIds.includes(threadId)).map((c) => ({ id: c.id })),
      lockOpenRealCasesAt: async (sectionIds: readonly string[]) => [...this.state.cases.values()].filter((c) => sectionIds.includes(c.sectionId) && c.state !== 'closed' && !c.exercise).map(clone),
    };
    const readings = {
      existingReadingKeys: async (list: readonly Pick<WaterReading, 'sectionId' | 'parameter' | 'sampledAt'>[]) => new Set(list.map(readingKey).filter((k) => this.state.readings.has(k))),
      insertBatch: async (batch: ReadingBatchRecord, list: readonly WaterReading[]) => {
        this.state.batches.push(clone(batch));
        for (const r of list) this.state.readings.set(readingKey(r), { ...r, valueText: String(r.valueMgL), batchId: batch.id });
      },
      readingsBetween: (sectionId: string, parameters: readonly ParameterCode[], from: string, to: string) => this.readingsBetween(sectionId, parameters, from, to),
    };
    const compensation = {
      agreementVersions: (id: string) => this.agreementVersions(id),
      lockAgreementVersions: async () => clone([...this.state.agreements].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version))),
      insertAgreementVersion: async ({ agreement, ...record }: RecordedAgreementVersion) => {
        if (this.state.agreements.some((a) => a.id === agreement.id && a.version === agreement.version)) throw new Error('duplicate agreement version');
        this.state.agreements.push(clone(agreement));
        this.state.agreementRecords.push(clone({ id: agreement.id, version: agreement.version, ...record }));
      },
      lockCurrentAssessment: async (agreementId: string, label: string) => [...this.state.assessments.values()].find((a) => a.agreementId === agreementId && a.periodLabel === label && !a.supersededBy),
      findByDigest: async (agreementId: string, version: number, label: string, digest: string) =>
        [...this.state.assessments.values()].find((a) => a.agreementId === agreementId && a.agreementVersion === version && a.periodLabel === label && a.inputDigest === digest),
      insertAssessment: async (a: StoredAssessment) => {
        this.state.assessments.set(a.id, clone(a));
      },
      markSuperseded: async (id: string, by: string) => {
        const a = this.state.assessments.get(id) as StoredAssessment;
        this.state.assessments.set(id, { ...a, supersededBy: by });
      },
    };
    const escalationPolicies = {
      lockPolicyVersions: () => this.allPolicyVersions(),
      insertPolicyVersion: async (p: RecordedEscalationPolicy) => {
        if (this.state.policies.some((x) => x.id === p.id && x.version === p.version)) throw new Error('duplicate policy version');
        this.state.policies.push(clone(p));
      },
    };
    return {
      alerts,
      cases,
      readings,
      agreements: compensation,
      assessments: compensation,
      escalationPolicies,
      events: {
        append: async (events: readonly PollutionEvent[]) => {
          for (const event of events) this.state.events.push({ event: clone(event), actor });
        },
      },
      audit: {
        record: async (entry: AuditRecord) => {
          if (!isSystemCaller(actor) && actor.subject === '') throw new Error('audit without actor');
          this.state.audit.push({ ...clone(entry), actor });
        },
      },
    } as unknown as AllWritePorts;
  }

  // Read side.

  async findThreadOf(alertId: string): Promise<AlertMessage[] | undefined> {
    const m = this.state.alerts.get(alertId);
    return m ? this.threadMessages(m.threadId) : undefined;
  }

  async threadMessages(threadId: string): Promise<AlertMessage[]> {
    return [...this.state.alerts.values()].filter((m) => m.threadId === threadId).sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : 1)).map(clone);
  }

  async linkedCaseParties(threadId: string): Promise<string[]> {
    return [...new Set([...this.state.cases.values()].filter((c) => c.alertThreadIds.includes(threadId)).flatMap((c) => c.partyProvinces))].sort();
  }

  private visibleAlert(scope: Exclude<ReadScope, { kind: 'none' }>, m: AlertMessage): boolean {
    const linked = [...this.state.cases.values()].filter((c) => c.alertThreadIds.includes(m.threadId)).flatMap((c) => c.partyProvinces);
    return inScope(scope, [...alertProvinces(m), ...linked]);
  }

  async listCurrentMessages(query: AlertListQuery) {
    if (query.scope.kind === 'none') return { items: [], total: 0 };
    const scope = query.scope;
    const matching = [...this.state.alerts.values()]
      .filter((m) => !m.supersededBy && m.status === query.status && this.visibleAlert(scope, m))
      .filter((m) => !query.sectionId || m.sectionId === query.sectionId)
      .filter((m) => !query.severities || query.severities.includes(m.severity))
      .filter((m) => !query.activeOnly || m.msgType !== 'Cancel')
      .filter((m) => !query.awaitingProvince || (m.msgType !== 'Cancel' && m.addressees.includes(query.awaitingProvince) && !m.acknowledgements.some((a) => a.province === query.awaitingProvince)))
      .sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : a.id < b.id ? 1 : -1));
    const result = page(matching, query.page.offset, query.page.limit);
    return { ...result, items: await Promise.all(result.items.map(async (m) => ({ message: clone(m), linkedCaseParties: await this.linkedCaseParties(m.threadId) }))) };
  }

  async countThreads(scope: Exclude<ReadScope, { kind: 'none' }>, status: AlertStatus) {
    return countAlertThreads([...this.state.alerts.values()].filter((m) => this.visibleAlert(scope, m)), status);
  }

  async findCase(caseId: string): Promise<PollutionCase | undefined> {
    const c = this.state.cases.get(caseId);
    return c ? clone(c) : undefined;
  }

  async listCases(query: CaseListQuery): Promise<Page<CaseListItem>> {
    const matching = [...this.state.cases.values()]
      .filter((c) => c.exercise === query.exercise && inScope(query.scope, c.partyProvinces))
      .filter((c) => !query.states || query.states.includes(c.state))
      .filter((c) => !query.sectionId || c.sectionId === query.sectionId)
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
    const p = page(matching, query.page.offset, query.page.limit);
    return {
      ...p,
      items: p.items.map((c) => ({
        summary: {
          id: c.id,
          title: c.title,
          sectionId: c.sectionId,
          partyProvinces: c.partyProvinces,
          reportingProvince: c.reportingProvince,
          exercise: c.exercise,
          state: c.state,
          inMediation: c.state === 'in_mediation',
          alertThreadIds: c.alertThreadIds,
          counts: { exceedances: c.exceedances.length, enforcementActions: c.enforcementActions.length, evidence: c.evidence.length },
          openedAt: c.openedAt,
        },
        updatedAt: c.updatedAt,
        version: c.version,
      })),
    };
  }

  async readingsBehindCase(c: PollutionCase): Promise<StoredReading[]> {
    const refs: ReadingRef[] = c.exceedances.flatMap((e) => (e.basis.kind === 'reading' ? [{ sectionId: e.sectionId, parameter: e.parameter, sampledAt: e.basis.sampledAt }] : []));
    for (const e of c.evidence) if (e.kind === 'monitoring-data') refs.push(...e.readings);
    const keys = new Set(refs.map(readingKey));
    return [...this.state.readings.values()].filter((r) => keys.has(readingKey(r))).sort((a, b) => (a.sampledAt < b.sampledAt ? -1 : 1));
  }

  async listReadings(query: ReadingListQuery): Promise<Page<StoredReading>> {
    const matching = [...this.state.readings.values()]
      .filter((r) => r.sectionId === query.sectionId && (!query.parameter || r.parameter === query.parameter))
      .filter((r) => (!query.from || r.sampledAt >= query.from) && (!query.to || r.sampledAt < query.to))
      .sort((a, b) => (a.sampledAt < b.sampledAt ? -1 : a.sampledAt > b.sampledAt ? 1 : a.parameter < b.parameter ? -1 : 1));
    return page(matching, query.page.offset, query.page.limit);
  }

  async readingsBetween(sectionId: string, parameters: readonly ParameterCode[], from: string, to: string): Promise<WaterReading[]> {
    return [...this.state.readings.values()]
      .filter((r) => r.sectionId === sectionId && parameters.includes(r.parameter) && r.sampledAt >= from && r.sampledAt < to)
      .map((r) => ({ sectionId: r.sectionId, parameter: r.parameter, valueMgL: r.valueMgL, sampledAt: r.sampledAt }));
  }

  async latestAgreements(): Promise<CompensationAgreement[]> {
    const byId = new Map<string, CompensationAgreement>();
    for (const a of this.state.agreements) if ((byId.get(a.id)?.version ?? 0) < a.version) byId.set(a.id, a);
    return [...byId.values()].map(clone);
  }

  async agreementVersions(id: string): Promise<CompensationAgreement[]> {
    return this.state.agreements.filter((a) => a.id === id).sort((a, b) => a.version - b.version).map(clone);
  }

  async findAssessment(id: string): Promise<StoredAssessment | undefined> {
    const a = this.state.assessments.get(id);
    return a ? clone(a) : undefined;
  }

  async listAssessments(query: AssessmentListQuery): Promise<Page<StoredAssessment>> {
    const matching = [...this.state.assessments.values()]
      .filter((a) => inScope(query.scope, a.partyProvinces) && (!query.agreementId || a.agreementId === query.agreementId) && (query.includeSuperseded || !a.supersededBy))
      .sort((a, b) => (a.periodLabel < b.periodLabel ? 1 : -1));
    return page(matching, query.page.offset, query.page.limit);
  }

  async allPolicyVersions(): Promise<RecordedEscalationPolicy[]> {
    return [...this.state.policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version)).map(clone);
  }

  /** The read stores over this state. */
  reads(): ReadStores {
    return { alerts: this, cases: this, readings: this, compensation: this, escalationPolicies: this };
  }
}

/** Ids `id-1`, `id-2` … in order. */
export class SequentialIds implements IdGenerator {
  private n = 0;
  newId(): string {
    this.n += 1;
    return `id-${this.n}`;
  }
}

/** Use-case dependencies over a fresh in-memory store and the given clock. */
export function inMemoryDeps(clock: Clock): { store: InMemoryPollutionStore; deps: UseCaseDeps } {
  const store = new InMemoryPollutionStore();
  return {
    store,
    deps: {
      transaction: store.transaction,
      reads: store.reads(),
      clock,
      ids: new SequentialIds(),
      catalog: createReferenceCatalog(),
      standard: GB_3838_2002,
      escalationPolicy: DEFAULT_ESCALATION_POLICY,
    },
  };
}
