import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createPollutionUseCases, type ReadStores, type UseCaseDeps } from '../../application/pollution.use-cases.ts';
import type { Caller, IdGenerator } from '../../application/shared/ports.ts';
import { beijingDate, findAgreementForPeriod, SEED_AGREEMENTS, type Clock, type RawReading } from '../../domain/index.ts';
import { HENAN_ENVIRONMENT, PLATFORM_ADMIN, SHANDONG_ENVIRONMENT } from './demo-actors.ts';
import { DEMO_LIUZHUANG_ESCALATION_POLICY } from './demo-escalation-policy.ts';
import { BENZENE_PLUME, liuzhuangDailyReadings } from './demo-readings.ts';

/** What seeding needs: the pool (for its lock and checks), the read stores and the use cases' dependencies. */
export interface DemoSeedOptions {
  /** The service's pool. */
  readonly pool: pg.Pool;
  /** The read side. */
  readonly reads: ReadStores;
  /** The use cases' dependencies; the seeder swaps in its own clock and ids. */
  readonly deps: UseCaseDeps;
  /** The first boot's "now": the scenario is placed relative to it. */
  readonly now: Date;
}

/** What a seeding run did. */
export type DemoSeedOutcome = 'seeded' | 'already-seeded' | 'skipped: the database holds other records';

/** The scenario's name, on the audit row that marks it complete. */
export const DEMO_SCENARIO = 'benzene-spill-liuzhuang';

// Ids of demo records are derived from names (UUID-shaped, version nibble 8 = "custom"), so every step can tell
// whether it already ran and a seeding interrupted half-way finishes on the next boot instead of starting over.
class NamedIds implements IdGenerator {
  private readonly namespace: string;
  private counter = 0;

  constructor(namespace: string) {
    this.namespace = namespace;
  }

  newId(): string {
    this.counter += 1;
    return demoId(`${this.namespace}#${this.counter}`);
  }
}

/** The id the seeder gives the n-th record made in a step (`<step>#<n>`). */
export function demoId(name: string): string {
  const h = createHash('sha256').update(`xietong-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The scenario's clock: every step happens at its own time in the story.
class ScriptedClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}

const SEED_LOCK = 0x64656d6f; // "demo"

const beijing = (date: string, time: string) => new Date(`${date}T${time}+08:00`);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads the demo scenario when the database holds nothing else: two years of daily readings at the Liuzhuang
 * national control section (Henan upstream, Shandong downstream); three days before the first boot, a road tanker
 * overturns near the Yellow River in Puyang and benzene reaches the river; Henan issues an alert, Shandong
 * acknowledges it, Henan opens a case from it; the emergency monitoring shows the benzene plume passing Liuzhuang
 * (exceedances added to the case); the provinces investigate and enforce jointly, each recording its own action and
 * Henan its evidence; and last year's Henan–Shandong compensation assessment is on record. Everything goes through
 * the use cases, so the demo has its events, timeline and audit rows like real data. Safe to run at every boot: it
 * holds an advisory lock, does nothing once complete, resumes an interrupted run, and never touches a database that
 * holds other records.
 */
export async function seedDemoData(options: DemoSeedOptions): Promise<DemoSeedOutcome> {
  const client = await options.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    const done = await client.query(`SELECT 1 FROM audit_log WHERE action = 'seed-demo-data' AND record_id = $1 LIMIT 1`, [DEMO_SCENARIO]);
    if (done.rowCount) return 'already-seeded';
    const started = await client.query('SELECT 1 FROM reading_batch WHERE id = $1', [demoId('history-0#1')]);
    const other = await client.query(`SELECT EXISTS (SELECT 1 FROM reading_batch) OR EXISTS (SELECT 1 FROM alert_message) OR EXISTS (SELECT 1 FROM pollution_case) AS any`);
    if (!started.rowCount && other.rows[0]?.any) return 'skipped: the database holds other records';
    await runScenario(options);
    return 'seeded';
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => {});
    client.release();
  }
}

async function runScenario(options: DemoSeedOptions): Promise<void> {
  const clock = new ScriptedClock(options.now);
  const step = (name: string) => createPollutionUseCases({ ...options.deps, clock, ids: new NamedIds(name) });
  const spillDay = beijingDate(new Date(options.now.getTime() - 3 * 86_400_000).toISOString());

  // The assessed year: last year, or the newest year an agreement at Liuzhuang covers.
  const lastYear = Number(beijingDate(options.now.toISOString()).slice(0, 4)) - 1;
  let assessedYear = lastYear;
  while (assessedYear > 2000 && !findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-liuzhuang', { kind: 'annual', year: assessedYear })) assessedYear -= 1;
  const agreement = findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-liuzhuang', { kind: 'annual', year: assessedYear });

  // 0. The Henan–Shandong acknowledgement deadlines at Liuzhuang, recorded by the platform administrator a month
  //    before the spill (figures chosen for the platform; see demo-escalation-policy.ts). The alert below gets them.
  const policies = await options.reads.escalationPolicies.allPolicyVersions();
  if (!policies.some((p) => p.id === DEMO_LIUZHUANG_ESCALATION_POLICY.policyId)) {
    clock.set(beijing(addDays(spillDay, -30), '10:00:00'));
    await step('escalation-policy').setEscalationPolicy(PLATFORM_ADMIN, DEMO_LIUZHUANG_ESCALATION_POLICY);
  }

  // 1. History: daily readings from the year before the assessed one up to the day before the spill, one upload per
  //    year, each uploaded early in the following year (the spill year's on the morning of the spill).
  const history = liuzhuangDailyReadings(`${assessedYear - 1}-01-01`, addDays(spillDay, -1), assessedYear);
  const years = [...new Set(history.map((r) => String(r.sampledAt).slice(0, 4)))];
  for (const [i, year] of years.entries()) {
    if (await batchExists(options.pool, demoId(`history-${i}#1`))) continue;
    const readings = history.filter((r) => String(r.sampledAt).startsWith(year));
    const uploadAt = year < spillDay.slice(0, 4) ? beijing(`${Number(year) + 1}-01-08`, '09:30:00') : beijing(spillDay, '05:00:00');
    clock.set(uploadAt);
    // A year of daily readings of four parameters (at most 1,464) is well within one upload.
    await step(`history-${i}`).submitReadings(HENAN_ENVIRONMENT, readings);
  }

  // 2. The alert, Shandong's acknowledgement, and the case Henan opens from it.
  const alertId = demoId('alert#1');
  const caseId = demoId('case#1');
  if (!(await options.reads.alerts.findThreadOf(alertId))) {
    clock.set(beijing(spillDay, '08:05:00'));
    await step('alert').issueAlert(HENAN_ENVIRONMENT, {
      status: 'Actual',
      category: 'early-warning',
      severity: 'II',
      sectionId: 'yellow-liuzhuang',
      location: { description: '濮阳县渠村乡黄河大堤外侧排水沟入河口（刘庄断面上游约 38 公里）', cityCode: '410900', latitude: 35.6421, longitude: 114.9712 },
      pollutant: { name: '苯 benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
      suspectedSource: '06:40 一辆危化品槽罐车在濮阳县境内侧翻，罐体破损，苯经排水沟流入黄河',
      headline: '黄河濮阳段槽罐车侧翻苯泄漏，污染团向刘庄断面下移',
      description:
        '2 号罐体破损，估计约 12 吨苯泄漏，部分经排水沟进入黄河。濮阳市已封堵排水沟入河口、布设吸附围栏，启动应急监测（每 2 小时一次）。' +
        '按当前流量估算，污染团约于 14:00—18:00 通过刘庄断面。请山东省做好菏泽、聊城沿黄取水口的防范。',
    });
  }
  const thread = await options.reads.alerts.findThreadOf(alertId);
  if (thread && !thread[0]?.acknowledgements.some((a) => a.province === SHANDONG_ENVIRONMENT.province)) {
    clock.set(beijing(spillDay, '08:40:00'));
    await step('ack').acknowledgeAlert(SHANDONG_ENVIRONMENT, alertId, '已收到。山东省启动应急监测，通知菏泽、聊城沿黄取水口暂停取水，待污染团通过后恢复。');
  }
  if (!(await options.reads.cases.findCase(caseId))) {
    clock.set(beijing(spillDay, '09:10:00'));
    await step('case').openCase(HENAN_ENVIRONMENT, {
      alertId,
      title: '黄河刘庄断面上游苯泄漏事件',
      description: '槽罐车侧翻导致苯进入黄河，跨豫鲁省界。联合调查、联合执法，跟踪污染团至浓度恢复。',
    });
  }

  // 3. The case's day and the next: joint investigation, the benzene plume passing Liuzhuang (the emergency
  //    monitoring comes in two uploads; its exceedances go to the open case), joint enforcement with each province
  //    recording its own action, and Henan's evidence. In story order, each step skipped when already done.
  const plume: RawReading[] = BENZENE_PLUME.map(([hour, value]) => ({
    sectionId: 'yellow-liuzhuang',
    parameter: 'benzene',
    value,
    unit: 'mg/L',
    sampledAt: new Date(beijing(spillDay, '00:00:00').getTime() + hour * 3_600_000).toISOString(),
  }));
  const current = async () => {
    const c = await options.reads.cases.findCase(caseId);
    if (!c) throw new Error('the demo case is missing');
    return c;
  };
  const upload = async (name: string, readings: RawReading[]) => {
    if (!(await batchExists(options.pool, demoId(`${name}#1`)))) await step(name).submitReadings(HENAN_ENVIRONMENT, readings);
  };
  const action = async (actor: Caller, findings: string) => {
    if (!(await current()).enforcementActions.some((a) => a.responsibleProvince === actor.province)) {
      await step(`action-${actor.province}`).recordEnforcementAction(actor, { caseId, date: addDays(spillDay, 1), findings });
    }
  };
  const day1 = addDays(spillDay, 1);

  clock.set(beijing(spillDay, '11:00:00'));
  if ((await current()).state === 'reported') await step('investigate').changeCaseState(SHANDONG_ENVIRONMENT, { caseId, command: 'start-joint-investigation' });
  clock.set(beijing(spillDay, '16:30:00'));
  await upload('plume-1', plume.slice(0, 5));
  clock.set(beijing(day1, '09:00:00'));
  if ((await current()).state === 'under_joint_investigation') await step('enforce').changeCaseState(HENAN_ENVIRONMENT, { caseId, command: 'start-joint-enforcement' });
  clock.set(beijing(day1, '10:30:00'));
  await action(
    HENAN_ENVIRONMENT,
    '豫鲁联合执法组现场检查：涉事运输企业（濮阳某危化品物流公司）未按规定路线行驶，车辆罐体检验过期；已责令停业整顿并立案调查，' +
      '扣押车辆及运单。排水沟入河口已封堵，回收苯及含苯废水约 9.6 吨。',
  );
  clock.set(beijing(day1, '11:00:00'));
  await upload('plume-2', plume.slice(5));
  clock.set(beijing(day1, '14:00:00'));
  await action(SHANDONG_ENVIRONMENT, '山东省对菏泽、聊城沿黄 4 处取水口加密监测（每小时一次），暂停取水 26 小时；对东明县段下游 20 公里开展巡查，未发现次生污染。');
  clock.set(beijing(day1, '15:00:00'));
  if (!(await current()).evidence.some((e) => e.kind === 'monitoring-data')) {
    await step('evidence-monitoring').addCaseEvidence(HENAN_ENVIRONMENT, {
      caseId,
      evidence: {
        kind: 'monitoring-data',
        description: '刘庄断面苯应急监测结果（峰值 0.086 mg/L，为 GB 3838-2002 表 3 限值 0.01 mg/L 的 8.6 倍）',
        readings: plume.filter((r) => Number(r.value) > 0.01).map((r) => ({ sectionId: r.sectionId, parameter: r.parameter, sampledAt: r.sampledAt })),
      },
    });
  }
  clock.set(beijing(day1, '16:00:00'));
  if (!(await current()).evidence.some((e) => e.kind === 'document')) {
    const report = `濮阳市生态环境局 苯泄漏事件应急监测报告 第 1 期 ${spillDay}`;
    await step('evidence-document').addCaseEvidence(HENAN_ENVIRONMENT, {
      caseId,
      evidence: {
        kind: 'document',
        description: '应急监测报告（第 1 期），含采样点位、方法（HJ 1067-2019）与质控记录',
        sha256: createHash('sha256').update(report).digest('hex'),
        filename: `puyang-benzene-monitoring-report-1-${spillDay}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 1_482_337,
      },
    });
  }

  // 5. Last year's compensation assessment, run by Shandong after the year's data was complete.
  if (agreement) {
    const computedAt = beijing(`${assessedYear + 1}-03-16`, '10:00:00');
    clock.set(computedAt < options.now ? computedAt : options.now);
    await step('assessment').runAssessment(SHANDONG_ENVIRONMENT, { agreementId: agreement.id, period: { kind: 'annual', year: assessedYear } });
  }

  clock.set(options.now);
  await options.deps.transaction({ kind: 'system', subject: 'pollution:demo-data' }, ({ audit }) =>
    audit.record({ action: 'seed-demo-data', recordType: 'demo-data', recordId: DEMO_SCENARIO, details: { alertId, caseId, spillDay, assessedYear } }),
  );
}

async function batchExists(pool: pg.Pool, batchId: string): Promise<boolean> {
  const found = await pool.query('SELECT 1 FROM reading_batch WHERE id = $1', [batchId]);
  return (found.rowCount ?? 0) > 0;
}
