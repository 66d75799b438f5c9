// A minimal SSE reader over fetch (what a browser client such as graphql-sse or fetch-event-source does): it sends
// the bearer token and Last-Event-ID headers and parses frames as they arrive.

/** One SSE frame. */
export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

/** An open subscription stream. */
export interface SseStream {
  status: number;
  /** The next frame within `timeoutMs`, or null when none came. */
  next(timeoutMs?: number): Promise<SseFrame | null>;
  /** Frames of type `next` until `count` arrived or `timeoutMs` passed with none. */
  take(count: number, timeoutMs?: number): Promise<SseFrame[]>;
  close(): void;
}

/** Opens a GraphQL subscription over SSE. */
export async function openSse(url: string, query: string, options: { token?: string; lastEventId?: string; variables?: Record<string, unknown> } = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    signal: controller.signal,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const frames: SseFrame[] = [];
  let waiting = null as (() => void) | null;
  let ended = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const frame: SseFrame = { id: null, event: 'message', data: '' };
          let meaningful = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            meaningful = true;
            if (field === 'id') frame.id = fieldValue;
            else if (field === 'event') frame.event = fieldValue;
            else if (field === 'data') frame.data += fieldValue;
          }
          if (meaningful) frames.push(frame);
          boundary = buffer.indexOf('\n\n');
        }
        waiting?.();
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      waiting?.();
    }
  })();
  const next = async (timeoutMs = 2_000): Promise<SseFrame | null> => {
    const deadline = Date.now() + timeoutMs;
    while (frames.length === 0 && !ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, Math.max(1, deadline - Date.now()));
      });
      waiting = null;
    }
    return frames.shift() ?? null;
  };
  return {
    status: response.status,
    next,
    async take(count, timeoutMs = 2_000) {
      const taken: SseFrame[] = [];
      while (taken.length < count) {
        const frame = await next(timeoutMs);
        if (!frame) break;
        if (frame.event === 'next') taken.push(frame);
      }
      return taken;
    },
    close: () => controller.abort(),
  };
}
