import type { HubEvent } from './hub-event.ts';

/** How long and how many events the buffer keeps for resuming subscribers. */
export interface RetentionLimits {
  /** Events older than this (by arrival) are dropped, ms. */
  maxAgeMs: number;
  /** At most this many events are kept. */
  maxCount: number;
}

/** Where a resume starts: the events after a known id, a best effort from a time, or nothing (too old). */
export type ResumePoint = { kind: 'after'; events: HubEvent[] } | { kind: 'too-old' };

// Written here rather than taken from a library: it needs lookup by event id, eviction by both age and count, and
// "everything after id X" — no maintained ring-buffer package offers the id index, and this is ~80 lines.
/** The events of the retention window in arrival order, indexed by event id. */
export class RetentionBuffer {
  readonly #limits: RetentionLimits;
  readonly #now: () => number;
  // events[i] has sequence number firstSeq + i; `start` is the index of the oldest kept event (compacted lazily).
  #events: HubEvent[] = [];
  #start = 0;
  #firstSeq = 0;
  readonly #seqById = new Map<string, number>();
  // Arrival time up to which the buffer is complete: the hub's start, then the newest evicted event's arrival.
  #coveredSince: number;

  constructor(limits: RetentionLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
    this.#coveredSince = now();
  }

  /** Number of events kept. */
  get size(): number {
    return this.#events.length - this.#start;
  }

  /** Appends an event; false (and nothing kept) when its id is already in the window (a redelivery). */
  append(event: HubEvent): boolean {
    if (this.#seqById.has(event.id)) return false;
    this.#seqById.set(event.id, this.#firstSeq + this.#events.length);
    this.#events.push(event);
    this.evict();
    return true;
  }

  /** Drops events past the age or count limit. */
  evict(): void {
    const oldestAllowed = this.#now() - this.#limits.maxAgeMs;
    while (this.size > 0) {
      const oldest = this.#events[this.#start] as HubEvent;
      if (this.size <= this.#limits.maxCount && oldest.receivedAt >= oldestAllowed) break;
      this.#seqById.delete(oldest.id);
      this.#coveredSince = Math.max(this.#coveredSince, oldest.receivedAt);
      this.#start += 1;
    }
    // Compact once the dead prefix is large, so memory stays proportional to the window (amortized O(1)).
    if (this.#start > 1024 && this.#start * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#start);
      this.#firstSeq += this.#start;
      this.#start = 0;
    }
  }

  /**
   * The events to replay for a subscriber that last saw `lastEventId`: those that arrived after it when it is in
   * the window. An id this instance never kept (the client was connected to another instance) is resumed from its
   * UUIDv7 time less `skewMs`, at least once — clients de-duplicate by id. An id older than the window is too old.
   */
  resumeAfter(lastEventId: string, skewMs: number): ResumePoint {
    this.evict();
    const seq = this.#seqById.get(lastEventId);
    if (seq !== undefined) return { kind: 'after', events: this.#events.slice(seq - this.#firstSeq + 1) };
    const issuedAt = uuidV7Time(lastEventId);
    if (issuedAt === undefined || issuedAt - skewMs < this.#coveredSince) return { kind: 'too-old' };
    const from = issuedAt - skewMs;
    return { kind: 'after', events: this.#events.slice(this.#start).filter((event) => event.occurredAt.getTime() >= from) };
  }
}

/** The millisecond timestamp of a UUIDv7, or undefined for anything else. */
export function uuidV7Time(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
