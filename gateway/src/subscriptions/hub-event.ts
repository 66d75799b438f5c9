import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { EventEnvelope } from '@xietong/proto';

/** An event as the hub keeps and delivers it: the envelope plus what routing needs, decoded once. */
export interface HubEvent {
  /** The envelope's event id (a UUIDv7); also the SSE event id a client resumes after. */
  readonly id: string;
  /** Fully qualified payload type, e.g. xietong.pollution.v1.CaseOpened. */
  readonly type: string;
  /** The business domain, from the type's package (xietong.<domain>.v1.…). */
  readonly domain: string;
  /** The Kafka topic it came from. */
  readonly topic: string;
  readonly aggregateId: string;
  readonly originProvince: string;
  readonly audienceProvinces: readonly string[];
  readonly audienceAllProvinces: boolean;
  readonly occurredAt: Date;
  /** When this gateway received it (ms since the epoch): the retention window's clock. */
  readonly receivedAt: number;
  /** The whole envelope, for modules that unpack the payload. */
  readonly envelope: EventEnvelope;
}

/** Builds the hub's view of a decoded envelope. */
export function toHubEvent(envelope: EventEnvelope, topic: string, receivedAt: number): HubEvent {
  const domain = /^xietong\.([a-z][a-z0-9]*)\./.exec(envelope.type)?.[1] ?? '';
  return {
    id: envelope.eventId,
    type: envelope.type,
    domain,
    topic,
    aggregateId: envelope.aggregateId,
    originProvince: envelope.originProvince,
    audienceProvinces: envelope.audienceProvinces,
    audienceAllProvinces: envelope.audienceAllProvinces,
    occurredAt: envelope.occurredAt ? timestampDate(envelope.occurredAt) : new Date(receivedAt),
    receivedAt,
    envelope,
  };
}
