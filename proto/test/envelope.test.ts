import { spawnSync } from 'node:child_process';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import {
  ActorKind,
  ActorSchema,
  EnvelopeError,
  EventEnvelopeSchema,
  MoneySchema,
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  envelopeHeaders,
  envelopeToJson,
  isUuidV7,
  newEventId,
  unpackPayload,
} from '../src/index.ts';
import type { EnvelopeInput } from '../src/index.ts';

// Money stands in for a domain payload: any message packs into the envelope the same way.
function input(overrides: Partial<EnvelopeInput<typeof MoneySchema>> = {}): EnvelopeInput<typeof MoneySchema> {
  return {
    payloadSchema: MoneySchema,
    payload: { fen: 600_000_000_00n },
    schemaVersion: 1,
    originProvince: '410000',
    audienceProvinces: ['410000', '370000'],
    actor: { kind: ActorKind.USER, subject: 'f3b1c2d4', username: 'henan.env', province: '410000', agency: 'henan-dee', roles: ['environment'] },
    aggregateId: 'case-42',
    producer: 'pollution-service',
    trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'xt=1' },
    occurredAt: new Date('2026-11-22T08:00:00.123Z'),
    ...overrides,
  };
}

describe('event envelope', () => {
  it('round-trips through binary protobuf with every field intact', () => {
    const causationId = newEventId();
    const envelope = createEnvelope(input({ causationId, correlationId: causationId }));
    const decoded = decodeEnvelope(encodeEnvelope(envelope));

    expect(decoded).toEqual(envelope);
    expect(isUuidV7(decoded.eventId)).toBe(true);
    expect(decoded.type).toBe('xietong.common.v1.Money');
    expect(decoded.occurredAt && Number(decoded.occurredAt.seconds)).toBe(Date.parse('2026-11-22T08:00:00Z') / 1000);
    expect(decoded.occurredAt?.nanos).toBe(123_000_000);
    expect(decoded.audienceProvinces).toEqual(['410000', '370000']);
    expect(decoded.actor?.roles).toEqual(['environment']);
    expect(decoded.causationId).toBe(causationId);
    expect(unpackPayload(decoded, MoneySchema)?.fen).toBe(600_000_000_00n);
  });

  it('starts a new flow when no correlation id is given', () => {
    const envelope = createEnvelope(input());
    expect(envelope.correlationId).toBe(envelope.eventId);
  });

  it('issues time-ordered UUIDv7 ids', () => {
    const ids = Array.from({ length: 50 }, () => newEventId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(isUuidV7('9b2f4c1e-0d4a-4b7e-8f3a-2a1c5e6d7f80')).toBe(false); // a v4
  });

  it('copies routing and tracing fields into Kafka headers', () => {
    const envelope = createEnvelope(input());
    expect(envelopeHeaders(envelope)).toEqual({
      'content-type': 'application/protobuf; messageType=xietong.events.v1.EventEnvelope',
      'event-id': envelope.eventId,
      'event-type': 'xietong.common.v1.Money',
      'schema-version': '1',
      'origin-province': '410000',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'xt=1',
    });
  });

  it('renders protobuf JSON for debugging, payload included', () => {
    const json = envelopeToJson(createEnvelope(input()), [MoneySchema]) as Record<string, unknown>;
    expect(json.payload).toEqual({ '@type': 'type.googleapis.com/xietong.common.v1.Money', fen: '60000000000' });
    expect((json.actor as Record<string, unknown>).kind).toBe('ACTOR_KIND_USER');
  });

  it('does not unpack a payload as the wrong type', () => {
    expect(unpackPayload(createEnvelope(input()), ActorSchema)).toBeUndefined();
  });

  it('rejects an envelope that breaks the contract, naming every bad field', () => {
    let caught: unknown;
    try {
      createEnvelope(input({ originProvince: '4100', audienceProvinces: ['410100'], aggregateId: '', schemaVersion: 0, eventId: 'not-a-uuid', trace: { traceparent: 'nope' } }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvelopeError);
    const problems = (caught as EnvelopeError).problems;
    expect((caught as EnvelopeError).code).toBe('INVALID_ENVELOPE');
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'event_id',
      'schema_version',
      'origin_province',
      'audience_provinces[0]',
      'trace.traceparent',
      'aggregate_id',
    ]);
  });

  it('refuses to decode bytes that are not a valid envelope', () => {
    expect(() => decodeEnvelope(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(EnvelopeError);
    // Well-formed protobuf, but the payload's type URL disagrees with the declared type.
    const forged = create(EventEnvelopeSchema, {
      ...createEnvelope(input()),
      payload: anyPack(ActorSchema, create(ActorSchema, { subject: 'x' })),
    });
    expect(() => decodeEnvelope(toBinary(EventEnvelopeSchema, forged))).toThrow(/payload: type URL/);
    // An envelope with no actor and no time.
    const bare = create(EventEnvelopeSchema, { ...createEnvelope(input()), actor: undefined, occurredAt: undefined });
    expect(() => decodeEnvelope(toBinary(EventEnvelopeSchema, bare))).toThrow(/occurred_at: required.*actor: required/);
  });

  it('keeps fields a newer producer added (forward compatibility)', () => {
    const bytes = encodeEnvelope(createEnvelope(input({ occurredAt: undefined })));
    // Field 99 (varint 7) is unknown to this schema, as a field added by a later revision would be.
    const withUnknown = new Uint8Array([...bytes, 0x98, 0x06, 0x07]);
    const decoded = decodeEnvelope(withUnknown);
    expect(toBinary(EventEnvelopeSchema, decoded)).toEqual(withUnknown);
    expect(fromBinary(EventEnvelopeSchema, withUnknown).eventId).toBe(decoded.eventId);
  });
});

describe('generated code', () => {
  it('loads in Node without a build: type stripping accepts it (no TS enums), imports resolve', () => {
    // vitest compiles TypeScript itself, so only a plain Node process shows what services will meet.
    const script = `const m = await import('@xietong/proto'); console.log(m.ActorKind.SYSTEM, m.EventEnvelopeSchema.typeName);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000, cwd: new URL('..', import.meta.url) });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('3 xietong.events.v1.EventEnvelope');
  }, 60_000);
});
