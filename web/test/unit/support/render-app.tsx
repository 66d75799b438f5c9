// Renders the real app (providers, router, pages) around a fake auth client and a stubbed fetch.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider as UrqlProvider } from 'urql';
import { vi } from 'vitest';
import { App } from '../../../src/app/app.tsx';
import type { AuthStart } from '../../../src/auth/auth.client.ts';
import { AuthProvider } from '../../../src/auth/auth.context.tsx';
import { createGraphqlClient } from '../../../src/graphql/graphql.client.ts';
import { createI18n, type Language } from '../../../src/i18n/i18n.ts';
import persistedDocuments from '../../../src/generated/gql/persisted-documents.json' with { type: 'json' };
import { createFakeAuth, type FakeAuth } from './fake-auth.ts';

// The hashes of the app's subscriptions (the manifest maps each operation's hash to its text).
const SUBSCRIPTION_HASHES = new Set(Object.entries(persistedDocuments as Record<string, string>).filter(([, text]) => text.startsWith('subscription')).map(([hash]) => hash));

/** The gateway URL the app is given in tests. */
export const TEST_GATEWAY_URL = 'http://gateway.test/graphql';

/** A GraphQL request as the stubbed fetch saw it. */
export interface SeenRequest {
  url: string;
  body: { query?: string; operationName?: string; extensions?: { persistedQuery?: { sha256Hash: string; miss?: boolean } } };
  authorization: string | null;
  lastEventId: string | null;
}

/** Answers a request: a JSON body (status 200 unless given), a whole Response, or an Error to reject with. */
export type Responder = (request: SeenRequest, signal: AbortSignal | undefined) => { status?: number; body: unknown } | Response | Error;

/** A Server-Sent Events answer as graphql-yoga sends it: `next` events, then `complete` unless kept open. */
export function sseResponse(payloads: unknown[], options: { keepOpen?: boolean; signal?: AbortSignal } = {}): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      payloads.forEach((payload, index) => controller.enqueue(encoder.encode(`id: e${index}\nevent: next\ndata: ${JSON.stringify(payload)}\n\n`)));
      if (!options.keepOpen) {
        controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
        controller.close();
        return;
      }
      options.signal?.addEventListener('abort', () => {
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      });
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

/** The workbench's live subscription, answered by default with an open stream that sends nothing. */
const idleSubscription: Responder = (_request, signal) => sseResponse([], { keepOpen: true, ...(signal ? { signal } : {}) });

/** The workbench's pollution to-do, answered by default with nothing to do. */
export const EMPTY_TODO = { body: { data: { awaitingMine: { totalCount: 0, edges: [] }, openCases: { totalCount: 0, edges: [] } } } };
const emptyTodo: Responder = () => EMPTY_TODO;

/**
 * Stubs fetch with a responder (subscriptions: `subscriptions`, by default an idle open stream; the workbench's
 * pollution to-do: `todo`, by default empty); returns the requests seen.
 */
export function stubGateway(responder: Responder, subscriptions: Responder = idleSubscription, todo: Responder = emptyTodo): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request: SeenRequest = {
        url: String(input),
        body: JSON.parse(String(init?.body ?? '{}')) as SeenRequest['body'],
        authorization: new Headers(init?.headers).get('authorization'),
        lastEventId: new Headers(init?.headers).get('last-event-id'),
      };
      seen.push(request);
      const signal = init?.signal ?? undefined;
      const operation = request.body.operationName;
      const answer = operation === 'RecordEvents' ? subscriptions(request, signal) : operation === 'WorkbenchPollutionTodo' ? todo(request, signal) : responder(request, signal);
      if (answer instanceof Error) throw answer;
      if (answer instanceof Response) return answer;
      // A subscription the responder answers with plain JSON data (one the test does not follow) stays idle, as a
      // gateway with nothing to send: that data would not be the subscription's event. A refusal (errors) stands.
      const refused = typeof answer.body === 'object' && answer.body !== null && 'errors' in answer.body;
      if (!refused && SUBSCRIPTION_HASHES.has(request.body.extensions?.persistedQuery?.sha256Hash ?? '')) return idleSubscription(request, signal) as Response;
      return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return seen;
}

/** Renders the app at a path with the given sign-in outcome. */
export function renderApp(start: AuthStart, options: { path?: string; language?: Language } = {}): { auth: FakeAuth; i18n: ReturnType<typeof createI18n> } {
  window.history.replaceState(null, '', options.path ?? '/');
  const auth = createFakeAuth(start);
  const i18n = createI18n(options.language ?? 'zh-CN');
  render(
    <I18nextProvider i18n={i18n}>
      <AuthProvider client={auth}>
        <App gatewayUrl={TEST_GATEWAY_URL} />
      </AuthProvider>
    </I18nextProvider>,
  );
  return { auth, i18n };
}

/** Renders a piece of the app with the languages and a GraphQL client (token 'test-token'), without the shell. */
export function renderWithClient(ui: ReactNode, language: Language = 'zh-CN'): void {
  const client = createGraphqlClient({ url: TEST_GATEWAY_URL, accessToken: async () => 'test-token' });
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <UrqlProvider value={client}>{ui}</UrqlProvider>
    </I18nextProvider>,
  );
}

/** A gateway answer for `health`. */
export const HEALTH_OK = { body: { data: { health: { status: 'OK', liveUpdates: true } } } };
