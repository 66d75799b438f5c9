// The parts of the pollution module that need no database: subscriptions and their read rules fed by hand (events
// the real service only makes after an hour's deadline, or from an assessment), field paths of service problems,
// cursors, and the dataloaders — counted against a small stand-in that answers only the reads they batch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import {
  ActorKind,
  AlertAcknowledgedSchema,
  AlertCancelledSchema,
  AlertEscalatedSchema,
  AlertIssuedSchema,
  AlertStatus,
  AssessmentPublishedSchema,
  CaseSchema,
  CaseState,
  CaseUpdatedSchema,
  CaseChange,
  EscalationStep,
  MonitoringSectionSchema,
  PollutionService,
  ReadingsRecordedSchema,
  RecordView,
  WaterClass,
  Severity,
  TOPICS,
  createEnvelope,
  type EventEnvelope,
} from '@xietong/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGatewayGlobalId } from '../../src/schema/builder.ts';
import { graphqlFieldPath } from '../../src/schema/modules/pollution/pollution.client.ts';
import { openSse, type SseStream } from '../support/sse-client.ts';
import { startTestGateway, startTestIdentity, type TestGateway, type TestIdentity } from '../support/test-platform.ts';

const HENAN = '410000';
const SHANDONG = '370000';

function envelopeOf<Desc extends DescMessage>(schema: Desc, payload: MessageInitShape<Desc>, audience: readonly string[], aggregateId: string): EventEnvelope {
  return createEnvelope({
    payloadSchema: schema,
    payload,
    schemaVersion: 1,
    originProvince: HENAN,
    audienceProvinces: [...audience],
    actor: { kind: ActorKind.USER, subject: 'test', province: HENAN },
    aggregateId,
    producer: 'test',
  });
}

const header = (status: AlertStatus = AlertStatus.ACTUAL) => ({
  alertId: 'alert-1',
  threadId: 'alert-1',
  status,
  severity: Severity.II,
  sectionId: 'yellow-liuzhuang',
  senderProvince: HENAN,
  addressees: [SHANDONG],
  headline: 'Benzene above Liuzhuang',
  sentAt: timestampFromDate(new Date('2026-11-20T00:00:00Z')),
});

// The only reads the stand-in answers, counted.
const calls = { listSections: 0, getCase: 0, listCases: 0 };
const section = create(MonitoringSectionSchema, { id: 'yellow-liuzhuang', nameZh: '刘庄', nameEn: 'Liuzhuang', upstreamProvinces: [HENAN], downstreamProvinces: [SHANDONG] });
const caseOf = (id: string) =>
  create(CaseSchema, { id, title: `case ${id}`, sectionId: 'yellow-liuzhuang', partyProvinces: [HENAN, SHANDONG], reportingProvince: HENAN, state: CaseState.REPORTED, view: RecordView.FULL, counts: { evidence: 2 } });
const standIn: Partial<ServiceImpl<typeof PollutionService>> = {
  listSections: () => {
    calls.listSections += 1;
    return { sections: [section] };
  },
  listCases: () => {
    calls.listCases += 1;
    // A list item leaves out the details (evidence and the rest come with GetCase), and one case is not the caller's.
    return { cases: ['c1', 'c2', 'c3'].map(caseOf).concat(create(CaseSchema, { ...caseOf('c9'), partyProvinces: ['340000'], reportingProvince: '340000' })), totalCount: 3, nextPageToken: '' };
  },
  getCase: (request) => {
    calls.getCase += 1;
    return { case: create(CaseSchema, { ...caseOf(request.caseId), $typeName: undefined, evidence: [{ id: `e-${request.caseId}`, description: 'x', submittedProvince: HENAN }] }) };
  },
};

let identity: TestIdentity;
let gw: TestGateway;
let fake: Server;
beforeAll(async () => {
  fake = createServer(connectNodeAdapter({ routes: (router) => router.service(PollutionService, standIn as ServiceImpl<typeof PollutionService>) }));
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  identity = await startTestIdentity();
  gw = await startTestGateway(identity, { serviceUrls: { pollution: `http://127.0.0.1:${(fake.address() as AddressInfo).port}` } });
});
afterAll(async () => {
  await gw?.stop();
  await identity?.stop();
  await new Promise((resolve) => fake?.close(resolve));
});

async function subscribe(username: string, query: string): Promise<SseStream> {
  return openSse(`${gw.url}/graphql`, query, { token: await identity.token(username) });
}

async function waitForSubscribers(count: number): Promise<void> {
  for (let i = 0; i < 200 && gw.gateway.hub.stats().subscribers !== count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(gw.gateway.hub.stats().subscribers).toBe(count);
}

// The payloads that arrived (data and errors; the event id in extensions is the SSE id, tested in sse.test.ts).
async function received(stream: SseStream, timeoutMs = 300): Promise<unknown[]> {
  return (await stream.take(5, timeoutMs)).map((frame) => {
    const { data, errors } = JSON.parse(frame.data) as { data?: unknown; errors?: unknown };
    return errors === undefined ? { data } : { data, errors };
  });
}

describe('alertAcknowledgementOverdue', () => {
  it('reaches the sender’s and the late province’s readers (liaison too), of the asked mode, and no one else', async () => {
    const query = 'subscription { alertAcknowledgementOverdue { province step dueAt policy mode headline senderProvince } }';
    const streams = {
      shandongLiaison: await subscribe('shandong.liaison', query),
      henanEnv: await subscribe('henan.environment', query),
      shandongOwn: await subscribe('shandong.environment', 'subscription { alertAcknowledgementOverdue(onlyMyProvince: true) { province } }'),
      henanOwn: await subscribe('henan.environment', 'subscription { alertAcknowledgementOverdue(onlyMyProvince: true) { province } }'),
      drills: await subscribe('shandong.environment', 'subscription { alertAcknowledgementOverdue(mode: EXERCISE) { province mode } }'),
      anhui: await subscribe('anhui.environment', query),
      investment: await subscribe('shandong.investment', query),
    };
    try {
      expect((await received(streams.investment)).map((p) => (p as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code)).toEqual(['NOT_FOUND']);
      await waitForSubscribers(6);
      const dueAt = timestampFromDate(new Date('2026-11-20T01:00:00Z'));
      gw.source.emit(envelopeOf(AlertEscalatedSchema, { alert: header(), province: SHANDONG, step: EscalationStep.DUTY_ROSTER, dueAt, policy: 'default@1' }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertEscalatedSchema, { alert: header(AlertStatus.EXERCISE), province: SHANDONG, step: EscalationStep.DUTY_ROSTER, dueAt, policy: 'default@1' }, [HENAN, SHANDONG], 'alert-2'), TOPICS.pollutionAlerts);
      const expected = { province: SHANDONG, step: 'DUTY_ROSTER', dueAt: '2026-11-20T01:00:00.000Z', policy: 'default@1', mode: 'ACTUAL', headline: 'Benzene above Liuzhuang', senderProvince: HENAN };
      expect(await received(streams.shandongLiaison)).toMatchObject([{ data: { alertAcknowledgementOverdue: expected } }]);
      expect(await received(streams.henanEnv)).toMatchObject([{ data: { alertAcknowledgementOverdue: expected } }]);
      expect(await received(streams.shandongOwn)).toMatchObject([{ data: { alertAcknowledgementOverdue: { province: SHANDONG } } }]);
      expect(await received(streams.henanOwn)).toEqual([]);
      expect(await received(streams.drills)).toMatchObject([{ data: { alertAcknowledgementOverdue: { province: SHANDONG, mode: 'EXERCISE' } } }]);
      expect(await received(streams.anhui)).toEqual([]);
    } finally {
      for (const stream of Object.values(streams)) stream.close();
    }
    await waitForSubscribers(0);
  });
});

describe('alertIssued', () => {
  it('goes to the addressed provinces only, never mixing exercises into the real feed', async () => {
    const query = 'subscription { alertIssued { messageId mode addressees } }';
    const shandong = await subscribe('shandong.liaison', query);
    const henan = await subscribe('henan.environment', query);
    const observer = await subscribe('national.observer', query);
    try {
      await waitForSubscribers(3);
      const acknowledgeBy = timestampFromDate(new Date('2026-11-20T01:00:00Z'));
      gw.source.emit(envelopeOf(AlertIssuedSchema, { alert: header(AlertStatus.EXERCISE), acknowledgeBy }, [HENAN, SHANDONG], 'alert-0'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertIssuedSchema, { alert: header(), acknowledgeBy }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      const real = { data: { alertIssued: { messageId: 'alert-1', mode: 'ACTUAL', addressees: [SHANDONG] } } };
      expect(await received(shandong)).toEqual([real]);
      expect(await received(observer)).toEqual([real]);
      expect(await received(henan)).toEqual([]);
    } finally {
      for (const stream of [shandong, henan, observer]) stream.close();
    }
    await waitForSubscribers(0);
  });
});

describe('alertActivity and alertAcknowledged', () => {
  it('tell the sender and the addressees every change of a thread, of the asked mode and thread, and no one else', async () => {
    const activityQuery = 'subscription { alertActivity { change province messageId threadId mode } }';
    const streams = {
      henanActivity: await subscribe('henan.environment', activityQuery),
      shandongLiaison: await subscribe('shandong.liaison', activityQuery),
      otherThread: await subscribe('henan.environment', 'subscription { alertActivity(threadId: "alert-9") { change } }'),
      drills: await subscribe('henan.environment', 'subscription { alertActivity(mode: EXERCISE) { change mode } }'),
      henanAcks: await subscribe('henan.environment', 'subscription { alertAcknowledged(threadId: "alert-1") { province acknowledgedAt messageId senderProvince } }'),
      anhui: await subscribe('anhui.environment', activityQuery),
      investment: await subscribe('henan.investment', activityQuery),
    };
    try {
      expect((await received(streams.investment)).map((p) => (p as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code)).toEqual(['NOT_FOUND']);
      await waitForSubscribers(6);
      const at = timestampFromDate(new Date('2026-11-20T00:20:00Z'));
      gw.source.emit(envelopeOf(AlertAcknowledgedSchema, { alert: header(), province: SHANDONG, acknowledgedAt: at }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertAcknowledgedSchema, { alert: header(AlertStatus.EXERCISE), province: SHANDONG, acknowledgedAt: at }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertEscalatedSchema, { alert: header(), province: SHANDONG, step: EscalationStep.JOINT_MECHANISM, dueAt: at, policy: 'default@1' }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertCancelledSchema, { alert: { ...header(), alertId: 'alert-2' }, referencesId: 'alert-1', reason: 'plume contained' }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      const thread = [
        { change: 'ACKNOWLEDGED', province: SHANDONG, messageId: 'alert-1', threadId: 'alert-1', mode: 'ACTUAL' },
        { change: 'ESCALATED', province: SHANDONG, messageId: 'alert-1', threadId: 'alert-1', mode: 'ACTUAL' },
        { change: 'CANCELLED', province: null, messageId: 'alert-2', threadId: 'alert-1', mode: 'ACTUAL' },
      ];
      expect(await received(streams.henanActivity)).toEqual(thread.map((event) => ({ data: { alertActivity: event } })));
      expect(await received(streams.shandongLiaison)).toEqual(thread.map((event) => ({ data: { alertActivity: event } })));
      expect(await received(streams.drills)).toEqual([{ data: { alertActivity: { change: 'ACKNOWLEDGED', mode: 'EXERCISE' } } }]);
      expect(await received(streams.henanAcks)).toEqual([{ data: { alertAcknowledged: { province: SHANDONG, acknowledgedAt: '2026-11-20T00:20:00.000Z', messageId: 'alert-1', senderProvince: HENAN } } }]);
      expect(await received(streams.otherThread)).toEqual([]);
      expect(await received(streams.anhui)).toEqual([]);
    } finally {
      for (const stream of Object.values(streams)) stream.close();
    }
    await waitForSubscribers(0);
  });
});

describe('caseUpdated and assessmentPublished', () => {
  it('deliver case changes to the parties’ summary readers and assessments to their environmental bureaus only', async () => {
    const caseQuery = 'subscription { caseUpdated { change caseId previousState state timelineSeq province } }';
    const assessmentQuery = 'subscription { assessmentPublished { assessmentId periodLabel netTransfers { payer payee fen } } }';
    const liaisonCases = await subscribe('henan.liaison', caseQuery);
    const liaisonAssessments = await subscribe('henan.liaison', assessmentQuery);
    const envAssessments = await subscribe('shandong.environment', assessmentQuery);
    const strangerAssessments = await subscribe('anhui.environment', assessmentQuery);
    try {
      expect((await received(liaisonAssessments)).map((p) => (p as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code)).toEqual(['NOT_FOUND']);
      await waitForSubscribers(3);
      const caseHeader = { caseId: 'case-7', title: 'Benzene', sectionId: 'yellow-liuzhuang', partyProvinces: [HENAN, SHANDONG], reportingProvince: HENAN, state: CaseState.JOINT_ENFORCEMENT, version: 4 };
      gw.source.emit(
        envelopeOf(CaseUpdatedSchema, { caseHeader, change: CaseChange.STATE_CHANGED, timelineSeq: 4, province: HENAN, previousState: CaseState.UNDER_JOINT_INVESTIGATION }, [HENAN, SHANDONG], 'case-7'),
        TOPICS.pollutionCases,
      );
      gw.source.emit(
        envelopeOf(AssessmentPublishedSchema, { assessmentId: 'as-1', agreementId: 'henan-shandong-1', agreementVersion: 1, periodLabel: '2022', partyProvinces: [HENAN, SHANDONG], netTransfers: [{ payer: SHANDONG, payee: HENAN, amount: { fen: 6_000_000_000n } }] }, [HENAN, SHANDONG], 'henan-shandong-1'),
        TOPICS.pollutionAgreements,
      );
      expect(await received(liaisonCases)).toEqual([
        { data: { caseUpdated: { change: 'STATE_CHANGED', caseId: 'case-7', previousState: 'UNDER_JOINT_INVESTIGATION', state: 'JOINT_ENFORCEMENT', timelineSeq: 4, province: HENAN } } },
      ]);
      expect(await received(envAssessments)).toEqual([{ data: { assessmentPublished: { assessmentId: 'as-1', periodLabel: '2022', netTransfers: [{ payer: SHANDONG, payee: HENAN, fen: '6000000000' }] } } }]);
      expect(await received(strangerAssessments)).toEqual([]);
    } finally {
      for (const stream of [liaisonCases, liaisonAssessments, envAssessments, strangerAssessments]) stream.close();
    }
    await waitForSubscribers(0);
  });

  it('reaches recordEvents readers by the same rules, and not an event whose payload leaves the reader’s province out, whatever its audience says', async () => {
    const liaison = await subscribe('shandong.liaison', 'subscription { recordEvents(domains: [POLLUTION]) { type aggregateId } }');
    try {
      await waitForSubscribers(1);
      gw.source.emit(envelopeOf(AlertIssuedSchema, { alert: { ...header(), addressees: [], senderProvince: HENAN } }, [SHANDONG], 'alert-x'), TOPICS.pollutionAlerts);
      gw.source.emit(envelopeOf(AlertIssuedSchema, { alert: header() }, [HENAN, SHANDONG], 'alert-1'), TOPICS.pollutionAlerts);
      // The first names only Henan as its provinces, so Shandong's liaison may not read it even though the audience lists Shandong.
      expect(await received(liaison)).toEqual([{ data: { recordEvents: { type: 'xietong.pollution.v1.AlertIssued', aggregateId: 'alert-1' } } }]);
    } finally {
      liaison.close();
    }
    await waitForSubscribers(0);
  });
});

describe('readingsRecorded', () => {
  const at = (iso: string) => timestampFromDate(new Date(iso));
  const readingsEvent = (sectionId: string, upstream: string[], downstream: string[], batchId: string) =>
    envelopeOf(
      ReadingsRecordedSchema,
      {
        sectionId,
        batchId,
        count: 3,
        parameters: [
          { parameter: 'COD', count: 2, firstSampledAt: at('2026-11-18T00:00:00Z'), lastSampledAt: at('2026-11-18T04:00:00Z') },
          { parameter: 'benzene', count: 1, firstSampledAt: at('2026-11-18T08:00:00Z'), lastSampledAt: at('2026-11-18T08:00:00Z') },
        ],
        exceedances: [
          { sectionId, parameter: 'benzene', sampledAt: at('2026-11-18T08:00:00Z'), valueMgL: '0.086', targetClass: WaterClass.III, targetLimitMgL: '0.01', exceedanceMultiple: '7.60' },
        ],
        exceedanceCount: 1,
        upstreamProvinces: upstream,
        downstreamProvinces: downstream,
        submittingProvince: upstream[0]!,
        receivedAt: at('2026-11-19T00:00:00Z'),
      },
      [...upstream, ...downstream],
      sectionId,
    );
  const query = 'subscription($s: String) { readingsRecorded(sectionCode: $s) { eventId sectionCode batchId count parameters { parameter count firstSampledAt lastSampledAt } exceedances { parameter sampledAt valueMgL observedClass targetClass targetLimitMgL } exceedanceCount submittingProvince occurredAt } }';

  it('reaches the section’s provinces’ environmental bureaus and the observer with counts and exceedances, never their liaison offices or another province', async () => {
    const open = async (username: string, sectionCode?: string) =>
      openSse(`${gw.url}/graphql`, query, { token: await identity.token(username), ...(sectionCode ? { variables: { s: sectionCode } } : {}) });
    const streams = {
      henan: await open('henan.environment'),
      shandong: await open('shandong.environment', 'yellow-liuzhuang'),
      observer: await open('national.observer'),
      otherSection: await open('henan.environment', 'dan-jingziguan'),
      liaison: await open('henan.liaison'),
      anhui: await open('anhui.environment'),
    };
    try {
      // A liaison office may not read readings: the subscription is refused like a record it may not see.
      expect((await received(streams.liaison)).map((p) => (p as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code)).toEqual(['NOT_FOUND']);
      await waitForSubscribers(5);
      const event = readingsEvent('yellow-liuzhuang', [HENAN], [SHANDONG], 'batch-1');
      gw.source.emit(event, TOPICS.pollutionReadings);
      const expected = {
        data: {
          readingsRecorded: {
            eventId: event.eventId,
            sectionCode: 'yellow-liuzhuang',
            batchId: 'batch-1',
            count: 3,
            parameters: [
              { parameter: 'COD', count: 2, firstSampledAt: '2026-11-18T00:00:00.000Z', lastSampledAt: '2026-11-18T04:00:00.000Z' },
              { parameter: 'benzene', count: 1, firstSampledAt: '2026-11-18T08:00:00.000Z', lastSampledAt: '2026-11-18T08:00:00.000Z' },
            ],
            exceedances: [{ parameter: 'benzene', sampledAt: '2026-11-18T08:00:00.000Z', valueMgL: '0.086', observedClass: null, targetClass: 'III', targetLimitMgL: '0.01' }],
            exceedanceCount: 1,
            submittingProvince: HENAN,
            occurredAt: timestampDate(event.occurredAt!).toISOString(),
          },
        },
      };
      expect(await received(streams.henan)).toEqual([expected]);
      expect(await received(streams.shandong)).toEqual([expected]);
      expect(await received(streams.observer)).toEqual([expected]);
      expect(await received(streams.otherSection)).toEqual([]);
      expect(await received(streams.anhui)).toEqual([]);
    } finally {
      for (const stream of Object.values(streams)) stream.close();
    }
    await waitForSubscribers(0);
  });

  it('follows the section’s provinces the payload names, whatever the audience says, and reaches recordEvents readers by the same rule', async () => {
    const henan = await subscribe('henan.environment', 'subscription { readingsRecorded { batchId } }');
    const records = await subscribe('shandong.environment', 'subscription { recordEvents(domains: [POLLUTION]) { type aggregateId } }');
    const liaisonRecords = await subscribe('shandong.liaison', 'subscription { recordEvents(domains: [POLLUTION]) { type aggregateId } }');
    try {
      await waitForSubscribers(3);
      // The audience lists Henan and Shandong, but the section named is Anhui's and Hubei's alone.
      const stray = readingsEvent('huai-wangjiaba', ['340000'], ['420000'], 'batch-stray');
      gw.source.emit({ ...stray, audienceProvinces: [HENAN, SHANDONG] }, TOPICS.pollutionReadings);
      gw.source.emit(readingsEvent('yellow-liuzhuang', [HENAN], [SHANDONG], 'batch-2'), TOPICS.pollutionReadings);
      expect(await received(henan)).toEqual([{ data: { readingsRecorded: { batchId: 'batch-2' } } }]);
      expect(await received(records)).toEqual([{ data: { recordEvents: { type: 'xietong.pollution.v1.ReadingsRecorded', aggregateId: 'yellow-liuzhuang' } } }]);
      expect(await received(liaisonRecords)).toEqual([]);
    } finally {
      for (const stream of [henan, records, liaisonRecords]) stream.close();
    }
    await waitForSubscribers(0);
  });
});

describe('reads through the dataloaders', () => {
  it('fetch the sections once per request and each case’s details once, leaving out a record the service should not have sent', async () => {
    calls.listSections = 0;
    calls.getCase = 0;
    const response = await gw.graphql('{ pollutionCases(first: 10) { totalCount edges { node { caseId section { nameEn } same: section { code } evidence { evidenceId } timeline { seq } } } } }', {
      token: await identity.token('shandong.environment'),
    });
    expect(response.body.errors).toBeUndefined();
    const connection = response.body.data?.pollutionCases as { totalCount: number; edges: Array<{ node: { caseId: string; section: { nameEn: string }; evidence: Array<{ evidenceId: string }> } }> };
    expect(connection.edges.map((e) => e.node.caseId)).toEqual(['c1', 'c2', 'c3']);
    expect(connection.edges.map((e) => e.node.evidence[0]?.evidenceId)).toEqual(['e-c1', 'e-c2', 'e-c3']);
    expect(connection.totalCount).toBe(3);
    expect(calls).toMatchObject({ listSections: 1, getCase: 3 });
  });

  it('reads a node by its global id through the same loader', async () => {
    calls.getCase = 0;
    const id = encodeGatewayGlobalId('PollutionCase', 'c2');
    const response = await gw.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on PollutionCase { caseId evidence { evidenceId } } } }', {
      token: await identity.token('henan.environment'),
      variables: { ids: [id, id] },
    });
    expect(response.body).toEqual({ data: { nodes: [{ id, caseId: 'c2', evidence: [{ evidenceId: 'e-c2' }] }, { id, caseId: 'c2', evidence: [{ evidenceId: 'e-c2' }] }] } });
    expect(calls.getCase).toBe(1);
  });
});

describe('field problems from the service', () => {
  it('are renamed to the GraphQL input’s paths', () => {
    expect(graphqlFieldPath('headline', 'input')).toBe('input.headline');
    expect(graphqlFieldPath('readings[3].sectionId', 'input')).toBe('input.readings[3].sectionCode');
    expect(graphqlFieldPath('page_token', 'input')).toBe('input.pageToken');
    expect(graphqlFieldPath('lines[7].sampled_at', 'input.csv')).toBe('input.csv.lines[7].sampledAt');
    expect(graphqlFieldPath('filename', 'input', { filename: 'document.filename' })).toBe('input.document.filename');
    expect(graphqlFieldPath('', 'input')).toBe('input');
  });
});
