import type { MatrixDomain, MatrixRelation, MatrixRole, Operation } from './policy-table.ts';

/** A demo user acting in a cell (null fields for the anonymous caller). */
export interface ProbeCaller {
  role: MatrixRole;
  username: string | null;
  /** The user's province (GB/T 2260), null when anonymous. */
  province: string | null;
  roles: readonly string[];
  token: string | null;
}

/** A GraphQL response as a probe reads it. */
export interface ProbeResponse {
  status: number;
  data: Record<string, unknown> | null | undefined;
  errors: Array<{ message: string; path?: readonly unknown[]; extensions?: Record<string, unknown> }>;
}

/** A subscription a probe keeps open while it acts (to see whether an event it causes is delivered). */
export interface ProbeSubscription {
  status: number;
  /** The next `next` payload within `timeoutMs`; null when none came, 'complete' when the stream ended. */
  next(timeoutMs: number): Promise<ProbeResponse | 'complete' | null>;
  close(): void;
}

/** What a probe may use: the live gateway, and callers for other users (fixtures owned by another province). */
export interface ProbeEnvironment {
  gatewayUrl: string;
  /** Runs one GraphQL operation against the gateway as the given caller. */
  graphql(caller: ProbeCaller, query: string, variables?: Record<string, unknown>): Promise<ProbeResponse>;
  /**
   * Opens a subscription over SSE as the caller and returns the `next` frames' payloads that arrived within
   * `windowMs` (an error payload first means refused); `accepted` tells whether the stream stayed open that long.
   */
  subscribe(caller: ProbeCaller, query: string, windowMs?: number): Promise<{ accepted: boolean; payloads: ProbeResponse[] }>;
  /** Opens a subscription over SSE as the caller and leaves it open; the probe closes it. */
  openSubscription(caller: ProbeCaller, query: string, variables?: Record<string, unknown>): Promise<ProbeSubscription>;
  /** A demo user of a role, in a province when given (records owned by or shared with it are made through them). */
  callerFor(role: MatrixRole, province?: string): Promise<ProbeCaller>;
  /** Base URLs of the services, for direct calls that bypass the gateway. */
  serviceUrls: Readonly<Record<string, string>>;
  /**
   * Runs one statement on a service's own database, where the test environment can reach it. Probes use it only to
   * let time pass for a record they made themselves (an alert "sent" five hours ago, so the service's escalation job
   * finds its deadline passed): what happens next is the services' and the gateway's own work.
   */
  sql?(service: string, statement: string, params?: readonly unknown[]): Promise<void>;
}

/** What a probe saw: allowed, denied, or something that is neither (always a failure). */
export type ProbeOutcome = 'allow' | 'deny' | { unexpected: string };

/**
 * How one (domain, object, operation) is tried. The probe arranges a record whose relation to the caller's province
 * is `relation` (through the owning service, as another user), then acts as the caller and reports what happened.
 */
export interface AccessProbe {
  domain: MatrixDomain;
  object: string;
  operation: Operation;
  run(caller: ProbeCaller, relation: MatrixRelation, env: ProbeEnvironment): Promise<ProbeOutcome>;
  /**
   * Starts slow work the group's cells share (the harness calls it once, before any cell runs, without waiting);
   * `run` awaits it. For an event that takes long to cause, every cell's user subscribes to the same occurrence.
   */
  prepare?(env: ProbeEnvironment): void;
}

const READ_DENIAL_CODES = new Set(['NOT_FOUND', 'UNAUTHENTICATED']);

/**
 * Classifies a read of one field: allowed when `accept` holds for its value; denied when it is null with no error,
 * or null with NOT_FOUND/UNAUTHENTICATED — a denial must look like a missing record, so FORBIDDEN on a read is
 * unexpected, and so is any other error.
 */
export function classifyRead(response: ProbeResponse, field: string, accept: (value: unknown) => boolean): ProbeOutcome {
  const value = response.data?.[field];
  const fieldErrors = response.errors.filter((error) => error.path?.[0] === field || error.path === undefined);
  if (value !== null && value !== undefined) {
    if (fieldErrors.length > 0) return { unexpected: `value and errors: ${JSON.stringify(fieldErrors)}` };
    return accept(value) ? 'allow' : { unexpected: `value not accepted: ${JSON.stringify(value)}` };
  }
  if (fieldErrors.length === 0) return 'deny';
  const codes = fieldErrors.map((error) => String(error.extensions?.code));
  if (codes.every((code) => READ_DENIAL_CODES.has(code))) return 'deny';
  return { unexpected: `errors ${codes.join(', ')}: ${fieldErrors.map((error) => error.message).join('; ')}` };
}

/** Classifies a subscription: allowed when the stream stays open without an error; denied on UNAUTHENTICATED or NOT_FOUND. */
export function classifySubscription(result: { accepted: boolean; payloads: ProbeResponse[] }): ProbeOutcome {
  const first = result.payloads[0];
  if (first && first.errors.length > 0) {
    const codes = first.errors.map((error) => String(error.extensions?.code));
    if (codes.every((code) => READ_DENIAL_CODES.has(code))) return 'deny';
    return { unexpected: `errors ${codes.join(', ')}` };
  }
  return result.accepted ? 'allow' : { unexpected: 'the stream closed without an answer' };
}

/** Classifies a mutation: allowed when `accept` holds; denied on FORBIDDEN, NOT_FOUND or UNAUTHENTICATED. */
export function classifyWrite(response: ProbeResponse, field: string, accept: (value: unknown) => boolean): ProbeOutcome {
  const value = response.data?.[field];
  if (response.errors.length === 0 && value !== null && value !== undefined) return accept(value) ? 'allow' : { unexpected: `value not accepted: ${JSON.stringify(value)}` };
  const codes = response.errors.map((error) => String(error.extensions?.code));
  if (codes.length > 0 && codes.every((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED')) return 'deny';
  return { unexpected: `status ${response.status}, errors ${JSON.stringify(response.errors)}` };
}

/**
 * Reads a whole connection page by page (at most 20 pages of 100) as the actor: allowed when a node passes
 * `isTheRecord`, denied when it never comes or the field is refused like a missing record. Every page's totalCount
 * must be the number of records the actor can page through: a total that counts hidden records leaks them.
 */
export async function probeListedAndCounted(env: ProbeEnvironment, actor: ProbeCaller, query: string, field: string, isTheRecord: (node: Record<string, unknown>) => boolean): Promise<ProbeOutcome> {
  let after: string | null = null;
  let found = false;
  let seen = 0;
  const totals = new Set<number>();
  for (let page = 0; page < 20; page += 1) {
    const response = await env.graphql(actor, query, { after });
    const list = response.data?.[field] as { totalCount: number; edges: Array<{ node: Record<string, unknown> }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null | undefined;
    if (!list) return classifyRead(response, field, () => false);
    if (response.errors.length > 0) return { unexpected: `list with errors: ${JSON.stringify(response.errors)}` };
    totals.add(list.totalCount);
    seen += list.edges.length;
    found ||= list.edges.some((e) => isTheRecord(e.node));
    if (!list.pageInfo.hasNextPage) {
      if (totals.size !== 1 || !totals.has(seen)) return { unexpected: `totalCount ${[...totals].join('/')} but ${seen} records listed: hidden records counted` };
      return found ? 'allow' : 'deny';
    }
    after = list.pageInfo.endCursor;
  }
  return { unexpected: `${field} did not end within 20 pages` };
}

/**
 * Subscribes as the actor and as the national observer (who receives every event), causes one event, waits until
 * the observer has it — the hub fans an event out to every subscriber at once — then looks whether the actor got it.
 */
export async function probeDelivery(
  env: ProbeEnvironment,
  actor: ProbeCaller,
  query: string,
  variables: Record<string, unknown>,
  cause: () => Promise<(payload: ProbeResponse) => boolean>,
): Promise<ProbeOutcome> {
  const observer = await env.callerFor('observer');
  const subscription = await env.openSubscription(actor, query, variables);
  const witness = await env.openSubscription(observer, query, variables);
  try {
    // A refused subscription answers at once with an error; an accepted one may still get an earlier cell's event
    // that was on its way.
    const early = await subscription.next(300);
    if (early === 'complete') return { unexpected: 'the stream closed without an answer' };
    if (early && early.errors.length > 0) {
      const codes = early.errors.map((e) => String(e.extensions?.code));
      return codes.every((code) => code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') ? 'deny' : { unexpected: `refused with ${codes.join(', ')}` };
    }
    const isTheEvent = await cause();
    const deadline = Date.now() + 20_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      const payload = await witness.next(deadline - Date.now());
      if (payload === null || payload === 'complete') break;
      seen = isTheEvent(payload);
    }
    if (!seen) return { unexpected: 'the national observer did not receive the event within 20 s' };
    for (;;) {
      const payload = await subscription.next(300);
      if (payload === null || payload === 'complete') return 'deny';
      if (payload.errors.length > 0) return { unexpected: `errors in a delivered payload: ${JSON.stringify(payload.errors)}` };
      if (isTheEvent(payload)) return 'allow';
    }
  } finally {
    subscription.close();
    witness.close();
  }
}
