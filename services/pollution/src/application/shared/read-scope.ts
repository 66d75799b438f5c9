import { ENVIRONMENT_ROLE, isNationalObserver, type Actor } from '../../domain/index.ts';

/**
 * Which pollution records a caller's lists may contain, decided before any query so that hidden records are never
 * fetched or counted (access-model.md): the national observer reads every record; a province's environmental bureau
 * and liaison office read the records their province is party to (the liaison office only their summary); any
 * other role reads nothing.
 */
export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'province'; readonly province: string; readonly level: 'full' | 'summary' }
  | { readonly kind: 'none' };

/** The read scope of a caller in the pollution domain. */
export function readScopeOf(caller: Actor): ReadScope {
  if (isNationalObserver(caller)) return { kind: 'all' };
  if (caller.roles.includes(ENVIRONMENT_ROLE)) return { kind: 'province', province: caller.province, level: 'full' };
  if (caller.roles.includes('liaison')) return { kind: 'province', province: caller.province, level: 'summary' };
  return { kind: 'none' };
}

/** The full-view scope: only callers who may read everything of a record (evidence, readings, assessments). */
export function fullReadScopeOf(caller: Actor): ReadScope {
  const scope = readScopeOf(caller);
  return scope.kind === 'province' && scope.level !== 'full' ? { kind: 'none' } : scope;
}
