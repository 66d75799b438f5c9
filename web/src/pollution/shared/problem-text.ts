// One line explaining a failed gateway call, for inline messages next to an action (the full-page error views are
// GatewayProblemView): a known code in the user's language, otherwise the gateway's own public message.
import type { i18n as I18n, TFunction } from 'i18next';
import type { GatewayProblem } from '../../graphql/graphql.client.ts';

/** The problem in one sentence. */
export function problemText(problem: GatewayProblem, t: TFunction, i18n: I18n): string {
  if (problem.kind === 'unreachable') return t('error.unreachableTitle');
  if (problem.kind === 'session-ended') return t('error.sessionEnded');
  const key = problem.code ? `error.${problem.code}` : undefined;
  return key && i18n.exists(key) ? t(key as 'error.INTERNAL') : problem.message;
}
