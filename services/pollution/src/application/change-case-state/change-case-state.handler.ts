import { startJointEnforcement, startJointInvestigation, startRemediation, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/** The forward moves of a case (closing and mediation have their own use cases). */
export const STATE_COMMANDS = ['start-joint-investigation', 'start-joint-enforcement', 'start-remediation'] as const;
/** One forward move. */
export type StateCommand = (typeof STATE_COMMANDS)[number];

const COMMANDS = {
  'start-joint-investigation': startJointInvestigation,
  'start-joint-enforcement': startJointEnforcement,
  'start-remediation': startRemediation,
} as const;

/** Moves a case on: reported → joint investigation → joint enforcement → remediation (a party's environmental bureau). */
export async function changeCaseStateHandler(
  deps: { readonly transaction: UnitOfWork<CaseWritePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly command: StateCommand; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: input.command }, (c) =>
    COMMANDS[input.command](c, { actor: caller, clock: deps.clock }),
  );
}
