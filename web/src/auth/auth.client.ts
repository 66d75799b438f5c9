// What the app needs from sign-in, independent of keycloak-js (tests use a fake; keycloak.auth.ts is the real one).
import type { SignedInUser } from './user.model.ts';

/** Why the sign-in page is shown. */
export type SignedOutReason = 'none' | 'signed-out' | 'expired';

/** The outcome of starting: signed in, not signed in (and why), or the identity service failed. */
export type AuthStart =
  | { status: 'signed-in'; user: SignedInUser }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'failed'; error: AuthFailure };

/** A sign-in that did not work: the provider's own error, or no answer from it. */
export interface AuthFailure {
  kind: 'provider-error' | 'unreachable';
  /** The provider's `error_description` or `error`, when it gave one. */
  detail?: string;
}

/** Sign-in, tokens and sign-out. */
export interface AuthClient {
  /** Completes a sign-in redirect if there is one, or resumes a session of this tab; never redirects on first visit. */
  start(): Promise<AuthStart>;
  /** Goes to the identity provider's sign-in page (its pages in this language), then back to the current page. */
  signIn(language: string): Promise<void>;
  /** Ends the session at the provider too, then returns to the sign-in page. */
  signOut(): Promise<void>;
  /** A valid access token, refreshed first when it expires within 30 s; throws SessionEndedError when it cannot be. */
  accessToken(): Promise<string>;
  /** Called when the session ends without the user signing out (refresh refused, idle timeout); returns an unsubscribe. */
  onSessionEnded(listener: () => void): () => void;
  /** Called when a refresh brought new claims (e.g. roles changed by an administrator); returns an unsubscribe. */
  onUserChanged(listener: (user: SignedInUser) => void): () => void;
}

/** The session can no longer be refreshed; the user must sign in again. */
export class SessionEndedError extends Error {
  readonly code = 'SESSION_ENDED';

  constructor() {
    super('The session has ended; sign in again.');
    this.name = 'SessionEndedError';
  }
}

/** The identity provider did not answer; the sign-in page says so instead of sending the browser to an error page. */
export class ProviderUnreachableError extends Error {
  readonly code = 'IDENTITY_UNREACHABLE';

  constructor() {
    super('The identity provider cannot be reached.');
    this.name = 'ProviderUnreachableError';
  }
}
