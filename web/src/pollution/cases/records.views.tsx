// Pieces the case, section and compensation screens share: the state of a query (loading, error, not found), the
// case state badge, water classes and parameters in words, and a mutation's error explained.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { useAuth } from '../../auth/auth.context.tsx';
import { ErrorState, GatewayProblemView, LoadingState } from '../../components/status.views.tsx';
import { describeGatewayError } from '../../graphql/graphql.client.ts';
import { RecordNotFoundPage } from '../../screens/not-found.page.tsx';
import '../shared/pollution.css';
import './pollution-records.css';

/** The error codes of a gateway answer. */
export function errorCodes(error: CombinedError | undefined): string[] {
  return (error?.graphQLErrors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : '')).filter(Boolean);
}

/**
 * Whether a record read came back "not found": NOT_FOUND (missing, or not the user's to read: the gateway answers the
 * same), or an id in the address that is no id of that record at all (a mangled link), which is as missing.
 */
export function isRecordNotFound(error: CombinedError | undefined): boolean {
  const codes = errorCodes(error);
  return codes.includes('NOT_FOUND') || (codes.includes('VALIDATION_FAILED') && error?.graphQLErrors.some((e) => JSON.stringify(e.extensions?.problems ?? '').includes('"id"')) === true);
}

/** What a record page shows before its record: loading, "not found", or the gateway's problem; null once there is data. */
export function RecordQueryState({
  fetching,
  error,
  found,
  onRetry,
}: {
  fetching: boolean;
  error: CombinedError | undefined;
  found: boolean;
  onRetry: () => void;
}): ReactNode {
  const { i18n } = useTranslation();
  const { signIn } = useAuth();
  if (found) return null;
  if (fetching) return <LoadingState />;
  if (error && !isRecordNotFound(error)) {
    return <GatewayProblemView problem={describeGatewayError(error)} onRetry={onRetry} onSignIn={() => signIn(i18n.language)} />;
  }
  return <RecordNotFoundPage />;
}

/** A list's loading or error state (null once there is data). */
export function ListQueryState({ fetching, error, hasData, onRetry }: { fetching: boolean; error: CombinedError | undefined; hasData: boolean; onRetry: () => void }): ReactNode {
  const { i18n } = useTranslation();
  const { signIn } = useAuth();
  if (hasData) return null;
  if (error) return <GatewayProblemView problem={describeGatewayError(error)} onRetry={onRetry} onSignIn={() => signIn(i18n.language)} />;
  if (fetching) return <LoadingState />;
  return null;
}

/** A case state as a badge (closed muted, mediation a warning). */
export function CaseStateBadge({ state }: { state: string }) {
  const { t, i18n } = useTranslation();
  const key = `cases.state.${state}`;
  const label = i18n.exists(key) ? t(key as 'cases.state.REPORTED') : state;
  return <span className={`state-badge state-badge-${state.toLowerCase()}`}>{label}</span>;
}

/** A water class label (Ⅲ类), or the dash when there is none. */
export function useWaterClassLabel(): (waterClass: string | null | undefined) => string {
  const { t } = useTranslation();
  return (waterClass) => (waterClass ? t(`cases.waterClass.${waterClass as 'I'}`) : t('cases.notSet'));
}

/** A parameter's name in the language (化学需氧量（COD）…), or its code when the app does not know it. */
export function useParameterLabel(): (code: string) => string {
  const { t, i18n } = useTranslation();
  return (code) => {
    const key = `pollution.parameter.${code}`;
    return i18n.exists(key) ? t(key as 'pollution.parameter.COD') : code;
  };
}

/** Explains a failed write: the domain's codes in the user's language, field problems one by one. */
export function MutationErrorView({ error }: { error: CombinedError }) {
  const { t, i18n } = useTranslation();
  const problem = describeGatewayError(error);
  if (problem.kind !== 'server') {
    return (
      <ErrorState title={t('cases.errors.title')}>
        <p>{problem.kind === 'unreachable' ? t('error.unreachableBody') : t('error.sessionEnded')}</p>
      </ErrorState>
    );
  }
  const key = problem.code ? `cases.errors.${problem.code}` : undefined;
  const explanation = key && i18n.exists(key) ? t(key as 'cases.errors.FORBIDDEN') : problem.code && i18n.exists(`error.${problem.code}`) ? t(`error.${problem.code}` as 'error.INTERNAL') : problem.message;
  const problems = (error.graphQLErrors[0]?.extensions?.problems ?? []) as Array<{ field?: string; reason?: string }>;
  return (
    <ErrorState title={t('cases.errors.title')}>
      <p>{explanation}</p>
      {Array.isArray(problems) && problems.length > 0 ? (
        <ul className="plain-list">
          {problems.map((p, index) => {
            const fieldKey = `cases.field.${p.field ?? ''}`;
            const field = i18n.exists(fieldKey) ? t(fieldKey as 'cases.field.input.date') : (p.field ?? '');
            return (
              <li key={`${p.field}-${index}`}>
                {t('cases.errors.problem', { field, reason: p.reason ?? '' })}
              </li>
            );
          })}
        </ul>
      ) : null}
      {problem.code ? <p className="muted">{t('error.code', { code: problem.code })}</p> : null}
    </ErrorState>
  );
}
