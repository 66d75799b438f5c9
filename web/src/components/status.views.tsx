// Loading, empty and error states, the same everywhere: a page never goes blank, and an error says what happened and
// what to do next in the user's language.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayProblem } from '../graphql/graphql.client.ts';

/** A busy indicator announced to screen readers. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

/** Nothing to show, and why. */
export function EmptyState({ title, children, badge }: { title?: string; children: ReactNode; badge?: string }) {
  const headingId = useId();
  return (
    <section className="state state-empty" aria-labelledby={title ? headingId : undefined}>
      {badge ? <p className="badge">{badge}</p> : null}
      {title ? <h2 id={headingId}>{title}</h2> : null}
      <div>{children}</div>
    </section>
  );
}

/** An error with its explanation and the action that may fix it. */
export function ErrorState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="state state-error" role="alert">
      <h2>{title}</h2>
      {children}
      {action ? <div className="state-actions">{action}</div> : null}
    </section>
  );
}

/** Explains a failed gateway call: unreachable (retry), session ended (sign in), or the server's error (retry). */
export function GatewayProblemView({ problem, onRetry, onSignIn }: { problem: GatewayProblem; onRetry: () => void; onSignIn: () => void }) {
  const { t, i18n } = useTranslation();
  if (problem.kind === 'unreachable') {
    return (
      <ErrorState title={t('error.unreachableTitle')} action={<button type="button" className="button" onClick={onRetry}>{t('error.retry')}</button>}>
        <p>{t('error.unreachableBody')}</p>
      </ErrorState>
    );
  }
  if (problem.kind === 'session-ended') {
    return (
      <ErrorState title={t('error.sessionEnded')} action={<button type="button" className="button" onClick={onSignIn}>{t('error.signInAgain')}</button>} />
    );
  }
  const knownKey = problem.code ? `error.${problem.code}` : undefined;
  // A known code is explained in the user's language; otherwise the gateway's own (English, public) message is shown.
  const explanation = knownKey && i18n.exists(knownKey) ? t(knownKey as 'error.INTERNAL') : problem.message;
  return (
    <ErrorState title={t('error.serverTitle')} action={<button type="button" className="button" onClick={onRetry}>{t('error.retry')}</button>}>
      <p>{explanation}</p>
      {problem.code ? <p className="muted">{t('error.code', { code: problem.code })}</p> : null}
    </ErrorState>
  );
}
