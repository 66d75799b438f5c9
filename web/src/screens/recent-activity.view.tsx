// Recent activity: changes to records the user may read, live from the gateway (recordEvents over Server-Sent
// Events). The gateway decides what each user receives; this only lists what arrives while the page is open.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { onEnd, onStart, pipe, subscribe } from 'wonka';
import { EmptyState } from '../components/status.views.tsx';
import { RecordEventsDocument, type RecordEventsSubscription } from '../generated/gql/graphql.ts';
import { describeGatewayError, type GatewayProblem } from '../graphql/graphql.client.ts';
import { provinceName } from '../reference/provinces.ts';

/** How many events the list keeps (newest first). */
export const RECENT_ACTIVITY_LIMIT = 20;

type RecordEvent = RecordEventsSubscription['recordEvents'];

/** Waits before reconnecting by itself after the stream ended or the gateway did not answer; then it stops. */
export const RECONNECT_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** Where the live stream stands. */
type StreamState = { status: 'open' } | { status: 'reconnecting' } | { status: 'ended' } | { status: 'failed'; problem: GatewayProblem };

/**
 * Subscribes to recordEvents while mounted. When the stream ends or the gateway does not answer it reconnects by
 * itself a few times, then offers a button; every reconnection sends the last event's id as Last-Event-ID, so the
 * gateway delivers what was missed meanwhile (within its retention window). urql's useSubscription cannot tell an
 * open stream that has sent nothing yet from one that ended, so the stream's end is observed here directly.
 */
function useRecordEvents(delays: readonly number[]): { events: RecordEvent[]; stream: StreamState; reconnect: () => void } {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const [events, setEvents] = useState<RecordEvent[]>([]);
  const [stream, setStream] = useState<StreamState>({ status: 'open' });
  const lastEventId = useRef<string | null>(null);
  const retries = useRef(0);

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const retryOrStop = (stopped: StreamState) => {
      if (disposed) return;
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
      client.subscription(RecordEventsDocument, {}, context),
      onStart(() => {
        if (!disposed) setStream({ status: 'open' });
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
          else setStream({ status: 'failed', problem });
          return;
        }
        const event = result.data?.recordEvents;
        if (!event) return;
        retries.current = 0;
        lastEventId.current = event.id;
        setEvents((previous) => [event, ...previous.filter((e) => e.id !== event.id)].slice(0, RECENT_ACTIVITY_LIMIT));
      }),
    );
    return () => {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, attempt, delays]);

  const reconnect = useCallback(() => {
    retries.current = 0;
    setAttempt((n) => n + 1);
  }, []);
  return { events, stream, reconnect };
}

/** The live list of the workbench. */
export function RecentActivity({ reconnectDelaysMs = RECONNECT_DELAYS_MS }: { reconnectDelaysMs?: readonly number[] }) {
  const { t } = useTranslation();
  const { events, stream, reconnect } = useRecordEvents(reconnectDelaysMs);
  let status: string;
  let tone: 'ok' | 'warning' | 'error';
  if (stream.status === 'failed') {
    const { problem } = stream;
    status = problem.kind === 'server' ? `${t('activity.interrupted')} (${problem.code ?? problem.message})` : t('activity.interrupted');
    tone = 'error';
  } else if (stream.status === 'open') {
    status = t('activity.live');
    tone = 'ok';
  } else if (stream.status === 'reconnecting') {
    status = t('activity.reconnecting');
    tone = 'warning';
  } else {
    status = t('activity.interrupted');
    tone = 'error';
  }
  return (
    <section aria-labelledby="activity-title" className="panel">
      <h2 id="activity-title">{t('activity.title')}</h2>
      <p className={`service-status service-status-${tone}`}>
        <span className="status-text" data-testid="activity-status">{status}</span>
        {tone === 'error' ? (
          <button type="button" className="button button-small" onClick={reconnect}>
            {t('activity.reconnect')}
          </button>
        ) : null}
      </p>
      {events.length === 0 ? (
        <EmptyState>
          <p>{t('activity.empty')}</p>
        </EmptyState>
      ) : (
        // Announced politely as events arrive, without moving focus.
        <ol className="activity-list" aria-live="polite">
          {events.map((event) => (
            <ActivityItem key={event.id} event={event} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ActivityItem({ event }: { event: RecordEvent }) {
  const { t, i18n } = useTranslation();
  const when = new Date(event.occurredAt);
  // Officials everywhere in China work on Beijing time.
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(when);
  const shortType = event.type.split('.').at(-1) ?? event.type;
  const typeKey = `eventType.${event.type.replaceAll('.', '_')}`;
  const name = i18n.exists(typeKey) ? t(typeKey as 'activity.title') : shortType;
  return (
    <li data-event-id={event.id}>
      <time dateTime={event.occurredAt}>{time}</time>
      <span className="activity-domain">{t(`domain.${event.domain}`)}</span>
      <span className="activity-name">{name}</span>
      <span className="muted">
        {t('activity.from', { province: provinceName(event.originProvince, i18n.language) })} · {t('activity.record', { id: event.aggregateId })}
      </span>
    </li>
  );
}
