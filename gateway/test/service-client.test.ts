// Calls to a domain service go through the kit's Connect client with the user's own token and correlation id; the
// service's errors keep their codes, a refused read looks like a missing record, internal failures stay hidden.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create, createFileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, file_google_protobuf_wrappers, type StringValue } from '@bufbuild/protobuf/wkt';
import type { HandlerContext } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError, toConnectError } from '@xietong/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskGatewayError } from '../src/errors/mask-error.ts';
import type { GatewayContext } from '../src/schema/gateway-context.ts';
import { callService, serviceClientFor } from '../src/services/service-client.ts';

// A one-method service described at run time (no domain contract exists yet): Echo(StringValue) → StringValue.
const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: 'test/echo.proto',
    package: 'test.v1',
    syntax: 'proto3',
    dependency: ['google/protobuf/wrappers.proto'],
    service: [{ name: 'EchoService', method: [{ name: 'Echo', inputType: '.google.protobuf.StringValue', outputType: '.google.protobuf.StringValue' }] }],
  }),
  (name) => (name === 'google/protobuf/wrappers.proto' ? file_google_protobuf_wrappers : undefined),
);
const EchoService = registry.getService('test.v1.EchoService')!;

// What a kit-built service throws for each request value; the kit maps it to a Connect error with its ErrorDetail.
const failures: Record<string, () => Error> = {
  missing: () => new NotFoundError('case'),
  denied: () => new ForbiddenError(),
  invalid: () => new ValidationError([{ field: 'title', reason: 'must not be empty' }]),
  conflict: () => new ConflictError('CASE_CLOSED', 'The case is closed.'),
  crash: () => new Error('database at 10.0.0.7 is down'),
  audit: () => new DomainError('AUDIT_FAILED', 'audit chain write failed at /var/lib/x'),
};

let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer(
    connectNodeAdapter({
      routes: (router) =>
        router.service(EchoService, {
          echo: (request: StringValue, context: HandlerContext) => {
            const failure = failures[request.value];
            if (failure) throw toConnectError(failure(), 'req-1').error;
            return { value: JSON.stringify({ authorization: context.requestHeader.get('authorization'), correlation: context.requestHeader.get('x-correlation-id') }) };
          },
        } as never),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function contextFor(token: string): GatewayContext {
  return { token, correlationId: 'corr-1', traceparent: null, signal: new AbortController().signal, events: {} } as unknown as GatewayContext;
}

type Echo = { echo(req: { value: string }, options?: object): Promise<StringValue> };
const call = (ctx: GatewayContext, kind: 'read' | 'write', value: string, nullWhenMissing = false) =>
  callService(ctx, kind, (options) => (serviceClientFor(ctx, EchoService, { baseUrl }) as unknown as Echo).echo({ value }, options), nullWhenMissing);

describe('calling a service for a user', () => {
  it('forwards the user’s own token and the correlation id, one client per request', async () => {
    const ctx = contextFor('user-token');
    const result = await call(ctx, 'read', 'hello');
    expect(JSON.parse(result!.value)).toEqual({ authorization: 'Bearer user-token', correlation: 'corr-1' });
    expect(serviceClientFor(ctx, EchoService, { baseUrl })).toBe(serviceClientFor(ctx, EchoService, { baseUrl }));
  });

  it('answers a missing or refused read alike: null for node-style reads, NOT_FOUND otherwise', async () => {
    for (const value of ['missing', 'denied']) {
      await expect(call(contextFor('t'), 'read', value, true)).resolves.toBeNull();
      await expect(call(contextFor('t'), 'read', value)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such record.' });
    }
  });

  it('says FORBIDDEN for a refused write and keeps field problems and domain conflict codes', async () => {
    await expect(call(contextFor('t'), 'write', 'denied')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(contextFor('t'), 'write', 'invalid')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'title', reason: 'must not be empty' }] });
    await expect(call(contextFor('t'), 'write', 'conflict')).rejects.toMatchObject({ code: 'CASE_CLOSED', message: 'The case is closed.' });
  });

  it('hides a service’s internal failure behind INTERNAL', async () => {
    for (const value of ['crash', 'audit']) {
      const error = await call(contextFor('t'), 'read', value).catch((e: unknown) => e);
      const masked = maskGatewayError(error, () => {});
      expect(masked.extensions).toEqual({ code: 'INTERNAL' });
      expect(masked.message).not.toMatch(/10\.0\.0\.7|\/var\/lib/);
    }
  });
});
