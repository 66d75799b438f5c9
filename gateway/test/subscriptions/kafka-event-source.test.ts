// The Kafka wiring against the development broker: envelopes consumed into the hub, the retention window refilled
// from the log after a restart, undecodable records skipped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBroker, type RunningBroker } from '@xietong/kafka-broker';
import { encodeEnvelope, envelopeHeaders, type EventEnvelope } from '@xietong/proto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKafkaEventSource } from '../../src/subscriptions/kafka-event-source.ts';
import type { HubEvent } from '../../src/subscriptions/hub-event.ts';
import { fakeEnvelope } from '../support/fake-events.ts';

const TOPIC = 'xietong.pollution.cases.v1';
let dataDir: string;
let broker: RunningBroker;
let producer: Producer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-broker-'));
  broker = await startBroker({ port: 0, dataDir, logger: () => {} });
  producer = new Kafka({ clientId: 'gateway-test', brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await broker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function publish(envelope: EventEnvelope): Promise<void> {
  await producer.send({ topic: TOPIC, messages: [{ key: envelope.aggregateId, value: Buffer.from(encodeEnvelope(envelope)), headers: envelopeHeaders(envelope) }] });
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(predicate()).toBe(true);
}

it('feeds the hub from the topics, refills the window after a restart and skips undecodable records', async () => {
  const earlier = fakeEnvelope({ aggregateId: 'case-before-start' });
  await publish(earlier);

  const received: HubEvent[] = [];
  const logs: string[] = [];
  const source = createKafkaEventSource({ brokers: broker.brokers, groupId: 'xietong-gateway-test-a', topics: [TOPIC], replayMs: 60_000, log: (_level, message) => logs.push(message) });
  await source.start((event) => received.push(event), Date.now);
  try {
    // Published before the gateway started but within the window: replayed so resumes work after a restart.
    await until(() => received.some((event) => event.id === earlier.eventId));
    await producer.send({ topic: TOPIC, messages: [{ key: 'x', value: Buffer.from('not an envelope') }] });
    const live = fakeEnvelope({ aggregateId: 'case-live', audience: ['320000'] });
    await publish(live);
    await until(() => received.some((event) => event.id === live.eventId));
    const event = received.find((e) => e.id === live.eventId) as HubEvent;
    expect(event).toMatchObject({ type: 'xietong.pollution.v1.CaseOpened', domain: 'pollution', topic: TOPIC, aggregateId: 'case-live', audienceProvinces: ['320000'] });
    expect(logs.some((line) => line.startsWith('skipped an undecodable record'))).toBe(true);
    expect(source.isHealthy()).toBe(true);
  } finally {
    await source.stop();
  }
  expect(source.isHealthy()).toBe(false);
});
