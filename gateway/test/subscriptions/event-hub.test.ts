import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/gateway-errors.ts';
import type { Principal } from '../../src/kit.ts';
import { EventHub } from '../../src/subscriptions/event-hub.ts';
import { policyReadRule } from '../../src/subscriptions/event-read-rules.ts';
import { toHubEvent, type HubEvent } from '../../src/subscriptions/hub-event.ts';
import { uuidV7Time } from '../../src/subscriptions/retention-buffer.ts';
import { fakeEnvelope, type FakeEventInput } from '../support/fake-events.ts';

const CASE_OPENED = 'xietong.pollution.v1.CaseOpened';
const EVIDENCE_ADDED = 'xietong.pollution.v1.EvidenceAdded';
// The audience are the case's parties (an event for every province makes every province one).
const parties = (event: HubEvent, reader: Principal) => ({ partyProvinces: event.audienceAllProvinces ? [reader.province] : event.audienceProvinces });
const rules = [
  // Summary-level events: parties' environment and liaison; evidence: parties' environment only.
  policyReadRule(CASE_OPENED, { domain: 'pollution', part: 'summary' }, parties),
  policyReadRule(EVIDENCE_ADDED, { domain: 'pollution', part: 'full' }, parties),
];

function principal(username: string, province: string, roles: Principal['roles']): Principal {
  return { subject: `sub-${username}`, username, province, agency: 'test agency', roles };
}
const henanEnv = principal('henan.environment', '410000', ['environment']);
const henanLiaison = principal('henan.liaison', '410000', ['liaison']);
const henanMedical = principal('henan.medical_insurance', '410000', ['medical_insurance']);
const jiangsuEnv = principal('jiangsu.environment', '320000', ['environment']);
const observer = principal('national.observer', '000000', ['observer']);
const provincialObserver = principal('henan.observer', '410000', ['observer']);

function makeHub(options: { now?: () => number; maxCount?: number; maxAgeMs?: number; maxQueued?: number } = {}) {
  const now = options.now ?? Date.now;
  const hub = new EventHub({
    retention: { maxAgeMs: options.maxAgeMs ?? 60_000, maxCount: options.maxCount ?? 100 },
    rules,
    now,
    maxQueuedPerSubscriber: options.maxQueued,
  });
  const publish = (input: FakeEventInput = {}): HubEvent => {
    const event = toHubEvent(fakeEnvelope(input), 'xietong.pollution.cases.v1', now());
    hub.publish(event);
    return event;
  };
  return { hub, publish };
}

// Reads what is already queued (or arrives within a tick) without waiting for more.
async function drain(iterator: AsyncIterator<HubEvent>, max = 100): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < max; i += 1) {
    const next = await Promise.race([iterator.next(), new Promise<'idle'>((resolve) => setTimeout(() => resolve('idle'), 20))]);
    if (next === 'idle' || next.done) break;
    ids.push(next.value.id);
  }
  return ids;
}

describe('who receives an event', () => {
  it('only subscribers whose province is in the audience and whose role may read it', async () => {
    const { hub, publish } = makeHub();
    const subs = {
      henanEnv: hub.subscribe({ principal: henanEnv }),
      henanLiaison: hub.subscribe({ principal: henanLiaison }),
      henanMedical: hub.subscribe({ principal: henanMedical }),
      jiangsuEnv: hub.subscribe({ principal: jiangsuEnv }),
      observer: hub.subscribe({ principal: observer }),
      provincialObserver: hub.subscribe({ principal: provincialObserver }),
    };
    const opened = publish({ type: CASE_OPENED, audience: ['410000', '420000'] });
    const evidence = publish({ type: EVIDENCE_ADDED, audience: ['410000', '420000'] });
    const unruled = publish({ type: 'xietong.pollution.v1.SomethingNew', audience: ['410000'] });
    expect(await drain(subs.henanEnv)).toEqual([opened.id, evidence.id]);
    expect(await drain(subs.henanLiaison)).toEqual([opened.id]);
    expect(await drain(subs.henanMedical)).toEqual([]);
    expect(await drain(subs.jiangsuEnv)).toEqual([]);
    expect(await drain(subs.observer)).toEqual([opened.id, evidence.id]);
    // The observer role read across provinces only for a national body.
    expect(await drain(subs.provincialObserver)).toEqual([]);
    expect(unruled.id).toBeDefined();
  });

  it('an event for every province still applies the role rule', async () => {
    const { hub, publish } = makeHub();
    const jiangsu = hub.subscribe({ principal: jiangsuEnv });
    const medical = hub.subscribe({ principal: henanMedical });
    const event = publish({ type: CASE_OPENED, audience: [], audienceAll: true });
    expect(await drain(jiangsu)).toEqual([event.id]);
    expect(await drain(medical)).toEqual([]);
  });

  it('applies the subscriber’s own filter after the access filter', async () => {
    const { hub, publish } = makeHub();
    const only = hub.subscribe({ principal: henanEnv, filter: (event) => event.aggregateId === 'case-2' });
    publish({ aggregateId: 'case-1' });
    const wanted = publish({ aggregateId: 'case-2' });
    expect(await drain(only)).toEqual([wanted.id]);
  });

  it('delivers a redelivered event (same id) once', async () => {
    const { hub } = makeHub();
    const sub = hub.subscribe({ principal: henanEnv });
    const event = toHubEvent(fakeEnvelope(), 'xietong.pollution.cases.v1', Date.now());
    hub.publish(event);
    hub.publish({ ...event });
    expect(await drain(sub)).toEqual([event.id]);
    expect(hub.stats().duplicates).toBe(1);
  });
});

describe('resuming after Last-Event-ID', () => {
  it('replays exactly what was missed, in order, then continues live', async () => {
    const { hub, publish } = makeHub();
    const controller = new AbortController();
    const first = hub.subscribe({ principal: henanEnv, signal: controller.signal });
    const e1 = publish();
    const e2 = publish();
    expect(await drain(first)).toEqual([e1.id, e2.id]);
    controller.abort();
    expect(hub.stats().subscribers).toBe(0);
    const e3 = publish();
    publish({ audience: ['320000'] }); // not for Henan: never replayed to it
    const e5 = publish();
    const resumed = hub.subscribe({ principal: henanEnv, lastEventId: e2.id });
    const e6 = publish();
    expect(await drain(resumed)).toEqual([e3.id, e5.id, e6.id]);
  });

  it('refuses an id pushed out of the window by count, with RESUME_WINDOW_EXCEEDED', () => {
    const { hub, publish } = makeHub({ maxCount: 3 });
    const e1 = publish();
    publish();
    publish();
    publish();
    expect(() => hub.subscribe({ principal: henanEnv, lastEventId: e1.id })).toThrow(expect.objectContaining({ code: ERROR_CODES.RESUME_WINDOW_EXCEEDED }));
  });

  it('refuses an id older than the window by age', () => {
    let clock = 1_800_000_000_000;
    const { hub, publish } = makeHub({ now: () => clock, maxAgeMs: 10_000 });
    const e1 = publish({ occurredAt: new Date(clock) });
    clock += 5_000;
    const e2 = publish({ occurredAt: new Date(clock) });
    clock += 7_000; // e1 is now 12 s old, e2 7 s
    expect(() => hub.subscribe({ principal: henanEnv, lastEventId: e1.id })).toThrow(expect.objectContaining({ code: ERROR_CODES.RESUME_WINDOW_EXCEEDED }));
    expect(() => hub.subscribe({ principal: henanEnv, lastEventId: e2.id })).not.toThrow();
  });

  it('resumes at least once from the time of an id this instance never saw (the client was on another instance)', async () => {
    // The hub has run for ten minutes, so it holds everything since then.
    let clock = Date.now() - 600_000;
    const { hub, publish } = makeHub({ now: () => clock, maxAgeMs: 3_600_000 });
    clock = Date.now();
    const before = publish({ occurredAt: new Date(Date.now() - 120_000) });
    const after = publish({ occurredAt: new Date(Date.now() - 1_000) });
    // A UUIDv7 minted now by another instance's producer, not in this buffer.
    const foreign = fakeEnvelope().eventId;
    expect(uuidV7Time(foreign)).toBeGreaterThan(Date.now() - 5_000);
    const resumed = hub.subscribe({ principal: henanEnv, lastEventId: foreign });
    const ids = await drain(resumed);
    expect(ids).toContain(after.id);
    expect(ids).not.toContain(before.id);
  });

  it('refuses an unknown id that is not a UUIDv7', () => {
    const { hub } = makeHub();
    expect(() => hub.subscribe({ principal: henanEnv, lastEventId: 'not-an-id' })).toThrow(expect.objectContaining({ code: ERROR_CODES.RESUME_WINDOW_EXCEEDED }));
  });
});

describe('subscriber lifetime', () => {
  it('cuts off a subscriber that falls too far behind, after handing over what was queued', async () => {
    const { hub, publish } = makeHub({ maxQueued: 3 });
    const slow = hub.subscribe({ principal: henanEnv });
    const events = [publish(), publish(), publish(), publish()];
    expect(hub.stats().subscribers).toBe(0);
    expect((await slow.next()).value?.id).toBe(events[0]?.id);
    await slow.next();
    await slow.next();
    await expect(slow.next()).rejects.toMatchObject({ code: ERROR_CODES.SUBSCRIBER_TOO_SLOW });
  });

  it('ends a waiting subscriber when its signal aborts, and unregisters it', async () => {
    const { hub } = makeHub();
    const controller = new AbortController();
    const sub = hub.subscribe({ principal: henanEnv, signal: controller.signal });
    const pending = sub.next();
    expect(hub.stats().subscribers).toBe(1);
    controller.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(hub.stats().subscribers).toBe(0);
  });

  it('unregisters on return()', async () => {
    const { hub } = makeHub();
    const sub = hub.subscribe({ principal: henanEnv });
    expect(hub.stats().subscribers).toBe(1);
    await sub.return?.();
    expect(hub.stats().subscribers).toBe(0);
  });
});
