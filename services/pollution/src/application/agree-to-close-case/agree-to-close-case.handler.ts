import { agreeToClose, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/** The caller's province agrees to close the case; the last party's agreement closes it (unanimity). */
export async function agreeToCloseCaseHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly statement?: unknown; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'agree-to-close-case' }, (c) =>
    agreeToClose(c, { statement: input.statement }, { actor: caller, clock: deps.clock }),
  );
}
