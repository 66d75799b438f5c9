// Keycloak's CORS for browser clients. keycloak-js calls the token endpoint with `credentials: 'include'`, and a
// browser hands such an answer (and the preflight before it) to the page only when it carries
// `Access-Control-Allow-Credentials: true` next to the page's exact origin. Keycloak sends both to the web origins of
// its clients (the origins of their redirect URIs, "+"); this module does the same for the realm endpoints a page
// calls, and sends neither to any other origin. `*` is never used: browsers refuse it with credentials, and it would
// let any site read the answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A realm endpoint pages call from their own origin. */
export interface CorsEndpoint {
  /** Path below the realm, e.g. /protocol/openid-connect/userinfo. */
  path: string;
  /** Methods a preflight may ask for. */
  methods: readonly string[];
  /**
   * Who allows the origin on actual (non-preflight) answers: "middleware" (this module, for any web origin of the
   * realm) or "endpoint", where the endpoint checks the origin against the calling client (the token endpoint through
   * clientBasedCORS in provider.factory.ts, the revocation route itself).
   */
  actualRequests: 'middleware' | 'endpoint';
  /** Response headers the page may read besides the CORS-safelisted ones. */
  exposeHeaders?: readonly string[];
}

// Keycloak's default list of request headers a preflight may ask for, minus those browsers never ask about.
const ALLOWED_REQUEST_HEADERS = 'Accept, Authorization, Content-Type, DPoP, X-Requested-With';
const PREFLIGHT_MAX_AGE_SECONDS = 3600;

/** Marks an answer readable, with credentials, by a page of the given (allowed) origin. */
export function allowWebOrigin(response: ServerResponse, origin: string): void {
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  varyOnOrigin(response);
}

/** Builds the middleware (mounted at the realm path) that answers preflights and allows web origins. */
export function createWebOriginCors(options: { allowedOrigins: ReadonlySet<string>; endpoints: readonly CorsEndpoint[] }) {
  const endpoints = new Map(options.endpoints.map((endpoint) => [endpoint.path, endpoint]));
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const endpoint = endpoints.get((request.url ?? '/').split('?')[0] ?? '/');
    if (!endpoint) return next();
    // Whether an answer carries CORS headers depends on the Origin, so caches must keep one copy per origin.
    varyOnOrigin(response);
    const { origin } = request.headers;
    const allowed = typeof origin === 'string' && options.allowedOrigins.has(origin) ? origin : undefined;

    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      // A refused preflight is a plain empty answer: without Access-Control-Allow-Origin the browser stops there.
      if (allowed) {
        allowWebOrigin(response, allowed);
        response.setHeader('Access-Control-Allow-Methods', endpoint.methods.join(', '));
        response.setHeader('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
        response.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      }
      response.statusCode = 204;
      response.end();
      return;
    }

    if (allowed && endpoint.actualRequests === 'middleware') {
      allowWebOrigin(response, allowed);
      if (endpoint.exposeHeaders?.length) response.setHeader('Access-Control-Expose-Headers', endpoint.exposeHeaders.join(', '));
    }
    next();
  };
}

function varyOnOrigin(response: ServerResponse): void {
  const vary = response.getHeader('vary');
  const fields = (Array.isArray(vary) ? vary.join(',') : String(vary ?? '')).split(',').map((field) => field.trim()).filter(Boolean);
  if (fields.includes('*') || fields.some((field) => field.toLowerCase() === 'origin')) return;
  response.setHeader('Vary', [...fields, 'Origin'].join(', '));
}
