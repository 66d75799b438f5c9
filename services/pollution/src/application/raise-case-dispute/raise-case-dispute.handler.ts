import { raiseDispute, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/** A party disputes the case's handling: the case goes to mediation and remembers where it was. */
export async function raiseCaseDisputeHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly reason?: unknown; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'raise-case-dispute' }, (c) =>
    raiseDispute(c, { reason: input.reason }, { actor: caller, clock: deps.clock }),
  );
}
