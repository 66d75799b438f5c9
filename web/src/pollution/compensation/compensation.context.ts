// The gateway runs persisted documents, which carry no __typename, so urql's document cache cannot tell on its own
// which results hold agreements. Agreement queries and writes name the type here: recording a version then refetches
// every agreement query, and the agreement's page shows the new version instead of the cached one.
import type { OperationContext } from 'urql';

/** urql context for agreement queries and mutations. */
export const AGREEMENT_TYPENAMES: Partial<OperationContext> = { additionalTypenames: ['CompensationAgreement'] };
