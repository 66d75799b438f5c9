import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { hashDocument, PERSISTED_DOCUMENTS_FILE, staleGraphqlArtifacts } from '../../scripts/codegen.ts';
import { SessionEndedError } from '../../src/auth/auth.client.ts';
import * as generated from '../../src/generated/gql/graphql.ts';
import { HealthDocument, MeDocument, RecordEventsDocument } from '../../src/generated/gql/graphql.ts';
import { createGraphqlClient, describeGatewayError, persistedHashOf } from '../../src/graphql/graphql.client.ts';
import { stubGateway } from './support/render-app.tsx';

const manifest = JSON.parse(readFileSync(PERSISTED_DOCUMENTS_FILE, 'utf8')) as Record<string, string>;
const HEALTH_DATA = { data: { health: { status: 'OK', liveUpdates: true } } };
const client = () => createGraphqlClient({ url: 'http://gateway.test/graphql', accessToken: async () => 'token-1' });

describe('persisted operations', () => {
  it('registers every generated operation under the sha256 of its text, as the gateway checks it', () => {
    // Exactly the generated operations, each under its own hash: none missing, none left over from a removed one.
    const generatedHashes = Object.entries(generated)
      .filter(([name]) => name.endsWith('Document'))
      .map(([, document]) => persistedHashOf(document));
    expect(generatedHashes.length).toBeGreaterThan(3);
    expect(Object.keys(manifest).sort()).toEqual(generatedHashes.sort());
    for (const [hash, document] of Object.entries(manifest)) expect(hashDocument(document)).toBe(hash);
    expect(manifest[persistedHashOf(MeDocument) ?? '']).toMatch(/^query Me \{ me \{/);
    expect(manifest[persistedHashOf(HealthDocument) ?? '']).toMatch(/^query Health \{ health \{/);
    expect(manifest[persistedHashOf(RecordEventsDocument) ?? '']).toMatch(/^subscription RecordEvents\(\$domains: \[Domain!\]\) \{ recordEvents/);
  });

  it('keeps the generated files in step with gateway/schema.graphql and the operations', async () => {
    // When this fails: npm run codegen -w @xietong/web, and commit src/generated/gql/.
    expect(await staleGraphqlArtifacts()).toEqual([]);
  }, 30_000);

  it('sends only the hash and a fresh bearer token', async () => {
    const seen = stubGateway(() => ({ body: HEALTH_DATA }));
    const result = await client().query(HealthDocument, {}).toPromise();
    expect(result.data?.health.status).toBe('OK');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body.query).toBeUndefined();
    expect(seen[0]?.body.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: persistedHashOf(HealthDocument) });
    expect(seen[0]?.authorization).toBe('Bearer token-1');
  });

  it('sends the document once more when the gateway does not know the hash', async () => {
    const seen = stubGateway((request) =>
      request.body.query
        ? { body: HEALTH_DATA }
        : { status: 400, body: { errors: [{ message: 'This operation is not registered.', extensions: { code: 'PERSISTED_OPERATION_NOT_FOUND' } }] } },
    );
    const result = await client().query(HealthDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.health.liveUpdates).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.body.query).toContain('health');
    expect(seen[1]?.body.extensions?.persistedQuery?.miss).toBe(true);
  });

  it('reports the production gateway’s refusal of the retry instead of looping', async () => {
    const seen = stubGateway((request) =>
      request.body.query
        ? { status: 400, body: { errors: [{ message: 'Only registered operations run here.', extensions: { code: 'PERSISTED_OPERATION_REQUIRED' } }] } }
        : { status: 400, body: { errors: [{ message: 'This operation is not registered.', extensions: { code: 'PERSISTED_OPERATION_NOT_FOUND' } }] } },
    );
    const result = await client().query(HealthDocument, {}).toPromise();
    expect(seen).toHaveLength(2);
    expect(result.error && describeGatewayError(result.error)).toEqual({ kind: 'server', code: 'PERSISTED_OPERATION_REQUIRED', message: 'Only registered operations run here.' });
  });
});

describe('describeGatewayError', () => {
  it('tells apart no answer, an ended session, a refused token and a server error', () => {
    expect(describeGatewayError(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toEqual({ kind: 'unreachable' });
    expect(describeGatewayError(new CombinedError({ networkError: new SessionEndedError() }))).toEqual({ kind: 'session-ended' });
    expect(describeGatewayError(new CombinedError({ graphQLErrors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] }))).toEqual({ kind: 'session-ended' });
    expect(describeGatewayError(new CombinedError({ graphQLErrors: [{ message: 'Too many requests; slow down.', extensions: { code: 'RATE_LIMITED' } }] }))).toEqual({
      kind: 'server',
      code: 'RATE_LIMITED',
      message: 'Too many requests; slow down.',
    });
    const badGateway = new CombinedError({ networkError: new Error('Bad Gateway'), response: new Response('<html>', { status: 502, statusText: 'Bad Gateway' }) });
    expect(describeGatewayError(badGateway)).toEqual({ kind: 'unreachable' });
    const crash = new CombinedError({ networkError: new Error('Internal Server Error'), response: new Response('<html>', { status: 500, statusText: 'Internal Server Error' }) });
    expect(describeGatewayError(crash)).toEqual({ kind: 'server', code: 'HTTP_500', message: 'Internal Server Error' });
  });
});

describe('the manifest location', () => {
  it('is src/generated/gql/persisted-documents.json in the web workspace', () => {
    expect(path.relative(path.resolve(import.meta.dirname, '../..'), PERSISTED_DOCUMENTS_FILE)).toBe('src/generated/gql/persisted-documents.json');
  });
});
