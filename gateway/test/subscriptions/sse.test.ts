// Subscriptions end to end: SSE from the gateway, fed by a fake event source, filtered per user, resumable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/kit.ts';
import { GATEWAY_MODULES } from '../../src/schema/build-schema.ts';
import type { GatewayModule } from '../../src/schema/gateway-module.ts';
import { policyReadRule } from '../../src/subscriptions/event-read-rules.ts';
import type { HubEvent } from '../../src/subscriptions/hub-event.ts';
import { fakeEnvelope } from '../support/fake-events.ts';
import { openSse } from '../support/sse-client.ts';
import { startTestGateway, startTestIdentity, type TestGateway, type TestIdentity } from '../support/test-platform.ts';

const TOPIC = 'xietong.pollution.cases.v1';
const parties = (event: HubEvent, reader: Principal) => ({ partyProvinces: event.audienceAllProvinces ? [reader.province] : event.audienceProvinces });
// Stand-in read rules that route the fake envelopes (empty payloads) by their audience alone; the pollution module's
// own rules read the payload, so it is left out here (test/pollution covers it).
const pollutionRules: GatewayModule = {
  name: 'pollution-rules',
  register: () => {},
  eventReadRules: [
    policyReadRule('xietong.pollution.v1.CaseOpened', { domain: 'pollution', part: 'summary' }, parties),
    policyReadRule('xietong.pollution.v1.EvidenceAdded', { domain: 'pollution', part: 'full' }, parties),
  ],
};
const MODULES = [...GATEWAY_MODULES.filter((m) => m.name !== 'pollution'), pollutionRules];
const SUBSCRIPTION = 'subscription { recordEvents { id type domain aggregateId originProvince occurredAt } }';

let identity: TestIdentity;
let gw: TestGateway;
let endpoint: string;
beforeAll(async () => {
  identity = await startTestIdentity();
  gw = await startTestGateway(identity, { modules: MODULES });
  endpoint = `${gw.url}/graphql`;
});
afterAll(async () => {
  await gw?.stop();
  await identity?.stop();
});

async function waitForSubscribers(count: number): Promise<void> {
  for (let i = 0; i < 100 && gw.gateway.hub.stats().subscribers !== count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(gw.gateway.hub.stats().subscribers).toBe(count);
}

describe('recordEvents over SSE', () => {
  it('delivers each event with its id as the SSE id, only to users who may read it', async () => {
    const henanEnv = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('henan.environment') });
    const henanLiaison = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('henan.liaison') });
    const henanMedical = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('henan.medical_insurance') });
    const jiangsuEnv = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('jiangsu.environment') });
    const observer = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('national.observer') });
    try {
      expect(henanEnv.status).toBe(200);
      await waitForSubscribers(5);
      const opened = fakeEnvelope({ type: 'xietong.pollution.v1.CaseOpened', audience: ['410000', '420000'], aggregateId: 'case-7' });
      const evidence = fakeEnvelope({ type: 'xietong.pollution.v1.EvidenceAdded', audience: ['410000', '420000'], aggregateId: 'case-7' });
      gw.source.emit(opened, TOPIC);
      gw.source.emit(evidence, TOPIC);

      const [first, second] = await henanEnv.take(2);
      expect(first?.id).toBe(opened.eventId);
      expect(JSON.parse(first!.data)).toEqual({
        data: { recordEvents: { id: opened.eventId, type: 'xietong.pollution.v1.CaseOpened', domain: 'POLLUTION', aggregateId: 'case-7', originProvince: '410000', occurredAt: expect.any(String) } },
        extensions: { eventId: opened.eventId },
      });
      expect(second?.id).toBe(evidence.eventId);
      expect((await henanLiaison.take(2, 300)).map((f) => f.id)).toEqual([opened.eventId]);
      expect((await observer.take(2)).map((f) => f.id)).toEqual([opened.eventId, evidence.eventId]);
      expect(await henanMedical.take(1, 300)).toEqual([]);
      expect(await jiangsuEnv.take(1, 300)).toEqual([]);
    } finally {
      for (const stream of [henanEnv, henanLiaison, henanMedical, jiangsuEnv, observer]) stream.close();
    }
    await waitForSubscribers(0);
  });

  it('resumes after Last-Event-ID without losing what happened while disconnected', async () => {
    const token = await identity.token('hubei.environment');
    const first = await openSse(endpoint, SUBSCRIPTION, { token });
    await waitForSubscribers(1);
    const e1 = fakeEnvelope({ audience: ['420000'] });
    gw.source.emit(e1, TOPIC);
    const [frame] = await first.take(1);
    expect(frame?.id).toBe(e1.eventId);
    first.close();
    await waitForSubscribers(0);

    const missed = [fakeEnvelope({ audience: ['420000'] }), fakeEnvelope({ audience: ['320000'] }), fakeEnvelope({ audience: ['420000', '410000'] })];
    for (const envelope of missed) gw.source.emit(envelope, TOPIC);
    const resumed = await openSse(endpoint, SUBSCRIPTION, { token, lastEventId: frame!.id! });
    try {
      const e5 = fakeEnvelope({ audience: ['420000'] });
      await waitForSubscribers(1);
      gw.source.emit(e5, TOPIC);
      expect((await resumed.take(3)).map((f) => f.id)).toEqual([missed[0]!.eventId, missed[2]!.eventId, e5.eventId]);
    } finally {
      resumed.close();
    }
  });

  it('tells a client whose Last-Event-ID is out of the window to refetch', async () => {
    const stream = await openSse(endpoint, SUBSCRIPTION, { token: await identity.token('hubei.environment'), lastEventId: 'unknown-id' });
    try {
      const [frame] = await stream.take(1);
      expect(JSON.parse(frame!.data).errors[0].extensions).toEqual({ code: 'RESUME_WINDOW_EXCEEDED' });
    } finally {
      stream.close();
    }
  });

  it('refuses an anonymous subscriber', async () => {
    const stream = await openSse(endpoint, SUBSCRIPTION);
    try {
      const [frame] = await stream.take(1);
      expect(JSON.parse(frame!.data).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(gw.gateway.hub.stats().subscribers).toBe(0);
    } finally {
      stream.close();
    }
  });

  it('completes open streams when the gateway stops', async () => {
    const own = await startTestGateway(identity, { modules: MODULES });
    const stream = await openSse(`${own.url}/graphql`, SUBSCRIPTION, { token: await identity.token('henan.environment') });
    for (let i = 0; i < 100 && own.gateway.hub.stats().subscribers === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    let frame = await stream.next(2_000);
    while (frame && frame.event !== 'complete') frame = await stream.next(2_000);
    expect(frame?.event).toBe('complete');
    stream.close();
  });

  it('narrows by domain', async () => {
    const stream = await openSse(endpoint, 'subscription { recordEvents(domains: [MEETINGS]) { id } }', { token: await identity.token('henan.environment') });
    try {
      await waitForSubscribers(1);
      gw.source.emit(fakeEnvelope({ audience: ['410000'] }), TOPIC);
      expect(await stream.take(1, 300)).toEqual([]);
    } finally {
      stream.close();
    }
    await waitForSubscribers(0);
  });
});
