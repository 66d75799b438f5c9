// Envelopes for tests: valid by the contract (proto/README.md) with an empty payload of any declared type, so the
// gateway's routing can be tested before any domain defines its messages.
import { create } from '@bufbuild/protobuf';
import { AnySchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ActorKind, ActorSchema, EventEnvelopeSchema, assertValidEnvelope, newEventId, type EventEnvelope } from '@xietong/proto';

/** What a test says about an event. */
export interface FakeEventInput {
  type?: string;
  audience?: readonly string[];
  audienceAll?: boolean;
  origin?: string;
  aggregateId?: string;
  occurredAt?: Date;
  eventId?: string;
}

/** A valid envelope (default type xietong.pollution.v1.CaseOpened, audience Henan and Hubei). */
export function fakeEnvelope(input: FakeEventInput = {}): EventEnvelope {
  const type = input.type ?? 'xietong.pollution.v1.CaseOpened';
  const eventId = input.eventId ?? newEventId();
  const envelope = create(EventEnvelopeSchema, {
    eventId,
    type,
    schemaVersion: 1,
    occurredAt: timestampFromDate(input.occurredAt ?? new Date()),
    originProvince: input.origin ?? '410000',
    audienceProvinces: [...(input.audience ?? ['410000', '420000'])],
    audienceAllProvinces: input.audienceAll ?? false,
    actor: create(ActorSchema, { kind: ActorKind.USER, subject: 'test-user', province: input.origin ?? '410000' }),
    correlationId: eventId,
    aggregateId: input.aggregateId ?? 'case-1',
    producer: 'test',
    payload: create(AnySchema, { typeUrl: `type.googleapis.com/${type}`, value: new Uint8Array() }),
  });
  assertValidEnvelope(envelope);
  return envelope;
}
