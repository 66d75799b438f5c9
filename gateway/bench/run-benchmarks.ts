// Gateway benchmarks on loopback, printed as `name: value unit` lines (run by the root `npm run bench`):
// 1. an authorized query through the gateway vs the same operation on a bare graphql-yoga server (target ≥ 0.5×);
// 2. a province-filtered list with JWT verification and scope checks on vs off (target ≥ 0.9×).
// Each load run is bounded (autocannon, fixed duration and connections); everything started here is stopped.
// The package script sets NODE_ENV=production, as deployed (graphql-js drops its development-only checks).
//
// The machine is shared, so one long run per side would let a burst of load elsewhere land on one side only. Each
// comparison is instead measured in rounds: every round warms both sides briefly, then loads them one after the other,
// alternating which goes first (A/B, B/A, …); the ratio is taken within each round and the median over rounds is
// reported, with the median req/s and p99 of each side. The load generator runs in a worker thread, so it does not
// share the servers' event loop (which would hide part of the servers' own cost).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { DEMO_PASSWORD, GATEWAY_CLIENT_ID, passwordGrant, startIdentityProvider } from '@xietong/identity';
import autocannon from 'autocannon';
import { createSchema, createYoga } from 'graphql-yoga';
import { createTokenVerifier, type Principal, type TokenVerifier } from '../src/kit.ts';
import { buildGatewaySchema, GATEWAY_MODULES } from '../src/schema/build-schema.ts';
import { filterReadable } from '../src/schema/builder.ts';
import type { GatewayModule } from '../src/schema/gateway-module.ts';
import { createGateway, type Gateway } from '../src/server/gateway.server.ts';
import { createMemoryEventSource } from '../src/subscriptions/event-source.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONNECTIONS = 10;
const ME_QUERY = '{ me { username province agency roles } }';
const LIST_QUERY = '{ benchRecords(first: 20) { edges { node { title parties } } } }';

interface Record_ {
  id: string;
  title: string;
  parties: string[];
}
// 40 records, half with Henan among the parties: the filter keeps 20 for a Henan user.
const records: Record_[] = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, title: `record ${i}`, parties: i % 2 === 0 ? ['410000', '420000'] : ['320000', '340000'] }));

function benchModule(filter: boolean): GatewayModule {
  return {
    name: 'bench',
    register(builder) {
      const BenchRecord = builder.objectRef<Record_>('BenchRecord').implement({
        authScopes: (r: Record_) => ({ canRead: { domain: 'pollution', part: 'summary', record: { partyProvinces: r.parties } } }),
        fields: (t) => ({
          title: t.exposeString('title'),
          parties: t.exposeStringList('parties'),
        }),
      });
      builder.queryField('benchRecords', (t) =>
        t.connection({
          type: BenchRecord,
          authScopes: { role: 'environment' },
          resolve: async (_root, args, ctx) => resolveArrayConnection({ args }, filter ? await filterReadable(builder, 'BenchRecord', records, ctx) : records.slice(0, 20)),
        }),
      );
    },
  };
}

interface LoadResult {
  rps: number;
  p99: number;
  errors: number;
}

async function load(url: string, body: string, token: string, durationS: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: durationS,
    workers: 1,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

interface Side {
  url: string;
  body: string;
}

interface Comparison {
  a: LoadResult;
  b: LoadResult;
  /** Median over rounds of a's req/s divided by b's in the same round. */
  ratio: number;
  /** The lowest and highest round ratio, to show the spread. */
  ratioRange: [number, number];
}

// A/B in alternating order with a warm-up of both before each round; ratios per round, medians over rounds.
async function compare(a: Side, b: Side, token: string): Promise<Comparison> {
  const runsA: LoadResult[] = [];
  const runsB: LoadResult[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ([a, b] as const) : ([b, a] as const);
    for (const side of order) await load(side.url, side.body, token, WARMUP_S);
    const [first, second] = [await load(order[0].url, order[0].body, token, DURATION_S), await load(order[1].url, order[1].body, token, DURATION_S)];
    const [runA, runB] = round % 2 === 0 ? [first, second] : [second, first];
    runsA.push(runA);
    runsB.push(runB);
    ratios.push(runA.rps / runB.rps);
  }
  const summary = (runs: LoadResult[]): LoadResult => ({ rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) });
  return { a: summary(runsA), b: summary(runsB), ratio: median(ratios), ratioRange: [Math.min(...ratios), Math.max(...ratios)] };
}

async function startGateway(options: { verifier: TokenVerifier; modules: GatewayModule[]; disableScopeAuth?: boolean }): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway({
    mode: 'development',
    port: 0,
    verifier: options.verifier,
    signIn: { issuer: 'http://127.0.0.1/realms/xietong', url: 'http://127.0.0.1', realm: 'xietong', clientId: 'xietong-web' },
    modules: options.modules,
    schema: options.disableScopeAuth ? buildGatewaySchema(options.modules, { disableScopeAuth: true }).schema : undefined,
    eventSource: createMemoryEventSource(),
    eventRetention: { maxAgeMs: 60_000, maxCount: 1000 },
    rateLimitPerMinute: 100_000_000,
    logLevel: 'silent',
  });
  const url = `${await gateway.listen()}/graphql`;
  return { gateway, url };
}

async function startBareYoga(principal: Principal): Promise<{ server: Server; url: string }> {
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs: 'type Query { me: Me } type Me { username: String! province: String! agency: String! roles: [String!]! }',
      resolvers: { Query: { me: () => ({ ...principal, roles: principal.roles.map((r) => r.toUpperCase()) }) } },
    }),
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

function line(name: string, value: number, unit: string): void {
  console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-bench-'));
const idp = await startIdentityProvider({ port: 0, dataDir, onServerError: () => {} });
const stops: Array<() => Promise<void>> = [async () => idp.stop(), async () => rm(dataDir, { recursive: true, force: true })];
try {
  const token = (await passwordGrant({ baseUrl: idp.baseUrl, username: 'henan.environment', password: DEMO_PASSWORD })).accessToken;
  const verifier = createTokenVerifier({ issuer: idp.issuer, audience: GATEWAY_CLIENT_ID, jwksUrl: `${idp.issuer}/protocol/openid-connect/certs` });
  const principal = await verifier.verify(token);
  // "Off": the principal without checking the token, and a schema without scope checks or list filtering.
  const trusting: TokenVerifier = { verify: async () => principal };

  const full = await startGateway({ verifier, modules: [...GATEWAY_MODULES, benchModule(true)] });
  stops.unshift(() => full.gateway.close());
  const off = await startGateway({ verifier: trusting, modules: [...GATEWAY_MODULES, benchModule(false)], disableScopeAuth: true });
  stops.unshift(() => off.gateway.close());
  const bare = await startBareYoga(principal);
  stops.unshift(() => new Promise((resolve) => bare.server.close(() => resolve())));

  const meBody = JSON.stringify({ query: ME_QUERY });
  const listBody = JSON.stringify({ query: LIST_QUERY });
  // Warm up JIT, JWKS cache and parse caches (each round warms both sides again before measuring).
  for (const [url, body] of [[full.url, meBody], [bare.url, meBody], [full.url, listBody], [off.url, listBody]] as const) {
    await autocannon({ url, method: 'POST', connections: 2, amount: 500, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  }

  const me = await compare({ url: full.url, body: meBody }, { url: bare.url, body: meBody }, token);
  line('gateway_authorized_me_query_rps', me.a.rps, 'req/s');
  line('gateway_authorized_me_query_p99', me.a.p99, 'ms');
  line('bare_yoga_me_query_rps', me.b.rps, 'req/s');
  line('bare_yoga_me_query_p99', me.b.p99, 'ms');
  line('gateway_vs_bare_yoga_ratio', me.ratio, 'x (target >= 0.5)');
  line('gateway_vs_bare_yoga_ratio_lowest_round', me.ratioRange[0], 'x');
  line('gateway_vs_bare_yoga_ratio_highest_round', me.ratioRange[1], 'x');

  const list = await compare({ url: full.url, body: listBody }, { url: off.url, body: listBody }, token);
  line('province_filtered_list_auth_on_rps', list.a.rps, 'req/s');
  line('province_filtered_list_auth_on_p99', list.a.p99, 'ms');
  line('province_filtered_list_auth_off_rps', list.b.rps, 'req/s');
  line('province_filtered_list_auth_off_p99', list.b.p99, 'ms');
  line('auth_on_vs_off_ratio', list.ratio, 'x (target >= 0.9)');
  line('auth_on_vs_off_ratio_lowest_round', list.ratioRange[0], 'x');
  line('auth_on_vs_off_ratio_highest_round', list.ratioRange[1], 'x');
  line('bench_interleaved_rounds', ROUNDS, 'count');
  line('bench_request_errors', me.a.errors + me.b.errors + list.a.errors + list.b.errors, 'count');
} finally {
  for (const stop of stops) await stop();
}
