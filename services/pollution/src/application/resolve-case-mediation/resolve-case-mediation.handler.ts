import { resolveMediation, type Clock, type MediationOutcomeInput } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/** Records a mediation's outcome: the case resumes where it was disputed, or closes. */
export async function resolveCaseMediationHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly outcome: MediationOutcomeInput; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'resolve-case-mediation' }, (c) =>
    resolveMediation(c, input.outcome, { actor: caller, clock: deps.clock }),
  );
}
