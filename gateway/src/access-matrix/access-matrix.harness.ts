import type { AccessProbe, ProbeCaller, ProbeEnvironment, ProbeOutcome } from './access-probe.ts';
import type { AccessRule } from './policy-table.ts';

/** One cell's result. */
export interface CellResult {
  rule: AccessRule;
  outcome: ProbeOutcome;
  /** The outcome is the one the table expects. */
  passed: boolean;
}

/** The key of a probe: one per (domain, object, operation). */
export function probeKey(rule: Pick<AccessRule, 'domain' | 'object' | 'operation'>): string {
  return `${rule.domain}/${rule.object}/${rule.operation}`;
}

/** Indexes probes, refusing two for one key. */
export function indexProbes(probes: readonly AccessProbe[]): Map<string, AccessProbe> {
  const byKey = new Map<string, AccessProbe>();
  for (const probe of probes) {
    const key = probeKey(probe);
    if (byKey.has(key)) throw new Error(`two access probes for ${key}`);
    byKey.set(key, probe);
  }
  return byKey;
}

/** The (domain, object, operation) groups of the table that have no probe, and probes that no row uses. */
export function unmatchedProbes(rules: readonly AccessRule[], probes: readonly AccessProbe[]): { rowsWithoutProbe: string[]; probesWithoutRows: string[] } {
  const byKey = indexProbes(probes);
  const ruleKeys = new Set(rules.map(probeKey));
  return {
    rowsWithoutProbe: [...ruleKeys].filter((key) => !byKey.has(key)).sort(),
    probesWithoutRows: [...byKey.keys()].filter((key) => !ruleKeys.has(key)).sort(),
  };
}

/** Runs one cell against the live gateway as a demo user of the cell's role. */
export async function runCell(rule: AccessRule, probes: ReadonlyMap<string, AccessProbe>, env: ProbeEnvironment): Promise<CellResult> {
  const probe = probes.get(probeKey(rule));
  if (!probe) return { rule, outcome: { unexpected: `no probe for ${probeKey(rule)}` }, passed: false };
  let caller: ProbeCaller;
  let outcome: ProbeOutcome;
  try {
    caller = await env.callerFor(rule.role);
    outcome = await probe.run(caller, rule.relation, env);
  } catch (error) {
    outcome = { unexpected: `probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { rule, outcome, passed: outcome === rule.expect };
}
