// The gateway runs persisted documents, which carry no __typename, so urql's document cache cannot tell on its own
// which results hold alerts. Alert queries and writes name the type here: a write then refetches every alert query.
import type { OperationContext } from 'urql';

/** urql context for alert queries and mutations. */
export const ALERT_TYPENAMES: Partial<OperationContext> = { additionalTypenames: ['PollutionAlert'] };

/** The inbox's page size. */
export const INBOX_PAGE_SIZE = 20;
