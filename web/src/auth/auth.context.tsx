// The sign-in state for React: starting, signed out (with why), signed in (with who), or failed.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ProviderUnreachableError, type AuthClient, type AuthFailure, type SignedOutReason } from './auth.client.ts';
import type { SignedInUser } from './user.model.ts';

/** Where sign-in stands. */
export type AuthState =
  | { status: 'starting' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'redirecting' }
  | { status: 'signed-in'; user: SignedInUser }
  | { status: 'failed'; error: AuthFailure };

/** What components get from useAuth(). */
export interface AuthContextValue {
  state: AuthState;
  client: AuthClient;
  /** Goes to the provider's sign-in page in the given language. */
  signIn(language: string): void;
  signOut(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Starts the auth client once and provides its state. */
export function AuthProvider({ client, children }: { client: AuthClient; children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'starting' });

  useEffect(() => {
    let active = true;
    void client.start().then((result) => {
      if (!active) return;
      if (result.status === 'signed-in') setState({ status: 'signed-in', user: result.user });
      else if (result.status === 'signed-out') setState({ status: 'signed-out', reason: result.reason });
      else setState({ status: 'failed', error: result.error });
    });
    const stopEnded = client.onSessionEnded(() => setState({ status: 'signed-out', reason: 'expired' }));
    const stopChanged = client.onUserChanged((user) => setState((current) => (current.status === 'signed-in' ? { status: 'signed-in', user } : current)));
    return () => {
      active = false;
      stopEnded();
      stopChanged();
    };
  }, [client]);

  const signIn = useCallback(
    (language: string) => {
      setState({ status: 'redirecting' });
      client.signIn(language).catch((error: unknown) => {
        setState({
          status: 'failed',
          error: error instanceof ProviderUnreachableError ? { kind: 'unreachable' } : { kind: 'provider-error', ...(error instanceof Error ? { detail: error.message } : {}) },
        });
      });
    },
    [client],
  );

  const signOut = useCallback(() => {
    setState({ status: 'redirecting' });
    client.signOut().catch(() => setState({ status: 'signed-out', reason: 'signed-out' }));
  }, [client]);

  const value = useMemo(() => ({ state, client, signIn, signOut }), [state, client, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The sign-in state and actions (inside AuthProvider). */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() outside <AuthProvider>');
  return value;
}

/** The signed-in user (inside the signed-in part of the app). */
export function useSignedInUser(): SignedInUser {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useSignedInUser() while not signed in');
  return state.user;
}
