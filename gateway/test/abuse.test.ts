// Abusive requests are refused before any resolver runs, with a stable code and never a stack trace.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_MODULES } from '../src/schema/build-schema.ts';
import { persistedOperationsFrom } from '../src/server/hardening.ts';
import { createSpyModule } from './support/spy.module.ts';
import { startTestGateway, startTestIdentity, type GraphQLResponse, type TestGateway, type TestIdentity } from './support/test-platform.ts';

const spy = createSpyModule();
const modules = [...GATEWAY_MODULES, spy.module];
let identity: TestIdentity;
let dev: TestGateway;
let token: string;

function deepQuery(levels: number): string {
  // spy is level 1; each `next` adds one.
  return `{ spy { ${'next { '.repeat(levels - 1)}depth${' }'.repeat(levels - 1)} } }`;
}

function expectNoStackTrace(response: GraphQLResponse): void {
  expect(response.text).not.toMatch(/\bat .+:\d+:\d+|stack|node_modules|\.ts:\d+/);
  for (const error of response.body.errors ?? []) {
    expect(Object.keys(error.extensions ?? {}).every((key) => ['code', 'problems', 'retryAfterSeconds'].includes(key))).toBe(true);
  }
}

function expectRejected(response: GraphQLResponse, code: string): void {
  expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(response.body.data ?? null).toBeNull();
  expectNoStackTrace(response);
  expect(spy.calls()).toBe(0);
}

beforeAll(async () => {
  identity = await startTestIdentity();
  dev = await startTestGateway(identity, { modules });
  token = await identity.token('henan.environment');
});
afterAll(async () => {
  await dev?.stop();
  await identity?.stop();
});
beforeEach(() => spy.reset());

describe('refused before any resolver runs', () => {
  it('runs the spy when the document is within the limits (the spy works)', async () => {
    const response = await dev.graphql(deepQuery(5), { token });
    expect(response.body.errors).toBeUndefined();
    expect(spy.calls()).toBeGreaterThan(0);
  });

  it('a query 20 levels deep', async () => {
    const response = await dev.graphql(deepQuery(20), { token });
    expect(response.status).toBe(400);
    expectRejected(response, 'QUERY_TOO_COMPLEX');
    // The cost rule or the depth rule, whichever visits first: both are limits of the document's shape.
    expect(response.body.errors?.[0]?.message).toMatch(/depth limit of 12|Cost limit of 5000/);
  });

  it('1,000 aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: spy { depth }`).join(' ');
    const response = await dev.graphql(`{ ${aliases} }`, { token });
    expectRejected(response, 'QUERY_TOO_COMPLEX');
  });

  it('31 aliases (under the token limit, over the alias limit)', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: spy { depth }`).join(' ');
    const response = await dev.graphql(`{ ${aliases} }`, { token });
    expectRejected(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.message).toMatch(/Aliases limit of 30/);
  });

  it('100 batched operations', async () => {
    const batch = Array.from({ length: 100 }, () => ({ query: '{ spy { depth } }' }));
    const response = await dev.post(batch, token);
    expect(response.status).toBe(400);
    expectRejected(response, 'BATCH_TOO_LARGE');
  });

  it('a 1 MB document', async () => {
    const padding = ' '.repeat(1024 * 1024);
    const response = await dev.post({ query: `{ spy { depth } ${padding}}` }, token);
    expect(response.status).toBe(413);
    expectRejected(response, 'PAYLOAD_TOO_LARGE');
  });

  it('a document of too many tokens, parsed no further than the limit', async () => {
    const fields = Array.from({ length: 4000 }, () => 'depth').join(' ');
    const response = await dev.graphql(`{ spy { ${fields} } }`, { token });
    expectRejected(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.message).toMatch(/Token limit of 3000/);
  });

  it('malformed JSON', async () => {
    const response = await dev.post('{"query": "{ spy { depth } }"', token);
    expect(response.status).toBe(400);
    expectRejected(response, 'QUERY_INVALID');
  });

  it('an invalid token, before GraphQL is even parsed', async () => {
    const response = await dev.graphql('{ spy { depth } }', { token: `${token.slice(0, -4)}AAAA` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expectRejected(response, 'UNAUTHENTICATED');
  });

  it('an anonymous caller asking for anything but health and sign-in', async () => {
    const response = await dev.graphql('{ spy { depth } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(spy.calls()).toBe(0);
  });
});

describe('masked errors', () => {
  it('an unexpected failure is INTERNAL with a fixed message: no cause, no address, no stack', async () => {
    const response = await dev.graphql('{ spyFailure }', { token });
    expect(response.body.errors).toEqual([
      { message: 'Something went wrong on our side; the request id identifies it in the logs.', locations: [{ line: 1, column: 3 }], path: ['spyFailure'], extensions: { code: 'INTERNAL' } },
    ]);
    expect(response.text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.7/);
    expectNoStackTrace(response);
  });

  it('a schema validation error keeps its message and gets QUERY_INVALID; development mode suggests fields', async () => {
    const response = await dev.graphql('{ spy { dept } }', { token });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_INVALID');
    expect(response.body.errors?.[0]?.message).toMatch(/Did you mean "depth"/);
    expectNoStackTrace(response);
  });
});

describe('production mode', () => {
  const registered = {
    spy: '{ spy { depth } }',
    introspection: '{ __schema { queryType { name } } }',
    typeIntrospection: '{ __type(name: "Me") { name } }',
    typo: '{ spy { dept } }',
    deep: deepQuery(20),
  };
  const hashes = Object.fromEntries(Object.entries(registered).map(([name, doc]) => [name, createHash('sha256').update(doc).digest('hex')]));
  let prod: TestGateway;
  beforeAll(async () => {
    const manifest = Object.fromEntries(Object.values(registered).map((doc) => [createHash('sha256').update(doc).digest('hex'), doc]));
    prod = await startTestGateway(identity, { modules, mode: 'production', persistedOperations: persistedOperationsFrom(manifest) });
  });
  afterAll(async () => {
    await prod?.stop();
  });
  const persisted = (name: keyof typeof registered) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hashes[name] } } });

  it('runs a registered operation by its hash', async () => {
    const response = await prod.post(persisted('spy'), token);
    expect(response.body).toEqual({ data: { spy: { depth: 1 } } });
  });

  it('refuses any document that is not registered, introspection included', async () => {
    const response = await prod.graphql('{ __schema { types { name } } }', { token });
    expect(response.status).toBe(400);
    expectRejected(response, 'PERSISTED_OPERATION_REQUIRED');
  });

  it('refuses an unknown hash', async () => {
    const response = await prod.post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, token);
    expectRejected(response, 'PERSISTED_OPERATION_NOT_FOUND');
  });

  it('refuses introspection even when such a document was registered', async () => {
    for (const name of ['introspection', 'typeIntrospection'] as const) {
      const response = await prod.post(persisted(name), token);
      expectRejected(response, 'QUERY_INVALID');
      expect(response.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
  });

  it('hides field suggestions', async () => {
    const response = await prod.post(persisted('typo'), token);
    expectRejected(response, 'QUERY_INVALID');
    expect(response.text).not.toMatch(/Did you mean/);
  });

  it('applies the depth limit to registered operations too', async () => {
    const response = await prod.post(persisted('deep'), token);
    expectRejected(response, 'QUERY_TOO_COMPLEX');
  });
});

describe('per-user rate limit and timeouts', () => {
  it('answers RATE_LIMITED with retryAfterSeconds once a user is over the limit, and only that user', async () => {
    const limited = await startTestGateway(identity, { modules, rateLimitPerMinute: 3 });
    try {
      const other = await identity.token('hubei.environment');
      for (let i = 0; i < 3; i += 1) expect((await limited.graphql('{ me { username } }', { token })).status).toBe(200);
      const refused = await limited.graphql('{ spy { depth } }', { token });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(spy.calls()).toBe(0);
      expectNoStackTrace(refused);
      expect((await limited.graphql('{ me { username } }', { token: other })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('stops an operation past the timeout with TIMEOUT and aborts its signal', async () => {
    const slow = await startTestGateway(identity, { modules, requestTimeoutMs: 200 });
    try {
      const response = await slow.graphql('{ spySlow(ms: 2000) }', { token });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(spy.lastSignal()?.aborted).toBe(true);
      expectNoStackTrace(response);
    } finally {
      await slow.stop();
    }
  });
});
