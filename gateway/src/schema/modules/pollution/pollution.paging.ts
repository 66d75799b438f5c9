import { validationFailed } from '../../../errors/gateway-errors.ts';
import { filterReadable, type GatewayBuilder } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';

// Relay connections over the service's forward-only pages. The service's page tokens are opaque, so a cursor names a
// position as (the token of the page it is on, the index within that page): `after` fetches that page again with
// room for the skipped items and the ones asked for. The last item of a page that has a next page gets the next
// page's token with index -1 instead, so indexes never grow past one service page.

/** Most records one connection page may ask for. */
export const MAX_FIRST = 100;
/** Records per connection page when `first` is not given. */
export const DEFAULT_FIRST = 20;
/** The service's largest page. */
const MAX_SERVICE_PAGE = 200;

interface Position {
  t: string;
  i: number;
}

function encodeCursor(position: Position): string {
  return `c1.${Buffer.from(JSON.stringify([position.t, position.i]), 'utf8').toString('base64url')}`;
}

function decodeCursor(cursor: string): Position {
  try {
    if (!cursor.startsWith('c1.') || cursor.length > 2000) throw new Error('not ours');
    const [t, i] = JSON.parse(Buffer.from(cursor.slice(3), 'base64url').toString('utf8')) as unknown[];
    if (typeof t !== 'string' || typeof i !== 'number' || !Number.isInteger(i) || i < -1 || i >= MAX_SERVICE_PAGE) throw new Error('not ours');
    return { t, i };
  } catch {
    throw validationFailed([{ field: 'after', reason: 'is not a cursor this list gave out' }]);
  }
}

/** The connection arguments Pothos passes. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One service page. */
export interface ServicePage<T> {
  items: readonly T[];
  /** Matching records over every page, as the service counts them (hidden records never counted). */
  totalCount: number;
  nextPageToken: string;
}

/** A connection as Pothos resolves it, with the total. */
export interface CountedConnection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * Pages through a service list: checks the arguments (forward paging only, 1–100 records), fetches the page the
 * cursor points into, and keeps only records the principal may read as `typename` (the service filtered already;
 * this is the gateway's own check, before anything is returned).
 */
export async function pageFromService<T>(
  builder: GatewayBuilder,
  typename: string,
  ctx: GatewayContext,
  args: ConnectionArgs,
  fetch: (pageToken: string, pageSize: number) => Promise<ServicePage<T>>,
): Promise<CountedConnection<T>> {
  if (args.last !== null && args.last !== undefined) throw validationFailed([{ field: 'last', reason: 'backward paging is not supported; page forward with first and after' }]);
  if (args.before !== null && args.before !== undefined) throw validationFailed([{ field: 'before', reason: 'backward paging is not supported; page forward with first and after' }]);
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw validationFailed([{ field: 'first', reason: `must be between 1 and ${MAX_FIRST}` }]);
  const position = args.after ? decodeCursor(args.after) : { t: '', i: -1 };
  const skip = position.i + 1;
  const page = await fetch(position.t, Math.min(skip + first, MAX_SERVICE_PAGE));
  const taken = page.items.slice(skip, skip + first).map((node, k) => {
    const index = skip + k;
    const atPageEnd = page.nextPageToken !== '' && index === page.items.length - 1;
    return { node, cursor: encodeCursor(atPageEnd ? { t: page.nextPageToken, i: -1 } : { t: position.t, i: index }) };
  });
  const readable = new Set(await filterReadable(builder, typename, taken.map((edge) => edge.node), ctx));
  const edges = taken.filter((edge) => readable.has(edge.node));
  const hasNextPage = skip + first < page.items.length || page.nextPageToken !== '';
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: skip > 0 || position.t !== '',
      startCursor: edges[0]?.cursor ?? null,
      // The last record fetched, readable or not, so that paging goes on after a page the gateway emptied.
      endCursor: taken.at(-1)?.cursor ?? (args.after ?? null),
    },
    totalCount: page.totalCount,
  };
}
