import type { EventEnvelope } from '@xietong/proto';
import { toHubEvent, type HubEvent } from './hub-event.ts';

/** Where the hub's events come from: Kafka in a running gateway, memory in tests. */
export interface EventSource {
  /** Starts delivering events to `sink`; resolves once delivery has begun (after any warm-up replay). */
  start(sink: (event: HubEvent) => void, now: () => number): Promise<void>;
  /** Stops delivering; resolves when no more events will arrive. */
  stop(): Promise<void>;
  /** Whether the source is connected (for readiness). */
  isHealthy(): boolean;
}

/** An event source fed by hand: for tests, benchmarks and a gateway run without a broker. */
export interface MemoryEventSource extends EventSource {
  /** Delivers an envelope as if it had been consumed from `topic`. */
  emit(envelope: EventEnvelope, topic: string): void;
}

/** Creates an in-memory event source. */
export function createMemoryEventSource(): MemoryEventSource {
  let sink: ((event: HubEvent) => void) | null = null;
  let clock: () => number = Date.now;
  return {
    async start(deliver, now) {
      sink = deliver;
      clock = now;
    },
    async stop() {
      sink = null;
    },
    isHealthy: () => sink !== null,
    emit(envelope, topic) {
      if (!sink) throw new Error('the memory event source is not started');
      sink(toHubEvent(envelope, topic, clock()));
    },
  };
}
