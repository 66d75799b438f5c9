// A live feed from the gateway (a subscription over Server-Sent Events) that survives interruptions, and the line
// that tells the user whether what they see is live. The same reconnection rules as the workbench's recent activity:
// a silent gateway or an ended stream is retried by itself (1, 2, 5, 10, 30 s), then a button; each reconnection sends
// the last event id as Last-Event-ID so the gateway replays what was missed within its retention window, and the page
// is told to re-read its data, since a longer gap than the window would otherwise go unnoticed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type TypedDocumentNode } from 'urql';
import { onEnd, onStart, pipe, subscribe } from 'wonka';
import { describeGatewayError, type GatewayProblem } from '../../graphql/graphql.client.ts';

/** Waits before reconnecting by itself; after the last one it stops and offers a button. */
export const LIVE_RECONNECT_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** Where a live feed stands. */
export type LiveStreamState = { status: 'open' } | { status: 'reconnecting' } | { status: 'ended' } | { status: 'failed'; problem: GatewayProblem };

/** What the feed needs besides its document. */
export interface LiveSubscriptionOptions<Data> {
  /** Each event, in order. */
  onEvent: (data: Data) => void;
  /** The stream is open again after an interruption: re-read what the page shows. */
  onResumed?: () => void;
  /** The event id to resume after (Last-Event-ID) from an event. */
  eventIdOf: (data: Data) => string | null | undefined;
  /** Waits between automatic reconnections. */
  reconnectDelaysMs?: readonly number[];
  /** Set false to not subscribe (e.g. while the page has nothing to follow yet). */
  enabled?: boolean;
}

/**
 * Subscribes while mounted (and again when the variables change). urql's useSubscription cannot tell an open stream
 * that has sent nothing yet from one that ended, so the stream's start and end are observed here directly.
 */
export function useLiveSubscription<Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: LiveSubscriptionOptions<Data>,
): { stream: LiveStreamState; reconnect: () => void } {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const [stream, setStream] = useState<LiveStreamState>({ status: 'open' });
  const lastEventId = useRef<string | null>(null);
  const retries = useRef(0);
  const interrupted = useRef(false);
  // The latest callbacks, so a new closure from the page does not reopen the stream.
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });
  const delays = options.reconnectDelaysMs ?? LIVE_RECONNECT_DELAYS_MS;
  const enabled = options.enabled ?? true;
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (!enabled) return undefined;
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const retryOrStop = (stopped: LiveStreamState) => {
      if (disposed) return;
      interrupted.current = true;
      const delay = delays[retries.current];
      if (delay === undefined) {
        setStream(stopped);
        return;
      }
      retries.current += 1;
      setStream({ status: 'reconnecting' });
      timer = setTimeout(() => setAttempt((n) => n + 1), delay);
    };
    const resumeFrom = lastEventId.current;
    const context = { requestPolicy: 'network-only' as const, ...(resumeFrom ? { fetchOptions: { headers: { 'last-event-id': resumeFrom } } } : {}) };
    let failed = false;
    const { unsubscribe } = pipe(
      client.subscription(document, JSON.parse(variablesKey) as Variables, context),
      onStart(() => {
        if (disposed) return;
        setStream({ status: 'open' });
        if (interrupted.current) {
          interrupted.current = false;
          callbacks.current.onResumed?.();
        }
      }),
      onEnd(() => {
        if (!failed) retryOrStop({ status: 'ended' });
      }),
      subscribe((result) => {
        if (disposed) return;
        if (result.error) {
          failed = true;
          const problem = describeGatewayError(result.error);
          // Only a silent gateway is worth retrying by itself; other errors need the user (or a reload).
          if (problem.kind === 'unreachable') retryOrStop({ status: 'failed', problem });
          else {
            interrupted.current = true;
            setStream({ status: 'failed', problem });
          }
          return;
        }
        if (!result.data) return;
        retries.current = 0;
        const id = callbacks.current.eventIdOf(result.data);
        if (id) lastEventId.current = id;
        callbacks.current.onEvent(result.data);
      }),
    );
    return () => {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, document, variablesKey, attempt, delays, enabled]);

  const reconnect = useCallback(() => {
    retries.current = 0;
    setAttempt((n) => n + 1);
  }, []);
  return { stream, reconnect };
}

/** Says whether the page is live, and offers to reconnect once it stopped trying by itself. */
export function LiveStatus({ stream, onReconnect, testId }: { stream: LiveStreamState; onReconnect: () => void; testId?: string }) {
  const { t } = useTranslation();
  let text: string;
  let tone: 'ok' | 'warning' | 'error';
  if (stream.status === 'open') {
    text = t('pollution.live.open');
    tone = 'ok';
  } else if (stream.status === 'reconnecting') {
    text = t('pollution.live.reconnecting');
    tone = 'warning';
  } else {
    const problem = stream.status === 'failed' ? stream.problem : undefined;
    text = problem?.kind === 'server' ? `${t('pollution.live.interrupted')} (${problem.code ?? problem.message})` : t('pollution.live.interrupted');
    tone = 'error';
  }
  return (
    <p className={`service-status service-status-${tone} live-status`}>
      <span className="status-text" data-testid={testId}>
        {text}
      </span>
      {tone === 'error' ? (
        <button type="button" className="button button-small" onClick={onReconnect}>
          {t('pollution.live.reconnect')}
        </button>
      ) : null}
    </p>
  );
}
