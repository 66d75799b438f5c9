import { classifySubscription, type AccessProbe } from '../../../access-matrix/access-probe.ts';
import { defineCells, type AccessRule } from '../../../access-matrix/policy-table.ts';

/**
 * recordEvents: every signed-in role may open the feed (what it then receives is decided per event by the modules'
 * read rules, which their own rows test); an anonymous caller is refused.
 */
export const eventsAccessRules: readonly AccessRule[] = defineCells({
  domain: 'platform',
  object: 'record-events',
  operation: 'subscribe',
  relational: false,
  allow: { liaison: 'all', environment: 'all', medical_insurance: 'all', investment: 'all', observer: 'all', admin: 'all' },
});

/** Opens the feed over SSE. */
export const eventsAccessProbes: readonly AccessProbe[] = [
  {
    domain: 'platform',
    object: 'record-events',
    operation: 'subscribe',
    async run(caller, _relation, env) {
      return classifySubscription(await env.subscribe(caller, 'subscription { recordEvents { id type } }', 300));
    },
  },
];
