import SchemaBuilder from '@pothos/core';
// Scope auth is the first plugin: it must wrap every resolver before the other plugins add theirs (Pothos runs
// plugin wrappers in order).
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import { GraphQLError, isObjectType, type GraphQLIsTypeOfFn, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { validationFailed, forbidden, notFound, unauthenticated } from '../errors/gateway-errors.ts';
import { DomainError, canRead, canWrite, hasRole, isNationalObserver, type Principal, type ReadRequest, type Role, type WriteRequest } from '../kit.ts';
import type { GatewayContext } from './gateway-context.ts';

type WithoutPrincipal<T> = T extends unknown ? Omit<T, 'principal'> : never;

/** A record read to check with the kit's province policy: domain, the record's provinces, and the part read. */
export type ReadCheck = WithoutPrincipal<ReadRequest>;
/** A write to check with the kit's province policy. */
export type WriteCheck = WithoutPrincipal<WriteRequest>;

/**
 * The scopes every type and field states (assertEveryFieldScoped enforces that). Built once per request from the
 * principal; parameterized ones take the record's provinces or the role asked for.
 */
export interface GatewayAuthScopes {
  /** Anyone, signed in or not: only health and sign-in information use it. */
  public: boolean;
  /** Any signed-in user. */
  authenticated: boolean;
  /** The user holds this role. */
  role: Role;
  /** The user holds one of these roles. */
  anyRole: readonly Role[];
  /** The user's province is this one. */
  province: string;
  /** The user's province is one of these. */
  provinceIn: readonly string[];
  /** A national observer (observer role, province 000000). */
  observer: boolean;
  /** The province policy lets the user read this part of the record. */
  canRead: ReadCheck;
  /** The province policy lets the user make this write. */
  canWrite: WriteCheck;
}

/** The builder's type parameters. */
export interface GatewaySchemaTypes {
  Context: GatewayContext;
  AuthScopes: GatewayAuthScopes;
  DefaultFieldNullability: false;
  // Connections drop unreadable records before paging, so edges and nodes are never null.
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
  };
}

/** The builder's resolved schema types (what Pothos refs are parameterized with). */
export type GatewayTypes = PothosSchemaTypes.ExtendDefaultTypes<GatewaySchemaTypes>;

/** The Pothos builder every module registers its types with. */
export type GatewayBuilder = PothosSchemaTypes.SchemaBuilder<GatewayTypes>;

/** The scope loaders of one request: what the principal may do, evaluated lazily and cached by scope-auth. */
export function scopesFor(principal: Principal | null) {
  return {
    public: true,
    authenticated: principal !== null,
    role: (role: Role) => principal !== null && hasRole(principal, role),
    anyRole: (roles: readonly Role[]) => principal !== null && roles.some((role) => hasRole(principal, role)),
    province: (code: string) => principal !== null && principal.province === code,
    provinceIn: (codes: readonly string[]) => principal !== null && codes.includes(principal.province),
    observer: principal !== null && isNationalObserver(principal),
    canRead: (check: ReadCheck) => principal !== null && canRead({ ...check, principal } as ReadRequest),
    canWrite: (check: WriteCheck) => principal !== null && canWrite({ ...check, principal } as WriteRequest),
  };
}

/**
 * What a failed scope check looks like to the client. An anonymous caller is told to sign in; a denied write is
 * FORBIDDEN; a denied read — any field outside Mutation — looks exactly like a record that does not exist.
 */
export function deniedError(context: GatewayContext, info: GraphQLResolveInfo): Error {
  if (context.principal === null) return unauthenticated();
  if (info.parentType === info.schema.getMutationType()) return forbidden();
  return notFound();
}

const GLOBAL_ID_TYPENAME = /^[A-Z][A-Za-z0-9]*$/;

/** Decodes a relay global id (base64 of `Type:id`); a malformed one is invalid input naming the argument. */
export function decodeGatewayGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = /^[A-Za-z0-9+/=_-]{1,400}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const typename = colon > 0 ? decoded.slice(0, colon) : '';
  const id = colon > 0 ? decoded.slice(colon + 1) : '';
  if (!GLOBAL_ID_TYPENAME.test(typename) || id === '') throw validationFailed([{ field: 'id', reason: 'is not a global id' }]);
  return { typename, id };
}

/** Encodes a relay global id. */
export function encodeGatewayGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64');
}

/** Creates the builder with the gateway's plugins and conventions (one per schema build). */
export function createGatewayBuilder(): GatewayBuilder {
  const builder: GatewayBuilder = new SchemaBuilder<GatewaySchemaTypes>({
    plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin],
    // Fields are non-null unless they say otherwise; reads of single records say nullable (null = missing or denied).
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (context) => loadersOf(context),
      // Type scopes run where the object is returned (isTypeOf), so a denied record fails at the field that
      // returned it — the same place a missing record would — instead of on each of its fields.
      runScopesOnType: true,
      authorizeOnSubscribe: true,
      // A scope function that throws denies (and is logged by the mask), it does not leak as INTERNAL.
      treatErrorsAsUnauthorized: true,
      unauthorizedError: (_parent, context, info) => deniedError(context, info),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      edgesFieldOptions: { nullable: false },
      nodeFieldOptions: { nullable: false },
      // The Node interface is for signed-in users; each node type adds its own record scopes.
      nodeTypeOptions: { authScopes: { authenticated: true } },
      encodeGlobalID: (typename, id) => encodeGatewayGlobalId(typename, id),
      decodeGlobalID: (globalId) => decodeGatewayGlobalId(globalId),
      nodeQueryOptions: {
        description: 'The record with this global id, or null when it does not exist or you may not read it.',
        authScopes: { authenticated: true },
        resolve: async (_root, args, context, info, resolveNode): Promise<unknown> => resolveReadableNode(builder, args.id.typename, context, info, resolveNode),
      },
      nodesQueryOptions: {
        description: 'The records with these global ids, each null when it does not exist or you may not read it.',
        authScopes: { authenticated: true },
        resolve: async (_root, args, context, info, resolveNodes): Promise<unknown[]> => {
          const nodes = await resolveNodes(args.ids);
          return Promise.all(nodes.map(async (node, i) => readableOrNull(builder, args.ids[i]?.typename ?? '', node, context, info)));
        },
      },
    },
  });
  builder.scalarType('DateTime', {
    description: 'An instant, as an ISO 8601 string with a UTC offset.',
    serialize: (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
    parseValue: (value: unknown) => {
      const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 date-time string.');
      return date;
    },
  });
  return builder;
}

function isNodeType(info: GraphQLResolveInfo, typename: string): boolean {
  const type = info.schema.getType(typename);
  const node = info.schema.getType('Node');
  return type !== undefined && node !== undefined && 'getInterfaces' in type && type.getInterfaces().some((iface) => iface === node);
}

async function resolveReadableNode(builder: GatewayBuilder, typename: string, context: GatewayContext, info: GraphQLResolveInfo, resolveNode: (id: never) => unknown): Promise<unknown> {
  // An id naming a type that is not a node (or does not exist) is a record that does not exist.
  if (!isNodeType(info, typename)) return null;
  let node: unknown;
  try {
    node = await resolveNode(undefined as never);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
  return readableOrNull(builder, typename, node, context, info);
}

// node(id) answers null both for a missing record and for one the type's scopes deny: the type scopes are run here,
// before the value is returned, rather than failing later in isTypeOf (which would report an error).
async function readableOrNull(builder: GatewayBuilder, typename: string, node: unknown, context: GatewayContext, info: GraphQLResolveInfo): Promise<unknown> {
  if (node === null || node === undefined || node instanceof Error) return null;
  if (!isNodeType(info, typename)) return null;
  return (await isReadableAs(builder, typename, node, context)) ? node : null;
}

/**
 * Whether the principal passes the object type's scopes for this record — the same check isTypeOf makes when the
 * record is returned. List resolvers drop what fails it before paging (a null in a list would leak that a record
 * exists); node(id) answers null.
 */
export async function isReadableAs(builder: GatewayBuilder, typename: string, record: unknown, context: GatewayContext): Promise<boolean> {
  return checkReadable(builder, typename, record, context);
}

/** Keeps the records the principal may read as `typename`, in order. */
export async function filterReadable<T>(builder: GatewayBuilder, typename: string, records: readonly T[], context: GatewayContext): Promise<T[]> {
  // Checked one after another without a promise per record: the usual scope map is decided synchronously, and only
  // a record whose scopes need scope-auth itself (an async scope function, an unknown scope) is awaited.
  const results: Array<boolean | Promise<boolean>> = new Array(records.length);
  let pending = false;
  for (let i = 0; i < records.length; i += 1) {
    const readable = checkReadable(builder, typename, records[i], context);
    if (typeof readable !== 'boolean') pending = true;
    results[i] = readable;
  }
  const decided = pending ? await Promise.all(results) : (results as boolean[]);
  return records.filter((_record, i) => decided[i]);
}

type ScopeMap = Record<string, unknown>;
type TypeScopes = boolean | ScopeMap | ((parent: unknown, context: GatewayContext) => unknown);
const typeScopesByBuilder = new WeakMap<object, Map<string, TypeScopes | undefined>>();

// A type's scopes, looked up in the builder's config once per type rather than once per record.
function typeScopesOf(builder: GatewayBuilder, typename: string): TypeScopes | undefined {
  let byType = typeScopesByBuilder.get(builder);
  if (!byType) {
    byType = new Map();
    typeScopesByBuilder.set(builder, byType);
  }
  if (!byType.has(typename)) byType.set(typename, (builder.configStore.getTypeConfig(typename).pothosOptions as { authScopes?: TypeScopes }).authScopes);
  return byType.get(typename);
}

// The check itself: synchronous whenever the scope map is one this file understands (see evaluateScopeMap), a
// promise otherwise. A scope function that throws denies, as treatErrorsAsUnauthorized makes scope-auth do.
function checkReadable(builder: GatewayBuilder, typename: string, record: unknown, context: GatewayContext): boolean | Promise<boolean> {
  const typeScopes = typeScopesOf(builder, typename);
  if (typeScopes === undefined) return true;
  let scopes: unknown;
  try {
    scopes = typeof typeScopes === 'function' ? typeScopes(record, context) : typeScopes;
  } catch {
    return false;
  }
  if (isThenable(scopes)) return Promise.resolve(scopes).then((resolved) => decide(builder, typename, resolved, record, context), () => false);
  return decide(builder, typename, scopes, record, context);
}

function decide(builder: GatewayBuilder, typename: string, scopes: unknown, record: unknown, context: GatewayContext): boolean | Promise<boolean> {
  if (typeof scopes === 'boolean') return scopes;
  let fast: boolean | undefined;
  try {
    fast = evaluateScopeMap(scopes as ScopeMap, loadersOf(context));
  } catch {
    return false;
  }
  if (fast === true) return vet(record, typename, context);
  if (fast === false) return false;
  // scope-auth's own evaluation: throws (synchronously or through its promise) when the scopes deny.
  let ran: unknown;
  try {
    ran = builder.runAuthScopes(context, scopes as Parameters<GatewayBuilder['runAuthScopes']>[1]);
  } catch {
    return false;
  }
  return isThenable(ran) ? Promise.resolve(ran).then(() => vet(record, typename, context), () => false) : vet(record, typename, context);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

function vet(record: unknown, typename: string, context: GatewayContext): true {
  if (record !== null && typeof record === 'object') vettedAs(context, typename).add(record);
  return true;
}

// Records this request has checked, per type: a record passed as one type says nothing of another type's scopes.
// Weak: a subscription's context lives as long as its stream, and the records of its events must not pile up in it.
const vettedByContext = new WeakMap<object, Map<string, WeakSet<object>>>();

function vettedAs(context: GatewayContext, typename: string): WeakSet<object> {
  let byType = vettedByContext.get(context);
  if (!byType) {
    byType = new Map();
    vettedByContext.set(context, byType);
  }
  let vetted = byType.get(typename);
  if (!vetted) {
    vetted = new WeakSet();
    byType.set(typename, vetted);
  }
  return vetted;
}

interface ScopedTypeOptions {
  authScopes?: unknown;
  grantScopes?: unknown;
  isTypeOf?: GraphQLIsTypeOfFn<unknown, GatewayContext>;
}

/**
 * Lets a record that this request already checked as its type (a list filter, node(id)) through where it is returned,
 * without running the type's scopes again: the same check, the same principal. Scope-auth would run them once more
 * per record (a cache entry and a closure each), which made authorized lists measurably slower than the filter alone.
 * Every other record goes through scope-auth's own check. Applied to the built schema because scope-auth must stay
 * the first plugin, so no plugin can wrap its isTypeOf from outside; types with grant scopes, or interface scopes
 * this file cannot decide synchronously, keep scope-auth's check alone.
 */
export function skipScopesForVettedRecords(schema: GraphQLSchema, builder: GatewayBuilder): void {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__') || !type.isTypeOf) continue;
    const options = builder.configStore.getTypeConfig(type.name).pothosOptions as ScopedTypeOptions;
    if (options.authScopes === undefined || options.grantScopes !== undefined) continue;
    const interfaceScopes: ScopeMap[] = [];
    let decidable = true;
    for (const iface of type.getInterfaces()) {
      const scopes = (builder.configStore.getTypeConfig(iface.name).pothosOptions as ScopedTypeOptions).authScopes;
      if (scopes === undefined) continue;
      if (typeof scopes === 'object' && scopes !== null) interfaceScopes.push(scopes as ScopeMap);
      else decidable = false;
    }
    if (!decidable) continue;
    const checked = type.isTypeOf;
    const own = options.isTypeOf;
    const name = type.name;
    type.isTypeOf = (source, context, info) => {
      const vetted = vettedByContext.get(context)?.get(name);
      if (vetted !== undefined && typeof source === 'object' && source !== null && vetted.has(source)) {
        const loaders = loadersOf(context);
        if (interfaceScopes.every((scopes) => evaluateScopeMap(scopes, loaders) === true)) return own ? own(source, context, info) : true;
      }
      return checked(source, context, info);
    };
  }
}

type ScopeLoaders = ReturnType<typeof scopesFor>;
const loadersByContext = new WeakMap<object, ScopeLoaders>();

/**
 * The request's scope loaders, derived from its principal once: scope-auth (authScopes) and the list filters share
 * them, so a request builds one set however many records it checks.
 */
export function loadersOf(context: GatewayContext): ScopeLoaders {
  let loaders = loadersByContext.get(context);
  if (!loaders) {
    loaders = scopesFor(context.principal);
    loadersByContext.set(context, loaders);
  }
  return loaders;
}

// The scope maps this schema uses ($any/$all over the scopes above, "any" by default like the builder) evaluated
// synchronously: a list filter runs it per record, where scope-auth's general machinery costs several times more.
// Undefined means "not understood here" and the caller falls back to scope-auth itself. Like scope-auth, "any"
// stops at the first scope that passes and "all" at the first that fails.
function evaluateScopeMap(map: ScopeMap, loaders: ScopeLoaders, all = false): boolean | undefined {
  for (const key in map) {
    const param = map[key];
    let result: boolean | undefined;
    if (key === '$any' || key === '$all') {
      result = evaluateScopeMap(param as ScopeMap, loaders, key === '$all');
    } else if (Object.hasOwn(loaders, key)) {
      const loader = loaders[key as keyof ScopeLoaders];
      result = typeof loader === 'function' ? (loader as (p: unknown) => boolean)(param) : Boolean(loader);
    }
    if (result === undefined) return undefined;
    if (result !== all) return result;
  }
  // Every scope agreed with the strategy: all passed for "all" (an empty $all passes, as in scope-auth), none passed
  // for "any" (an empty map passes nothing).
  return all;
}
