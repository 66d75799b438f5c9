// Calls to a domain service carry the user's own token, correlation id and abort signal; its errors become the
// gateway's stable codes, a denied read looking like a missing record.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create, createFileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, file_google_protobuf_wrappers, type StringValue } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../src/schema/gateway-context.ts';
import { callService, createServiceClient, toGatewayError } from '../src/services/service-client.ts';

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

let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer(
    connectNodeAdapter({
      routes: (router) =>
        router.service(EchoService, {
          echo: (request: StringValue, context: HandlerContext) => {
            const seen = { authorization: context.requestHeader.get('authorization'), correlation: context.requestHeader.get('x-correlation-id') };
            switch (request.value) {
              case 'missing':
                throw new ConnectError('no such case', Code.NotFound);
              case 'denied':
                throw new ConnectError('not a party', Code.PermissionDenied);
              case 'invalid':
                throw new ConnectError('invalid', Code.InvalidArgument, { 'x-error-problems': JSON.stringify([{ field: 'title', reason: 'must not be empty' }]) });
              case 'conflict':
                throw new ConnectError('The case is closed.', Code.FailedPrecondition, { 'x-error-code': 'CASE_CLOSED' });
              case 'crash':
                throw new Error('database at 10.0.0.7 is down');
              default:
                return { value: JSON.stringify(seen) };
            }
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

function contextFor(token: string | null): GatewayContext {
  return { token, correlationId: 'corr-1', traceparent: null, signal: new AbortController().signal } as unknown as GatewayContext;
}

describe('calling a service for a user', () => {
  const client = () => createServiceClient(EchoService, { baseUrl }) as unknown as { echo(req: { value: string }, options?: object): Promise<StringValue> };

  it('forwards the user’s token and the correlation id', async () => {
    const result = await callService(contextFor('user-token'), 'read', (options) => client().echo({ value: 'hello' }, options));
    expect(JSON.parse(result!.value)).toEqual({ authorization: 'Bearer user-token', correlation: 'corr-1' });
  });

  it('answers a missing or denied read alike (null for node-style reads, NOT_FOUND otherwise)', async () => {
    for (const value of ['missing', 'denied']) {
      await expect(callService(contextFor('t'), 'read', (options) => client().echo({ value }, options), true)).resolves.toBeNull();
      await expect(callService(contextFor('t'), 'read', (options) => client().echo({ value }, options))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such record.' });
    }
  });

  it('says FORBIDDEN for a denied write, keeps field problems and domain conflict codes', async () => {
    await expect(callService(contextFor('t'), 'write', (options) => client().echo({ value: 'denied' }, options))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callService(contextFor('t'), 'write', (options) => client().echo({ value: 'invalid' }, options))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'title', reason: 'must not be empty' }],
    });
    await expect(callService(contextFor('t'), 'write', (options) => client().echo({ value: 'conflict' }, options))).rejects.toMatchObject({ code: 'CASE_CLOSED', message: 'The case is closed.' });
  });

  it('leaves an unexpected failure to the mask (not a GatewayError)', async () => {
    const error = await callService(contextFor('t'), 'read', (options) => client().echo({ value: 'crash' }, options)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(toGatewayError(new ConnectError('x', Code.Unavailable), 'read')).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
