// The harness's view of the live platform: demo users as callers (tokens by the password grant) and a GraphQL client.
import { loadDemoRealm } from '@xietong/identity';
import pg from 'pg';
import type { ProbeCaller, ProbeEnvironment, ProbeResponse } from '../../src/access-matrix/access-probe.ts';
import type { MatrixRole } from '../../src/access-matrix/policy-table.ts';
import { openSse } from './sse-client.ts';
import type { TestIdentity } from './test-platform.ts';

/**
 * Builds the probe environment over a running gateway. `databases` (service name → URL of its database) lets probes
 * move a record of theirs in time (ProbeEnvironment.sql).
 */
export function createMatrixEnvironment(
  identity: TestIdentity,
  gatewayUrl: string,
  serviceUrls: Record<string, string> = {},
  databases: Readonly<Record<string, string>> = {},
): ProbeEnvironment {
  const users = loadDemoRealm().users;
  return {
    gatewayUrl,
    serviceUrls,
    async sql(service, statement, params = []) {
      const url = databases[service];
      if (!url) throw new Error(`the matrix environment has no database for ${service}`);
      const client = new pg.Client({ connectionString: url, statement_timeout: 10_000 });
      await client.connect();
      try {
        await client.query(statement, [...params]);
      } finally {
        await client.end();
      }
    },
    async callerFor(role: MatrixRole, province?: string): Promise<ProbeCaller> {
      if (role === 'anonymous') return { role, username: null, province: null, roles: [], token: null };
      const user = users.find((u) => u.roles.includes(role) && (province === undefined || u.province === province));
      if (!user) throw new Error(`the demo realm has no ${role} user${province ? ` in ${province}` : ''}`);
      return { role, username: user.username, province: user.province, roles: user.roles, token: await identity.token(user.username) };
    },
    async subscribe(caller, query, windowMs = 300) {
      const stream = await openSse(`${gatewayUrl}/graphql`, query, { token: caller.token ?? undefined });
      try {
        const payloads: ProbeResponse[] = [];
        let accepted = stream.status === 200;
        const deadline = Date.now() + windowMs;
        while (Date.now() < deadline) {
          const frame = await stream.next(Math.max(1, deadline - Date.now()));
          if (!frame) break;
          if (frame.event === 'complete') {
            accepted = false;
            break;
          }
          if (frame.event === 'next') {
            const body = JSON.parse(frame.data) as { data?: Record<string, unknown> | null; errors?: ProbeResponse['errors'] };
            payloads.push({ status: stream.status, data: body.data, errors: body.errors ?? [] });
          }
        }
        return { accepted, payloads };
      } finally {
        stream.close();
      }
    },
    async openSubscription(caller, query, variables) {
      const stream = await openSse(`${gatewayUrl}/graphql`, query, { token: caller.token ?? undefined, variables });
      return {
        status: stream.status,
        async next(timeoutMs) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const frame = await stream.next(Math.max(1, deadline - Date.now()));
            if (!frame) return null;
            if (frame.event === 'complete') return 'complete';
            if (frame.event === 'next') {
              const body = JSON.parse(frame.data) as { data?: Record<string, unknown> | null; errors?: ProbeResponse['errors'] };
              return { status: stream.status, data: body.data, errors: body.errors ?? [] };
            }
            if (Date.now() >= deadline) return null;
          }
        },
        close: () => stream.close(),
      };
    },
    async graphql(caller, query, variables): Promise<ProbeResponse> {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: ProbeResponse['errors'] };
      return { status: response.status, data: body.data, errors: body.errors ?? [] };
    },
  };
}
