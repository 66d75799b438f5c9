import { ROLES, type Domain, type Relation } from '../kit.ts';

// The access matrix: access-model.md as a declarative table of cells — role × relation of the user's province to the
// record × operation on an object — each with the outcome the gateway (and, for direct calls, the service) must give.
// The harness (access-matrix.harness.ts) runs every cell against a live gateway with demo users.

/** Roles of the matrix: the realm roles and a caller without a token. */
export const MATRIX_ROLES = [...ROLES, 'anonymous'] as const;
/** A caller in the matrix. */
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** Relations of a record to the user's province; `any` for objects that have none (me, health). */
export const MATRIX_RELATIONS = ['owner', 'party', 'member', 'shared', 'none', 'any'] as const;
/** A relation in the matrix. */
export type MatrixRelation = Relation | 'any';

/**
 * What is tried: read one record by its query field, list records (a connection), node(id), a mutation, a
 * subscription, and a call straight to the owning service that bypasses the gateway (it must decide alike).
 */
export const OPERATIONS = ['read', 'list', 'node', 'write', 'subscribe', 'direct-read', 'direct-write'] as const;
/** An operation in the matrix. */
export type Operation = (typeof OPERATIONS)[number];

/** The platform's own objects (me, health, signIn) live in the `platform` domain. */
export type MatrixDomain = Domain | 'platform';

/** One cell of the matrix. */
export interface AccessRule {
  domain: MatrixDomain;
  role: MatrixRole;
  relation: MatrixRelation;
  operation: Operation;
  /** What is acted on, e.g. `case`, `case-evidence`, `me`. */
  object: string;
  /** allow: the data comes back (or the write happens); deny: looks missing (reads) or FORBIDDEN/UNAUTHENTICATED. */
  expect: 'allow' | 'deny';
}

/** Objects an anonymous caller may read; every other cell for `anonymous` must deny. */
export const PUBLIC_OBJECTS: ReadonlySet<string> = new Set(['health', 'sign-in']);

const RECORD_RELATIONS: readonly Relation[] = ['owner', 'party', 'member', 'shared', 'none'];

/** The cells a complete group (one domain, object and operation) must have. */
export function requiredCells(group: { domain: MatrixDomain; object: string; operation: Operation; relational: boolean }): Array<Pick<AccessRule, 'role' | 'relation'>> {
  const cells: Array<Pick<AccessRule, 'role' | 'relation'>> = [{ role: 'anonymous', relation: 'any' }];
  for (const role of ROLES) {
    if (group.relational) for (const relation of RECORD_RELATIONS) cells.push({ role, relation });
    else cells.push({ role, relation: 'any' });
  }
  return cells;
}

/**
 * Expands a short statement into complete cells: who is allowed, everyone else denied. `allow` maps a role to the
 * relations it is allowed at (`'all'` for every relation). Relational objects get every relation; others `any`.
 */
export function defineCells(spec: {
  domain: MatrixDomain;
  object: string;
  operation: Operation;
  relational: boolean;
  allow: Partial<Record<MatrixRole, readonly Relation[] | 'all'>>;
}): AccessRule[] {
  return requiredCells(spec).map(({ role, relation }) => {
    const allowed = spec.allow[role];
    let expect: 'allow' | 'deny' = 'deny';
    if (allowed !== undefined) {
      // Without record relations (or for the anonymous caller) naming the role is enough.
      expect = relation === 'any' || allowed === 'all' || allowed.includes(relation) ? 'allow' : 'deny';
    }
    return { domain: spec.domain, object: spec.object, operation: spec.operation, role, relation, expect };
  });
}

/** Why a table is unusable: each problem names the cell or group. Empty when the table is sound. */
export function validateAccessTable(rules: readonly AccessRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const groups = new Map<string, { domain: MatrixDomain; object: string; operation: Operation; relations: Set<MatrixRelation>; cells: Set<string> }>();
  for (const rule of rules) {
    const cell = `${rule.domain}/${rule.object}/${rule.operation}/${rule.role}/${rule.relation}`;
    if (seen.has(cell)) problems.push(`${cell}: stated twice`);
    seen.add(cell);
    if (!(MATRIX_ROLES as readonly string[]).includes(rule.role)) problems.push(`${cell}: unknown role`);
    if (!(MATRIX_RELATIONS as readonly string[]).includes(rule.relation)) problems.push(`${cell}: unknown relation`);
    if (!(OPERATIONS as readonly string[]).includes(rule.operation)) problems.push(`${cell}: unknown operation`);
    if (rule.expect !== 'allow' && rule.expect !== 'deny') problems.push(`${cell}: expect must be allow or deny`);
    if (rule.role === 'anonymous' && rule.relation !== 'any') problems.push(`${cell}: an anonymous caller has no province, use relation any`);
    if (rule.role === 'anonymous' && rule.expect === 'allow' && !(rule.domain === 'platform' && PUBLIC_OBJECTS.has(rule.object))) {
      problems.push(`${cell}: anonymous callers may only read health and sign-in information`);
    }
    if (rule.role === 'observer' && rule.expect === 'allow' && (rule.operation === 'write' || rule.operation === 'direct-write')) {
      problems.push(`${cell}: observers write nothing`);
    }
    const key = `${rule.domain}/${rule.object}/${rule.operation}`;
    const group = groups.get(key) ?? { domain: rule.domain, object: rule.object, operation: rule.operation, relations: new Set(), cells: new Set() };
    if (rule.role !== 'anonymous') group.relations.add(rule.relation);
    group.cells.add(`${rule.role}/${rule.relation}`);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const relational = [...group.relations].some((relation) => relation !== 'any');
    if (relational && group.relations.has('any')) problems.push(`${key}: mixes relation any with record relations`);
    for (const { role, relation } of requiredCells({ ...group, relational })) {
      if (!group.cells.has(`${role}/${relation}`)) problems.push(`${key}: no cell for ${role}/${relation} (state deny explicitly)`);
    }
  }
  return problems;
}
