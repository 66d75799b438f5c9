import type { Domain } from '../../../kit.ts';
import type { HubEvent } from '../../../subscriptions/hub-event.ts';
import type { GatewayModule } from '../../gateway-module.ts';
import { domainEnum } from '../../shared/enums.ts';
import { eventsAccessProbes, eventsAccessRules } from './events.access.ts';

/**
 * `recordEvents`: a change feed over every domain — which record changed, how and when, never its content. A client
 * refetches the record (through node(id) or the domain's query), which applies the read rules and masking again.
 * Each event reaches only users whose province is in its audience and whose role may read it (the modules' read
 * rules); SSE clients resume after Last-Event-ID.
 */
export const eventsModule: GatewayModule = {
  name: 'events',
  register(builder) {
    const Domain = domainEnum(builder);
    const RecordEvent = builder.objectRef<HubEvent>('RecordEvent').implement({
      description: 'Something happened to a record you may read.',
      // The hub already filtered by audience and read rule; the type scope keeps the province check in the schema.
      authScopes: (event) => (event.audienceAllProvinces ? { authenticated: true } : { $any: { observer: true, provinceIn: event.audienceProvinces } }),
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The event id (also the SSE id to resume after).' }),
        type: t.exposeString('type', { description: 'Fully qualified event type, e.g. xietong.pollution.v1.CaseOpened.' }),
        domain: t.field({ type: Domain, resolve: (e) => e.domain as Domain }),
        aggregateId: t.exposeString('aggregateId', { description: 'Id of the record the event is about (in its domain).' }),
        originProvince: t.exposeString('originProvince'),
        occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.occurredAt }),
      }),
    });
    builder.subscriptionField('recordEvents', (t) =>
      t.field({
        type: RecordEvent,
        description: 'Changes to records you may read, from now on (or after the SSE Last-Event-ID when reconnecting).',
        authScopes: { authenticated: true },
        args: { domains: t.arg({ type: [Domain], required: false, description: 'Only these domains (default all).' }) },
        subscribe: (_root, args, ctx) => {
          const domains = args.domains ? new Set<string>(args.domains) : null;
          return ctx.events.subscribe(domains ? (event) => domains.has(event.domain) : undefined);
        },
        resolve: (event) => event,
      }),
    );
  },
  accessRules: eventsAccessRules,
  accessProbes: eventsAccessProbes,
};
