/**
 * Who acts: the fields of the service kit's `Principal` the domain needs, so a Principal can be passed as it is.
 * Roles are strings here (not the kit's union) to keep the domain free of the kit; unknown roles grant nothing.
 */
export interface Actor {
  /** The identity provider's stable user id (`sub`). */
  readonly subject: string;
  /** Login name, for display in timelines. */
  readonly username: string;
  /** GB/T 2260 province-level code of the actor's province; `000000` for national bodies. */
  readonly province: string;
  /** Realm roles (`environment`, `liaison`, `observer`, …). */
  readonly roles: readonly string[];
}

/** The code national bodies carry instead of a province (access-model.md). */
export const NATIONAL_PROVINCE = '000000';

/** The role that writes in the pollution domain. */
export const ENVIRONMENT_ROLE = 'environment';

/** Who did something, as recorded in timelines, acknowledgements and evidence. */
export interface ActorRef {
  /** Stable user id. */
  readonly subject: string;
  /** Login name at the time. */
  readonly username: string;
  /** The actor's province at the time. */
  readonly province: string;
}

/** The reference a record keeps of the actor who made it. */
export function actorRef(actor: Actor): ActorRef {
  return { subject: actor.subject, username: actor.username, province: actor.province };
}

/** Whether the actor holds the environmental bureau's role. */
export function isEnvironmentOfficer(actor: Actor): boolean {
  return actor.roles.includes(ENVIRONMENT_ROLE);
}
