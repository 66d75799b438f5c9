import { create } from '@bufbuild/protobuf';
import { createContextValues, type ConnectRouter, type Interceptor, type StreamResponse } from '@connectrpc/connect';
import { fastifyConnectPlugin } from '@connectrpc/connect-fastify';
import { PrincipalService, WhoAmIResponseSchema } from '@xietong/proto';
import type { FastifyInstance } from 'fastify';
import { bearerTokenOf } from '../identity/bearer-token.ts';
import { IdentityProviderUnavailableError, UnauthenticatedError } from '../identity/identity.errors.ts';
import type { TokenVerifier } from '../identity/token-verifier.ts';
import type { ServiceApp } from '../server/service-app.ts';
import { bearerTokenKey, callInfoKey, principalFrom, principalKey, type CallInfo } from './connect-context.ts';
import { toConnectError } from './connect-errors.ts';

/** Options of registerConnectServices. */
export interface ConnectServicesOptions {
  /** Verifies the bearer token of every call (the same verifier the REST routes use). */
  verifier: TokenVerifier;
  /** Name WhoAmI reports; default the ServiceApp's name. */
  serviceName?: string;
  /** Largest request message accepted, bytes; default 1 MiB (Fastify's body limit does not reach Connect routes). */
  readMaxBytes?: number;
  /** On shutdown, calls still running after this long are aborted; default 10 000 ms. */
  shutdownTimeoutMs?: number;
  /** The realm named in WWW-Authenticate; default "xietong". */
  realm?: string;
}

// Services on which the platform's PrincipalService is already mounted (registering twice would clash on routes).
const withPrincipalService = new WeakSet<FastifyInstance>();

/**
 * Serves Connect RPC services on the kit's Fastify app (Connect, gRPC and gRPC-web protocols; JSON and binary).
 * Every call must carry `Authorization: Bearer <access token>`: the kit's interceptor verifies it with the verifier,
 * puts the principal into the handler context (`principalFrom(ctx)`), and maps DomainErrors to Connect codes with an `xietong.platform.v1.ErrorDetail`; unexpected errors
 * answer `internal` without their text. `xietong.platform.v1.PrincipalService` (WhoAmI) is mounted automatically.
 */
export async function registerConnectServices(
  target: ServiceApp | FastifyInstance,
  routes: (router: ConnectRouter) => void,
  options: ConnectServicesOptions,
): Promise<void> {
  const app = isServiceApp(target) ? target.app : target;
  const serviceName = options.serviceName ?? (isServiceApp(target) ? target.name : 'unknown');
  const mountPrincipalService = !withPrincipalService.has(app);
  withPrincipalService.add(app);
  await app.register(fastifyConnectPlugin, {
    routes(router) {
      if (mountPrincipalService) {
        router.service(PrincipalService, {
          whoAmI(_request, ctx) {
            const principal = principalFrom(ctx);
            return create(WhoAmIResponseSchema, { principal: { ...principal, roles: [...principal.roles] }, service: serviceName });
          },
        });
      }
      routes(router);
    },
    interceptors: [createKitInterceptor(options.verifier, options.realm ?? 'xietong')],
    readMaxBytes: options.readMaxBytes ?? 1024 * 1024,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    // The kit's onRequest hook has already set the request and correlation ids (createServiceApp).
    contextValues(request) {
      const trace: CallInfo['trace'] = {};
      if (typeof request.headers.traceparent === 'string') trace.traceparent = request.headers.traceparent;
      if (typeof request.headers.tracestate === 'string') trace.tracestate = request.headers.tracestate;
      const info: CallInfo = { requestId: String(request.id), correlationId: request.correlationId || String(request.id), log: request.log, trace };
      return createContextValues().set(callInfoKey, info);
    },
  });
}

function isServiceApp(target: ServiceApp | FastifyInstance): target is ServiceApp {
  return 'app' in target && 'metrics' in target && 'onShutdown' in target;
}

/** Authentication, tracing and error mapping around every Connect handler of a service. */
function createKitInterceptor(verifier: TokenVerifier, realm: string): Interceptor {
  return (next) => async (request) => {
    const info = request.contextValues.get(callInfoKey);
    const fail = (error: unknown): never => {
      const mapped = toConnectError(error, info?.requestId ?? '', { realm });
      if (error instanceof UnauthenticatedError) info?.log.info({ reason: error.reason }, 'authentication failed');
      else if (error instanceof IdentityProviderUnavailableError) info?.log.warn({ reason: error.reason, err: error.cause }, 'identity provider unavailable');
      else if (mapped.internal) info?.log.error({ err: error, rpc: `${request.service.typeName}/${request.method.name}` }, 'unhandled error');
      throw mapped.error;
    };
    try {
      const token = bearerTokenOf(request.header.get('authorization'));
      if (!token) throw new UnauthenticatedError(request.header.has('authorization') ? 'Authorization is not a Bearer token' : 'no Authorization header');
      const principal = await verifier.verify(token);
      request.contextValues.set(principalKey, principal);
      request.contextValues.set(bearerTokenKey, token);
      // The kit app's server span of this HTTP request (continuing the caller's trace) is active here already.
      const response = await next(request);
      if (!response.stream) return response;
      // A streaming handler fails while its messages are being read, after next() returned: map those errors too.
      return { ...response, message: mapStreamErrors(response.message, fail) } satisfies StreamResponse;
    } catch (error) {
      return fail(error);
    }
  };
}

async function* mapStreamErrors<T>(messages: AsyncIterable<T>, fail: (error: unknown) => never): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    fail(error);
  }
}
