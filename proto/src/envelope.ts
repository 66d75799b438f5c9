import { create, fromBinary, toBinary, toJson, createRegistry } from '@bufbuild/protobuf';
import type { DescMessage, MessageInitShape, MessageShape, Registry } from '@bufbuild/protobuf';
import { anyPack, anyUnpack, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { v7 as uuidv7, validate as uuidValidate, version as uuidVersion } from 'uuid';
import { ActorKind, ActorSchema } from './generated/xietong/common/v1/actor_pb.ts';
import type { Actor } from './generated/xietong/common/v1/actor_pb.ts';
import { EventEnvelopeSchema, TraceContextSchema } from './generated/xietong/events/v1/envelope_pb.ts';
import type { EventEnvelope } from './generated/xietong/events/v1/envelope_pb.ts';
import { isProvinceCode } from './province-code.ts';

/** Prefix of every Any type URL we write; the rest is the payload's fully qualified message name. */
export const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** Content type of a Kafka value holding a binary EventEnvelope. */
export const ENVELOPE_CONTENT_TYPE = 'application/protobuf; messageType=xietong.events.v1.EventEnvelope';

/** Names of the Kafka record headers that repeat envelope fields for routing and tracing without decoding. */
export const ENVELOPE_HEADERS = {
  contentType: 'content-type',
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  originProvince: 'origin-province',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MESSAGE_NAME_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.[A-Z][A-Za-z0-9]*$/;

/** An envelope that breaks the contract; `problems` names each bad field and why. Stable code: INVALID_ENVELOPE. */
export class EnvelopeError extends Error {
  readonly code = 'INVALID_ENVELOPE';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid event envelope: ${problems.join('; ')}`);
    this.name = 'EnvelopeError';
    this.problems = problems;
  }
}

/** A new event id: a UUIDv7, so ids sort by creation time. */
export function newEventId(): string {
  return uuidv7();
}

/** Tells whether a value is a UUIDv7 in canonical (lower-case, hyphenated) text form. */
export function isUuidV7(value: string): boolean {
  return value === value.toLowerCase() && uuidValidate(value) && uuidVersion(value) === 7;
}

/** What a producer says about an event; the rest of the envelope has defaults. */
export interface EnvelopeInput<Desc extends DescMessage> {
  /** Schema of the payload message; its type name becomes the envelope's `type`. */
  payloadSchema: Desc;
  /** The domain event (a message of payloadSchema, or an initializer for one). */
  payload: MessageInitShape<Desc>;
  /** Revision of the payload schema (from 1); see envelope.proto. */
  schemaVersion: number;
  /** Province on whose behalf the event is produced. */
  originProvince: string;
  /** Provinces that may receive the event. */
  audienceProvinces: readonly string[];
  /** The event is for every province (role rules still apply). */
  audienceAllProvinces?: boolean;
  /** Who caused the event. */
  actor: { kind: ActorKind; subject: string; username?: string; province: string; agency?: string; roles?: readonly string[] };
  /** Id of the record the event is about; also the partition key. */
  aggregateId: string;
  /** Name of the producing service. */
  producer: string;
  /** Defaults to the new event's own id (the flow starts here). */
  correlationId?: string;
  /** Id of the event or request that caused this one. */
  causationId?: string;
  /** W3C trace context of the producing work. */
  trace?: { traceparent: string; tracestate?: string };
  /** Defaults to now. */
  occurredAt?: Date;
  /** Defaults to a new UUIDv7; give one to make re-publishing idempotent. */
  eventId?: string;
}

/** Builds a valid envelope around a payload, or throws EnvelopeError naming every bad field. */
export function createEnvelope<Desc extends DescMessage>(input: EnvelopeInput<Desc>): EventEnvelope {
  const eventId = input.eventId ?? newEventId();
  const actor: Actor = create(ActorSchema, {
    kind: input.actor.kind,
    subject: input.actor.subject,
    username: input.actor.username ?? '',
    province: input.actor.province,
    agency: input.actor.agency ?? '',
    roles: [...(input.actor.roles ?? [])],
  });
  const envelope = create(EventEnvelopeSchema, {
    eventId,
    type: input.payloadSchema.typeName,
    schemaVersion: input.schemaVersion,
    occurredAt: timestampFromDate(input.occurredAt ?? new Date()),
    originProvince: input.originProvince,
    audienceProvinces: [...new Set(input.audienceProvinces)],
    audienceAllProvinces: input.audienceAllProvinces ?? false,
    actor,
    correlationId: input.correlationId ?? eventId,
    causationId: input.causationId ?? '',
    trace: input.trace ? create(TraceContextSchema, { traceparent: input.trace.traceparent, tracestate: input.trace.tracestate ?? '' }) : undefined,
    aggregateId: input.aggregateId,
    producer: input.producer,
    payload: anyPack(input.payloadSchema, create(input.payloadSchema, input.payload)),
  });
  assertValidEnvelope(envelope);
  return envelope;
}

/** Lists every way an envelope breaks the contract (empty when it is valid). */
export function validateEnvelope(envelope: EventEnvelope): string[] {
  const problems: string[] = [];
  if (!isUuidV7(envelope.eventId)) problems.push('event_id: must be a lower-case UUIDv7');
  if (!MESSAGE_NAME_PATTERN.test(envelope.type)) problems.push('type: must be a fully qualified message name such as xietong.pollution.v1.AlertRaised');
  if (envelope.schemaVersion < 1) problems.push('schema_version: must be 1 or more');
  if (!envelope.occurredAt) problems.push('occurred_at: required');
  if (!isProvinceCode(envelope.originProvince)) problems.push('origin_province: must be a province-level GB/T 2260 code');
  envelope.audienceProvinces.forEach((code, i) => {
    if (!isProvinceCode(code)) problems.push(`audience_provinces[${i}]: must be a province-level GB/T 2260 code`);
  });
  const actor = envelope.actor;
  if (!actor) {
    problems.push('actor: required');
  } else {
    if (actor.kind === ActorKind.UNSPECIFIED || !(Object.values(ActorKind) as number[]).includes(actor.kind)) problems.push('actor.kind: must be USER, SERVICE or SYSTEM');
    if (actor.subject === '') problems.push('actor.subject: required');
    if (!isProvinceCode(actor.province)) problems.push('actor.province: must be a province-level GB/T 2260 code');
  }
  if (envelope.correlationId === '') problems.push('correlation_id: required');
  if (envelope.trace && envelope.trace.traceparent !== '' && !TRACEPARENT_PATTERN.test(envelope.trace.traceparent)) {
    problems.push('trace.traceparent: must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>)');
  }
  if (envelope.aggregateId === '') problems.push('aggregate_id: required');
  if (envelope.producer === '') problems.push('producer: required');
  if (!envelope.payload) {
    problems.push('payload: required');
  } else if (envelope.payload.typeUrl !== TYPE_URL_PREFIX + envelope.type) {
    problems.push(`payload: type URL ${JSON.stringify(envelope.payload.typeUrl)} does not match type ${JSON.stringify(envelope.type)}`);
  }
  return problems;
}

/** Throws EnvelopeError unless the envelope keeps the contract. */
export function assertValidEnvelope(envelope: EventEnvelope): void {
  const problems = validateEnvelope(envelope);
  if (problems.length > 0) throw new EnvelopeError(problems);
}

/** Encodes an envelope as a Kafka value (binary protobuf). */
export function encodeEnvelope(envelope: EventEnvelope): Uint8Array {
  return toBinary(EventEnvelopeSchema, envelope);
}

/** Decodes and validates a Kafka value; throws EnvelopeError for bytes that are not a valid envelope. */
export function decodeEnvelope(bytes: Uint8Array): EventEnvelope {
  let envelope: EventEnvelope;
  try {
    envelope = fromBinary(EventEnvelopeSchema, bytes);
  } catch (error) {
    throw new EnvelopeError([`value: not a binary EventEnvelope (${error instanceof Error ? error.message : String(error)})`]);
  }
  assertValidEnvelope(envelope);
  return envelope;
}

/** The Kafka headers for an envelope: copies of its routing and tracing fields, the envelope stays authoritative. */
export function envelopeHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    [ENVELOPE_HEADERS.eventId]: envelope.eventId,
    [ENVELOPE_HEADERS.eventType]: envelope.type,
    [ENVELOPE_HEADERS.schemaVersion]: String(envelope.schemaVersion),
    [ENVELOPE_HEADERS.originProvince]: envelope.originProvince,
  };
  if (envelope.trace?.traceparent) headers[ENVELOPE_HEADERS.traceparent] = envelope.trace.traceparent;
  if (envelope.trace?.tracestate) headers[ENVELOPE_HEADERS.tracestate] = envelope.trace.tracestate;
  return headers;
}

/** The payload as the given message type, or undefined when the envelope carries another type. */
export function unpackPayload<Desc extends DescMessage>(envelope: EventEnvelope, schema: Desc): MessageShape<Desc> | undefined {
  if (!envelope.payload || envelope.type !== schema.typeName) return undefined;
  return anyUnpack(envelope.payload, schema);
}

/** Protobuf JSON of an envelope, for logs and debugging tools; payload types must be in the registry. */
export function envelopeToJson(envelope: EventEnvelope, payloadTypes: Registry | readonly DescMessage[] = []): unknown {
  const registry = Array.isArray(payloadTypes) ? createRegistry(...(payloadTypes as readonly DescMessage[])) : (payloadTypes as Registry);
  return toJson(EventEnvelopeSchema, envelope, { registry });
}
