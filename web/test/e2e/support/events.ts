// Events for the live-activity test: a valid envelope (proto/README.md) with a real payload, which the gateway's
// pollution module reads to decide who receives the event (the case's reporting and party provinces).
import { create } from '@bufbuild/protobuf';
import { anyPack, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ActorKind,
  ActorSchema,
  CaseOpenedSchema,
  EventEnvelopeSchema,
  assertValidEnvelope,
  newEventId,
  type EventEnvelope,
} from '@xietong/proto';

/** The topic the test events come from. */
export const POLLUTION_TOPIC = 'xietong.pollution.cases.v1';

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
    payload: anyPack(
      CaseOpenedSchema,
      create(CaseOpenedSchema, { caseHeader: { caseId: aggregateId, title: aggregateId, reportingProvince: origin, partyProvinces: audience, version: 1 } }),
    ),
  });
  assertValidEnvelope(envelope);
  return envelope;
}
