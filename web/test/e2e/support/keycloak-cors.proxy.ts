// A pass-through proxy in front of the development identity provider that makes it look like Keycloak in the two
// ways keycloak-js 26 depends on and the development provider (oidc-provider) does not yet provide:
//
// 1. CORS with credentials: keycloak-js calls the token endpoint with `credentials: 'include'`, which a browser
//    refuses unless the answer carries `Access-Control-Allow-Credentials: true` (Keycloak sends it for web origins).
//    The proxy adds it wherever the provider allowed a specific origin.
// 2. JWT-shaped refresh tokens: keycloak-js decodes the refresh token as a JWT ("Unable to decode token, payload not
//    found" otherwise); Keycloak's are JWTs, oidc-provider's are opaque. The proxy wraps each opaque refresh token in
//    an unsigned JWT envelope on the way out, and unwraps it on the way back in (refresh and revocation requests).
//
// TEMPORARY: both belong in infra/identity (reported to the lead). Remove this file, and start the provider without
// `publicUrl`, once the provider does them itself; the end-to-end tests then prove it.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The proxy: its URL, where it forwards to, and stop(). */
export interface CorsProxy {
  url: string;
  /** Sets the provider's port (known only after the provider starts with the proxy's URL as its public URL). */
  forwardTo(port: number): void;
  stop(): Promise<void>;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

/** Wraps an opaque refresh token in a JWT-shaped envelope (header.payload.token). */
export function wrapRefreshToken(opaque: string): string {
  const payload = Buffer.from(JSON.stringify({ typ: 'Refresh' })).toString('base64url');
  return `${JWT_HEADER}.${payload}.${opaque}`;
}

/** Undoes wrapRefreshToken; other values pass unchanged. */
export function unwrapRefreshToken(value: string): string {
  const parts = value.split('.');
  return parts.length === 3 && parts[0] === JWT_HEADER && parts[2] ? parts[2] : value;
}

/** Starts the proxy on a free loopback port. */
export async function startKeycloakCorsProxy(): Promise<CorsProxy> {
  let target = 0;
  const server: Server = createServer((incoming, outgoing) => {
    void forward(incoming, outgoing, target).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(port) {
      target = port;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forward(incoming: IncomingMessage, outgoing: ServerResponse, port: number): Promise<void> {
  const path = incoming.url ?? '/';
  const rewritesTokens = incoming.method === 'POST' && /\/protocol\/openid-connect\/(token|revoke)$/.test(path.split('?')[0] ?? '');
  let body = await readAll(incoming);
  const headers = { ...incoming.headers };
  if (rewritesTokens) {
    const form = new URLSearchParams(body.toString('utf8'));
    for (const name of ['refresh_token', 'token']) {
      const value = form.get(name);
      if (value) form.set(name, unwrapRefreshToken(value));
    }
    body = Buffer.from(form.toString());
    headers['content-length'] = String(body.length);
  }
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: incoming.method, path, headers }, resolve);
    upstream.on('error', reject);
    upstream.end(body);
  });
  const responseHeaders = { ...response.headers };
  const origin = responseHeaders['access-control-allow-origin'];
  if (typeof origin === 'string' && origin !== '*') responseHeaders['access-control-allow-credentials'] = 'true';
  let responseBody = await readAll(response);
  if (rewritesTokens && /json/.test(String(responseHeaders['content-type']))) {
    const json = JSON.parse(responseBody.toString('utf8')) as { refresh_token?: unknown };
    if (typeof json.refresh_token === 'string') {
      json.refresh_token = wrapRefreshToken(json.refresh_token);
      responseBody = Buffer.from(JSON.stringify(json));
      responseHeaders['content-length'] = String(responseBody.length);
    }
  }
  outgoing.writeHead(response.statusCode ?? 502, responseHeaders);
  outgoing.end(responseBody);
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
