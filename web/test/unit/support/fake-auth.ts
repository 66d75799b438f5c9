// An AuthClient for component tests: starts in the state a test chooses and records what the app asked of it.
import { SessionEndedError, type AuthClient, type AuthStart } from '../../../src/auth/auth.client.ts';
import { userFromClaims, type SignedInUser } from '../../../src/auth/user.model.ts';

/** A fake auth client and what it was asked. */
export interface FakeAuth extends AuthClient {
  signInCalls: string[];
  signOutCalls: number;
  /** Makes accessToken() fail as after a refused refresh. */
  endSession(): void;
}

/** A demo user as the development provider's token describes them. */
export function demoUser(username: string, province: string, agency: string, roles: string[]): SignedInUser {
  return userFromClaims({ sub: `sub-${username}`, preferred_username: username, province, agency, realm_access: { roles: [...roles, 'default-roles-xietong', 'offline_access'] } });
}

/** 河南省生态环境厅, environment. */
export const HENAN_ENVIRONMENT = demoUser('henan.environment', '410000', '河南省生态环境厅', ['environment']);
/** 北京市商务局, investment. */
export const BEIJING_INVESTMENT = demoUser('beijing.investment', '110000', '北京市商务局', ['investment']);

/** Creates a fake that starts with the given outcome. */
export function createFakeAuth(start: AuthStart): FakeAuth {
  const ended = new Set<() => void>();
  let sessionOver = false;
  const fake: FakeAuth = {
    signInCalls: [],
    signOutCalls: 0,
    start: async () => start,
    signIn: async (language) => {
      fake.signInCalls.push(language);
    },
    signOut: async () => {
      fake.signOutCalls += 1;
    },
    accessToken: async () => {
      if (sessionOver) throw new SessionEndedError();
      return 'test-token';
    },
    onSessionEnded: (listener) => {
      ended.add(listener);
      return () => ended.delete(listener);
    },
    onUserChanged: () => () => {},
    endSession: () => {
      sessionOver = true;
      for (const listener of ended) listener();
    },
  };
  return fake;
}
