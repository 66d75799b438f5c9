import { ActorKind, MoneySchema, createEnvelope, unpackPayload } from '@xietong/proto';
import { describe, expect, it } from 'vitest';
import { UndecodableMessageError, decodeEnvelopeMessage, toOutboxMessage, type ReceivedMessage } from '../../src/messaging/index.ts';
import { initTelemetry, withSpanFrom } from '../../src/telemetry/trace-context.ts';

initTelemetry();

// Money stands in for a domain payload: any message packs into the envelope the same way.
function envelope(trace?: { traceparent: string }) {
  return createEnvelope({
    payloadSchema: MoneySchema,
    payload: { fen: 12_345n },
    schemaVersion: 1,
    originProvince: '410000',
    audienceProvinces: ['410000', '370000'],
    actor: { kind: ActorKind.USER, subject: 'u-1', province: '410000', roles: ['environment'] },
    aggregateId: 'case-7',
    producer: 'kit-test',
    ...(trace ? { trace } : {}),
  });
}

function received(value: Uint8Array | null, headers: Record<string, string>): ReceivedMessage {
  return { topic: 'xietong.pollution.cases.v1', partition: 0, offset: '0', key: 'case-7', value: value ? Buffer.from(value) : null, headers };
}

describe('envelope events', () => {
  it('round-trips an envelope through an outbox row and a consumed record', () => {
    const event = envelope();
    const row = toOutboxMessage(event, 'xietong.pollution.cases.v1');
    expect(row).toMatchObject({ eventId: event.eventId, partitionKey: 'case-7', eventType: 'xietong.common.v1.Money' });
    expect(row.headers).toMatchObject({ 'event-id': event.eventId, 'origin-province': '410000' });
    const decoded = decodeEnvelopeMessage(received(row.payload, row.headers!));
    expect(decoded.id).toBe(event.eventId);
    expect(decoded.envelope.audienceProvinces).toEqual(['410000', '370000']);
    expect(unpackPayload(decoded.envelope, MoneySchema)?.fen).toBe(12_345n);
  });

  it('stamps the active trace into an envelope that has none', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const row = await withSpanFrom('write', { traceparent: `00-${traceId}-b7ad6b7169203331-01` }, 'server', async () =>
      toOutboxMessage(envelope(), 'xietong.pollution.cases.v1'),
    );
    expect(row.headers!.traceparent).toContain(traceId);
    expect(decodeEnvelopeMessage(received(row.payload, row.headers!)).envelope.trace?.traceparent).toContain(traceId);
  });

  it('treats garbage, tombstones and contradicting headers as poison', () => {
    expect(() => decodeEnvelopeMessage(received(Buffer.from('{"id":1}'), {}))).toThrow(UndecodableMessageError);
    expect(() => decodeEnvelopeMessage(received(null, {}))).toThrow(UndecodableMessageError);
    const row = toOutboxMessage(envelope(), 'xietong.pollution.cases.v1');
    expect(() => decodeEnvelopeMessage(received(row.payload, { ...row.headers, 'event-id': 'someone-else' }))).toThrow(/contradicts/);
  });
});
