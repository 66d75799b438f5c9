// Catches a rendering error anywhere below it and shows a readable message with a way out, never a blank page.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Changing it clears the error (e.g. the route, so navigating away recovers). */
  resetKey?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
  resetKey: string | undefined;
}

/** Shows UnexpectedError instead of a subtree that threw. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<ErrorBoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is the only place a browser can report to without a telemetry service.
    console.error('xietong: rendering failed', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <UnexpectedError /> : this.props.children;
  }
}

/** The page shown when something failed that no other state explains. */
export function UnexpectedError() {
  const { t } = useTranslation();
  return (
    <section className="state state-error" role="alert">
      <h2>{t('error.unexpectedTitle')}</h2>
      <p>{t('error.unexpectedBody')}</p>
      <div className="state-actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
      </div>
    </section>
  );
}
