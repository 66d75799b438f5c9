import { recordEnforcementAction, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** Records an enforcement action the caller's province carried out (its responsible province is always the caller's). */
export async function recordEnforcementActionHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock; readonly ids: IdGenerator },
  caller: Caller,
  input: { readonly caseId: string; readonly date?: unknown; readonly findings?: unknown; readonly expectedVersion?: number },
): Promise<{ case: CaseReadModel; actionId: string }> {
  const actionId = deps.ids.newId();
  const view = await changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'record-enforcement-action', details: { actionId } }, (c) =>
    recordEnforcementAction(c, { id: actionId, date: input.date, findings: input.findings }, { actor: caller, clock: deps.clock }),
  );
  return { case: view, actionId };
}
