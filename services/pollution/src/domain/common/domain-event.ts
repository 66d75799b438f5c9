import type { ActorRef } from './actor.ts';
import type { Instant } from './clock.ts';

/**
 * A fact a domain command produced, for the service to put in its outbox (one envelope each) in the same
 * transaction as the new state. Plain data: the service maps `type` to a protobuf payload.
 */
export interface PollutionEvent<TType extends string = string, TPayload = unknown> {
  /** Event type, e.g. `pollution.alert.escalated`. */
  readonly type: TType;
  /** The aggregate the event is about (the partition key); readings are keyed by their section. */
  readonly aggregate: 'alert' | 'case' | 'agreement' | 'escalation-policy' | 'section';
  /** Id of that aggregate (for an alert: the thread id, so a thread's messages stay in order; for readings: the section id). */
  readonly aggregateId: string;
  /** When it happened. */
  readonly occurredAt: Instant;
  /** Who caused it; absent for platform jobs (escalation). */
  readonly actor?: ActorRef;
  /** The province on whose behalf it happened. */
  readonly originProvince: string;
  /** Provinces allowed to receive it (access-model.md: every event carries its audience). */
  readonly audienceProvinces: readonly string[];
  /** Meant for every province (configuration that concerns all of them); role rules still apply. */
  readonly audienceAllProvinces?: boolean;
  /** Exercise events go to exercise consumers only; they never mix with real ones. */
  readonly exercise: boolean;
  /** Event-specific data. */
  readonly payload: TPayload;
}
