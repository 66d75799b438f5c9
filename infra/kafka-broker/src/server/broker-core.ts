// What request handlers share: the broker's identity, settings, topics, group coordinator and producer ids.
import type { Flusher } from '../log/flusher.ts';
import type { TopicRegistry } from '../metadata/topic-registry.ts';
import type { GroupCoordinator } from '../group/group-coordinator.ts';
import type { ProducerIdAllocator } from '../metadata/producer-id-allocator.ts';
import type { Reader, Writer } from '../protocol/codec.ts';

/** The broker state handed to every request handler. */
export interface BrokerCore {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly advertisedHost: string;
  readonly port: number;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  readonly topics: TopicRegistry;
  readonly coordinator: GroupCoordinator;
  readonly producerIds: ProducerIdAllocator;
  readonly flusher: Flusher;
  readonly log: (line: string) => void;
}

/** Facts about the request being handled. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string;
  /** Client address as Kafka reports it in DescribeGroups ("/127.0.0.1"). */
  readonly clientHost: string;
  /** Aborted when the connection closes, so long polls and parked joins stop waiting for nobody. */
  readonly signal: AbortSignal;
}

/** Handles one decoded-header request: reads the body and returns the response body, or null for no response. */
export type ApiHandler = (core: BrokerCore, ctx: RequestContext, body: Reader) => Writer | null | Promise<Writer | null>;

/** One API the broker implements. */
export interface ApiSpec {
  readonly key: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First flexible version (compact encodings, tagged fields, request header v2); Infinity when none is spoken. */
  readonly flexibleFrom: number;
  readonly handle: ApiHandler;
  /**
   * Writes a response carrying only a top-level error and returns true, when the API's response has such a field
   * in this version (used for malformed requests); returns false otherwise.
   */
  readonly errorResponse?: (w: Writer, version: number, errorCode: number) => boolean;
}
