import { classifyRead, type AccessProbe } from '../../../access-matrix/access-probe.ts';
import { defineCells, type AccessRule } from '../../../access-matrix/policy-table.ts';

const everyone = { anonymous: 'all', liaison: 'all', environment: 'all', medical_insurance: 'all', investment: 'all', observer: 'all', admin: 'all' } as const;

/** health and sign-in information are open to every caller, signed in or not. */
export const healthAccessRules: readonly AccessRule[] = [
  ...defineCells({ domain: 'platform', object: 'health', operation: 'read', relational: false, allow: everyone }),
  ...defineCells({ domain: 'platform', object: 'sign-in', operation: 'read', relational: false, allow: everyone }),
];

/** Reads health and signIn. */
export const healthAccessProbes: readonly AccessProbe[] = [
  {
    domain: 'platform',
    object: 'health',
    operation: 'read',
    async run(caller, _relation, env) {
      const response = await env.graphql(caller, '{ health { status liveUpdates } }');
      return classifyRead(response, 'health', (value) => ['OK', 'DEGRADED'].includes((value as { status: string }).status));
    },
  },
  {
    domain: 'platform',
    object: 'sign-in',
    operation: 'read',
    async run(caller, _relation, env) {
      const response = await env.graphql(caller, '{ signIn { issuer url realm clientId } }');
      return classifyRead(response, 'signIn', (value) => {
        const signIn = value as { issuer: string; realm: string };
        return signIn.issuer.endsWith(`/realms/${signIn.realm}`);
      });
    },
  },
];
