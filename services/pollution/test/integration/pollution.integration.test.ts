import { createHash } from 'node:crypto';
import { Code } from '@connectrpc/connect';
import {
  AgreementVersionRecordedSchema,
  AlertCategory,
  AlertEscalatedSchema,
  AlertIssuedSchema,
  AlertStatus,
  AssessmentPublishedSchema,
  CaseCommand,
  CaseOpenedSchema,
  EscalationPolicyChangedSchema,
  EscalationStep,
  PartyRole,
  PeriodKind,
  ReadingsRecordedSchema,
  RecordView,
  Severity,
  unpackPayload,
  WaterClass,
  type PollutionService,
} from '@xietong/proto';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { verifyAuditChain } from '@xietong/service-kit';
import type { Client } from '@connectrpc/connect';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../support/fixtures.ts';
import { clientAs, EventCollector, rejection, startBackends, startService, tokensFor, type Backends, type DemoUser } from './pollution-harness.ts';

const HENAN = '410000';
const SHANDONG = '370000';

let backends: Backends;
let service: Awaited<ReturnType<typeof startService>>['service'];
let clock: ManualClock;
let databaseUrl: string;
let tokens: Record<DemoUser, string>;
let as: (user: DemoUser) => Client<typeof PollutionService>;
const collector = new EventCollector();

beforeAll(async () => {
  backends = await startBackends();
  ({ service, clock, databaseUrl } = await startService(backends, 'pollution_it'));
  tokens = await tokensFor(backends);
  as = (user) => clientAs(service.url, tokens[user]);
  await collector.start(backends.kafka.brokers);
}, 120_000);

afterAll(async () => {
  await collector.stop().catch(() => {});
  await service?.close();
  await backends?.stop();
}, 60_000);

const benzeneAlert = {
  status: AlertStatus.ACTUAL,
  category: AlertCategory.EARLY_WARNING,
  severity: Severity.II,
  sectionId: 'yellow-liuzhuang',
  location: { description: '濮阳县渠村乡黄河大堤外侧排水沟入河口', cityCode: '410900' },
  pollutant: { name: '苯 benzene', parameter: 'benzene' },
  headline: '黄河濮阳段苯泄漏',
  description: '槽罐车侧翻，苯经排水沟流入黄河。',
};

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace('Z', '+00:00');

describe('the running service', () => {
  it('answers ready when its database and broker answer', async () => {
    const response = await fetch(`${service.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ checks: { database: 'ok', broker: 'ok' } });
  });

  it('refuses a call without a valid token', async () => {
    const anonymous = clientAs(service.url, 'not-a-token');
    expect((await rejection(anonymous.listSections({}))).code).toBe(Code.Unauthenticated);
  });
});

describe('alerts through the service API with real tokens', () => {
  let alertId = '';

  it('delivers an alert from Henan to Shandong; a non-party province gets not-found, exactly as for a missing id', async () => {
    const { alert } = await as('henan.environment').issueAlert(benzeneAlert);
    alertId = alert!.id;
    expect(alert).toMatchObject({ addressees: [SHANDONG], awaitingProvinces: [SHANDONG], view: RecordView.FULL });

    const seen = await as('shandong.environment').getAlert({ alertId });
    expect(seen.alert).toMatchObject({ id: alertId, headline: benzeneAlert.headline, view: RecordView.FULL });
    const summary = await as('shandong.liaison').getAlert({ alertId });
    expect(summary.alert).toMatchObject({ view: RecordView.SUMMARY, headline: benzeneAlert.headline, description: '' });
    expect(summary.alert?.pollutant).toBeUndefined();
    expect(summary.alert?.sender).toBeUndefined();
    expect((await as('national.observer').getAlert({ alertId })).alert?.view).toBe(RecordView.FULL);

    const hidden = await rejection(as('anhui.environment').getAlert({ alertId }));
    const missing = await rejection(as('anhui.environment').getAlert({ alertId: 'no-such-alert' }));
    expect(hidden).toEqual(missing);
    expect(hidden.code).toBe(Code.NotFound);

    const mine = await as('shandong.environment').listAlerts({ awaitingMyAcknowledgement: true });
    expect(mine.alerts.map((a) => a.id)).toEqual([alertId]);
    expect(await as('anhui.environment').listAlerts({})).toMatchObject({ alerts: [], totalCount: 0 });
    expect(await as('beijing.investment').listAlerts({})).toMatchObject({ alerts: [], totalCount: 0 });
  });

  it('lets only the addressed province\'s environmental bureau acknowledge', async () => {
    expect((await rejection(as('anhui.environment').acknowledgeAlert({ alertId }))).code).toBe(Code.NotFound);
    expect((await rejection(as('henan.environment').acknowledgeAlert({ alertId }))).code).toBe(Code.PermissionDenied);
    expect((await rejection(as('shandong.liaison').acknowledgeAlert({ alertId }))).code).toBe(Code.PermissionDenied);
    expect((await rejection(as('national.observer').acknowledgeAlert({ alertId }))).code).toBe(Code.PermissionDenied);
    const { alert } = await as('shandong.environment').acknowledgeAlert({ alertId, note: '已收到，下游取水口暂停取水。' });
    expect(alert?.acknowledgements.map((a) => a.province)).toEqual([SHANDONG]);
    expect((await rejection(as('shandong.environment').acknowledgeAlert({ alertId }))).detailCode).toBe('POLLUTION_ALERT_ALREADY_ACKNOWLEDGED');
  });

  it('publishes AlertIssued on the alerts topic, keyed by thread, for the sender and the addressee only', async () => {
    const [issued] = await collector.waitFor((e) => e.envelope.type === AlertIssuedSchema.typeName && e.envelope.aggregateId === alertId);
    expect(issued!.key).toBe(alertId);
    expect(issued!.envelope).toMatchObject({ originProvince: HENAN, audienceProvinces: [HENAN, SHANDONG], producer: 'pollution-service', actor: { province: HENAN, username: 'henan.environment' } });
    expect(unpackPayload(issued!.envelope, AlertIssuedSchema)?.alert?.status).toBe(AlertStatus.ACTUAL);
  });

  it('escalates an unacknowledged alert once its deadline passes: one duty-roster event, even with two job runs at once', async () => {
    const { alert } = await as('henan.environment').issueAlert({ ...benzeneAlert, headline: '第二次预警：苯浓度上升' });
    const id = alert!.id;
    expect(await service.escalation.runOnce()).toMatchObject({ escalations: 0 });
    clock.set(new Date(Date.now() + 61 * 60_000).toISOString());
    const runs = await Promise.all([service.escalation.runOnce(), service.escalation.runOnce()]);
    expect(runs.reduce((n, r) => n + r.escalations, 0)).toBe(1);
    expect((await service.escalation.runOnce()).escalations).toBe(0);

    const [escalated, ...more] = await collector.waitFor((e) => e.envelope.type === AlertEscalatedSchema.typeName && e.envelope.aggregateId === id);
    expect(more).toEqual([]);
    const payload = unpackPayload(escalated!.envelope, AlertEscalatedSchema);
    expect(payload).toMatchObject({ province: SHANDONG, step: EscalationStep.DUTY_ROSTER, policy: 'default@1' });
    expect(escalated!.envelope.audienceProvinces).toEqual([SHANDONG, HENAN]);
    expect(escalated!.envelope.actor).toMatchObject({ kind: 3, subject: 'pollution:escalation-job' });
    const seen = await as('shandong.liaison').getAlert({ alertId: id });
    expect(seen.alert?.escalations.map((e) => e.step)).toEqual([EscalationStep.DUTY_ROSTER]);
    clock.set(new Date().toISOString());
  });
});

describe('readings through the service API', () => {
  const rest = (user: DemoUser, body: string, contentType: string) =>
    fetch(`${service.url}/v1/readings`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': contentType }, body });

  const countStored = async () => (await as('national.observer').listReadings({ sectionId: 'yellow-liuzhuang' })).totalCount;

  it('rejects bad readings field by field (unknown section, negative value, wrong unit, future time, duplicate) and stores none', async () => {
    const before = await countStored();
    const good = { sectionId: 'yellow-liuzhuang', parameter: 'COD', value: '16.1', unit: 'mg/L', sampledAt: hoursAgo(30) };
    const response = await rest(
      'henan.environment',
      JSON.stringify({
        readings: [
          good,
          { ...good, sectionId: 'yellow-atlantis' },
          { ...good, parameter: 'NH3-N', value: '-0.2' },
          { ...good, parameter: 'TP', unit: 'kg' },
          { ...good, parameter: 'TN', sampledAt: new Date(Date.now() + 86_400_000).toISOString() },
          good,
        ],
      }),
      'application/json',
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; problems: Array<{ field: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.problems.map((p) => p.field)).toEqual(['readings[1].sectionId', 'readings[2].value', 'readings[3].unit', 'readings[4].sampledAt', 'readings[5]']);
    expect(await countStored()).toBe(before);
  });

  it('names the line of a bad row in a CSV upload, and stores nothing from it', async () => {
    const before = await countStored();
    const csv = ['section_id,parameter,value,unit,sampled_at', `yellow-liuzhuang,COD,15.8,mg/L,${hoursAgo(29)}`, `yellow-liuzhuang,NH3-N,abc,mg/L,${hoursAgo(29)}`].join('\n');
    const response = await rest('henan.environment', csv, 'text/csv');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: unknown }).problems).toEqual([{ field: 'lines[3].value', reason: 'must be a decimal number, got "abc"' }]);
    const rpc = await rejection(as('henan.environment').submitReadingsCsv({ csv }));
    expect(rpc).toMatchObject({ code: Code.InvalidArgument, detailCode: 'VALIDATION_FAILED', problems: [{ field: 'lines[3].value' }] });
    expect(await countStored()).toBe(before);
  });

  it('stores a good CSV upload, and refuses the same readings again naming the duplicates', async () => {
    const csv = ['section_id,parameter,value,unit,sampled_at', `yellow-liuzhuang,COD,15.8,mg/L,${hoursAgo(28)}`, `yellow-liuzhuang,TP,128,µg/L,${hoursAgo(28)}`].join('\n');
    const response = await rest('shandong.environment', csv, 'text/csv');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ accepted: 2, exceedances: 0, openedCaseIds: [] });
    const again = await rest('shandong.environment', csv, 'text/csv');
    expect(((await again.json()) as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual(['lines[2]', 'lines[3]']);
  });

  it('opens a case when a reading exceeds the section\'s target, visible to the parties only', async () => {
    const { result } = await as('henan.environment').submitReadings({
      readings: [{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', value: '0.086', unit: 'mg/L', sampledAt: hoursAgo(26) }],
    });
    expect(result).toMatchObject({ accepted: 1, exceedances: 1 });
    const caseId = result!.openedCaseIds[0]!;
    const { case: opened } = await as('shandong.environment').getCase({ caseId });
    expect(opened).toMatchObject({ partyProvinces: [HENAN, SHANDONG], exceedances: [{ parameter: 'benzene', valueMgL: '0.086', exceedanceMultiple: '7.60' }] });
    expect((await rejection(as('anhui.environment').getCase({ caseId }))).code).toBe(Code.NotFound);
    const readings = await as('shandong.environment').listCaseReadings({ caseId });
    expect(readings.readings.map((r) => [r.parameter, r.valueMgL, r.exceedsTarget])).toEqual([['benzene', '0.086', true]]);
    const [event] = await collector.waitFor((e) => e.envelope.type === CaseOpenedSchema.typeName && e.envelope.aggregateId === caseId);
    expect(event!.envelope.audienceProvinces).toEqual([HENAN, SHANDONG]);
  });
});

describe('metrics', () => {
  it('count stored readings, accepted and rejected uploads, and escalations', async () => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    expect(value('pollution_readings_ingested_total{service="pollution"}')).toBe(3);
    expect(value('pollution_reading_uploads_total{result="rejected",service="pollution"}')).toBe(4);
    expect(value('pollution_alert_escalations_total{service="pollution"}')).toBe(1);
  });
});

describe('cases through the service API', () => {
  it('refuses an edit of one party\'s enforcement action by the other party', async () => {
    const { case: opened } = await as('henan.environment').openCase({ title: '刘庄断面上游异味投诉', sectionId: 'yellow-liuzhuang' });
    const caseId = opened!.id;
    await as('shandong.environment').changeCaseState({ caseId, command: CaseCommand.START_JOINT_INVESTIGATION });
    await as('henan.environment').changeCaseState({ caseId, command: CaseCommand.START_JOINT_ENFORCEMENT });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const { actionId } = await as('henan.environment').recordEnforcementAction({ caseId, date: today, findings: '封堵排水沟入河口。' });
    const refused = await rejection(as('shandong.environment').amendEnforcementAction({ caseId, actionId, findings: '山东改写' }));
    expect(refused).toMatchObject({ code: Code.PermissionDenied, detailCode: 'FORBIDDEN' });
    const { case: after } = await as('henan.environment').getCase({ caseId });
    expect(after?.enforcementActions.map((a) => [a.responsibleProvince, a.findings, a.revision])).toEqual([[HENAN, '封堵排水沟入河口。', 0]]);
    expect(after?.timeline.map((t) => [t.kind, t.province, t.actorUsername])).toEqual([
      ['opened', HENAN, 'henan.environment'],
      ['state-changed', SHANDONG, 'shandong.environment'],
      ['state-changed', HENAN, 'henan.environment'],
      ['enforcement-recorded', HENAN, 'henan.environment'],
    ]);
  });
});

describe('alerts linked to a case', () => {
  it('are read by every party of the case, also one the alert did not name', async () => {
    const { alert } = await as('henan.environment').issueAlert({ ...benzeneAlert, headline: '苯泄漏：请求协查' });
    const alertId = alert!.id;
    expect((await rejection(as('anhui.environment').getAlert({ alertId }))).code).toBe(Code.NotFound);
    const { case: opened } = await as('henan.environment').openCase({ title: '沿黄三省协查', sectionId: 'yellow-liuzhuang', partyProvinces: [HENAN, SHANDONG, '340000'] });
    await as('henan.environment').linkAlertToCase({ caseId: opened!.id, alertId });
    expect((await as('anhui.environment').getAlert({ alertId })).alert?.view).toBe(RecordView.FULL);
    const listed = await as('anhui.environment').listAlerts({});
    expect(listed.alerts.map((a) => a.id)).toEqual([alertId]);
    expect(listed.totalCount).toBe(1);
  });
});

describe('compensation assessments through the service API', () => {
  it('are reproducible (same inputs, same digest, no second record) and on the audit chain', async () => {
    const csv = ['section_id,parameter,value,unit,sampled_at'];
    for (const [year, values] of [
      [2024, ['16', '0.42', '0.135', '3.1']],
      [2025, ['15.2', '0.38', '0.128', '2.95']],
    ] as const) {
      for (let month = 1; month <= 12; month += 1) {
        const at = `${year}-${String(month).padStart(2, '0')}-15T10:00:00+08:00`;
        ['COD', 'NH3-N', 'TP', 'TN'].forEach((p, i) => csv.push(`yellow-liuzhuang,${p},${values[i]},mg/L,${at}`));
      }
    }
    await as('henan.environment').submitReadingsCsv({ csv: csv.join('\n') });
    const request = { agreementId: 'yellow-henan-shandong-r2', period: { kind: PeriodKind.ANNUAL, year: 2025 } };
    const first = await as('shandong.environment').runAssessment(request);
    const second = await as('henan.environment').runAssessment(request);
    expect(second.reused).toBe(true);
    expect(second.assessment?.id).toBe(first.assessment?.id);
    expect(second.assessment?.inputDigest).toBe(first.assessment?.inputDigest);
    expect(first.assessment?.netTransfers.map((t) => [t.payer, t.payee, t.amount?.fen])).toEqual([[SHANDONG, HENAN, 500_000_000n]]);
    expect(await as('national.observer').verifyAssessment({ assessmentId: first.assessment!.id })).toMatchObject({ reproduced: true, readingsUnchanged: true });
    expect((await rejection(as('anhui.environment').getAssessment({ assessmentId: first.assessment!.id }))).code).toBe(Code.NotFound);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = await db.query(`SELECT record_id, details FROM audit_log WHERE action = 'run-assessment'`);
      expect(rows.rows).toEqual([{ record_id: first.assessment!.id, details: expect.objectContaining({ inputDigest: first.assessment!.inputDigest, period: '2025' }) }]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    } finally {
      await db.end();
    }
    const [published] = await collector.waitFor((e) => e.envelope.type === AssessmentPublishedSchema.typeName);
    expect(published!.envelope).toMatchObject({ aggregateId: 'yellow-henan-shandong-r2', audienceProvinces: [HENAN, SHANDONG] });
  });
});

describe('evidence', () => {
  it('keeps a document\'s hash, never its bytes, and takes it once per case', async () => {
    const { case: opened } = await as('shandong.environment').openCase({ title: '下游取水口异味', sectionId: 'yellow-liuzhuang' });
    const sha256 = createHash('sha256').update('report').digest('hex');
    const document = { sha256, filename: 'report.pdf', mediaType: 'application/pdf', sizeBytes: 1200n };
    const added = await as('shandong.environment').addCaseEvidence({ caseId: opened!.id, description: '监测报告', evidence: { case: 'document', value: document } });
    expect(added.case?.evidence.map((e) => [e.sha256, e.submittedProvince])).toEqual([[sha256, SHANDONG]]);
    expect((await rejection(as('henan.environment').addCaseEvidence({ caseId: opened!.id, description: '同一份', evidence: { case: 'document', value: document } }))).detailCode).toBe(
      'POLLUTION_CASE_CONFLICT',
    );
  });
});

describe('escalation policies through the service API', () => {
  const ANHUI = '340000';
  const minutesAfter = (from: Timestamp | undefined, to: Timestamp | undefined) => (timestampDate(to!).getTime() - timestampDate(from!).getTime()) / 60_000;
  const huaiAlert = (headline: string) => ({ ...benzeneAlert, sectionId: 'huai-wangjiaba', location: { description: '淮河王家坝上游' }, headline });
  const wangjiaba = {
    policyId: 'henan-anhui-wangjiaba',
    name: 'Henan–Anhui Huai River (Wangjiaba)',
    sectionIds: ['huai-wangjiaba'],
    acknowledgeWithinMinutes: { levelI: 30, levelIi: 30, levelIii: 120, levelIv: 720 },
    jointMechanismAfterMinutes: { levelI: 30, levelIi: 30, levelIii: 120, levelIv: 720 },
    source: 'integration test figures',
  };

  it('are changed by the platform administrator only, with every invalid field named', async () => {
    const refused = await rejection(as('henan.environment').setEscalationPolicy(wangjiaba));
    expect([refused.code, refused.detailCode]).toEqual([Code.PermissionDenied, 'FORBIDDEN']);
    const invalid = await rejection(as('platform.admin').setEscalationPolicy({ ...wangjiaba, sectionIds: ['huai-nowhere'], acknowledgeWithinMinutes: { ...wangjiaba.acknowledgeWithinMinutes, levelIi: 0 } }));
    expect(invalid.code).toBe(Code.InvalidArgument);
    expect(invalid.problems.map((p) => p.field)).toEqual(['acknowledgeWithinMinutes.II', 'sectionIds[0]']);
    expect((await rejection(as('beijing.investment').listEscalationPolicies({}))).code).toBe(Code.PermissionDenied);
  });

  it('apply a new version to alerts sent from then on, never to earlier ones; the change is stored, published and audited', async () => {
    const earlier = (await as('henan.environment').issueAlert(huaiAlert('淮河王家坝：苯（早）'))).alert!;
    expect(minutesAfter(earlier.sentAt, earlier.acknowledgeBy)).toBe(60);
    clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    const { policy } = await as('platform.admin').setEscalationPolicy(wangjiaba);
    expect(policy).toMatchObject({ policyId: 'henan-anhui-wangjiaba', version: 1, isDefault: false, sectionIds: ['huai-wangjiaba'], recordedBy: { username: 'platform.admin' } });
    clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    const later = (await as('henan.environment').issueAlert(huaiAlert('淮河王家坝：苯（晚）'))).alert!;
    expect(minutesAfter(later.sentAt, later.acknowledgeBy)).toBe(30);
    expect(minutesAfter(earlier.sentAt, (await as('anhui.environment').getAlert({ alertId: earlier.id })).alert!.acknowledgeBy)).toBe(60);

    const [changed] = await collector.waitFor((e) => e.envelope.type === EscalationPolicyChangedSchema.typeName && e.envelope.aggregateId === 'henan-anhui-wangjiaba');
    expect(changed!.topic).toBe('xietong.pollution.agreements.v1');
    expect(changed!.envelope.audienceProvinces).toEqual([HENAN, ANHUI]);
    expect(unpackPayload(changed!.envelope, EscalationPolicyChangedSchema)?.policy?.acknowledgeWithinMinutes?.levelIi).toBe(30);
    const listed = await as('anhui.environment').listEscalationPolicies({});
    expect(listed.policies.map((p) => [p.policyId, p.current?.version])).toEqual([
      ['default', 1],
      ['henan-anhui-wangjiaba', 1],
    ]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const audit = await client.query(`SELECT details FROM audit_log WHERE action = 'set-escalation-policy' AND record_id = 'henan-anhui-wangjiaba'`);
      expect(audit.rows).toMatchObject([{ details: { version: 1, effectiveFrom: timestampDate(policy!.effectiveFrom!).toISOString() } }]);
    } finally {
      await client.end();
    }
  });

  it('reach an instance that did not record them at its next escalation run', async () => {
    // Another instance records version 2 (here: straight into the shared database).
    const effectiveFrom = new Date(clock.now().getTime() + 1000);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO escalation_policy (id, version, name, is_default, section_ids, acknowledge_within_minutes, joint_mechanism_after_minutes, source, effective_from, recorded_at, recorded_subject, recorded_username, recorded_province)
         VALUES ('henan-anhui-wangjiaba', 2, 'v2', false, ARRAY['huai-wangjiaba'], '{"I":15,"II":15,"III":60,"IV":360}', '{"I":15,"II":15,"III":60,"IV":360}', 'elsewhere', $1, $1, 'other-instance', 'platform.admin', '000000')`,
        [effectiveFrom],
      );
    } finally {
      await client.end();
    }
    clock.set(new Date(effectiveFrom.getTime() + 1000).toISOString());
    // Until this instance reloads, it still gives new messages version 1's deadlines (the window decision 0008 names).
    const stale = (await as('henan.environment').issueAlert(huaiAlert('淮河王家坝：苯（未刷新）'))).alert!;
    expect(minutesAfter(stale.sentAt, stale.acknowledgeBy)).toBe(30);
    await service.escalation.runOnce();
    const fresh = (await as('henan.environment').issueAlert(huaiAlert('淮河王家坝：苯（已刷新）'))).alert!;
    expect(minutesAfter(fresh.sentAt, fresh.acknowledgeBy)).toBe(15);
    // The deadline announced with the stale one stands: the version it was stored with is pinned on it.
    expect(minutesAfter(stale.sentAt, (await as('anhui.environment').getAlert({ alertId: stale.id })).alert!.acknowledgeBy)).toBe(30);
    clock.set(new Date().toISOString());
  });
});

describe('agreement versions through the service API', () => {
  // Version 2 of round two from 2025: 2 million yuan per point. The assessments above published 2025 with version 1.
  const v2 = {
    agreementId: 'yellow-henan-shandong-r2',
    version: 2,
    nameZh: '黄河流域（豫鲁段）横向生态保护补偿协议（第二轮）',
    nameEn: 'Yellow River (Henan–Shandong reach) horizontal ecological compensation agreement, round 2',
    sectionId: 'yellow-liuzhuang',
    parties: [
      { province: HENAN, role: PartyRole.UPSTREAM, shareBasisPoints: 10_000 },
      { province: SHANDONG, role: PartyRole.DOWNSTREAM, shareBasisPoints: 10_000 },
    ],
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    classPayment: { period: PeriodKind.MONTHLY, baselineClass: WaterClass.III, amountPerClassStepFen: '500000000', parameters: ['COD', 'NH3-N', 'TP'] },
    changePayment: {
      period: PeriodKind.ANNUAL,
      comparison: 'same-period-previous-year',
      pollutants: ['COD', 'NH3-N', 'TP', 'TN'],
      indexFormula: 'mean-ratio-to-class-iii-limit',
      changeMeasure: 'relative-percent',
      pointRoundingMode: 'toward-zero',
      pointRoundingDecimals: 0,
      amountPerPointFen: '200000000',
      capPerPeriodFen: '4000000000',
    },
    fenRounding: 'half-away-from-zero',
    settlement: 'annual',
    provenance: [{ field: 'changePayment.amountPerPointFen', source: 'signed-text', note: '2025 supplementary agreement' }],
    reason: 'Supplementary agreement: 2 million yuan per point from 2025.',
  };

  it('are refused to everyone but the parties’ environmental bureaus (a non-party finds no agreement), and bad fields are named', async () => {
    for (const user of ['national.observer', 'platform.admin', 'shandong.liaison', 'beijing.investment'] as const) {
      const refused = await rejection(as(user).recordAgreementVersion(v2));
      expect([user, refused.code, refused.detailCode]).toEqual([user, Code.PermissionDenied, 'FORBIDDEN']);
    }
    const hidden = await rejection(as('anhui.environment').recordAgreementVersion(v2));
    const missing = await rejection(as('anhui.environment').recordAgreementVersion({ ...v2, agreementId: 'no-such-agreement' }));
    expect([hidden.code, hidden.detailCode, hidden.message]).toEqual([Code.NotFound, 'NOT_FOUND', missing.message]);
    const invalid = await rejection(
      as('henan.environment').recordAgreementVersion({
        ...v2,
        version: 5,
        parties: [v2.parties[0]!, { ...v2.parties[1]!, shareBasisPoints: 9_000 }],
        validFrom: '2025-01-02',
        changePayment: { ...v2.changePayment, amountPerPointFen: '2000000.00', capPerPeriodFen: '-1' },
        reason: '',
      }),
    );
    expect(invalid.code).toBe(Code.InvalidArgument);
    expect(invalid.problems.map((p) => p.field).sort()).toEqual(['changePayment.amountPerPointFen', 'changePayment.capPerPeriodFen', 'parties', 'reason', 'validFrom', 'version']);
  });

  it('record a version (state, event, audit row) that later runs use, while the published assessment keeps version 1 and still verifies', async () => {
    const before = await as('national.observer').listAssessments({ agreementId: 'yellow-henan-shandong-r2' });
    const published = before.assessments.find((a) => a.periodLabel === '2025')!;
    expect(published.agreementVersion).toBe(1);

    const recorded = await as('henan.environment').recordAgreementVersion(v2);
    expect(recorded).toMatchObject({ previousVersion: 1, reason: v2.reason, recordedBy: { username: 'henan.environment', province: HENAN }, agreement: { id: 'yellow-henan-shandong-r2', version: 2 } });
    expect(recorded.agreement?.changePayment?.amountPerPoint?.fen).toBe(200_000_000n);
    expect((await as('shandong.environment').getAgreement({ agreementId: 'yellow-henan-shandong-r2', version: 0 })).agreement?.version).toBe(2);

    const [event] = await collector.waitFor((e) => e.envelope.type === AgreementVersionRecordedSchema.typeName && e.envelope.aggregateId === 'yellow-henan-shandong-r2');
    expect(event!.topic).toBe('xietong.pollution.agreements.v1');
    expect(event!.envelope.audienceProvinces).toEqual([HENAN, SHANDONG]);
    expect(unpackPayload(event!.envelope, AgreementVersionRecordedSchema)).toMatchObject({ previousVersion: 1, partyProvinces: [HENAN, SHANDONG], agreement: { version: 2 } });

    expect(await as('national.observer').verifyAssessment({ assessmentId: published.id })).toMatchObject({ reproduced: true });
    const rerun = await as('shandong.environment').runAssessment({ agreementId: 'yellow-henan-shandong-r2', period: { kind: PeriodKind.ANNUAL, year: 2025 } });
    expect(rerun.reused).toBe(false);
    expect(rerun.assessment?.agreementVersion).toBe(2);
    expect(rerun.assessment?.netTransfers.map((t) => [t.payer, t.payee, t.amount?.fen])).toEqual([[SHANDONG, HENAN, 1_000_000_000n]]);
    const old = (await as('national.observer').getAssessment({ assessmentId: published.id })).assessment!;
    expect([old.agreementVersion, old.supersededBy]).toEqual([1, rerun.assessment!.id]);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = await db.query(`SELECT version, reason, recorded_username, recorded_province FROM compensation_agreement WHERE id = 'yellow-henan-shandong-r2' ORDER BY version`);
      expect(rows.rows).toEqual([
        { version: 1, reason: null, recorded_username: null, recorded_province: null },
        { version: 2, reason: v2.reason, recorded_username: 'henan.environment', recorded_province: HENAN },
      ]);
      const audit = await db.query(`SELECT details FROM audit_log WHERE action = 'record-agreement-version'`);
      expect(audit.rows).toMatchObject([{ details: { version: 2, previousVersion: 1, validFrom: '2025-01-01', reason: v2.reason } }]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    } finally {
      await db.end();
    }
  });
});

// Last: its readings (and the case its exceedance opens or updates) would change what the tests above count.
describe('the readings event', () => {
  it('publishes ReadingsRecorded for an accepted upload on the readings topic: keyed by section, for its provinces, with the request\'s correlation id', async () => {
    const [earlier, later] = [hoursAgo(25), hoursAgo(24)];
    const csv = ['section_id,parameter,value,unit,sampled_at', `yellow-liuzhuang,COD,15.2,mg/L,${earlier}`, `yellow-liuzhuang,COD,33,mg/L,${later}`, `yellow-liuzhuang,NH3-N,0.4,mg/L,${later}`].join('\n');
    const response = await fetch(`${service.url}/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['shandong.environment']}`, 'content-type': 'text/csv', 'x-correlation-id': 'readings-it-1' },
      body: csv,
    });
    expect(response.status).toBe(201);
    const { batchId } = (await response.json()) as { batchId: string };
    const [event] = await collector.waitFor((e) => e.envelope.type === ReadingsRecordedSchema.typeName && unpackPayload(e.envelope, ReadingsRecordedSchema)?.batchId === batchId);
    expect(event).toMatchObject({ topic: 'xietong.pollution.readings.v1', key: 'yellow-liuzhuang' });
    expect(event!.envelope).toMatchObject({ aggregateId: 'yellow-liuzhuang', originProvince: SHANDONG, audienceProvinces: [HENAN, SHANDONG], audienceAllProvinces: false, correlationId: 'readings-it-1', producer: 'pollution-service' });
    const payload = unpackPayload(event!.envelope, ReadingsRecordedSchema)!;
    expect(payload).toMatchObject({ sectionId: 'yellow-liuzhuang', count: 3, exceedanceCount: 1, upstreamProvinces: [HENAN], downstreamProvinces: [SHANDONG], submittingProvince: SHANDONG });
    expect(payload.parameters.map((p) => [p.parameter, p.count, timestampDate(p.firstSampledAt!).toISOString(), timestampDate(p.lastSampledAt!).toISOString()])).toEqual([
      ['COD', 2, new Date(earlier).toISOString(), new Date(later).toISOString()],
      ['NH3-N', 1, new Date(later).toISOString(), new Date(later).toISOString()],
    ]);
    expect(payload.exceedances.map((e) => [e.parameter, e.valueMgL, e.observedClass, e.targetClass, e.targetLimitMgL])).toEqual([['COD', '33', WaterClass.V, WaterClass.III, '20']]);
    // The same transaction as the readings: they are stored under the event's batch.
    const stored = await as('henan.environment').listReadings({ sectionId: 'yellow-liuzhuang', parameter: 'COD' });
    expect(stored.readings.filter((r) => r.batchId === batchId).map((r) => r.valueMgL).sort()).toEqual(['15.2', '33']);
  });
});
