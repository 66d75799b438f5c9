import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../schema/gateway-context.ts';

// Yoga's own SSE writer has no `id:` lines, so a browser's Last-Event-ID would never be set. This plugin pairs each
// subscription result with the event that produced it and writes the event id as the SSE id.

const deliveredIds = new WeakMap<object, string[]>();

/** Notes that the event with this id is becoming the next result of the request's subscription (keyed by ctx.events). */
export function noteDeliveredEvent(requestEvents: object, eventId: string): void {
  const ids = deliveredIds.get(requestEvents);
  if (ids) ids.push(eventId);
  else deliveredIds.set(requestEvents, [eventId]);
}

/** Extensions key carrying the SSE id of a subscription result. */
export const EVENT_ID_EXTENSION = 'eventId';

const PING_INTERVAL_MS = 12_000;

function stringify(result: ExecutionResult): string {
  // Yoga's `http` extension (status, headers) is internal: it never reaches the body.
  const { extensions, ...rest } = result;
  let publicExtensions: Record<string, unknown> | undefined;
  if (extensions) {
    const { http: _http, ...others } = extensions as Record<string, unknown>;
    if (Object.keys(others).length > 0) publicExtensions = others;
  }
  const errors = rest.errors?.map((error) => {
    const json = error.toJSON() as { extensions?: Record<string, unknown> };
    if (json.extensions) {
      const { http: _http, ...others } = json.extensions;
      json.extensions = others;
    }
    return json;
  });
  return JSON.stringify({ ...rest, ...(errors ? { errors } : {}), ...(publicExtensions ? { extensions: publicExtensions } : {}) });
}

function sseFrame(result: ExecutionResult): string {
  const eventId = (result.extensions as Record<string, unknown> | undefined)?.[EVENT_ID_EXTENSION];
  // An id must not contain line breaks (it would end the field); event ids are UUIDs, anything else is dropped.
  const idLine = typeof eventId === 'string' && /^[\w-]{1,100}$/.test(eventId) ? `id: ${eventId}\n` : '';
  return `${idLine}event: next\ndata: ${stringify(result)}\n\n`;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function processSse(result: unknown, fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response; TextEncoder: typeof TextEncoder }): Response {
  const encoder = new fetchAPI.TextEncoder();
  let iterator: AsyncIterator<ExecutionResult> | null = null;
  let ping: ReturnType<typeof setInterval> | undefined;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      // Flush the headers at once (some browsers wait for the first bytes), then keep proxies from timing out.
      controller.enqueue(encoder.encode(':\n\n'));
      ping = setInterval(() => {
        if (controller.desiredSize !== null && controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
      }, PING_INTERVAL_MS);
      if (isAsyncIterable(result)) {
        iterator = result[Symbol.asyncIterator]();
      } else {
        let sent = false;
        iterator = {
          next: async () => {
            if (sent) return { done: true, value: undefined };
            sent = true;
            return { done: false, value: result as ExecutionResult };
          },
        };
      }
    },
    async pull(controller) {
      try {
        const next = await (iterator as AsyncIterator<ExecutionResult>).next();
        if (next.value != null) controller.enqueue(encoder.encode(sseFrame(next.value)));
        if (next.done) {
          controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
          clearInterval(ping);
          controller.close();
        }
      } catch (error) {
        clearInterval(ping);
        controller.error(error);
      }
    },
    async cancel() {
      clearInterval(ping);
      await iterator?.return?.();
    },
  });
  return new fetchAPI.Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'content-encoding': 'none', 'x-accel-buffering': 'no' },
  });
}

/** Writes subscription results as SSE with `id:` set to the event id, so reconnects carry Last-Event-ID. */
export function useSseEventIds(): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args }) {
          return {
            onNext({ result, setResult }) {
              const ids = deliveredIds.get((args.contextValue as unknown as GatewayContext).events);
              const eventId = ids?.shift();
              if (eventId) setResult({ ...result, extensions: { ...result.extensions, [EVENT_ID_EXTENSION]: eventId } });
            },
          };
        },
      };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const accept = request.headers.get('accept') ?? '';
      if (accept.includes('text/event-stream') && (isAsyncIterable(result) || !Array.isArray(result))) {
        setResultProcessor((value, fetchAPI) => processSse(value, fetchAPI as never), 'text/event-stream');
      }
    },
  };
}
