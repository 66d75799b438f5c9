import type { AccessProbe } from '../access-matrix/access-probe.ts';
import type { AccessRule } from '../access-matrix/policy-table.ts';
import type { EventReadRule } from '../subscriptions/event-read-rules.ts';
import type { GatewayBuilder } from './builder.ts';

/**
 * One folder under src/schema/modules: a domain's (or the platform's) part of the gateway. Each service adds one:
 * its GraphQL types, queries, mutations and subscriptions, who may receive which of its events, and its rows of the
 * access matrix.
 */
export interface GatewayModule {
  /** Short name, e.g. "pollution"; unique. */
  readonly name: string;
  /** Registers the module's types and fields; every field and object type must state its auth scopes. */
  register(builder: GatewayBuilder): void;
  /** Kafka topics whose events this module's subscriptions deliver (the hub consumes their union). */
  readonly topics?: readonly string[];
  /** Who may receive each of the module's event types; an event type without a rule reaches no one. */
  readonly eventReadRules?: readonly EventReadRule[];
  /** The module's rows of the access matrix (src/access-matrix), which the harness runs against a live gateway. */
  readonly accessRules?: readonly AccessRule[];
  /** How the harness tries each (object, operation) of those rows. */
  readonly accessProbes?: readonly AccessProbe[];
}
