import type { CompensationAgreement } from '../../domain/index.ts';
import { agreementProvinces, canReadCompensation } from '../shared/compensation-model.ts';
import type { Caller } from '../shared/ports.ts';

/** What listing agreements needs from the store. */
export interface ListAgreementsStore {
  /** The newest version of every agreement. */
  latestAgreements(): Promise<CompensationAgreement[]>;
}

/** The newest version of each agreement the caller's province is party to (every one for the national observer). */
export async function listAgreementsHandler(deps: { readonly agreements: ListAgreementsStore }, caller: Caller): Promise<CompensationAgreement[]> {
  const all = await deps.agreements.latestAgreements();
  return all.filter((a) => canReadCompensation(caller, agreementProvinces(a)));
}
