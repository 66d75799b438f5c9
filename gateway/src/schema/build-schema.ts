import { GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { createGatewayBuilder, skipScopesForVettedRecords, type GatewayBuilder } from './builder.ts';
import type { GatewayModule } from './gateway-module.ts';
import { eventsModule } from './modules/events/events.module.ts';
import { healthModule } from './modules/health/health.module.ts';
import { meModule } from './modules/me/me.module.ts';
import { pollutionModule } from './modules/pollution/pollution.module.ts';

/** The modules of the gateway, in registration order. A service's module is added here. */
export const GATEWAY_MODULES: readonly GatewayModule[] = [healthModule, meModule, eventsModule, pollutionModule];

/** A schema, or the problems that keep it from being served. */
export class SchemaScopeError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`every type and field must state its auth scopes:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

interface PothosExtensions {
  pothosOptions?: { authScopes?: unknown };
}

// Types the relay plugin generates around a node type: their nodes carry the scopes, and the fields that return
// them (connections) carry their own.
function isRelayPlumbing(type: GraphQLObjectType): boolean {
  return type.name === 'PageInfo' || /(Connection|Edge)$/.test(type.name);
}

function hasScopes(entity: { extensions: unknown }): boolean {
  return (entity.extensions as PothosExtensions | undefined)?.pothosOptions?.authScopes !== undefined;
}

/**
 * Checks that nothing in the schema is implicitly open: every root field (query, mutation, subscription) states its
 * scopes, and so does every object type. An object type's scopes run for each object before any of its fields
 * resolve (runScopesOnType), so its fields are covered by them; a field states its own only to narrow further
 * (e.g. evidence of a case readable by fewer roles than its summary).
 */
export function findUnscopedFields(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (roots.has(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!hasScopes(field)) problems.push(`field ${type.name}.${field.name} has no authScopes`);
      }
    } else if (!isRelayPlumbing(type) && !hasScopes(type)) {
      problems.push(`type ${type.name} has no authScopes`);
    }
  }
  return problems;
}

/** Builds the schema from modules and refuses one with an unscoped type or field. */
export function buildGatewaySchema(
  modules: readonly GatewayModule[] = GATEWAY_MODULES,
  options: { disableScopeAuth?: boolean } = {},
): { schema: GraphQLSchema; builder: GatewayBuilder } {
  const names = new Set<string>();
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`two gateway modules are named ${module.name}`);
    names.add(module.name);
  }
  const builder = createGatewayBuilder();
  builder.queryType({ description: 'Reads. Everything but health and signIn needs a signed-in user.' });
  builder.mutationType({ description: 'Writes. Each one is checked here by role and province, and again by the owning service.' });
  builder.subscriptionType({ description: 'Live updates over Server-Sent Events; reconnect with Last-Event-ID to resume.' });
  for (const module of modules) module.register(builder);
  // disableScopeAuth exists for the benchmark's "authorization off" baseline only; the server never sets it.
  let schema = builder.toSchema({ sortSchema: true, disableScopeAuth: options.disableScopeAuth ?? false });
  const mutation = schema.getMutationType();
  if (mutation && Object.keys(mutation.getFields()).length === 0) {
    // No module writes yet: a Mutation type without fields is invalid GraphQL, so it is left out.
    const config = schema.toConfig();
    schema = new GraphQLSchema({ ...config, mutation: null, types: config.types.filter((type) => type !== mutation) });
  }
  const problems = findUnscopedFields(schema);
  if (problems.length > 0) throw new SchemaScopeError(problems);
  if (!options.disableScopeAuth) skipScopesForVettedRecords(schema, builder);
  return { schema, builder };
}

/** The schema in SDL, sorted, as committed in gateway/schema.graphql. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
