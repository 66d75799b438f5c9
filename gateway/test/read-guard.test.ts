// A denied read looks exactly like a missing record: node(id), single-record fields, lists; writes say FORBIDDEN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_MODULES } from '../src/schema/build-schema.ts';
import { encodeGatewayGlobalId } from '../src/schema/builder.ts';
import { createWidgetModule } from './support/widget.module.ts';
import { startTestGateway, startTestIdentity, type TestGateway, type TestIdentity } from './support/test-platform.ts';

const widgets = createWidgetModule([
  { id: 'w-henan', title: 'Henan–Hubei river', parties: ['410000', '420000'] },
  { id: 'w-jiangsu', title: 'Jiangsu–Anhui lake', parties: ['320000', '340000'] },
  { id: 'w-shared', title: 'Henan–Jiangsu canal', parties: ['410000', '320000'] },
]);
const gid = (id: string) => encodeGatewayGlobalId('Widget', id);

let identity: TestIdentity;
let gw: TestGateway;
let henan: string;
beforeAll(async () => {
  identity = await startTestIdentity();
  gw = await startTestGateway(identity, { modules: [...GATEWAY_MODULES, widgets.module] });
  henan = await identity.token('henan.environment');
});
afterAll(async () => {
  await gw?.stop();
  await identity?.stop();
});

describe('node(id)', () => {
  const query = 'query($id: ID!) { node(id: $id) { id ... on Widget { title } } }';

  it('returns a readable record', async () => {
    const response = await gw.graphql(query, { token: henan, variables: { id: gid('w-henan') } });
    expect(response.body).toEqual({ data: { node: { id: gid('w-henan'), title: 'Henan–Hubei river' } } });
  });

  it('answers a denied record exactly as a missing one, and an id of an unknown type alike', async () => {
    const denied = await gw.graphql(query, { token: henan, variables: { id: gid('w-jiangsu') } });
    const missing = await gw.graphql(query, { token: henan, variables: { id: gid('w-nowhere') } });
    const otherType = await gw.graphql(query, { token: henan, variables: { id: encodeGatewayGlobalId('Secret', 'w-henan') } });
    const notANode = await gw.graphql(query, { token: henan, variables: { id: encodeGatewayGlobalId('Me', 'x') } });
    for (const response of [denied, missing, otherType, notANode]) expect(response.body).toEqual({ data: { node: null } });
  });

  it('says VALIDATION_FAILED for a malformed id, naming the argument', async () => {
    const response = await gw.graphql(query, { token: henan, variables: { id: '***' } });
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'id', reason: 'is not a global id' }] });
  });

  it('loads several nodes of a type in one batch, each null where denied or missing', async () => {
    widgets.loads.length = 0;
    const response = await gw.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { token: henan, variables: { ids: [gid('w-henan'), gid('w-jiangsu'), gid('w-shared'), gid('w-nowhere')] } });
    expect(response.body).toEqual({ data: { nodes: [{ id: gid('w-henan') }, null, { id: gid('w-shared') }, null] } });
    expect(widgets.loads).toEqual([['w-henan', 'w-jiangsu', 'w-shared', 'w-nowhere']]);
  });

  it('answers an anonymous caller UNAUTHENTICATED', async () => {
    const response = await gw.graphql(query, { variables: { id: gid('w-henan') } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('single-record fields and lists', () => {
  const query = 'query($id: ID!) { widget(id: $id) { title } }';

  it('gives a denied record the same answer as a missing one (type scopes, parameterized by the record’s provinces)', async () => {
    const denied = await gw.graphql(query, { token: henan, variables: { id: 'w-jiangsu' } });
    const missing = await gw.graphql(query, { token: henan, variables: { id: 'w-nowhere' } });
    expect(denied.body).toEqual(missing.body);
    expect(denied.body).toEqual({ data: { widget: null }, errors: [{ message: 'No such record.', locations: [{ line: 1, column: 19 }], path: ['widget'], extensions: { code: 'NOT_FOUND' } }] });
  });

  it('a role without the field’s scope gets the same NOT_FOUND', async () => {
    const investor = await identity.token('henan.investment');
    const response = await gw.graphql(query, { token: investor, variables: { id: 'w-henan' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('leaves unreadable records out of a list before paging, so no count leaks', async () => {
    const response = await gw.graphql('{ widgets(first: 10) { edges { node { title } } pageInfo { hasNextPage } } }', { token: henan });
    expect(response.body).toEqual({ data: { widgets: { edges: [{ node: { title: 'Henan–Hubei river' } }, { node: { title: 'Henan–Jiangsu canal' } }], pageInfo: { hasNextPage: false } } } });
  });

  it('lets a national observer read across provinces', async () => {
    const observer = await identity.token('national.observer');
    const response = await gw.graphql('{ widgets(first: 10) { edges { node { title } } } }', { token: observer });
    expect((response.body.data?.widgets as { edges: unknown[] }).edges).toHaveLength(3);
  });
});

describe('writes', () => {
  const mutation = 'mutation($id: ID!) { renameWidget(id: $id, title: "x") { title } }';

  it('allows a party’s environment bureau', async () => {
    const response = await gw.graphql(mutation, { token: henan, variables: { id: 'w-henan' } });
    expect(response.body).toEqual({ data: { renameWidget: { title: 'x' } } });
  });

  it('answers FORBIDDEN to a province that is not a party, and to an observer', async () => {
    for (const token of [henan, await identity.token('national.observer')]) {
      const response = await gw.graphql(mutation, { token, variables: { id: 'w-jiangsu' } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.body.data).toBeNull();
    }
  });
});
