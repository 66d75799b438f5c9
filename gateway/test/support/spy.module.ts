// A module for tests: a self-referential type deep enough for any depth test, and resolvers that count their calls,
// throw an unexpected error, or run slowly.
import type { GatewayContext } from '../../src/schema/gateway-context.ts';
import type { GatewayModule } from '../../src/schema/gateway-module.ts';

/** The spy module and what it saw. */
export interface SpyModule {
  module: GatewayModule;
  /** Resolver calls since the last reset. */
  calls(): number;
  reset(): void;
  /** The signal the slow resolver saw, once it ran. */
  lastSignal(): AbortSignal | null;
}

/** Creates a fresh spy module. */
export function createSpyModule(): SpyModule {
  let calls = 0;
  let signal: AbortSignal | null = null;
  const module: GatewayModule = {
    name: 'spy',
    register(builder) {
      interface Level {
        depth: number;
      }
      const SpyLevel = builder.objectRef<Level>('SpyLevel');
      SpyLevel.implement({
        authScopes: { authenticated: true },
        fields: (t) => ({
          depth: t.int({ authScopes: { authenticated: true }, resolve: (level) => {
            calls += 1;
            return level.depth;
          } }),
          next: t.field({ type: SpyLevel, authScopes: { authenticated: true }, resolve: (level) => {
            calls += 1;
            return { depth: level.depth + 1 };
          } }),
        }),
      });
      builder.queryFields((t) => ({
        spy: t.field({ type: SpyLevel, authScopes: { authenticated: true }, resolve: () => {
          calls += 1;
          return { depth: 1 };
        } }),
        spyFailure: t.string({ nullable: true, authScopes: { authenticated: true }, resolve: () => {
          calls += 1;
          throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
        } }),
        spySlow: t.string({ nullable: true, authScopes: { authenticated: true }, args: { ms: t.arg.int({ required: true }) }, resolve: async (_root, args, ctx: GatewayContext) => {
          calls += 1;
          signal = ctx.signal;
          await new Promise((resolve) => setTimeout(resolve, Math.min(args.ms, 5_000)));
          return 'done';
        } }),
      }));
    },
  };
  return {
    module,
    calls: () => calls,
    reset: () => {
      calls = 0;
      signal = null;
    },
    lastSignal: () => signal,
  };
}
