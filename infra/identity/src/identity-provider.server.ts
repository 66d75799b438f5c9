// Starts the development OpenID provider: one HTTP server with oidc-provider mounted at the realm's issuer path,
// the sign-in page, the userinfo and revocation endpoints and /health.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import formbody from '@fastify/formbody';
import middie from '@fastify/middie';
import Fastify from 'fastify';
import { loginPath, registerLoginRoutes } from './http/login.routes.ts';
import { registerRevocationRoute } from './http/revocation.route.ts';
import { registerUserinfoRoute } from './http/userinfo.route.ts';
import { createWebOriginCors, type CorsEndpoint } from './http/web-origin.cors.ts';
import { PortInUseError } from './identity.errors.ts';
import { loadOrCreateKeyMaterial } from './keys/key-material.store.ts';
import { createProvider, KEYCLOAK_ROUTES, tokenClientsOf } from './oidc/provider.factory.ts';
import { webOriginsOf } from './oidc/redirect-uri.matcher.ts';
import { RefreshTokenWrapper } from './oidc/refresh-token.wrapper.ts';
import { DemoRealmRepository, loadDemoRealm } from './realm/demo-realm.repository.ts';
import { FileBackedStore } from './store/file-store.adapter.ts';

/** How to start the provider. */
export interface IdentityProviderOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port to listen on; default 8180; 0 picks a free one. */
  port?: number;
  /** The URL clients reach the provider at (no path); default http://<host>:<port>. The issuer is <publicUrl>/realms/xietong. */
  publicUrl?: string;
  /** Directory for signing keys, cookie keys and stored sessions; created if missing. */
  dataDir: string;
  /** Redirect URI patterns of the web client (Keycloak style, "*" at the end); default those of the demo realm. */
  webRedirectUris?: string[];
  /** Receives unexpected errors; default: printed to stderr. */
  onServerError?: (error: unknown) => void;
}

/** A running provider. */
export interface RunningIdentityProvider {
  /** `<baseUrl>/realms/xietong`, the `iss` of every token. */
  issuer: string;
  /** The public URL without a path, e.g. http://localhost:8180 (what keycloak-js calls `url`). */
  baseUrl: string;
  /** The port it listens on (the chosen one when asked for 0). */
  port: number;
  /** Stops listening, closes connections and writes stored sessions. */
  stop(): Promise<void>;
}

// The realm endpoints pages call with `credentials: 'include'` (keycloak-js: token; the app: userinfo; logout for a
// page that ends the session with a request of its own).
const CORS_ENDPOINTS: CorsEndpoint[] = [
  { path: KEYCLOAK_ROUTES.token, methods: ['POST'], actualRequests: 'endpoint' },
  { path: KEYCLOAK_ROUTES.revocation, methods: ['POST'], actualRequests: 'endpoint' },
  { path: KEYCLOAK_ROUTES.userinfo, methods: ['GET', 'POST'], actualRequests: 'middleware', exposeHeaders: ['WWW-Authenticate'] },
  { path: KEYCLOAK_ROUTES.end_session, methods: ['GET', 'POST'], actualRequests: 'middleware' },
];

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8180;

/** Starts the development OpenID provider; rejects with PortInUseError when the port is taken. */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const host = options.host ?? DEFAULT_HOST;
  const onServerError = options.onServerError ?? ((error: unknown) => console.error('identity: unexpected error', error));
  const repository = new DemoRealmRepository(loadDemoRealm());
  const dataDir = path.resolve(options.dataDir);
  const keys = await loadOrCreateKeyMaterial(dataDir);
  const store = await FileBackedStore.open(path.join(dataDir, 'store.json'), onServerError);

  // Listen first so that port 0 resolves to a real port before the issuer (which names it) is fixed. Requests that
  // arrive before the routes are ready get 503.
  let app: ReturnType<typeof Fastify> | undefined;
  const server = createServer((request, response) => {
    if (app) return app.routing(request, response);
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }).end('starting\n');
  });
  const port = await listen(server, host, options.port ?? DEFAULT_PORT);

  try {
    const baseUrl = (options.publicUrl ?? `http://${urlHost(host)}:${port}`).replace(/\/+$/, '');
    const realmPath = `/realms/${repository.realm.realm}`;
    const issuer = `${baseUrl}${realmPath}`;
    const refreshTokens = await RefreshTokenWrapper.create(issuer, keys.refreshTokenKey);
    const provider = createProvider({
      issuer,
      repository,
      keys,
      store,
      refreshTokens,
      webRedirectUris: options.webRedirectUris,
      loginPathFor: (uid) => loginPath(new URL(issuer).pathname, uid),
      onServerError,
    });

    const fastify = Fastify({ logger: false });
    await fastify.register(middie);
    await fastify.register(formbody);
    const redirectPatterns = tokenClientsOf(repository, options.webRedirectUris).flatMap((c) => c.redirectUris);
    fastify.use(realmPath, createWebOriginCors({ allowedOrigins: webOriginsOf(redirectPatterns), endpoints: CORS_ENDPOINTS }));
    const callback = provider.callback();
    const ownPaths = ['/login-actions/', KEYCLOAK_ROUTES.userinfo, KEYCLOAK_ROUTES.revocation];
    // oidc-provider answers everything under the realm path except the routes this package serves itself.
    fastify.use(realmPath, (request, response, next) => {
      const url = request.url ?? '/';
      if (ownPaths.some((own) => url.startsWith(own))) return next();
      void callback(request, response);
    });
    registerLoginRoutes(fastify, { provider, repository, realmPath });
    registerUserinfoRoute(fastify, {
      path: `${realmPath}${KEYCLOAK_ROUTES.userinfo}`,
      issuer,
      signingKeys: keys.jwks.keys,
      repository,
      store,
      realmName: repository.realm.realm,
    });
    registerRevocationRoute(fastify, { path: `${realmPath}${KEYCLOAK_ROUTES.revocation}`, provider });
    fastify.get('/health', async () => ({ status: 'UP' }));
    fastify.setErrorHandler((error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) onServerError(error);
      void reply.code(status).send({
        error: status >= 500 ? 'server_error' : 'invalid_request',
        error_description: status >= 500 ? 'Unexpected error' : (error as Error).message,
      });
    });
    await fastify.ready();
    app = fastify;

    return {
      issuer,
      baseUrl,
      port,
      stop: async () => {
        await closeServer(server);
        await fastify.close();
        await store.flush();
      },
    };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// A wildcard listen address is not a place to send a browser to.
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
