// Reads data/demo-realm.json and answers the provider's questions about its users.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidRealmDataError } from '../identity.errors.ts';
import { demoRealmSchema, type DemoRealm, type DemoUser, type PublicClient } from './demo-realm.schema.ts';

/** Absolute path of the committed demo realm file. */
export const DEMO_REALM_FILE = fileURLToPath(new URL('../../data/demo-realm.json', import.meta.url));

/** Reads and validates the demo realm file (by default the committed data/demo-realm.json). */
export function loadDemoRealm(file: string = DEMO_REALM_FILE): DemoRealm {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new InvalidRealmDataError(file, [cause instanceof Error ? cause.message : String(cause)]);
  }
  const result = demoRealmSchema.safeParse(raw);
  if (!result.success) {
    throw new InvalidRealmDataError(
      file,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Looks users up and checks their passwords. */
export class DemoRealmRepository {
  readonly realm: DemoRealm;
  readonly #byUsername: Map<string, DemoUser>;
  readonly #byId: Map<string, DemoUser>;
  // Compared against when the username is unknown, so both failures cost the same work.
  readonly #decoyDigest = digest('no such user');

  constructor(realm: DemoRealm) {
    this.realm = realm;
    this.#byUsername = new Map(realm.users.map((user) => [user.username, user]));
    this.#byId = new Map(realm.users.map((user) => [user.id, user]));
  }

  /** The user with this id (the token subject), if any. */
  findById(id: string): DemoUser | undefined {
    return this.#byId.get(id);
  }

  /** The user with this username; usernames are case-insensitive, as in Keycloak. */
  findByUsername(username: string): DemoUser | undefined {
    return this.#byUsername.get(username.trim().toLowerCase());
  }

  /** The user if the password is theirs; an unknown user and a wrong password look the same to the caller. */
  authenticate(username: string, password: string): DemoUser | undefined {
    const user = this.findByUsername(username);
    const expected = user ? digest(user.password) : this.#decoyDigest;
    const matches = timingSafeEqual(expected, digest(password));
    return user && matches ? user : undefined;
  }

  /** The public client with this id, if any. */
  findPublicClient(clientId: string): PublicClient | undefined {
    const client = this.realm.clients.find((c) => c.clientId === clientId);
    return client?.type === 'public' ? client : undefined;
  }
}
