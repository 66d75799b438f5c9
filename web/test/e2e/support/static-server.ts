// Serves the built app like the container's nginx (web/nginx/default.conf.template): static files, index.html for
// every app route, /config.js written from the configuration this server was given, and the same
// Content-Security-Policy, so the tests would catch anything the policy breaks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { ConfigVariable } from '../../../src/config.ts';

/** A running static server. */
export interface StaticServer {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  /** Replaces the configuration /config.js answers with. */
  configure(values: Partial<Record<ConfigVariable, string>>): void;
  stop(): Promise<void>;
}

/** Starts a server for the built app on a free loopback port. */
export async function startStaticServer(dist: string): Promise<StaticServer> {
  let config: Partial<Record<ConfigVariable, string>> = {};
  const files = sirv(dist, { single: true, dev: false, etag: true });
  const server: Server = createServer((request, response) => {
    response.setHeader('content-security-policy', contentSecurityPolicy(config));
    if (request.url?.split('?')[0] === '/config.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(`globalThis.__XIETONG_CONFIG__ = ${JSON.stringify(config)};\n`);
      return;
    }
    files(request, response, () => {
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    configure(values) {
      config = { ...values };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The policy web/nginx/default.conf.template sends, for the given configuration. */
export function contentSecurityPolicy(config: Partial<Record<ConfigVariable, string>>): string {
  const gateway = config.VITE_GATEWAY_URL ?? '';
  const oidc = config.VITE_OIDC_URL ?? '';
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${gateway} ${oidc}; form-action 'self' ${oidc}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`;
}
