import { create } from '@bufbuild/protobuf';
import {
  ENVELOPE_HEADERS,
  TraceContextSchema,
  EnvelopeError,
  decodeEnvelope,
  encodeEnvelope,
  envelopeHeaders,
  type EventEnvelope,
} from '@xietong/proto';
import { injectTraceContext } from '../telemetry/trace-context.ts';
import { UndecodableMessageError, type ReceivedMessage } from './idempotent-consumer.ts';
import type { OutboxMessage } from './outbox.writer.ts';

/** A consumed event: its envelope, decoded and validated. */
export interface EnvelopeEvent {
  /** The envelope's event id (the de-duplication key). */
  id: string;
  envelope: EventEnvelope;
}

/** Turns an envelope into an outbox row for a topic, keyed by its aggregate id and carrying the active trace. */
export function toOutboxMessage(event: EventEnvelope, topic: string): OutboxMessage {
  let envelope = event;
  if (!envelope.trace?.traceparent) {
    const active = injectTraceContext({});
    if (active.traceparent) {
      envelope = { ...envelope, trace: create(TraceContextSchema, { traceparent: active.traceparent, tracestate: active.tracestate ?? '' }) };
    }
  }
  return {
    eventId: envelope.eventId,
    topic,
    partitionKey: envelope.aggregateId,
    eventType: envelope.type,
    payload: encodeEnvelope(envelope),
    headers: envelopeHeaders(envelope),
  };
}

/** Decodes a Kafka record into its envelope; a record that is not a valid envelope, or whose headers contradict it, is poison. */
export function decodeEnvelopeMessage(message: ReceivedMessage): EnvelopeEvent {
  if (!message.value) throw new UndecodableMessageError('empty value (a tombstone is not an event)');
  let envelope: EventEnvelope;
  try {
    envelope = decodeEnvelope(message.value);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new UndecodableMessageError(error.message);
    throw error;
  }
  const headerId = message.headers[ENVELOPE_HEADERS.eventId];
  if (headerId !== undefined && headerId !== envelope.eventId) {
    throw new UndecodableMessageError(`header event-id ${headerId} contradicts the envelope's ${envelope.eventId}`);
  }
  return { id: envelope.eventId, envelope };
}
