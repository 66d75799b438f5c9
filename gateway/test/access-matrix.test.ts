// The access matrix: the table's structure, then every cell run against a live gateway with demo users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessProbesOf, accessTableOf } from '../src/access-matrix/access-table.ts';
import { indexProbes, runCell, unmatchedProbes } from '../src/access-matrix/access-matrix.harness.ts';
import { probeListedAndCounted, type ProbeCaller, type ProbeEnvironment, type ProbeResponse } from '../src/access-matrix/access-probe.ts';
import { defineCells, validateAccessTable, type AccessRule } from '../src/access-matrix/policy-table.ts';
import { createMatrixEnvironment } from './support/matrix-environment.ts';
import { startPollutionPlatform, type PollutionPlatform } from './support/pollution-platform.ts';
import { startTestIdentity, type TestIdentity } from './support/test-platform.ts';

const table = accessTableOf();
const probes = indexProbes(accessProbesOf());

describe('the table', () => {
  it('is complete and consistent: every group has every role (and relation), nothing twice, no forbidden allow', () => {
    expect(validateAccessTable(table)).toEqual([]);
  });

  it('has a probe for every group and a row for every probe', () => {
    expect(unmatchedProbes(table, accessProbesOf())).toEqual({ rowsWithoutProbe: [], probesWithoutRows: [] });
  });

  it('covers me for every role and anonymous, and health and sign-in for everyone', () => {
    const me = table.filter((rule) => rule.object === 'me').map((rule) => `${rule.role}:${rule.expect}`).sort();
    expect(me).toEqual(['admin:allow', 'anonymous:deny', 'environment:allow', 'investment:allow', 'liaison:allow', 'medical_insurance:allow', 'observer:allow']);
    expect(table.filter((rule) => rule.object === 'health' || rule.object === 'sign-in').every((rule) => rule.expect === 'allow')).toBe(true);
  });

  it('expands a domain statement into every role × relation, denying what is not stated', () => {
    const rows = defineCells({ domain: 'pollution', object: 'case', operation: 'read', relational: true, allow: { environment: ['owner', 'party'], observer: 'all' } });
    expect(rows).toHaveLength(1 + 6 * 5);
    expect(rows).toContainEqual({ domain: 'pollution', role: 'environment', relation: 'party', operation: 'read', object: 'case', expect: 'allow' });
    expect(rows).toContainEqual({ domain: 'pollution', role: 'environment', relation: 'none', operation: 'read', object: 'case', expect: 'deny' });
    expect(rows).toContainEqual({ domain: 'pollution', role: 'observer', relation: 'none', operation: 'read', object: 'case', expect: 'allow' });
    expect(rows).toContainEqual({ domain: 'pollution', role: 'anonymous', relation: 'any', operation: 'read', object: 'case', expect: 'deny' });
    expect(validateAccessTable(rows)).toEqual([]);
  });

  it('names each problem of a broken table', () => {
    const rows = defineCells({ domain: 'pollution', object: 'case', operation: 'write', relational: true, allow: { environment: ['party'] } });
    const broken: AccessRule[] = [
      ...rows.filter((rule) => !(rule.role === 'liaison' && rule.relation === 'shared')),
      { domain: 'pollution', role: 'environment', relation: 'party', operation: 'write', object: 'case', expect: 'allow' },
      { domain: 'pollution', role: 'anonymous', relation: 'any', operation: 'read', object: 'case', expect: 'allow' },
      { domain: 'pollution', role: 'observer', relation: 'party', operation: 'direct-write', object: 'case', expect: 'allow' },
    ];
    const problems = validateAccessTable(broken);
    expect(problems).toContain('pollution/case/write: no cell for liaison/shared (state deny explicitly)');
    expect(problems).toContain('pollution/case/write/environment/party: stated twice');
    expect(problems).toContain('pollution/case/read/anonymous/any: anonymous callers may only read health and sign-in information');
    expect(problems).toContain('pollution/case/direct-write/observer/party: observers write nothing');
  });
});

describe('a counted list probe', () => {
  // Two pages of one record each; `total` is what every page's totalCount says.
  const pagedEnv = (total: number, ids: readonly [string, string]) =>
    ({
      async graphql(_caller: ProbeCaller, _query: string, variables?: Record<string, unknown>): Promise<ProbeResponse> {
        const second = variables?.after === 'p1';
        const list = { totalCount: total, edges: [{ node: { id: second ? ids[1] : ids[0] } }], pageInfo: { hasNextPage: !second, endCursor: second ? 'p2' : 'p1' } };
        return { status: 200, data: { things: list }, errors: [] };
      },
    }) as unknown as ProbeEnvironment;
  const caller: ProbeCaller = { role: 'environment', username: 'u', province: '410000', roles: ['environment'], token: 't' };
  const probe = (env: ProbeEnvironment, id: string) => probeListedAndCounted(env, caller, 'query', 'things', (node) => node.id === id);

  it('allows when the record is on a later page and denies when it is on none', async () => {
    await expect(probe(pagedEnv(2, ['a', 'b']), 'b')).resolves.toBe('allow');
    await expect(probe(pagedEnv(2, ['a', 'b']), 'c')).resolves.toBe('deny');
  });

  it('fails a list whose totalCount counts records the caller cannot page through, whether it lists the record or not', async () => {
    await expect(probe(pagedEnv(3, ['a', 'b']), 'b')).resolves.toEqual({ unexpected: 'totalCount 3 but 2 records listed: hidden records counted' });
    await expect(probe(pagedEnv(3, ['a', 'b']), 'c')).resolves.toEqual({ unexpected: 'totalCount 3 but 2 records listed: hidden records counted' });
  });
});

describe('every cell against the running gateway', () => {
  let identity: TestIdentity;
  let platform: PollutionPlatform;
  let env: ProbeEnvironment;
  // The gateway in front of the real services (PostgreSQL, Kafka, the pollution service as the launcher runs it):
  // the domain cells make their records through it, and the direct cells call the services with the user's token.
  beforeAll(async () => {
    identity = await startTestIdentity();
    platform = await startPollutionPlatform(identity);
    env = createMatrixEnvironment(identity, platform.gateway.url, { pollution: platform.service.url }, { pollution: platform.postgres.urlFor('pollution') });
    // Slow shared work (an escalation falls due only on the service's next job run) starts now, beside the cells.
    for (const probe of probes.values()) probe.prepare?.(env);
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await identity?.stop();
  }, 60_000);

  it('fails a cell whose outcome differs from the table (the harness is not a rubber stamp)', async () => {
    const anonymousMe = table.find((rule) => rule.object === 'me' && rule.role === 'anonymous') as AccessRule;
    const wrong = await runCell({ ...anonymousMe, expect: 'allow' }, probes, env);
    expect(wrong).toMatchObject({ outcome: 'deny', passed: false });
    const noProbe = await runCell({ ...anonymousMe, object: 'nothing' }, probes, env);
    expect(noProbe).toMatchObject({ outcome: { unexpected: 'no probe for platform/nothing/read' }, passed: false });
  });

  for (const rule of table) {
    it(`${rule.domain} ${rule.object} ${rule.operation}: ${rule.role} (${rule.relation}) → ${rule.expect}`, async () => {
      const result = await runCell(rule, probes, env);
      expect(result.outcome).toEqual(rule.expect);
      // A cell of a shared occurrence may wait for it: the escalation job runs once a minute.
    }, 150_000);
  }
});
