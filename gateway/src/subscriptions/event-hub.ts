import { ERROR_CODES, GatewayError } from '../errors/gateway-errors.ts';
import type { Principal } from '../kit.ts';
import { createEventFilter, type EventReadRule } from './event-read-rules.ts';
import type { HubEvent } from './hub-event.ts';
import { RetentionBuffer, type RetentionLimits } from './retention-buffer.ts';

/** Options of the event hub. */
export interface EventHubOptions {
  /** The resume window. */
  retention: RetentionLimits;
  /** Every module's read rules, one per event type. */
  rules: readonly EventReadRule[];
  /** Events a subscriber may have waiting before it is cut off (it then resumes with Last-Event-ID); default 1000. */
  maxQueuedPerSubscriber?: number;
  /** How far before an unknown Last-Event-ID's time a resume starts, ms; default 60 000. */
  resumeSkewMs?: number;
  now?: () => number;
}

/** What a subscriber asks for. */
export interface SubscribeRequest {
  principal: Principal;
  /** Narrows the events further (e.g. one domain or one record); the access filter always applies first. */
  filter?: (event: HubEvent) => boolean;
  /** Resume after this event id (SSE Last-Event-ID). */
  lastEventId?: string | null;
  /** Ends the subscription when aborted. */
  signal?: AbortSignal;
}

/** Counters for health and metrics. */
export interface EventHubStats {
  subscribers: number;
  retained: number;
  received: number;
  duplicates: number;
}

interface Subscriber {
  accepts(event: HubEvent): boolean;
  push(event: HubEvent): void;
  end(): void;
}

/**
 * Fans events from the domain topics out to subscribers: each event goes only to subscribers whose province is in
 * its audience and whose role may read it, and it is kept for the retention window so a reconnecting client resumes
 * after its Last-Event-ID without loss.
 */
export class EventHub {
  readonly #buffer: RetentionBuffer;
  readonly #mayReceive: (principal: Principal, event: HubEvent) => boolean;
  readonly #subscribers = new Set<Subscriber>();
  readonly #maxQueued: number;
  readonly #skewMs: number;
  readonly #now: () => number;
  #received = 0;
  #duplicates = 0;

  constructor(options: EventHubOptions) {
    this.#now = options.now ?? Date.now;
    this.#buffer = new RetentionBuffer(options.retention, this.#now);
    this.#mayReceive = createEventFilter(options.rules);
    this.#maxQueued = options.maxQueuedPerSubscriber ?? 1000;
    this.#skewMs = options.resumeSkewMs ?? 60_000;
  }

  /** The current time on the hub's clock (what an event source stamps as its arrival). */
  now(): number {
    return this.#now();
  }

  /** Takes in one event from the source: kept for resuming and delivered to every subscriber allowed to see it. */
  publish(event: HubEvent): void {
    this.#received += 1;
    if (!this.#buffer.append(event)) {
      // At-least-once delivery from Kafka: a redelivered event was already fanned out.
      this.#duplicates += 1;
      return;
    }
    for (const subscriber of this.#subscribers) {
      if (subscriber.accepts(event)) subscriber.push(event);
    }
  }

  /** Ends every subscription (their SSE streams complete, clients reconnect elsewhere with Last-Event-ID). */
  endAll(): void {
    for (const subscriber of [...this.#subscribers]) subscriber.end();
  }

  /** Counters for health and metrics. */
  stats(): EventHubStats {
    return { subscribers: this.#subscribers.size, retained: this.#buffer.size, received: this.#received, duplicates: this.#duplicates };
  }

  /**
   * The events this principal may see, from now on — or from after `lastEventId` when resuming. Throws
   * RESUME_WINDOW_EXCEEDED when that id is older than the window: the client refetches, then subscribes afresh.
   */
  subscribe(request: SubscribeRequest): AsyncIterableIterator<HubEvent> {
    const { principal, filter, signal } = request;
    const accepts = (event: HubEvent) => this.#mayReceive(principal, event) && (filter?.(event) ?? true);
    // Replay and registration happen in one synchronous step, so no event can fall between them.
    let backlog: HubEvent[] = [];
    if (request.lastEventId) {
      const resume = this.#buffer.resumeAfter(request.lastEventId, this.#skewMs);
      if (resume.kind === 'too-old') {
        throw new GatewayError(ERROR_CODES.RESUME_WINDOW_EXCEEDED, 'Last-Event-ID is older than the resume window; refetch, then subscribe again without it.');
      }
      backlog = resume.events.filter(accepts);
    }
    return this.#register(accepts, backlog, signal);
  }

  #register(accepts: (event: HubEvent) => boolean, backlog: HubEvent[], signal: AbortSignal | undefined): AsyncIterableIterator<HubEvent> {
    const queue: HubEvent[] = backlog;
    let waiting: ((result: IteratorResult<HubEvent>) => void) | null = null;
    let failWaiting: ((error: Error) => void) | null = null;
    let failure: Error | null = null;
    let done = false;

    const finish = () => {
      if (done) return;
      done = true;
      this.#subscribers.delete(subscriber);
      signal?.removeEventListener('abort', finish);
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        failWaiting = null;
        resolve({ done: true, value: undefined });
      }
    };
    const subscriber: Subscriber = {
      accepts,
      push: (event) => {
        if (done) return;
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          failWaiting = null;
          resolve({ done: false, value: event });
          return;
        }
        if (queue.length >= this.#maxQueued) {
          // A slow reader must not hold an unbounded queue; it resumes from the buffer after reconnecting.
          failure = new GatewayError(ERROR_CODES.SUBSCRIBER_TOO_SLOW, 'Too many events waiting; reconnect with Last-Event-ID to resume.');
          const reject = failWaiting;
          finish();
          reject?.(failure);
          return;
        }
        queue.push(event);
      },
      end: () => finish(),
    };
    if (signal?.aborted) done = true;
    else {
      this.#subscribers.add(subscriber);
      signal?.addEventListener('abort', finish, { once: true });
    }

    const iterator: AsyncIterableIterator<HubEvent> = {
      next: () => {
        const event = queue.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        if (failure) {
          const error = failure;
          failure = null;
          return Promise.reject(error);
        }
        if (done) return Promise.resolve({ done: true, value: undefined });
        return new Promise<IteratorResult<HubEvent>>((resolve, reject) => {
          waiting = resolve;
          failWaiting = reject;
        });
      },
      return: () => {
        finish();
        queue.length = 0;
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
