import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { ErrorDetailSchema, PrincipalService } from '@xietong/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditError } from '../../src/audit/audit-log.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../src/errors/domain-error.ts';
import { createTokenVerifier } from '../../src/identity/token-verifier.ts';
import { callInfoFrom, createServiceClient, forwardingFrom, principalFrom, registerConnectServices } from '../../src/rpc/index.ts';
import { createServiceApp, type ServiceApp } from '../../src/server/service-app.ts';
import { NotesService } from '../e2e/minimal-service/src/contracts/generated/xietong/kittest/v1/notes_pb.ts';
import { AUDIENCE, ISSUER, makeKey, signToken, startJwksServer, userClaims, type TestKey } from '../identity/jwks-server.fixture.ts';

// One service whose NotesService handlers fail in every way a handler can, or echo what reached them.
let key: TestKey;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let service: ServiceApp;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  key = await makeKey('k1');
  jwks = await startJwksServer([key]);
  token = await signToken(key);
  service = createServiceApp({ name: 'rpc-test', host: '127.0.0.1', port: 0, fastify: { logger: false } });
  const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url });
  await registerConnectServices(
    service,
    (router) => {
      router.service(NotesService, {
        async createNote(request, ctx) {
          const failures: Record<string, () => Error> = {
            invalid: () => new ValidationError([{ field: 'title', reason: 'must not be "invalid"' }]),
            missing: () => new NotFoundError('note'),
            forbidden: () => new ForbiddenError(),
            conflict: () => new ConflictError('NOTE_LOCKED', 'The note is locked.'),
            boom: () => new Error('password=hunter2 at /srv/notes.ts:12'),
            audit: () => new AuditError('audit_head is missing: run the audit log migration'),
            'connect-internal': () => new ConnectError('pg: relation "notes" does not exist', Code.Internal),
            'connect-deliberate': () => new ConnectError('try later', Code.Aborted),
          };
          const failure = failures[request.title];
          if (failure) throw failure();
          const principal = principalFrom(ctx);
          return { note: { id: 'n1', title: request.title, ownerProvince: principal.province, createdBy: principal.subject } };
        },
        async getNote(request, ctx) {
          if (request.id === 'chain') {
            // A handler calling another service on the caller's behalf.
            const who = await createServiceClient(PrincipalService, { baseUrl, ...forwardingFrom(ctx) }).whoAmI({});
            return { note: { id: 'chain', title: who.principal?.username ?? '', body: who.service } };
          }
          const seen = {
            correlationId: callInfoFrom(ctx)?.correlationId,
            traceparent: ctx.requestHeader.get('traceparent'),
            authorization: ctx.requestHeader.get('authorization'),
          };
          return { note: { id: request.id, body: JSON.stringify(seen) } };
        },
      });
    },
    { verifier },
  );
  baseUrl = (await service.listen()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await service?.close();
  await jwks?.close();
});

function notes(options: { token?: string; rawErrors?: boolean } = {}) {
  return createServiceClient(NotesService, { baseUrl, token: options.token ?? token, rawErrors: options.rawErrors ?? true });
}

async function connectErrorOf(call: Promise<unknown>): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe('Connect RPC on the kit app', () => {
  it('puts the verified principal into the handler context', async () => {
    const { note } = await notes().createNote({ title: 'hello' });
    expect(note).toMatchObject({ title: 'hello', ownerProvince: '410000', createdBy: userClaims().sub });
  });

  it('mounts PrincipalService: WhoAmI answers the principal taken from the token and the service name', async () => {
    const who = await createServiceClient(PrincipalService, { baseUrl, token }).whoAmI({});
    expect(who.service).toBe('rpc-test');
    expect(who.principal).toMatchObject({ subject: userClaims().sub, username: 'henan.env', province: '410000', agency: 'henan-dee', roles: ['environment'] });
    // Plain JSON over HTTP works too (curl-able), with the same answer.
    const response = await fetch(`${baseUrl}/xietong.platform.v1.PrincipalService/WhoAmI`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ principal: { username: 'henan.env', province: '410000' }, service: 'rpc-test' });
  });

  it('refuses calls without a valid bearer token as unauthenticated, with a challenge and no reason', async () => {
    const anonymous = createClient(PrincipalService, createConnectTransport({ baseUrl, httpVersion: '1.1' }));
    const missing = await connectErrorOf(anonymous.whoAmI({}));
    expect(missing.code).toBe(Code.Unauthenticated);
    expect(missing.rawMessage).toBe('A valid bearer token is required.');
    expect(missing.metadata.get('www-authenticate')).toContain('Bearer realm="xietong"');

    const otherIssuer = await signToken(key, userClaims(), { issuer: 'http://evil.example/realms/xietong' });
    for (const bad of ['not-a-jwt', otherIssuer, await signToken(key, userClaims(), { expiresIn: -120 })]) {
      const error = await connectErrorOf(notes({ token: bad }).createNote({ title: 'x' }));
      expect(error.code).toBe(Code.Unauthenticated);
      expect(error.rawMessage).toBe('A valid bearer token is required.');
    }

    const raw = await fetch(`${baseUrl}/xietong.platform.v1.PrincipalService/WhoAmI`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('maps domain errors to Connect codes with the stable code and field problems in an ErrorDetail', async () => {
    const cases: Array<[string, Code, string]> = [
      ['invalid', Code.InvalidArgument, 'VALIDATION_FAILED'],
      ['missing', Code.NotFound, 'NOT_FOUND'],
      ['forbidden', Code.PermissionDenied, 'FORBIDDEN'],
      ['conflict', Code.FailedPrecondition, 'NOTE_LOCKED'],
    ];
    for (const [title, code, detailCode] of cases) {
      const error = await connectErrorOf(notes().createNote({ title }));
      expect(error.code, title).toBe(code);
      const [detail] = error.findDetails(ErrorDetailSchema);
      expect(detail?.code, title).toBe(detailCode);
      expect(detail?.requestId, title).toMatch(/^[0-9a-f-]{36}$/);
    }
    const invalid = await connectErrorOf(notes().createNote({ title: 'invalid' }));
    expect(invalid.findDetails(ErrorDetailSchema)[0]?.problems.map((p) => ({ field: p.field, reason: p.reason }))).toEqual([
      { field: 'title', reason: 'must not be "invalid"' },
    ]);
    expect((await connectErrorOf(notes().createNote({ title: 'missing' }))).rawMessage).toBe('No such note.');
    expect((await connectErrorOf(notes().createNote({ title: 'connect-deliberate' }))).code).toBe(Code.Aborted);
  });

  it('answers unexpected failures and the service’s own faults as internal, without their text', async () => {
    for (const title of ['boom', 'audit', 'connect-internal']) {
      const error = await connectErrorOf(notes().createNote({ title }));
      expect(error.code, title).toBe(Code.Internal);
      expect(error.rawMessage, title).toBe('Something went wrong on our side; the request id identifies it in the logs.');
      expect(JSON.stringify(error), title).not.toMatch(/hunter2|notes\.ts|audit_head|relation/);
      expect(error.findDetails(ErrorDetailSchema)[0]?.code, title).toBe('INTERNAL');
    }
  });

  it('gives callers DomainErrors with the called service’s code, message and problems by default', async () => {
    const domain = createServiceClient(NotesService, { baseUrl, token });
    const invalid = await domain.createNote({ title: 'invalid' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DomainError);
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'title', reason: 'must not be "invalid"' }] });
    expect(await domain.createNote({ title: 'conflict' }).catch((e: unknown) => e)).toMatchObject({ code: 'NOTE_LOCKED', message: 'The note is locked.' });
    expect(await domain.createNote({ title: 'boom' }).catch((e: unknown) => e)).toMatchObject({ code: 'UPSTREAM_FAILED' });
  });

  it('forwards the token, correlation id and trace context, and lets a handler call on with the caller’s token', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const client = createServiceClient(NotesService, { baseUrl, tokenProvider: async () => token, correlationId: 'corr-7', traceContext: { traceparent } });
    const { note } = await client.getNote({ id: 'echo' });
    const seen = JSON.parse(note?.body ?? '{}') as Record<string, string>;
    expect(seen.correlationId).toBe('corr-7');
    expect(seen.authorization).toBe(`Bearer ${token}`);
    expect(seen.traceparent).toContain('4bf92f3577b34da6a3ce929d0e0e4736');

    const chained = await client.getNote({ id: 'chain' });
    expect(chained.note).toMatchObject({ title: 'henan.env', body: 'rpc-test' });
  });

  it('refuses a message over the size limit', async () => {
    const error = await connectErrorOf(notes().createNote({ title: 'big', body: 'x'.repeat(1_100_000) }));
    expect(error.code).toBe(Code.ResourceExhausted);
  });

  it('answers unavailable, not unauthenticated, while the identity provider cannot be reached', async () => {
    const isolated = createServiceApp({ name: 'rpc-idp-down', host: '127.0.0.1', port: 0, fastify: { logger: false } });
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:9/certs', jwksTimeoutMs: 500 });
    await registerConnectServices(isolated, () => {}, { verifier });
    const url = (await isolated.listen()).replace('[::1]', '127.0.0.1');
    try {
      const error = await connectErrorOf(createServiceClient(PrincipalService, { baseUrl: url, token, rawErrors: true }).whoAmI({}));
      expect(error.code).toBe(Code.Unavailable);
    } finally {
      await isolated.close();
    }
  });

  it('needs a token or a token provider to make a client', () => {
    expect(() => createServiceClient(PrincipalService, { baseUrl, token: '' })).toThrow(RangeError);
  });
});
