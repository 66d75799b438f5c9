// A record that a list filter or node(id) checked is let through where it is returned without its type's scopes
// running again; a record nobody checked, or one checked as another type, still goes through scope-auth.
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../src/kit.ts';
import { buildGatewaySchema, GATEWAY_MODULES } from '../src/schema/build-schema.ts';
import { encodeGatewayGlobalId, filterReadable } from '../src/schema/builder.ts';
import type { GatewayContext } from '../src/schema/gateway-context.ts';
import type { GatewayModule } from '../src/schema/gateway-module.ts';

interface Gadget {
  id: string;
  title: string;
  parties: string[];
}

const store: Gadget[] = [
  { id: 'g-henan', title: 'Henan–Hubei', parties: ['410000', '420000'] },
  { id: 'g-jiangsu', title: 'Jiangsu–Anhui', parties: ['320000', '340000'] },
  { id: 'g-shared', title: 'Henan–Jiangsu', parties: ['410000', '320000'] },
];

/** How often each type's scope function ran, by record id. */
const scopeRuns = { Gadget: [] as string[], SealedGadget: [] as string[] };

const gadgetsModule: GatewayModule = {
  name: 'gadgets',
  register(builder) {
    const GadgetRef = builder.loadableNode('Gadget', {
      id: { resolve: (g: Gadget) => g.id },
      authScopes: (g: Gadget) => {
        scopeRuns.Gadget.push(g.id);
        return { canRead: { domain: 'pollution', part: 'summary', record: { partyProvinces: g.parties } } };
      },
      load: async (ids: string[]) => ids.map((id) => store.find((g) => g.id === id) ?? new Error('missing')),
      fields: (t) => ({ title: t.exposeString('title') }),
    });
    // The same objects as another type that only the first party's province may read.
    const SealedRef = builder.objectRef<Gadget>('SealedGadget').implement({
      authScopes: (g: Gadget) => {
        scopeRuns.SealedGadget.push(g.id);
        return { province: g.parties[0] ?? '' };
      },
      fields: (t) => ({ title: t.exposeString('title') }),
    });
    builder.queryFields((t) => ({
      gadgets: t.connection({
        type: GadgetRef,
        authScopes: { authenticated: true },
        resolve: async (_root, args, ctx) => resolveArrayConnection({ args }, await filterReadable(builder, 'Gadget', store, ctx)),
      }),
      // Returns records no filter looked at: each must be checked where it is returned.
      unfilteredGadget: t.field({
        type: GadgetRef,
        nullable: true,
        args: { id: t.arg.string({ required: true }) },
        authScopes: { authenticated: true },
        resolve: (_root, args) => store.find((g) => g.id === args.id) ?? null,
      }),
      sealedGadget: t.field({
        type: SealedRef,
        nullable: true,
        args: { id: t.arg.string({ required: true }) },
        authScopes: { authenticated: true },
        resolve: (_root, args) => store.find((g) => g.id === args.id) ?? null,
      }),
    }));
  },
};

const { schema } = buildGatewaySchema([...GATEWAY_MODULES, gadgetsModule]);

function contextFor(province: string): GatewayContext {
  const principal: Principal = { subject: `s-${province}`, username: `u-${province}`, province, agency: 'agency', roles: ['environment'] };
  return {
    principal,
    token: 'token',
    requestId: 'request',
    correlationId: 'correlation',
    traceparent: null,
    signal: new AbortController().signal,
    events: { subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }) },
    platform: { signIn: { issuer: 'i', url: 'u', realm: 'r', clientId: 'c' }, eventsHealthy: () => true, serviceUrls: {} },
  };
}

async function run(query: string, province = '410000', variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
  scopeRuns.Gadget.length = 0;
  scopeRuns.SealedGadget.length = 0;
  return (await execute({ schema, document: parse(query), contextValue: contextFor(province), variableValues: variables })) as ExecutionResult;
}

// The gateway's error mask turns these into extensions.code on the wire; executed directly, the code is the error's own.
const codes = (result: ExecutionResult) => (result.errors ?? []).map((error) => [error.path?.join('.'), (error.originalError as { code?: string } | undefined)?.code]);

describe('records checked by a list filter', () => {
  it('are returned without their type scopes running a second time', async () => {
    const result = await run('{ gadgets(first: 10) { edges { node { title } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ gadgets: { edges: [{ node: { title: 'Henan–Hubei' } }, { node: { title: 'Henan–Jiangsu' } }] } });
    // Once per record, in the filter: the two readable records are not checked again where they are returned.
    expect(scopeRuns.Gadget).toEqual(['g-henan', 'g-jiangsu', 'g-shared']);
  });

  it('still face another type’s scopes when the same object is returned as that type', async () => {
    const result = await run('{ gadgets(first: 10) { edges { node { title } } } sealed: sealedGadget(id: "g-shared") { title } }', '320000');
    // Jiangsu reads the shared gadget in the list, but the sealed view is for its first party, Henan, only.
    expect((result.data?.['gadgets'] as { edges: unknown[] }).edges).toHaveLength(2);
    expect(result.data?.['sealed']).toBeNull();
    expect(codes(result)).toEqual([['sealed', 'NOT_FOUND']]);
    expect(scopeRuns.SealedGadget).toEqual(['g-shared']);
  });
});

describe('records nobody checked', () => {
  it('are checked where they are returned, and a denied one looks missing', async () => {
    const denied = await run('{ unfilteredGadget(id: "g-jiangsu") { title } }');
    expect(denied.data).toEqual({ unfilteredGadget: null });
    expect(codes(denied)).toEqual([['unfilteredGadget', 'NOT_FOUND']]);
    expect(scopeRuns.Gadget).toEqual(['g-jiangsu']);

    const allowed = await run('{ unfilteredGadget(id: "g-henan") { title } }');
    expect(allowed.data).toEqual({ unfilteredGadget: { title: 'Henan–Hubei' } });
    expect(scopeRuns.Gadget).toEqual(['g-henan']);
  });

  it('are not let through because another request checked them', async () => {
    await run('{ gadgets(first: 10) { edges { node { title } } } }', '320000');
    const denied = await run('{ unfilteredGadget(id: "g-jiangsu") { title } }', '410000');
    expect(codes(denied)).toEqual([['unfilteredGadget', 'NOT_FOUND']]);
  });
});

describe('node(id)', () => {
  it('checks the record once and answers null for a denied one', async () => {
    const query = 'query($id: ID!) { node(id: $id) { ... on Gadget { title } } }';
    const readable = await run(query, '410000', { id: encodeGatewayGlobalId('Gadget', 'g-henan') });
    expect(readable.data).toEqual({ node: { title: 'Henan–Hubei' } });
    expect(scopeRuns.Gadget).toEqual(['g-henan']);
    const denied = await run(query, '410000', { id: encodeGatewayGlobalId('Gadget', 'g-jiangsu') });
    expect(denied.data).toEqual({ node: null });
    expect(denied.errors).toBeUndefined();
  });
});
