// A stand-in for a domain module: a loadable node type whose reads follow the province policy (like a pollution
// case summary), a single-record query, a connection, and a write — as a service's module would declare them.
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { filterReadable } from '../../src/schema/builder.ts';
import { notFound } from '../../src/errors/gateway-errors.ts';
import type { GatewayModule } from '../../src/schema/gateway-module.ts';

/** A record with its party provinces. */
export interface Widget {
  id: string;
  title: string;
  parties: string[];
}

/** The module and the loads it saw (to prove batching). */
export function createWidgetModule(widgets: readonly Widget[]) {
  const store = new Map(widgets.map((w) => [w.id, w]));
  const loads: string[][] = [];
  // A buggy "service" returns every widget; the gateway's list guard must still drop unreadable ones.
  const module: GatewayModule = {
    name: 'widgets',
    register(builder) {
      const WidgetRef = builder.loadableNode('Widget', {
        id: { resolve: (w: Widget) => w.id },
        authScopes: (w: Widget) => ({ canRead: { domain: 'pollution', part: 'summary', record: { partyProvinces: w.parties } } }),
        load: async (ids: string[]) => {
          loads.push([...ids]);
          return ids.map((id) => store.get(id) ?? notFound());
        },
        fields: (t) => ({
          title: t.exposeString('title'),
          parties: t.exposeStringList('parties'),
        }),
      });
      builder.queryFields((t) => ({
        widget: t.field({
          type: WidgetRef,
          nullable: true,
          authScopes: { anyRole: ['environment', 'liaison', 'observer'] },
          args: { id: t.arg.id({ required: true }) },
          // Convention: a missing record is NOT_FOUND, exactly what a denied one gives.
          resolve: (_root, args) => store.get(String(args.id)) ?? Promise.reject(notFound()),
        }),
        widgets: t.connection({
          type: WidgetRef,
          authScopes: { authenticated: true },
          resolve: async (_root, args, ctx) => resolveArrayConnection({ args }, await filterReadable(builder, 'Widget', [...store.values()], ctx)),
        }),
      }));
      builder.mutationField('renameWidget', (t) =>
        t.field({
          type: WidgetRef,
          args: { id: t.arg.id({ required: true }), title: t.arg.string({ required: true }) },
          authScopes: (_root, args) => {
            const widget = store.get(String(args.id));
            return widget ? { canWrite: { domain: 'pollution', action: 'case', record: { partyProvinces: widget.parties } } } : false;
          },
          resolve: (_root, args) => ({ ...(store.get(String(args.id)) as Widget), title: args.title }),
        }),
      );
    },
  };
  return { module, loads };
}
