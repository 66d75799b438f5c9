// Recent activity: changes to records the user may read, live from the gateway (recordEvents over Server-Sent
// Events). The gateway decides what each user receives; this only lists what arrives while the page is open.
import { useEffect, useState } from 'react';
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

/** Where the live stream stands. */
type StreamState = { status: 'open' } | { status: 'ended' } | { status: 'failed'; problem: GatewayProblem };

/**
 * Subscribes to recordEvents while mounted; `reconnect` opens a new stream. urql's useSubscription cannot tell an
 * open stream that has sent nothing yet from one that ended, so the stream's end is observed here directly.
 */
function useRecordEvents(): { events: RecordEvent[]; stream: StreamState; reconnect: () => void } {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const [events, setEvents] = useState<RecordEvent[]>([]);
  const [stream, setStream] = useState<StreamState>({ status: 'open' });
  useEffect(() => {
    const { unsubscribe } = pipe(
      client.subscription(RecordEventsDocument, {}, { requestPolicy: 'network-only' }),
      onStart(() => setStream({ status: 'open' })),
      onEnd(() => setStream((current) => (current.status === 'failed' ? current : { status: 'ended' }))),
      subscribe((result) => {
        if (result.error) {
          const problem = describeGatewayError(result.error);
          setStream({ status: 'failed', problem });
          return;
        }
        const event = result.data?.recordEvents;
        if (event) setEvents((previous) => [event, ...previous.filter((e) => e.id !== event.id)].slice(0, RECENT_ACTIVITY_LIMIT));
      }),
    );
    return unsubscribe;
  }, [client, attempt]);
  return { events, stream, reconnect: () => setAttempt((n) => n + 1) };
}

/** The live list of the workbench. */
export function RecentActivity() {
  const { t } = useTranslation();
  const { events, stream, reconnect } = useRecordEvents();
  let status: string;
  let tone: 'ok' | 'error';
  if (stream.status === 'failed') {
    const { problem } = stream;
    status = problem.kind === 'server' ? `${t('activity.interrupted')} (${problem.code ?? problem.message})` : t('activity.interrupted');
    tone = 'error';
  } else if (stream.status === 'open') {
    status = t('activity.live');
    tone = 'ok';
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
