// Events for the live-activity test: a valid envelope (proto/README.md) and the read rules the pollution module
// will declare, so the gateway routes pollution events before that module exists.
import { create } from '@bufbuild/protobuf';
import { AnySchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { policyReadRule, type GatewayModule } from '@xietong/gateway';
import { ActorKind, ActorSchema, EventEnvelopeSchema, assertValidEnvelope, newEventId, type EventEnvelope } from '@xietong/proto';

/** The topic the test events come from. */
export const POLLUTION_TOPIC = 'xietong.pollution.cases.v1';

/** Pollution events reach the environment offices of the provinces they name (the case's parties). */
export const pollutionReadRules: GatewayModule = {
  name: 'web-e2e-pollution-rules',
  register: () => {},
  eventReadRules: [
    policyReadRule('xietong.pollution.v1.CaseOpened', { domain: 'pollution', part: 'summary' }, (event) => ({ partyProvinces: event.audienceProvinces })),
  ],
};

/** A CaseOpened envelope from `origin` naming `audience`. */
export function caseOpened(aggregateId: string, origin: string, audience: string[]): EventEnvelope {
  const type = 'xietong.pollution.v1.CaseOpened';
  const eventId = newEventId();
  const envelope = create(EventEnvelopeSchema, {
    eventId,
    type,
    schemaVersion: 1,
    occurredAt: timestampFromDate(new Date()),
    originProvince: origin,
    audienceProvinces: audience,
    audienceAllProvinces: false,
    actor: create(ActorSchema, { kind: ActorKind.USER, subject: 'web-e2e', province: origin }),
    correlationId: eventId,
    aggregateId,
    producer: 'web-e2e',
    payload: create(AnySchema, { typeUrl: `type.googleapis.com/${type}`, value: new Uint8Array() }),
  });
  assertValidEnvelope(envelope);
  return envelope;
}
