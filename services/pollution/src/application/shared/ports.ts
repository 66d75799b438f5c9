import type { Actor, PollutionEvent } from '../../domain/index.ts';

// What every use case shares: who calls, the unit of work its writes run in, and the two things every write does
// besides changing state — publishing events (through the outbox) and appending to the audit chain. Each use case
// declares the narrower repository interface it needs next to its handler.

/** A signed-in user as the use cases see one: the domain's Actor plus the agency, which events record. */
export interface Caller extends Actor {
  /** The agency the user works for. */
  readonly agency: string;
  /** The request's correlation id; events and the audit row carry it. */
  readonly correlationId?: string;
}

/** A platform job acting on its own account (the escalation job, demo seeding). */
export interface SystemCaller {
  /** Always `system`. */
  readonly kind: 'system';
  /** The job's name, recorded as the actor's subject. */
  readonly subject: string;
}

/** Who a unit of work acts for. */
export type WorkActor = Caller | SystemCaller;

/** Whether a work actor is a platform job. */
export function isSystemCaller(actor: WorkActor): actor is SystemCaller {
  return 'kind' in actor && actor.kind === 'system';
}

/** Puts domain events in the outbox of the current transaction, as envelopes on the pollution topics. */
export interface EventSink {
  /** Appends the events; they are published only if the transaction commits. */
  append(events: readonly PollutionEvent[]): Promise<void>;
}

/** One audited act. */
export interface AuditRecord {
  /** What, as a kebab-case verb phrase: `issue-alert`, `ingest-readings`, `run-assessment`. */
  readonly action: string;
  /** The record's type: `alert`, `case`, `reading-batch`, `assessment`. */
  readonly recordType: string;
  /** The record's id. */
  readonly recordId: string;
  /** Ids, digests and reasons; never personal data. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Appends to the tamper-evident audit chain inside the current transaction. */
export interface AuditTrail {
  /** Appends one entry for the unit of work's actor. */
  record(entry: AuditRecord): Promise<void>;
}

/** Runs work in one database transaction whose ports (repositories, events, audit) act for `actor`. */
export type UnitOfWork<Ports> = <T>(actor: WorkActor, work: (ports: Ports) => Promise<T>) => Promise<T>;

/** Makes ids for new records (UUIDv7: time-ordered). */
export interface IdGenerator {
  /** A new id. */
  newId(): string;
}

/** A page of a list: the items, how many match over every page, and the token of the next page. */
export interface Page<T> {
  /** This page's items. */
  readonly items: readonly T[];
  /** Matching records over every page (hidden records are never counted). */
  readonly total: number;
  /** Offset of the next page, or undefined on the last page. */
  readonly nextOffset?: number;
}

/** A page request. */
export interface PageRequest {
  /** Items to skip. */
  readonly offset: number;
  /** Items to return. */
  readonly limit: number;
}
