// Every reading of one parameter at a section in a period: the gateway pages forward 100 at a time (oldest first),
// so the pages are read one after another, up to a bound that keeps a year of daily readings plus an incident's
// hourly monitoring whole while never reading without end.
import { useCallback, useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { MonitoringSectionReadingsDocument, type MonitoringSectionReadingsQuery, type WaterClass } from '../../generated/gql/graphql.ts';

/** Readings per page (the gateway's maximum). */
export const READINGS_PAGE_SIZE = 100;
/** Pages read at most; beyond them the page says the list is cut short. */
export const READINGS_MAX_PAGES = 20;

/** A reading as the section page shows it. */
export interface SectionReading {
  sampledAt: string;
  valueMgL: string;
  waterClass: WaterClass | null;
  exceedsTarget: boolean;
  batchId: string;
}

/** Where the reading stands. */
export type SectionReadingsState =
  | { status: 'loading'; count: number }
  | { status: 'error'; error: CombinedError }
  | { status: 'hidden' }
  | { status: 'done'; readings: SectionReading[]; truncated: boolean };

/**
 * Reads the readings of `parameter` at `code` from `from` on (null: nothing to read yet). A new `refreshKey` (a live
 * upload) reads them again while the readings already shown stay on screen.
 */
export function useSectionReadings(code: string, parameter: string | null, from: string, refreshKey = 0): { state: SectionReadingsState; retry: () => void } {
  const client = useClient();
  const key = `${code}\u0000${parameter ?? ''}\u0000${from}`;
  // The state remembers which request it answers: on the render where the parameter or period changes, the
  // previous parameter's readings must not be drawn under the new parameter's name before the effect runs.
  const [answer, setAnswer] = useState<{ key: string; state: SectionReadingsState }>({ key, state: { status: 'loading', count: 0 } });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!parameter) return undefined;
    let cancelled = false;
    const setState = (state: SectionReadingsState) => setAnswer({ key, state });
    // Keep what is shown while a refresh reads in the background; a new parameter or period starts from loading.
    let quiet = answer.key === key && answer.state.status === 'done';
    const show = (state: SectionReadingsState) => {
      if (quiet && state.status === 'loading') return;
      quiet = false;
      setState(state);
    };
    const run = async () => {
      show({ status: 'loading', count: 0 });
      const readings: SectionReading[] = [];
      let after: string | null = null;
      for (let page = 0; page < READINGS_MAX_PAGES; page += 1) {
        const result: { data?: MonitoringSectionReadingsQuery | undefined; error?: CombinedError | undefined } = await client
          .query(MonitoringSectionReadingsDocument, { code, parameter, from, to: null, first: READINGS_PAGE_SIZE, after }, { requestPolicy: 'network-only' })
          .toPromise();
        if (cancelled) return;
        if (result.error) {
          setState({ status: 'error', error: result.error });
          return;
        }
        const connection = result.data?.pollutionSection?.readings;
        if (!connection) {
          setState({ status: 'hidden' });
          return;
        }
        readings.push(...connection.edges.map((edge) => edge.node));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) {
          setState({ status: 'done', readings, truncated: false });
          return;
        }
        after = connection.pageInfo.endCursor;
        show({ status: 'loading', count: readings.length });
      }
      setState({ status: 'done', readings, truncated: true });
    };
    void run();
    return () => {
      cancelled = true;
    };
    // `answer` is read once when a read starts (is something shown already?), not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, code, parameter, from, attempt, refreshKey]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: SectionReadingsState = answer.key === key ? answer.state : { status: 'loading', count: 0 };
  return { state, retry };
}
