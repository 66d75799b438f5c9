import { amendEnforcementAction, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/**
 * Amends an enforcement action. Only its responsible province may: another party that reads the case is refused
 * (forbidden), and the timeline keeps the values before and after.
 */
export async function amendEnforcementActionHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly actionId: string; readonly date?: unknown; readonly findings?: unknown; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'amend-enforcement-action', details: { actionId: input.actionId } }, (c) =>
    amendEnforcementAction(
      c,
      input.actionId,
      { ...(input.date !== undefined ? { date: input.date } : {}), ...(input.findings !== undefined ? { findings: input.findings } : {}) },
      { actor: caller, clock: deps.clock },
    ),
  );
}
