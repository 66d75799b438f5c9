// The GraphQL client: urql (small, with subscriptions over the gateway's Server-Sent Events through its fetch
// transport), a bearer token fresh from the auth client on every request, and persisted operations.
import { Client, cacheExchange, fetchExchange, makeOperation, type CombinedError, type Exchange, type Operation } from '@urql/core';
import { filter, makeSubject, map, merge, pipe } from 'wonka';
import { SessionEndedError } from '../auth/auth.client.ts';

/** Longest a request may wait for the gateway before the page says it cannot be reached. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** What the client needs to know. */
export interface GraphqlClientOptions {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** A valid access token, or null when nobody is signed in (anonymous operations such as health). */
  accessToken: () => Promise<string | null>;
  /** The fetch to use (tests pass their own). */
  fetch?: typeof fetch;
}

/** Creates the app's urql client. */
export function createGraphqlClient(options: GraphqlClientOptions): Client {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return new Client({
    url: options.url,
    exchanges: [cacheExchange, persistedOperationsExchange, fetchExchange],
    // Subscriptions go over the same fetch transport; the gateway answers them as Server-Sent Events.
    fetchSubscriptions: true,
    preferGetMethod: false,
    fetch: async (input, init) => {
      const token = await options.accessToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      return baseFetch(input, { ...init, headers, signal });
    },
  });
}

interface PersistedQueryExtension {
  version: 1;
  sha256Hash: string;
  /** Set when the gateway did not know the hash: the retry sends the document itself. */
  miss?: boolean;
}

/** The hash the client preset put on a generated document (`__meta__.hash`), if any. */
export function persistedHashOf(query: unknown): string | undefined {
  const hash = (query as { __meta__?: { hash?: unknown } } | null)?.__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

function persistedQueryOf(operation: Operation): PersistedQueryExtension | undefined {
  return (operation.extensions as { persistedQuery?: PersistedQueryExtension } | undefined)?.persistedQuery;
}

function withPersistedQuery(operation: Operation, persistedQuery: PersistedQueryExtension): Operation {
  return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery } }, operation.context);
}

/** Whether the gateway answered that it does not know the operation's hash (its code, or graphql-yoga's defaults). */
export function isPersistedMiss(error: CombinedError | undefined): boolean {
  return (error?.graphQLErrors ?? []).some((e) => {
    const code = e.extensions?.code;
    return code === 'PERSISTED_OPERATION_NOT_FOUND' || code === 'PERSISTED_QUERY_NOT_IN_LIST' || code === 'PERSISTED_QUERY_NOT_FOUND' || e.message === 'PersistedQueryNotFound';
  });
}

/**
 * Sends generated operations by their hash only (`extensions.persistedQuery.sha256Hash`), the form the production
 * gateway accepts. When the gateway does not know a hash — a development gateway started without the manifest, or
 * an operation edited since it started — the operation is sent once more with its document, which a development
 * gateway runs and a production one refuses with a readable error. urql's own persisted exchange does this only for
 * Apollo's error code; the gateway answers with its own stable code.
 */
export const persistedOperationsExchange: Exchange = ({ forward }) => {
  return (operations$) => {
    // The retry goes straight down the chain: re-dispatching through the client would be dropped as a duplicate of
    // an operation still waiting for its first result.
    const retries = makeSubject<Operation>();
    const prepared$ = pipe(
      operations$,
      map((operation) => {
        if (operation.kind === 'teardown' || persistedQueryOf(operation)?.miss) return operation;
        const hash = persistedHashOf(operation.query);
        return hash ? withPersistedQuery(operation, { version: 1, sha256Hash: hash }) : operation;
      }),
    );
    return pipe(
      forward(merge([prepared$, retries.source])),
      filter((result) => {
        const persisted = persistedQueryOf(result.operation);
        if (!persisted || persisted.miss || !isPersistedMiss(result.error)) return true;
        retries.next(withPersistedQuery(result.operation, { ...persisted, miss: true }));
        return false;
      }),
    );
  };
};

/** A failed gateway call, as the pages explain it. */
export type GatewayProblem =
  | { kind: 'unreachable' }
  | { kind: 'session-ended' }
  | { kind: 'server'; code: string | undefined; message: string };

/** A field the gateway refused, by its input path (`input.parties[1].shareBasisPoints`), and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** The field problems of a VALIDATION_FAILED answer, or null for any other error. */
export function validationProblemsOf(error: CombinedError): FieldProblem[] | null {
  const first = error.graphQLErrors[0];
  if (first?.extensions?.code !== 'VALIDATION_FAILED') return null;
  const problems = Array.isArray(first.extensions.problems) ? (first.extensions.problems as Array<{ field?: unknown; reason?: unknown }>) : [];
  return problems.map((problem) => ({ field: typeof problem.field === 'string' ? problem.field : '', reason: typeof problem.reason === 'string' ? problem.reason : '' }));
}

/** Classifies an urql error for the error views. */
export function describeGatewayError(error: CombinedError): GatewayProblem {
  if (error.networkError instanceof SessionEndedError) return { kind: 'session-ended' };
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    if (code === 'UNAUTHENTICATED') return { kind: 'session-ended' };
    return { kind: 'server', code, message: first.message };
  }
  const response = error.response as Response | undefined;
  // A proxy's 502/503/504 means the gateway behind it is not answering: the same as no answer.
  if (response && typeof response.status === 'number' && response.status >= 500 && ![502, 503, 504].includes(response.status)) {
    return { kind: 'server', code: `HTTP_${response.status}`, message: response.statusText || `HTTP ${response.status}` };
  }
  // fetch rejects (TypeError) when nothing answers, and aborts on our timeout.
  return { kind: 'unreachable' };
}
