import type { Principal } from '../kit.ts';
import type { HubEvent } from '../subscriptions/hub-event.ts';

/** What an anonymous caller needs to start signing in (Keycloak's layout). */
export interface SignInInfo {
  /** The realm's issuer, e.g. http://localhost:8180/realms/xietong. */
  readonly issuer: string;
  /** The provider's base URL (keycloak-js `url`). */
  readonly url: string;
  /** The realm name (keycloak-js `realm`). */
  readonly realm: string;
  /** The web app's public client id (keycloak-js `clientId`). */
  readonly clientId: string;
}

/** Facts about the running gateway that resolvers may show. */
export interface PlatformInfo {
  readonly signIn: SignInInfo;
  /** Whether the event feed is connected (subscriptions deliver). */
  readonly eventsHealthy: () => boolean;
  /** Base URLs of the domain services by name (GATEWAY_SERVICE_URLS), e.g. pollution → http://127.0.0.1:4102. */
  readonly serviceUrls: Readonly<Record<string, string>>;
}

/** The event hub bound to one request: its principal, its Last-Event-ID and its lifetime. */
export interface RequestEvents {
  /** The events this user may see (narrowed by `filter`), resuming after the request's Last-Event-ID if any. */
  subscribe(filter?: (event: HubEvent) => boolean): AsyncIterable<HubEvent>;
}

/** What every resolver receives: built once per request from the verified principal. */
export interface GatewayContext {
  /** The signed-in user, or null for an anonymous request. */
  readonly principal: Principal | null;
  /** The caller's bearer token, forwarded to the services (they check again). */
  readonly token: string | null;
  /** This request's id (also in the response's x-request-id header). */
  readonly requestId: string;
  /** The correlation id carried to the services and into their events. */
  readonly correlationId: string;
  /** W3C traceparent of the incoming request, continued in calls to the services. */
  readonly traceparent: string | null;
  /** Aborted when the client goes away or the operation runs past the gateway's timeout. */
  readonly signal: AbortSignal;
  /** Subscriptions draw their events from here. */
  readonly events: RequestEvents;
  readonly platform: PlatformInfo;
}
