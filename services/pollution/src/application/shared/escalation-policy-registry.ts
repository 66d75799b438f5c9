import { DEFAULT_ESCALATION_POLICY, resolveEscalationPolicy, type EscalationPolicy, type EscalationPolicySource } from '../../domain/index.ts';

/**
 * The escalation policies in force, held in memory so that choosing a message's policy stays synchronous: it is
 * asked for inside every alert read and write (presentation, due times, event payloads), where a database round
 * trip per message would cost more than the whole rest of the call. The stored versions are the truth; this copy is
 * refreshed from them at boot, after each policy write in this process, and at every escalation-job run, so other
 * instances of the service catch up within one escalation interval. Until then an instance that has not seen a
 * new version gives the messages it sends in that window the deadlines of the version before (docs/decisions/0008).
 */
export class EscalationPolicyRegistry {
  #policies: readonly EscalationPolicy[];
  readonly #load: () => Promise<readonly EscalationPolicy[]>;
  #requested = 0;
  #applied = 0;

  /** `load` reads every stored version; until the first refresh only the built-in default applies. */
  constructor(load: () => Promise<readonly EscalationPolicy[]>, initial: readonly EscalationPolicy[] = [DEFAULT_ESCALATION_POLICY]) {
    this.#load = load;
    this.#policies = initial;
  }

  /** The policy for a message, as the domain's functions take it. */
  readonly source: EscalationPolicySource = (message) => resolveEscalationPolicy(this.#policies, message);

  /** The versions held now. */
  policies(): readonly EscalationPolicy[] {
    return this.#policies;
  }

  /** Reloads every stored version. Of two refreshes racing, the one started last wins, so a slow old read never undoes a newer one. */
  async refresh(): Promise<void> {
    this.#requested += 1;
    const ticket = this.#requested;
    const loaded = await this.#load();
    if (ticket < this.#applied) return;
    this.#applied = ticket;
    this.#policies = loaded.length > 0 ? loaded : [DEFAULT_ESCALATION_POLICY];
  }
}
