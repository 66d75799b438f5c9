import { classifyRead, type AccessProbe } from '../../../access-matrix/access-probe.ts';
import { defineCells, type AccessRule } from '../../../access-matrix/policy-table.ts';

/** `me`: every signed-in role reads itself; an anonymous caller is told to sign in. */
export const meAccessRules: readonly AccessRule[] = defineCells({
  domain: 'platform',
  object: 'me',
  operation: 'read',
  relational: false,
  allow: { liaison: 'all', environment: 'all', medical_insurance: 'all', investment: 'all', observer: 'all', admin: 'all' },
});

/** Reads `me` and accepts only the caller's own identity (someone else's would be a failure, not an allow). */
export const meAccessProbes: readonly AccessProbe[] = [
  {
    domain: 'platform',
    object: 'me',
    operation: 'read',
    async run(caller, _relation, env) {
      const response = await env.graphql(caller, '{ me { username province agency roles permissions { domain reach } } }');
      return classifyRead(response, 'me', (value) => {
        const me = value as { username: string; province: string; roles: string[]; permissions: unknown[] };
        const roles = caller.roles.map((role) => role.toUpperCase()).sort();
        return me.username === caller.username && me.province === caller.province && JSON.stringify([...me.roles].sort()) === JSON.stringify(roles) && me.permissions.length === 4;
      });
    },
  },
];
