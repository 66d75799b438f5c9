import type { Client } from '@connectrpc/connect';
import { PollutionService } from '@xietong/proto';
import { ERROR_CODES, GatewayError, validationFailed } from '../../../errors/gateway-errors.ts';
import { DomainError, type FieldProblem } from '../../../kit.ts';
import { callService, serviceClientFor } from '../../../services/service-client.ts';
import { decodeGatewayGlobalId } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';

/** The name of the pollution service in GATEWAY_SERVICE_URLS. */
export const POLLUTION_SERVICE = 'pollution';

/** The pollution service's Connect client. */
export type PollutionClient = Client<typeof PollutionService>;

/** The pollution service's client for this request's user (their token, correlation id and trace). */
export function pollutionClient(ctx: GatewayContext): PollutionClient {
  const baseUrl = ctx.platform.serviceUrls[POLLUTION_SERVICE];
  if (!baseUrl) throw new GatewayError(ERROR_CODES.SERVICE_UNAVAILABLE, 'The pollution service is not configured on this gateway; try again later.');
  return serviceClientFor(ctx, PollutionService, { baseUrl });
}

/** A read from the pollution service: a refused or missing record is NOT_FOUND. */
export async function readPollution<T>(ctx: GatewayContext, call: (client: PollutionClient, options: { signal: AbortSignal }) => Promise<T>): Promise<T> {
  return (await callService(ctx, 'read', (options) => call(pollutionClient(ctx), options))) as T;
}

/** A read that answers null for a missing or refused record (node-style). */
export async function readPollutionOrNull<T>(ctx: GatewayContext, call: (client: PollutionClient, options: { signal: AbortSignal }) => Promise<T>): Promise<T | null> {
  return callService(ctx, 'read', (options) => call(pollutionClient(ctx), options), true);
}

/**
 * A write to the pollution service. The service names invalid fields as its request does (`headline`,
 * `readings[3].value`, `lines[7].unit`); they are renamed to the GraphQL input's paths under `inputPath`
 * (`input.headline`, `input.readings[3].value`, `input.csv.lines[7].unit`) so a form can put each reason next to its
 * field. A refused write stays FORBIDDEN, a missing (or unreadable) record NOT_FOUND, domain conflicts keep their code.
 */
export async function writePollution<T>(
  ctx: GatewayContext,
  input: { path: string; rename?: Readonly<Record<string, string>> },
  call: (client: PollutionClient, options: { signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  const inputPath = input.path;
  try {
    return (await callService(ctx, 'write', (options) => call(pollutionClient(ctx), options))) as T;
  } catch (error) {
    if (error instanceof DomainError && error.code === ERROR_CODES.VALIDATION_FAILED) {
      const problems = error.problems.map((problem) => ({ field: graphqlFieldPath(problem.field, inputPath, input.rename), reason: problem.reason }));
      throw new GatewayError(ERROR_CODES.VALIDATION_FAILED, error.message, { problems: problems.length > 0 ? problems : [{ field: inputPath, reason: error.message }] });
    }
    throw error;
  }
}

// Request fields that the GraphQL inputs name differently: sections and agreements are referred to by their codes.
const RENAMED_SEGMENTS: Readonly<Record<string, string>> = { sectionId: 'sectionCode', agreementId: 'agreementCode' };

/**
 * A service field name (snake or camel case, dotted, with [n] indexes) as a path in the GraphQL input; `rename`
 * maps a first segment the input nests or names differently (e.g. `filename` → `document.filename`).
 */
export function graphqlFieldPath(field: string, inputPath: string, rename: Readonly<Record<string, string>> = {}): string {
  if (field.trim() === '') return inputPath;
  const path = field
    .split('.')
    .map((segment, index) => {
      const match = /^([A-Za-z0-9_]+)((?:\[\d+\])*)$/.exec(segment);
      if (!match?.[1]) return segment;
      const camel = match[1].replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
      const renamed = (index === 0 ? rename[camel] : undefined) ?? RENAMED_SEGMENTS[camel] ?? camel;
      return `${renamed}${match[2] ?? ''}`;
    })
    .join('.');
  return `${inputPath}.${path}`;
}

/** The typenames whose global ids the pollution inputs take. */
export type PollutionNodeType = 'PollutionAlert' | 'PollutionCase' | 'CompensationAssessment';

/** The service's id behind a global id of the expected type; anything else is invalid input naming the field. */
export function serviceIdOf(globalId: string, expected: PollutionNodeType, field: string): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGatewayGlobalId(globalId);
  } catch {
    throw validationFailed([{ field, reason: `is not the id of a ${expected}` }]);
  }
  if (decoded.typename !== expected) throw validationFailed([{ field, reason: `is not the id of a ${expected}` }]);
  return decoded.id;
}

/** Collects field problems the gateway finds itself, thrown together as one VALIDATION_FAILED. */
export class InputProblems {
  readonly #problems: FieldProblem[] = [];

  /** Records a problem. */
  add(field: string, reason: string): void {
    this.#problems.push({ field, reason });
  }

  /** Throws VALIDATION_FAILED listing every problem, if there are any. */
  throwIfAny(): void {
    if (this.#problems.length > 0) throw validationFailed(this.#problems);
  }
}

// Per-request memos of whole-list reads (reference data): keyed by the request's events object, which yoga keeps
// the same for the whole operation (the context object itself is copied).
const memosByRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

/** One call per request for `key`, shared by every resolver that needs it. */
export function memoized<T>(ctx: GatewayContext, key: string, load: () => Promise<T>): Promise<T> {
  let memos = memosByRequest.get(ctx.events);
  if (!memos) {
    memos = new Map();
    memosByRequest.set(ctx.events, memos);
  }
  let value = memos.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    // A failed load is not kept: a later resolver in a long-lived subscription may try again.
    value.catch(() => memos.delete(key));
    memos.set(key, value);
  }
  return value;
}
