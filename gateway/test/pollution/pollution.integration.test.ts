// The pollution module end to end against the real pollution service: demo users of party and non-party provinces
// through the gateway — an alert on the Liuzhuang section reaches Shandong's inbox and its alertIssued subscription,
// Shandong acknowledges; liaison offices see summaries without evidence; other provinces and roles see nothing;
// the national observer reads everything and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseStream } from '../support/sse-client.ts';
import { startPollutionPlatform, type PollutionPlatform } from '../support/pollution-platform.ts';
import { startTestIdentity, type GraphQLResponse, type TestIdentity } from '../support/test-platform.ts';

let identity: TestIdentity;
let platform: PollutionPlatform;

interface SharedAlert {
  id: string;
  messageId: string;
  threadId: string;
}
interface SharedCase {
  id: string;
  caseId: string;
}
// Records the tests below build on, in file order (vitest runs a file's tests one after another).
const shared = {} as { alert: SharedAlert; case: SharedCase };

beforeAll(async () => {
  identity = await startTestIdentity();
  platform = await startPollutionPlatform(identity);
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  await identity?.stop();
}, 60_000);

async function as(username: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  return platform.gateway.graphql(query, { token: await identity.token(username), variables });
}

function dataOf<T>(response: GraphQLResponse, field: string): T {
  expect(response.body.errors ?? []).toEqual([]);
  return response.body.data?.[field] as T;
}

async function subscribe(username: string, query: string, variables?: Record<string, unknown>): Promise<SseStream> {
  const stream = await openSse(`${platform.gateway.url}/graphql`, query, { token: await identity.token(username), variables });
  expect(stream.status).toBe(200);
  return stream;
}

async function waitForSubscribers(count: number): Promise<void> {
  for (let i = 0; i < 200 && platform.gateway.gateway.hub.stats().subscribers < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(platform.gateway.gateway.hub.stats().subscribers).toBeGreaterThanOrEqual(count);
}

const ISSUE = `mutation($input: IssueAlertInput!) { issueAlert(input: $input) { alert { id messageId threadId status severity senderProvince addressees acknowledgeBy awaitingProvinces view } } }`;
const benzeneAlert = (headline: string) => ({
  category: 'EARLY_WARNING',
  severity: 'II',
  sectionCode: 'yellow-liuzhuang',
  location: { description: '濮阳市台前县 reach above the Liuzhuang section' },
  pollutant: { name: '苯 benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
  suspectedSource: 'tanker accident on the G45 bridge',
  headline,
  description: 'A tanker spilled benzene into the Yellow River; the plume is moving downstream.',
});

describe('an alert from Henan on the Liuzhuang section', () => {
  it('reaches Shandong’s inbox and its alertIssued subscription; Shandong acknowledges, and Henan sees it live', async () => {
    const shandongFeed = await subscribe('shandong.environment', 'subscription { alertIssued { eventId messageId headline senderProvince addressees severity mode acknowledgeBy alert { messageId view description } } }');
    const henanFeed = await subscribe('henan.environment', 'subscription { alertIssued { messageId } }');
    const anhuiFeed = await subscribe('anhui.environment', 'subscription { alertIssued { messageId } }');
    const henanAcks = await subscribe('henan.environment', 'subscription { alertAcknowledged { province acknowledgedAt messageId threadId senderProvince alert { awaitingProvinces acknowledgements { province } } } }');
    const henanActivity = await subscribe('henan.environment', 'subscription { alertActivity { change province messageId } }');
    const anhuiActivity = await subscribe('anhui.environment', 'subscription { alertActivity { change } }');
    const feeds = [shandongFeed, henanFeed, anhuiFeed, henanAcks, henanActivity, anhuiActivity];
    try {
      await waitForSubscribers(feeds.length);
      const issued = dataOf<{ alert: Record<string, unknown> }>(await as('henan.environment', ISSUE, { input: benzeneAlert('Benzene spill above Liuzhuang') }), 'issueAlert');
      expect(issued.alert).toMatchObject({ status: 'ACTUAL', severity: 'II', senderProvince: '410000', addressees: ['370000'], awaitingProvinces: ['370000'], view: 'FULL' });
      expect(typeof issued.alert.acknowledgeBy).toBe('string');

      const [frame] = await shandongFeed.take(1, 20_000);
      expect(frame).toBeDefined();
      const delivered = JSON.parse(frame!.data) as { data: { alertIssued: Record<string, unknown> } };
      expect(delivered.data.alertIssued).toMatchObject({
        messageId: issued.alert.messageId,
        headline: 'Benzene spill above Liuzhuang',
        senderProvince: '410000',
        addressees: ['370000'],
        severity: 'II',
        mode: 'ACTUAL',
        alert: { messageId: issued.alert.messageId, view: 'FULL', description: expect.stringContaining('benzene') },
      });
      expect(frame!.id).toBe(delivered.data.alertIssued.eventId);
      // Not addressed to the sender, and nothing for a province that is not on the alert.
      expect(await henanFeed.take(1, 500)).toEqual([]);
      expect(await anhuiFeed.take(1, 200)).toEqual([]);

      const inbox = dataOf<{ edges: Array<{ node: Record<string, unknown> }>; totalCount: number }>(
        await as('shandong.environment', '{ pollutionAlerts(awaitingMyAcknowledgement: true, first: 50) { totalCount edges { node { id messageId awaitingMyAcknowledgement acknowledgementOverdue section { code nameEn } } } } }'),
        'pollutionAlerts',
      );
      const mine = inbox.edges.find((e) => e.node.messageId === issued.alert.messageId);
      expect(mine?.node).toMatchObject({ id: issued.alert.id, awaitingMyAcknowledgement: true, acknowledgementOverdue: false, section: { code: 'yellow-liuzhuang', nameEn: 'Liuzhuang' } });

      const ack = await as('shandong.environment', 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id, note: "booms deployed at Liuzhuang" }) { alert { awaitingProvinces acknowledgements { province note by { username } } } } }', { id: issued.alert.id });
      expect(dataOf(ack, 'acknowledgeAlert')).toEqual({ alert: { awaitingProvinces: [], acknowledgements: [{ province: '370000', note: 'booms deployed at Liuzhuang', by: { username: 'shandong.environment' } }] } });
      const twice = await as('shandong.environment', 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id }) { alert { id } } }', { id: issued.alert.id });
      expect(twice.body.errors?.[0]?.extensions?.code).toBe('POLLUTION_ALERT_ALREADY_ACKNOWLEDGED');

      // The sender learns of the acknowledgement over its subscriptions, with the alert as it is now.
      const [ackFrame] = await henanAcks.take(1, 20_000);
      expect(JSON.parse(ackFrame!.data)).toMatchObject({
        data: { alertAcknowledged: { province: '370000', messageId: issued.alert.messageId, senderProvince: '410000', alert: { awaitingProvinces: [], acknowledgements: [{ province: '370000' }] } } },
      });
      const activity = (await henanActivity.take(2, 20_000)).map((f) => (JSON.parse(f.data) as { data: { alertActivity: unknown } }).data.alertActivity);
      expect(activity).toEqual([
        { change: 'ISSUED', province: null, messageId: issued.alert.messageId },
        { change: 'ACKNOWLEDGED', province: '370000', messageId: issued.alert.messageId },
      ]);
      expect(await anhuiActivity.take(1, 200)).toEqual([]);
      shared.alert = issued.alert as unknown as SharedAlert;
    } finally {
      for (const stream of feeds) stream.close();
    }
  });

  it('keeps exercises apart: the default inbox shows real alerts only, EXERCISE mode only drills', async () => {
    const drill = dataOf<{ alert: SharedAlert }>(await as('henan.environment', ISSUE, { input: { ...benzeneAlert('Drill: benzene at Liuzhuang'), mode: 'EXERCISE' } }), 'issueAlert');
    const list = 'query($mode: PollutionMode!) { pollutionAlerts(mode: $mode, first: 100) { edges { node { messageId status } } } }';
    const actual = dataOf<{ edges: Array<{ node: { messageId: string; status: string } }> }>(await as('shandong.environment', list, { mode: 'ACTUAL' }), 'pollutionAlerts');
    const exercise = dataOf<{ edges: Array<{ node: { messageId: string; status: string } }> }>(await as('shandong.environment', list, { mode: 'EXERCISE' }), 'pollutionAlerts');
    expect(actual.edges.map((e) => e.node.messageId)).toContain(shared.alert.messageId);
    expect(actual.edges.every((e) => e.node.status === 'ACTUAL')).toBe(true);
    expect(exercise.edges.map((e) => e.node.messageId)).toEqual([drill.alert.messageId]);
    const counts = dataOf<{ total: number }>(await as('shandong.environment', '{ pollutionAlertCounts(mode: EXERCISE) { total active } }'), 'pollutionAlertCounts');
    expect(counts).toEqual({ total: 1, active: 1 });
  });

  it('pages forward with cursors, without gaps or repeats', async () => {
    for (const headline of ['Oil sheen near Taiqian', 'Fish kill reported below Puyang']) {
      dataOf(await as('henan.environment', ISSUE, { input: benzeneAlert(headline) }), 'issueAlert');
    }
    const page = 'query($after: String) { pollutionAlerts(first: 2, after: $after) { totalCount edges { cursor node { messageId } } pageInfo { hasNextPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i += 1) {
      const connection: { totalCount: number; edges: Array<{ node: { messageId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = dataOf(
        await as('shandong.environment', page, { after }),
        'pollutionAlerts',
      );
      total = connection.totalCount;
      seen.push(...connection.edges.map((e) => e.node.messageId));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBe(3);
    expect(new Set(seen).size).toBe(3);
    expect(seen).toContain(shared.alert.messageId);
    const bad = await as('shandong.environment', '{ pollutionAlerts(first: 2, after: "nonsense") { totalCount } }');
    expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'after', reason: 'is not a cursor this list gave out' }] });
    const backwards = await as('shandong.environment', '{ pollutionAlerts(last: 2) { totalCount } }');
    expect(backwards.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('a case opened from the alert', () => {
  it('is full for the parties’ environmental bureaus, a summary without evidence for their liaison offices, live over caseUpdated', async () => {
    const opened = dataOf<{ case: SharedCase }>(
      await as('henan.environment', 'mutation($id: ID!) { openCase(input: { alertId: $id }) { case { id caseId title partyProvinces reportingProvince state mode version } } }', { id: shared.alert.id }),
      'openCase',
    );
    expect(opened.case).toMatchObject({ partyProvinces: ['410000', '370000'], reportingProvince: '410000', state: 'REPORTED', mode: 'ACTUAL', title: 'Benzene spill above Liuzhuang' });
    shared.case = opened.case;

    const liaisonFeed = await subscribe('shandong.liaison', 'subscription($id: ID) { caseUpdated(caseId: $id) { change caseId state case { view counts { evidence } evidence { evidenceId } } } }', { id: opened.case.id });
    const investorFeed = await subscribe('shandong.investment', 'subscription { caseUpdated { caseId } }').catch(() => null);
    try {
      await waitForSubscribers(1);
      const evidence = await as(
        'henan.environment',
        'mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { evidenceId case { counts { evidence } evidence { evidenceId kind filename submittedProvince } } } }',
        { input: { caseId: opened.case.id, description: 'Sampling report of the Puyang monitoring station', document: { sha256: 'a'.repeat(64), filename: 'puyang-sampling.pdf', mediaType: 'application/pdf', sizeBytes: 48213 } } },
      );
      const added = dataOf<{ evidenceId: string; case: { evidence: unknown[] } }>(evidence, 'addCaseEvidence');
      expect(added.case.evidence).toEqual([{ evidenceId: added.evidenceId, kind: 'DOCUMENT', filename: 'puyang-sampling.pdf', submittedProvince: '410000' }]);

      // The case's OPENED event may still be on its way when the subscription starts; the evidence event follows it.
      let update: Record<string, unknown> | undefined;
      for (let i = 0; i < 3 && update?.change !== 'EVIDENCE_ADDED'; i += 1) {
        const [frame] = await liaisonFeed.take(1, 20_000);
        update = frame ? (JSON.parse(frame.data).data.caseUpdated as Record<string, unknown>) : undefined;
        expect(update).toMatchObject({ caseId: opened.case.caseId, case: { view: 'SUMMARY', evidence: null } });
      }
      expect(update).toEqual({ change: 'EVIDENCE_ADDED', caseId: opened.case.caseId, state: 'REPORTED', case: { view: 'SUMMARY', counts: { evidence: 1 }, evidence: null } });
      if (investorFeed) {
        const refused = await investorFeed.take(1, 300);
        expect(refused.map((f) => JSON.parse(f.data).errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND']);
      }
    } finally {
      liaisonFeed.close();
      investorFeed?.close();
    }

    const full = 'query($id: ID!) { pollutionCase(id: $id) { view state counts { evidence } evidence { filename } timeline { seq kind } linkedAlerts { threadId current { messageId acknowledgements { province at note } escalations { step } } } } }';
    const forEnvironment = dataOf<Record<string, unknown>>(await as('shandong.environment', full, { id: opened.case.id }), 'pollutionCase');
    expect(forEnvironment).toMatchObject({ view: 'FULL', evidence: [{ filename: 'puyang-sampling.pdf' }], counts: { evidence: 1 } });
    expect((forEnvironment.timeline as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['opened', 'evidence-added']);

    const forLiaison = dataOf<Record<string, unknown>>(await as('shandong.liaison', full, { id: opened.case.id }), 'pollutionCase');
    expect(forLiaison).toEqual({
      view: 'SUMMARY',
      state: 'REPORTED',
      counts: { evidence: 1 },
      evidence: null,
      timeline: null,
      linkedAlerts: [{ threadId: shared.alert.threadId, current: { messageId: shared.alert.messageId, acknowledgements: [{ province: '370000', at: expect.any(String), note: null }], escalations: [] } }],
    });
    const liaisonList = dataOf<{ edges: Array<{ node: { caseId: string; view: string; evidence: unknown } }> }>(
      await as('shandong.liaison', '{ pollutionCases(first: 20) { edges { node { caseId view evidence { evidenceId } } } } }'),
      'pollutionCases',
    );
    expect(liaisonList.edges.map((e) => e.node)).toEqual([{ caseId: opened.case.caseId, view: 'SUMMARY', evidence: null }]);
  });

  it('lets each party record its own enforcement actions and amend only those', async () => {
    for (const command of ['START_JOINT_INVESTIGATION', 'START_JOINT_ENFORCEMENT']) {
      dataOf(await as('henan.environment', 'mutation($id: ID!, $c: PollutionCaseTransition!) { changeCaseState(input: { caseId: $id, command: $c }) { case { state } } }', { id: shared.case.id, c: command }), 'changeCaseState');
    }
    const record = 'mutation($input: RecordEnforcementActionInput!) { recordEnforcementAction(input: $input) { actionId case { enforcementActions { actionId responsibleProvince amendable } } } }';
    const henan = dataOf<{ actionId: string }>(await as('henan.environment', record, { input: { caseId: shared.case.id, date: '2026-11-20', findings: 'Sealed the tanker’s outflow; sampled 3 points' } }), 'recordEnforcementAction');
    const shandong = dataOf<{ actionId: string; case: { enforcementActions: Array<{ actionId: string; responsibleProvince: string; amendable: boolean }> } }>(
      await as('shandong.environment', record, { input: { caseId: shared.case.id, date: '2026-11-21', findings: 'Closed the Liuzhuang water intake' } }),
      'recordEnforcementAction',
    );
    expect(shandong.case.enforcementActions).toEqual([
      { actionId: henan.actionId, responsibleProvince: '410000', amendable: false },
      { actionId: shandong.actionId, responsibleProvince: '370000', amendable: true },
    ]);
    const amend = 'mutation($input: AmendEnforcementActionInput!) { amendEnforcementAction(input: $input) { case { enforcementActions { actionId revision findings } } } }';
    const foreign = await as('shandong.environment', amend, { input: { caseId: shared.case.id, actionId: henan.actionId, findings: 'rewritten by Shandong' } });
    expect(foreign.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const own = dataOf<{ case: { enforcementActions: Array<{ actionId: string; revision: number; findings: string }> } }>(
      await as('shandong.environment', amend, { input: { caseId: shared.case.id, actionId: shandong.actionId, findings: 'Closed the Liuzhuang intake for 36 hours' } }),
      'amendEnforcementAction',
    );
    expect(own.case.enforcementActions.find((a) => a.actionId === shandong.actionId)).toEqual({ actionId: shandong.actionId, revision: 1, findings: 'Closed the Liuzhuang intake for 36 hours' });
    expect(own.case.enforcementActions.find((a) => a.actionId === henan.actionId)?.findings).toBe('Sealed the tanker’s outflow; sampled 3 points');
    // The timeline keeps the earlier values.
    const timeline = dataOf<{ timeline: Array<{ kind: string; province: string; actorUsername: string; detailsJson: string }> }>(
      await as('henan.environment', 'query($id: ID!) { pollutionCase(id: $id) { timeline { kind province actorUsername detailsJson } } }', { id: shared.case.id }),
      'pollutionCase',
    ).timeline;
    const amendment = timeline.find((e) => e.kind === 'enforcement-amended');
    expect(amendment).toMatchObject({ province: '370000', actorUsername: 'shandong.environment' });
    expect(JSON.parse(amendment!.detailsJson)).toMatchObject({
      actionId: shandong.actionId,
      before: { findings: 'Closed the Liuzhuang water intake' },
      after: { findings: 'Closed the Liuzhuang intake for 36 hours' },
    });
  });
});

describe('provinces and roles outside the case', () => {
  const readAlert = 'query($id: ID!) { pollutionAlert(id: $id) { messageId } }';
  const readCase = 'query($id: ID!) { pollutionCase(id: $id) { caseId } }';
  const node = 'query($id: ID!) { node(id: $id) { id } }';
  const lists = '{ pollutionAlerts(first: 50) { totalCount edges { node { messageId } } } pollutionCases(first: 50) { totalCount edges { node { caseId } } } pollutionAlertCounts { total } }';

  it('get exactly what a missing record gives: NOT_FOUND, null nodes, empty lists with nothing counted', async () => {
    const missingAlert = Buffer.from('PollutionAlert:0190a0a0-0000-7000-8000-000000000000').toString('base64');
    const missingCase = Buffer.from('PollutionCase:0190a0a0-0000-7000-8000-000000000000').toString('base64');
    const expectedMissingAlert = (await as('beijing.investment', readAlert, { id: missingAlert })).body;
    const expectedMissingCase = (await as('beijing.investment', readCase, { id: missingCase })).body;
    expect(expectedMissingAlert).toMatchObject({ data: { pollutionAlert: null }, errors: [{ message: 'No such record.', extensions: { code: 'NOT_FOUND' } }] });
    for (const username of ['beijing.investment', 'anhui.environment', 'anhui.liaison', 'henan.medical_insurance', 'platform.admin']) {
      expect((await as(username, readAlert, { id: shared.alert.id })).body, username).toEqual(expectedMissingAlert);
      expect((await as(username, readCase, { id: shared.case.id })).body, username).toEqual(expectedMissingCase);
      expect((await as(username, node, { id: shared.case.id })).body, username).toEqual({ data: { node: null } });
      expect((await as(username, node, { id: shared.alert.id })).body, username).toEqual({ data: { node: null } });
      expect((await as(username, lists)).body, username).toEqual({
        data: { pollutionAlerts: { totalCount: 0, edges: [] }, pollutionCases: { totalCount: 0, edges: [] }, pollutionAlertCounts: { total: 0 } },
      });
    }
  });

  it('the national observer reads every part but writes nothing', async () => {
    const full = dataOf<{ view: string; evidence: unknown[] }>(await as('national.observer', 'query($id: ID!) { pollutionCase(id: $id) { view evidence { filename } } }', { id: shared.case.id }), 'pollutionCase');
    expect(full).toEqual({ view: 'FULL', evidence: [{ filename: 'puyang-sampling.pdf' }] });
    expect(dataOf<{ id: string }>(await as('national.observer', node, { id: shared.alert.id }), 'node')).toEqual({ id: shared.alert.id });
    const ack = await as('national.observer', 'mutation($id: ID!) { acknowledgeAlert(input: { alertId: $id }) { alert { id } } }', { id: shared.alert.id });
    const record = await as('national.observer', 'mutation($id: ID!) { recordEnforcementAction(input: { caseId: $id, date: "2026-11-21", findings: "x" }) { actionId } }', { id: shared.case.id });
    for (const response of [ack, record]) expect(response.body).toMatchObject({ data: null, errors: [{ message: 'You may not do this.', extensions: { code: 'FORBIDDEN' } }] });
  });
});

describe('invalid input', () => {
  it('comes back as VALIDATION_FAILED naming each field of the GraphQL input', async () => {
    const alert = await as('henan.environment', ISSUE, { input: { ...benzeneAlert(''), sectionCode: 'nowhere', location: { description: 'x', cityCode: '999999' } } });
    expect(alert.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const fields = (alert.body.errors?.[0]?.extensions?.problems as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.sectionCode', 'input.headline']));

    const readings = await as('henan.environment', 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', {
      input: { readings: [{ sectionCode: 'yellow-liuzhuang', parameter: 'COD', value: '-3', unit: 'mg/L', sampledAt: '2026-11-20T08:00:00+08:00' }] },
    });
    expect(readings.body.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'input.readings[0].value' }] });

    const csv = await as('henan.environment', 'mutation($csv: String!) { submitReadingsCsv(input: { csv: $csv }) { accepted } }', {
      csv: 'section_id,parameter,value,unit,sampled_at\nyellow-liuzhuang,COD,12,furlongs,2026-11-20T08:00:00+08:00\n',
    });
    expect(csv.body.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'input.csv.lines[2].unit' }] });

    const both = await as('henan.environment', 'mutation($input: AddCaseEvidenceInput!) { addCaseEvidence(input: $input) { evidenceId } }', {
      input: { caseId: shared.case.id, description: 'x', document: { sha256: 'b'.repeat(64), filename: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 1.5 }, monitoringData: { readings: [] } },
    });
    expect(both.body.errors?.[0]?.extensions).toEqual({
      code: 'VALIDATION_FAILED',
      problems: [
        { field: 'input', reason: 'give exactly one of monitoringData and document' },
        { field: 'input.document.sizeBytes', reason: 'must be a whole number of bytes, zero or more' },
      ],
    });
    const wrongId = await as('henan.environment', 'query($id: ID!) { pollutionCase(id: $id) { caseId } }', { id: shared.alert.id });
    expect(wrongId.body.errors?.[0]?.extensions).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'id', reason: 'is not the id of a PollutionCase' }] });
  });
});

describe('readings', () => {
  it('are stored for a section’s own provinces and read by its environmental bureaus only', async () => {
    const sampledAt = '2026-11-19T08:00:00+08:00';
    const submitted = dataOf<{ accepted: number; exceedances: number }>(
      await as('henan.environment', 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { batchId accepted exceedances } }', {
        input: { readings: [{ sectionCode: 'yellow-liuzhuang', parameter: 'COD', value: '14.5', unit: 'mg/L', sampledAt }] },
      }),
      'submitReadings',
    );
    expect(submitted).toMatchObject({ accepted: 1, exceedances: 0 });
    const query = '{ pollutionSection(code: "yellow-liuzhuang") { nameZh readings(parameter: "COD", first: 10) { totalCount edges { node { valueMgL waterClass exceedsTarget sampledAt } } } } }';
    const forShandong = dataOf<{ nameZh: string; readings: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(await as('shandong.environment', query), 'pollutionSection');
    expect(forShandong.nameZh).toBe('刘庄');
    expect(forShandong.readings.edges.map((e) => e.node)).toEqual([{ valueMgL: '14.5', waterClass: 'I', exceedsTarget: false, sampledAt: new Date(sampledAt).toISOString() }]);
    for (const username of ['anhui.environment', 'shandong.liaison']) {
      expect((await as(username, query)).body, username).toEqual({ data: { pollutionSection: { nameZh: '刘庄', readings: null } } });
    }
    const foreign = await as('anhui.environment', 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', {
      input: { readings: [{ sectionCode: 'yellow-liuzhuang', parameter: 'COD', value: '14', unit: 'mg/L', sampledAt }] },
    });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'input.readings[0].sectionCode' }] });
  });

  it('announce each accepted upload over readingsRecorded to the section’s environmental bureaus and the observer, from the service’s event', async () => {
    const query = 'subscription($s: String) { readingsRecorded(sectionCode: $s) { eventId sectionCode batchId count parameters { parameter count firstSampledAt lastSampledAt } exceedances { parameter } exceedanceCount occurredAt } }';
    const shandongFeed = await subscribe('shandong.environment', query, { s: 'yellow-liuzhuang' });
    const observerFeed = await subscribe('national.observer', query);
    const anhuiFeed = await subscribe('anhui.environment', query);
    const liaisonFeed = await subscribe('shandong.liaison', query);
    try {
      await waitForSubscribers(3);
      const readings = ['09:00', '10:00'].map((time, i) => ({ sectionCode: 'yellow-liuzhuang', parameter: 'TP', value: i === 0 ? '0.08' : '0.09', unit: 'mg/L', sampledAt: `2026-11-19T${time}:00+08:00` }));
      const submitted = dataOf<{ batchId: string }>(
        await as('henan.environment', 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { batchId accepted } }', { input: { readings } }),
        'submitReadings',
      );
      const expected = {
        sectionCode: 'yellow-liuzhuang',
        batchId: submitted.batchId,
        count: 2,
        parameters: [{ parameter: 'TP', count: 2, firstSampledAt: '2026-11-19T01:00:00.000Z', lastSampledAt: '2026-11-19T02:00:00.000Z' }],
        exceedances: [],
        exceedanceCount: 0,
      };
      for (const feed of [shandongFeed, observerFeed]) {
        let event: Record<string, unknown> | undefined;
        const deadline = Date.now() + 20_000;
        while (!event && Date.now() < deadline) {
          const [frame] = await feed.take(1, deadline - Date.now());
          if (!frame) break;
          const candidate = JSON.parse(frame.data).data?.readingsRecorded as Record<string, unknown> | undefined;
          if (candidate?.batchId === submitted.batchId) event = candidate;
        }
        expect(event).toMatchObject({ ...expected, eventId: expect.any(String), occurredAt: expect.any(String) });
      }
      expect(await anhuiFeed.take(1, 500)).toEqual([]);
      expect((await liaisonFeed.take(1, 300)).map((f) => JSON.parse(f.data).errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND']);
    } finally {
      for (const feed of [shandongFeed, observerFeed, anhuiFeed, liaisonFeed]) feed.close();
    }
  });
});

describe('updates and cancellations of an alert', () => {
  it('replace the current message, which must be acknowledged anew; only the sender may send them', async () => {
    const first = dataOf<{ alert: SharedAlert }>(await as('henan.environment', ISSUE, { input: benzeneAlert('Phenol release at Puyang') }), 'issueAlert').alert;
    const update = 'mutation($input: UpdateAlertInput!) { updateAlert(input: $input) { alert { id messageId msgType severity headline replaces { messageId isCurrent } awaitingProvinces } } }';
    for (const [username, code] of [['shandong.environment', 'FORBIDDEN'], ['anhui.environment', 'NOT_FOUND'], ['henan.liaison', 'FORBIDDEN']] as const) {
      const refused = await as(username, update, { input: { alertId: first.id, severity: 'I' } });
      expect(refused.body.errors?.[0]?.extensions?.code, username).toBe(code);
    }
    const updated = dataOf<{ alert: Record<string, unknown> & SharedAlert }>(await as('henan.environment', update, { input: { alertId: first.id, severity: 'I', headline: 'Phenol release at Puyang, larger than reported' } }), 'updateAlert').alert;
    expect(updated).toMatchObject({ msgType: 'UPDATE', severity: 'I', headline: 'Phenol release at Puyang, larger than reported', replaces: { messageId: first.messageId, isCurrent: false }, awaitingProvinces: ['370000'] });

    const thread = 'query($id: ID!) { pollutionAlert(id: $id) { thread { threadId cancelled messages { msgType } current { messageId awaitingMyAcknowledgement acknowledgeBy } } } }';
    const seen = dataOf<{ thread: { threadId: string; cancelled: boolean; messages: unknown[]; current: Record<string, unknown> } }>(await as('shandong.environment', thread, { id: first.id }), 'pollutionAlert');
    expect(seen.thread).toMatchObject({ threadId: first.messageId, cancelled: false, messages: [{ msgType: 'ALERT' }, { msgType: 'UPDATE' }], current: { messageId: updated.messageId, awaitingMyAcknowledgement: true } });

    const cancel = 'mutation($input: CancelAlertInput!) { cancelAlert(input: $input) { alert { msgType acknowledgeBy awaitingProvinces thread { cancelled current { msgType } } } } }';
    expect((await as('shandong.environment', cancel, { input: { alertId: updated.id, reason: 'not ours' } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cancelled = dataOf<{ alert: Record<string, unknown> }>(await as('henan.environment', cancel, { input: { alertId: updated.id, reason: 'The release was contained at the plant.' } }), 'cancelAlert');
    expect(cancelled.alert).toEqual({ msgType: 'CANCEL', acknowledgeBy: null, awaitingProvinces: [], thread: { cancelled: true, current: { msgType: 'CANCEL' } } });
  });
});

describe('the case to its closure', () => {
  const caseQuery = 'query($id: ID!) { pollutionCase(id: $id) { state inMediation version mediation { raisedBy reason } closureAgreements { province } closure { how } closedAt linkedAlerts { threadId } allowedCommands } }';

  it('goes through a dispute and mediation, refuses a stale version, links a further alert, and closes when every party agrees', async () => {
    // A liaison office follows the case live: each event shows the case as it is at that event, not as first read.
    const feed = await subscribe('henan.liaison', 'subscription($id: ID) { caseUpdated(caseId: $id) { change state case { state inMediation view } } }', { id: shared.case.id });
    let version: number;
    // Events of the earlier tests' changes may still be arriving: skip to the one asked for.
    const nextChange = async (change: string) => {
      for (let i = 0; i < 10; i += 1) {
        const [frame] = await feed.take(1, 20_000);
        const event = frame ? (JSON.parse(frame.data) as { data: { caseUpdated: { change: string } } }).data.caseUpdated : undefined;
        if (!event || event.change === change) return event;
      }
      return undefined;
    };
    try {
      await waitForSubscribers(1);
      const disputed = dataOf<{ case: Record<string, unknown> }>(
        await as('shandong.environment', 'mutation($id: ID!) { raiseCaseDispute(input: { caseId: $id, reason: "Henan’s sampling missed the night discharge" }) { case { state inMediation mediation { raisedBy disputedFrom } } } }', { id: shared.case.id }),
        'raiseCaseDispute',
      );
      expect(disputed.case).toEqual({ state: 'IN_MEDIATION', inMediation: true, mediation: { raisedBy: '370000', disputedFrom: 'JOINT_ENFORCEMENT' } });
      expect(await nextChange('DISPUTE_RAISED')).toEqual({ change: 'DISPUTE_RAISED', state: 'IN_MEDIATION', case: { state: 'IN_MEDIATION', inMediation: true, view: 'SUMMARY' } });
      const resumed = dataOf<{ case: { state: string; version: number } }>(
        await as('henan.environment', 'mutation($input: ResolveCaseMediationInput!) { resolveCaseMediation(input: $input) { case { state version } } }', {
          input: { caseId: shared.case.id, outcome: 'RESUME', mediator: 'Yellow River Conservancy Commission', summary: 'Joint night sampling for two weeks' },
        }),
        'resolveCaseMediation',
      );
      expect(resumed.case.state).toBe('JOINT_ENFORCEMENT');
      expect(await nextChange('MEDIATION_RESOLVED')).toEqual({ change: 'MEDIATION_RESOLVED', state: 'JOINT_ENFORCEMENT', case: { state: 'JOINT_ENFORCEMENT', inMediation: false, view: 'SUMMARY' } });
      version = resumed.case.version;
    } finally {
      feed.close();
    }

    const remediate = 'mutation($id: ID!, $v: Int) { changeCaseState(input: { caseId: $id, command: START_REMEDIATION, expectedVersion: $v }) { case { state } } }';
    const stale = await as('henan.environment', remediate, { id: shared.case.id, v: version - 1 });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('POLLUTION_CASE_VERSION_CONFLICT');
    expect(dataOf(await as('henan.environment', remediate, { id: shared.case.id, v: version }), 'changeCaseState')).toEqual({ case: { state: 'REMEDIATION' } });

    const further = dataOf<{ alert: SharedAlert }>(await as('shandong.environment', ISSUE, { input: { ...benzeneAlert('Benzene still measured at the Liuzhuang intake'), addressees: ['410000'] } }), 'issueAlert').alert;
    const linked = dataOf<{ case: { linkedAlerts: Array<{ threadId: string }> } }>(
      await as('henan.environment', 'mutation($c: ID!, $a: ID!) { linkAlertToCase(input: { caseId: $c, alertId: $a }) { case { linkedAlerts { threadId } } } }', { c: shared.case.id, a: further.id }),
      'linkAlertToCase',
    );
    expect(linked.case.linkedAlerts.map((t) => t.threadId)).toEqual([shared.alert.threadId, further.threadId]);

    const agree = 'mutation($id: ID!, $s: String!) { agreeToCloseCase(input: { caseId: $id, statement: $s }) { case { state closureAgreements { province } closure { how } } } }';
    expect(dataOf(await as('henan.environment', agree, { id: shared.case.id, s: 'Remediation complete upstream' }), 'agreeToCloseCase')).toEqual({ case: { state: 'REMEDIATION', closureAgreements: [{ province: '410000' }], closure: null } });
    expect(dataOf(await as('shandong.environment', agree, { id: shared.case.id, s: 'Intake reopened, readings at Class III' }), 'agreeToCloseCase')).toMatchObject({ case: { state: 'CLOSED', closure: { how: 'AGREEMENT' } } });
    const closed = dataOf<Record<string, unknown>>(await as('shandong.liaison', caseQuery, { id: shared.case.id }), 'pollutionCase');
    expect(closed).toMatchObject({ state: 'CLOSED', inMediation: false, version: null, mediation: null, closureAgreements: null, closure: null, allowedCommands: null, linkedAlerts: [{ threadId: shared.alert.threadId }, { threadId: further.threadId }] });
    expect(typeof closed.closedAt).toBe('string');
  });
});

describe('compensation', () => {
  it('shows each province its agreements, runs an assessment, publishes it to the parties’ environmental bureaus only', async () => {
    const codes = async (username: string) => dataOf<Array<{ code: string }>>(await as(username, '{ compensationAgreements { code } }'), 'compensationAgreements').map((a) => a.code).sort();
    expect(await codes('henan.environment')).toEqual(['yellow-henan-shandong-r1', 'yellow-henan-shandong-r2', 'yellow-shanxi-shaanxi-henan']);
    expect(await codes('shandong.environment')).toEqual(['yellow-henan-shandong-r1', 'yellow-henan-shandong-r2']);
    expect(await codes('shandong.liaison')).toEqual([]);

    // Annual means for 2022 and, for the change payment, 2021: the key pollutants improved a little.
    const readings = [2021, 2022].flatMap((year) =>
      [['COD', year === 2021 ? '15' : '14'], ['NH3-N', year === 2021 ? '0.50' : '0.45'], ['TP', year === 2021 ? '0.10' : '0.09']].map(([parameter, value]) => ({
        sectionCode: 'yellow-liuzhuang',
        parameter,
        value,
        unit: 'mg/L',
        sampledAt: `${year}-06-15T08:00:00+08:00`,
      })),
    );
    dataOf(await as('henan.environment', 'mutation($input: SubmitReadingsInput!) { submitReadings(input: $input) { accepted } }', { input: { readings } }), 'submitReadings');

    const shandongFeed = await subscribe('shandong.environment', 'subscription { assessmentPublished { assessmentId agreementCode periodLabel } }');
    const liaisonFeed = await subscribe('shandong.liaison', 'subscription { assessmentPublished { assessmentId } }');
    try {
      await waitForSubscribers(1);
      const run = await as('henan.environment', 'mutation($input: RunAssessmentInput!) { runAssessment(input: $input) { reused assessment { id assessmentId periodLabel agreement { code version } classPayment { applied judgedClass } breakdown { step part } verification { reproduced } } } }', {
        input: { agreementCode: 'yellow-henan-shandong-r1', period: { kind: 'ANNUAL', year: 2022 }, officialClass: { waterClass: 'II', source: 'Ministry bulletin 2023-01' } },
      });
      const ran = dataOf<{ reused: boolean; assessment: { id: string; assessmentId: string; periodLabel: string; agreement: { code: string }; classPayment: { applied: boolean; judgedClass: string }; breakdown: unknown[]; verification: { reproduced: boolean } } }>(run, 'runAssessment');
      expect(ran).toMatchObject({ reused: false, assessment: { periodLabel: '2022', agreement: { code: 'yellow-henan-shandong-r1' }, classPayment: { applied: true, judgedClass: 'II' }, verification: { reproduced: true } } });
      expect(ran.assessment.breakdown.length).toBeGreaterThan(0);

      const [frame] = await shandongFeed.take(1, 20_000);
      expect(JSON.parse(frame!.data).data.assessmentPublished).toEqual({ assessmentId: ran.assessment.assessmentId, agreementCode: 'yellow-henan-shandong-r1', periodLabel: '2022' });
      expect((await liaisonFeed.take(1, 300)).map((f) => JSON.parse(f.data).errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND']);

      const read = 'query($id: ID!) { compensationAssessment(id: $id) { netTransfers { payer payee amount { yuan } } } }';
      const forShandong = dataOf<{ netTransfers: Array<{ payer: string; payee: string; amount: { yuan: string } }> }>(await as('shandong.environment', read, { id: ran.assessment.id }), 'compensationAssessment');
      // Class II against the Class III baseline: Shandong (downstream) pays Henan 60 million yuan.
      expect(forShandong.netTransfers).toContainEqual({ payer: '370000', payee: '410000', amount: { yuan: expect.stringMatching(/^6\d{7}\.\d\d$/) } });
      for (const username of ['shandong.liaison', 'anhui.environment']) {
        expect((await as(username, read, { id: ran.assessment.id })).body.errors?.[0]?.extensions?.code, username).toBe('NOT_FOUND');
      }
      expect((await as('national.observer', read, { id: ran.assessment.id })).body.errors).toBeUndefined();
      const observerRun = await as('national.observer', 'mutation { runAssessment(input: { agreementCode: "yellow-henan-shandong-r1", period: { kind: ANNUAL, year: 2022 } }) { reused } }');
      expect(observerRun.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      shandongFeed.close();
      liaisonFeed.close();
    }
  });
});

describe('an alert linked to a case with a further party', () => {
  it('becomes readable to that party’s environmental bureau, in the single read and in its lists', async () => {
    const alert = dataOf<{ alert: SharedAlert }>(await as('henan.environment', ISSUE, { input: benzeneAlert('Benzene plume heading for the Jiangsu water transfer intake') }), 'issueAlert').alert;
    const read = 'query($id: ID!) { pollutionAlert(id: $id) { messageId linkedCaseProvinces } }';
    const list = '{ pollutionAlerts(first: 100) { edges { node { messageId } } } }';
    const listed = async (username: string) =>
      dataOf<{ edges: Array<{ node: { messageId: string } }> }>(await as(username, list), 'pollutionAlerts').edges.map((e) => e.node.messageId);
    expect((await as('jiangsu.environment', read, { id: alert.id })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await listed('jiangsu.environment')).not.toContain(alert.messageId);

    const opened = dataOf<{ case: { id: string; partyProvinces: string[] } }>(
      await as('henan.environment', 'mutation { openCase(input: { sectionCode: "yellow-liuzhuang", title: "Benzene at the Jiangsu water transfer intake", partyProvinces: ["410000", "370000", "320000"] }) { case { id partyProvinces } } }'),
      'openCase',
    );
    expect(opened.case.partyProvinces).toEqual(expect.arrayContaining(['320000']));
    dataOf(await as('henan.environment', 'mutation($c: ID!, $a: ID!) { linkAlertToCase(input: { caseId: $c, alertId: $a }) { case { id } } }', { c: opened.case.id, a: alert.id }), 'linkAlertToCase');

    expect(dataOf(await as('jiangsu.environment', read, { id: alert.id }), 'pollutionAlert')).toEqual({ messageId: alert.messageId, linkedCaseProvinces: ['320000'] });
    expect(await listed('jiangsu.environment')).toContain(alert.messageId);
    // Still nothing for a province on neither the alert nor the case.
    expect((await as('anhui.environment', read, { id: alert.id })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('escalation policies', () => {
  const SET = `mutation($input: SetEscalationPolicyInput!) { setEscalationPolicy(input: $input) { code policy { version isDefault sectionCodes acknowledgeWithinMinutes { I II III IV } effectiveFrom recordedByUsername } } }`;
  const READ = 'query($id: ID!) { pollutionAlert(id: $id) { sentAt acknowledgeBy } }';
  const liuzhuang = {
    code: 'henan-shandong-liuzhuang-test',
    name: 'Henan–Shandong Liuzhuang (test)',
    sectionCodes: ['yellow-liuzhuang'],
    acknowledgeWithinMinutes: { I: 30, II: 30, III: 120, IV: 720 },
    jointMechanismAfterMinutes: { I: 30, II: 30, III: 120, IV: 720 },
    source: 'gateway integration test figures',
  };
  const minutesToAcknowledge = (alert: { sentAt: string; acknowledgeBy: string }) => (Date.parse(alert.acknowledgeBy) - Date.parse(alert.sentAt)) / 60_000;
  const issueAndRead = async (headline: string) => {
    const { alert } = dataOf<{ alert: { id: string } }>(await as('henan.environment', ISSUE, { input: benzeneAlert(headline) }), 'issueAlert');
    return { id: alert.id, ...dataOf<{ sentAt: string; acknowledgeBy: string }>(await as('shandong.environment', READ, { id: alert.id }), 'pollutionAlert') };
  };

  it('are changed by platform.admin: a new alert’s acknowledgeBy follows the Liuzhuang policy, an earlier alert’s does not', async () => {
    const earlier = await issueAndRead('Benzene at Liuzhuang, before the policy');
    expect(minutesToAcknowledge(earlier)).toBe(60);

    const set = dataOf<{ code: string; policy: Record<string, unknown> }>(await as('platform.admin', SET, { input: liuzhuang }), 'setEscalationPolicy');
    expect(set).toMatchObject({
      code: 'henan-shandong-liuzhuang-test',
      policy: { version: 1, isDefault: false, sectionCodes: ['yellow-liuzhuang'], acknowledgeWithinMinutes: { I: 30, II: 30, III: 120, IV: 720 }, recordedByUsername: 'platform.admin' },
    });

    const later = await issueAndRead('Benzene at Liuzhuang, after the policy');
    expect(minutesToAcknowledge(later)).toBe(30);
    expect(minutesToAcknowledge(dataOf<{ sentAt: string; acknowledgeBy: string }>(await as('shandong.environment', READ, { id: earlier.id }), 'pollutionAlert'))).toBe(60);

    // Every province's environmental bureau and liaison office, the observer and the administrator read the policies.
    const LIST = '{ pollutionEscalationPolicies { code current { version sectionCodes } versions { version } } }';
    for (const username of ['anhui.environment', 'shandong.liaison', 'national.observer', 'platform.admin']) {
      const policies = dataOf<Array<{ code: string; current: { version: number } | null }>>(await as(username, LIST), 'pollutionEscalationPolicies');
      expect(policies.map((p) => p.code), username).toEqual(['default', 'henan-shandong-liuzhuang-test']);
    }
    // Other roles get what every refused read gets through the gateway.
    expect((await as('henan.investment', LIST)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuse anyone but an administrator, and name invalid fields under input', async () => {
    for (const username of ['henan.environment', 'national.observer']) {
      const refused = await as(username, SET, { input: { ...liuzhuang, code: 'someone-else' } });
      expect(refused.body.errors?.[0]?.extensions?.code, username).toBe('FORBIDDEN');
    }
    const invalid = await as('platform.admin', SET, {
      input: { ...liuzhuang, code: 'Not A Code', sectionCodes: ['yellow-nowhere'], acknowledgeWithinMinutes: { ...liuzhuang.acknowledgeWithinMinutes, II: 0 }, effectiveFrom: '2020-01-01T00:00:00Z' },
    });
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect((invalid.body.errors?.[0]?.extensions?.problems as Array<{ field: string }>).map((p) => p.field)).toEqual([
      'input.code',
      'input.acknowledgeWithinMinutes.II',
      'input.sectionCodes[0]',
      'input.effectiveFrom',
    ]);
  });
});

describe('compensation agreement versions', () => {
  const RECORD = `mutation($input: RecordCompensationAgreementVersionInput!) { recordCompensationAgreementVersion(input: $input) {
    previousVersion reason recordedByUsername agreement { code version validFrom validTo changePayment { capPerPeriod { fen } } provenance { field source } } } }`;
  // Version 2 of the Henan–Shanxi–Shaanxi agreement (open-ended version 1 from 2025-09): from 2026 to 2027, the
  // change payment capped at 1.5 million yuan a month.
  const v2 = {
    agreementCode: 'yellow-shanxi-shaanxi-henan',
    version: 2,
    nameZh: '黄河流域（晋陕豫段）横向生态保护补偿协议',
    nameEn: 'Yellow River (Shanxi–Shaanxi–Henan reach) horizontal ecological compensation agreement',
    sectionCode: 'yellow-fenglingdu',
    parties: [
      { province: '140000', role: 'UPSTREAM', shareBasisPoints: 5000 },
      { province: '610000', role: 'UPSTREAM', shareBasisPoints: 5000 },
      { province: '410000', role: 'DOWNSTREAM', shareBasisPoints: 10000 },
    ],
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    classPayment: { period: 'ANNUAL', baselineClass: 'II', amountPerClassStepFen: '6000000000', parameters: ['CODMn', 'NH3-N', 'TP'] },
    changePayment: {
      period: 'MONTHLY',
      pollutants: ['CODMn', 'NH3-N', 'TP'],
      indexFormula: 'mean-ratio-to-class-iii-limit',
      changeMeasure: 'relative-percent',
      pointRoundingMode: 'toward-zero',
      pointRoundingDecimals: 0,
      amountPerPointFen: '5000000',
      capPerPeriodFen: '150000000',
    },
    fenRounding: 'half-away-from-zero',
    settlement: 'funds are cleared the following year',
    provenance: [{ field: 'changePayment.capPerPeriodFen', source: 'signed-text', note: 'article 4 of the signed text: 1.5 million a month' }],
    reason: 'Correction from the signed text: the monthly cap is 1.5 million yuan; in force 2026–2027.',
  };

  it('refuse every caller but a party’s environmental bureau before the service is asked; a non-party finds no agreement', async () => {
    for (const username of ['national.observer', 'platform.admin', 'henan.liaison', 'henan.investment']) {
      expect((await as(username, RECORD, { input: v2 })).body.errors?.[0]?.extensions?.code, username).toBe('FORBIDDEN');
    }
    const hidden = await as('shandong.environment', RECORD, { input: v2 });
    const missing = await as('shandong.environment', RECORD, { input: { ...v2, agreementCode: 'no-such-agreement' } });
    expect([hidden.body.errors?.[0]?.extensions?.code, hidden.body.errors?.[0]?.message]).toEqual(['NOT_FOUND', missing.body.errors?.[0]?.message]);
    expect(hidden.body.data?.recordCompensationAgreementVersion ?? null).toBeNull();
  });

  it('name every invalid field by its GraphQL input path', async () => {
    const invalid = await as('henan.environment', RECORD, {
      input: {
        ...v2,
        // On another section every party is on the wrong side too.
        sectionCode: 'huai-wangjiaba',
        parties: [v2.parties[0], { ...v2.parties[1], shareBasisPoints: 4000 }, v2.parties[2]],
        validFrom: '2026-01-15',
        changePayment: { ...v2.changePayment, amountPerPointFen: '50000.5', pointRoundingDecimals: 5 },
      },
    });
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const fields = (invalid.body.errors?.[0]?.extensions?.problems as Array<{ field: string }>).map((p) => p.field);
    expect(new Set(fields)).toEqual(new Set(['input.sectionCode', 'input.parties', 'input.parties[0].role', 'input.parties[1].role', 'input.parties[2].role', 'input.validFrom', 'input.changePayment.amountPerPointFen', 'input.changePayment.pointRoundingDecimals']));
  });

  it('are recorded by a party’s environmental bureau and read by every party as the newest version', async () => {
    const recorded = dataOf<Record<string, unknown>>(await as('henan.environment', RECORD, { input: v2 }), 'recordCompensationAgreementVersion');
    expect(recorded).toEqual({
      previousVersion: 1,
      reason: v2.reason,
      recordedByUsername: 'henan.environment',
      agreement: {
        code: 'yellow-shanxi-shaanxi-henan',
        version: 2,
        validFrom: '2026-01-01',
        validTo: '2027-12-31',
        changePayment: { capPerPeriod: { fen: '150000000' } },
        provenance: [{ field: 'changePayment.capPerPeriodFen', source: 'signed-text' }],
      },
    });
    const read = 'query($code: String!, $version: Int) { compensationAgreement(code: $code, version: $version) { version changePayment { capPerPeriod { fen } } } }';
    expect(dataOf(await as('shanxi.environment', read, { code: v2.agreementCode }), 'compensationAgreement')).toEqual({ version: 2, changePayment: { capPerPeriod: { fen: '150000000' } } });
    expect(dataOf(await as('shaanxi.environment', read, { code: v2.agreementCode, version: 1 }), 'compensationAgreement')).toEqual({ version: 1, changePayment: { capPerPeriod: { fen: '200000000' } } });
    // The same version again is no longer the next one.
    const again = await as('henan.environment', RECORD, { input: v2 });
    expect((again.body.errors?.[0]?.extensions?.problems as Array<{ field: string; reason: string }>)).toEqual([{ field: 'input.version', reason: 'must be 3: versions only go up, one at a time, and the newest is 2' }]);
  });
});
