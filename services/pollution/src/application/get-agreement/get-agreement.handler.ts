import type { CompensationAgreement } from '../../domain/index.ts';
import { requireReadableAgreement } from '../shared/compensation-model.ts';
import type { Caller } from '../shared/ports.ts';

/** What reading an agreement needs from the store. */
export interface GetAgreementStore {
  /** Every version of an agreement, oldest first (empty when there is none). */
  agreementVersions(agreementId: string): Promise<CompensationAgreement[]>;
}

/** One version of an agreement (the newest when `version` is not given), or "not found" for a non-party. */
export async function getAgreementHandler(deps: { readonly agreements: GetAgreementStore }, caller: Caller, agreementId: string, version?: number): Promise<CompensationAgreement> {
  const versions = await deps.agreements.agreementVersions(agreementId);
  const chosen = version === undefined || version === 0 ? versions[versions.length - 1] : versions.find((a) => a.version === version);
  // Parties are judged on the newest version: a province that left an agreement no longer reads its history.
  requireReadableAgreement(caller, versions[versions.length - 1]);
  return requireReadableAgreement(caller, chosen);
}
