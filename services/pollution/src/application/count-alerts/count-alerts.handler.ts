import type { AlertCounts, AlertStatus } from '../../domain/index.ts';
import type { Caller } from '../shared/ports.ts';
import { readScopeOf, type ReadScope } from '../shared/read-scope.ts';

/** What counting alerts needs from the store. */
export interface CountAlertsStore {
  /** Counts of the threads of one status within the scope (the scope is part of the query). */
  countThreads(scope: Exclude<ReadScope, { kind: 'none' }>, status: AlertStatus): Promise<AlertCounts>;
}

const NOTHING: AlertCounts = { total: 0, active: 0, cancelled: 0, awaitingAcknowledgement: 0, bySeverity: { I: 0, II: 0, III: 0, IV: 0 } };

/** Counts of the alert threads the caller may read, of one status (a count never adds exercises to real alerts). */
export async function countAlertsHandler(deps: { readonly alerts: CountAlertsStore }, caller: Caller, status: AlertStatus = 'Actual'): Promise<AlertCounts> {
  const scope = readScopeOf(caller);
  if (scope.kind === 'none') return NOTHING;
  return deps.alerts.countThreads(scope, status);
}
