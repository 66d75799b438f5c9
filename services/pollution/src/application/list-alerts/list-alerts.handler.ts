import { SEVERITIES, type AlertMessage, type AlertStatus, type EscalationPolicySource, type Severity } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import type { Caller, Page, PageRequest } from '../shared/ports.ts';
import { readScopeOf, type ReadScope } from '../shared/read-scope.ts';

/** A list query as the store runs it: the access scope is part of the query, so hidden threads are never counted. */
export interface AlertListQuery {
  /** Whose threads. */
  readonly scope: ReadScope;
  /** Real or exercise, never both. */
  readonly status: AlertStatus;
  /** Only this section. */
  readonly sectionId?: string;
  /** Only these severities. */
  readonly severities?: readonly Severity[];
  /** Only threads not cancelled. */
  readonly activeOnly?: boolean;
  /** Only threads whose current message this province has yet to acknowledge. */
  readonly awaitingProvince?: string;
  /** Which page. */
  readonly page: PageRequest;
}

/** What listing alerts needs from the store. */
export interface ListAlertsStore {
  /** The current message of each matching thread, newest first, with the parties of cases linked to it. */
  listCurrentMessages(query: AlertListQuery): Promise<Page<{ message: AlertMessage; linkedCaseParties: readonly string[] }>>;
}

/** What the use case needs. */
export interface ListAlertsDeps {
  /** Alerts. */
  readonly alerts: ListAlertsStore;
  /** Deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
}

/** The filters a caller may give. */
export interface ListAlertsInput {
  /** Real or exercise (default Actual). */
  readonly status?: AlertStatus;
  /** Only this section. */
  readonly sectionId?: string;
  /** Only these severities. */
  readonly severities?: readonly Severity[];
  /** Only threads not cancelled. */
  readonly activeOnly?: boolean;
  /** Only threads awaiting the caller's province's acknowledgement. */
  readonly awaitingMyAcknowledgement?: boolean;
  /** Which page. */
  readonly page: PageRequest;
}

/** The current message of each thread the caller may read, of one status, newest first. */
export async function listAlertsHandler(deps: ListAlertsDeps, caller: Caller, input: ListAlertsInput): Promise<Page<AlertReadModel>> {
  const scope = readScopeOf(caller);
  if (scope.kind === 'none') return { items: [], total: 0 };
  const severities = input.severities?.filter((s) => SEVERITIES.includes(s));
  const page = await deps.alerts.listCurrentMessages({
    scope,
    status: input.status ?? 'Actual',
    ...(input.sectionId ? { sectionId: input.sectionId } : {}),
    ...(severities && severities.length > 0 ? { severities } : {}),
    ...(input.activeOnly ? { activeOnly: true } : {}),
    ...(input.awaitingMyAcknowledgement ? { awaitingProvince: caller.province } : {}),
    page: input.page,
  });
  const items = page.items.map(({ message, linkedCaseParties }) => presentAlert(caller, message, linkedCaseParties, deps.escalationPolicy)).filter((v): v is AlertReadModel => v !== undefined);
  return { ...page, items };
}
