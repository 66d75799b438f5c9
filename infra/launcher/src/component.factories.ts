// Builders for the platform's components, bound to the launcher's configuration. They hold everything a component
// shares with the others (ports, the broker's address, the OpenID issuer, database creation), so that the registry
// in platform.components.ts stays one line per component.
import path from 'node:path';

import type { ComponentSpec, ProcessComponentSpec } from './component.types.ts';
import { REPO_ROOT, type LauncherConfig, type PortSetting } from './config.ts';
import { PostgresAccess, postgresComponent, postgresUrl } from './postgres.component.ts';

/** The realm every component agrees on (infra/identity/data/demo-realm.json, infra/keycloak/xietong-realm.json). */
export const REALM = 'xietong';
/** The web app's public OpenID client. */
export const WEB_CLIENT_ID = 'xietong-web';

/** Options of a backend service. */
export interface NodeServiceOptions {
  /** Component name and log prefix; also the Kafka client id. */
  name: string;
  /** Workspace folder relative to the repository root, e.g. 'services/pollution'. */
  workspace: string;
  /** From `ports` (config.ts). */
  port: PortSetting;
  /** A database created on demand before the service starts, passed as DATABASE_URL. */
  database?: string;
  /** Program inside the workspace; default src/main.ts. */
  entry?: string;
  /** Readiness path answering 2xx; default /health/ready (the service kit's). */
  healthPath?: string;
  /** Extra variables for this service only. */
  env?: Record<string, string>;
  /** Components to wait for besides postgres (when it has a database), kafka and identity. */
  dependsOn?: string[];
}

/** Options of the gateway; it depends on, and is given the URL of, every service declared before it. */
export interface GatewayOptions {
  workspace: string;
  port: PortSetting;
  entry?: string;
  /** Default /health/ready. */
  healthPath?: string;
  env?: Record<string, string>;
}

/** Options of the web app's development server (Vite). */
export interface WebAppOptions {
  workspace: string;
  port: PortSetting;
  env?: Record<string, string>;
}

/** Component builders bound to one configuration. Methods are arrow functions so they can be destructured. */
export class PlatformFactory {
  readonly config: LauncherConfig;
  readonly ports: LauncherConfig['ports'];
  readonly postgresAccess = new PostgresAccess();
  private readonly services: Array<{ name: string; url: string }> = [];
  private gatewayName?: string;

  constructor(config: LauncherConfig) {
    this.config = config;
    this.ports = config.ports;
  }

  /** Where local clients connect: the listen address, or loopback when it is a wildcard. */
  get connectHost(): string {
    const { host } = this.config;
    return host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  }

  /** Kafka bootstrap servers, as KAFKA_BROKERS. */
  get kafkaBrokers(): string {
    return `${hostPort(this.connectHost, this.ports.kafka.port)}`;
  }

  /** The identity provider's base URL as browsers and services see it. */
  get identityUrl(): string {
    return `http://${hostPort(this.config.publicHost, this.ports.identity.port)}`;
  }

  /** The OpenID issuer, as OIDC_ISSUER (one string: tokens carry it and services check it). */
  get issuerUrl(): string {
    return `${this.identityUrl}/realms/${REALM}`;
  }

  /** What every application process gets. */
  get commonEnv(): Record<string, string> {
    return {
      NODE_ENV: 'development',
      KAFKA_BROKERS: this.kafkaBrokers,
      OIDC_ISSUER: this.issuerUrl,
      // Same host as the issuer here; in containers the keys are fetched over the internal network instead.
      OIDC_JWKS_URL: `${this.issuerUrl}/protocol/openid-connect/certs`,
    };
  }

  /** Embedded PostgreSQL (data in <data>/postgres). */
  readonly postgres = (): ComponentSpec =>
    postgresComponent({
      dataDir: this.config.dataDir,
      host: this.config.host,
      connectHost: this.connectHost,
      port: this.ports.postgres,
      readyTimeoutMs: this.config.readyTimeoutMs,
      access: this.postgresAccess,
    });

  /** The Kafka-protocol development broker (data in <data>/kafka). */
  readonly kafka = (): ComponentSpec => ({
    kind: 'process',
    name: 'kafka',
    command: process.execPath,
    args: [
      path.join(REPO_ROOT, 'infra/kafka-broker/src/main.ts'),
      '--host',
      this.config.host,
      '--port',
      String(this.ports.kafka.port),
      '--data-dir',
      path.join(this.config.dataDir, 'kafka'),
    ],
    cwd: REPO_ROOT,
    env: {},
    ports: [{ host: this.config.host, ...this.ports.kafka }],
    readiness: { kind: 'tcp', host: this.connectHost, port: this.ports.kafka.port },
    readyTimeoutMs: this.config.readyTimeoutMs,
    dependsOn: [],
    endpoints: [{ label: 'Kafka bootstrap', value: this.kafkaBrokers }],
  });

  /** The development OpenID provider with Keycloak's layout (data, i.e. signing keys, in <data>/identity). */
  readonly identity = (): ComponentSpec => {
    const web = this.ports.web.port;
    const redirectUris = [...new Set([this.config.publicHost, 'localhost', '127.0.0.1'])].map((host) => `http://${hostPort(host, web)}/*`);
    return {
      kind: 'process',
      name: 'identity',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'infra/identity/src/main.ts')],
      cwd: REPO_ROOT,
      env: {
        IDENTITY_HOST: this.config.host,
        IDENTITY_PORT: String(this.ports.identity.port),
        IDENTITY_PUBLIC_URL: this.identityUrl,
        IDENTITY_DATA_DIR: path.join(this.config.dataDir, 'identity'),
        WEB_REDIRECT_URIS: redirectUris.join(','),
      },
      ports: [{ host: this.config.host, ...this.ports.identity }],
      readiness: { kind: 'http', url: `http://${hostPort(this.connectHost, this.ports.identity.port)}/health` },
      readyTimeoutMs: this.config.readyTimeoutMs,
      dependsOn: [],
      endpoints: [
        { label: 'OpenID issuer', value: this.issuerUrl },
        { label: 'OpenID discovery', value: `${this.issuerUrl}/.well-known/openid-configuration` },
      ],
    };
  };

  /** A backend service: `node <workspace>/src/main.ts` with HOST, PORT, DATABASE_URL and the common variables. */
  readonly nodeService = (options: NodeServiceOptions): ComponentSpec => {
    if (this.gatewayName !== undefined) {
      throw new Error(`declare the service ${options.name} before the gateway, which is given every service's URL`);
    }
    const url = `http://${hostPort(this.connectHost, options.port.port)}`;
    this.services.push({ name: options.name, url });
    const { database } = options;
    const spec: ProcessComponentSpec = {
      ...this.nodeProgram(options.name, options.workspace, options.entry, options.port, options.healthPath),
      env: { ...this.commonEnv, ...this.listenEnv(options.port), SERVICE_NAME: options.name, KAFKA_CLIENT_ID: options.name, ...options.env },
      dependsOn: [...(database === undefined ? [] : ['postgres']), 'kafka', 'identity', ...(options.dependsOn ?? [])],
      endpoints: [{ label: `${options.name} service`, value: url }],
    };
    if (database !== undefined) {
      spec.prepare = async () => ({ DATABASE_URL: await this.postgresAccess.ensureDatabase(database) });
      spec.endpoints?.push({ label: `${options.name} database`, value: postgresUrl(this.connectHost, this.ports.postgres.port, database) });
    }
    return spec;
  };

  /**
   * The GraphQL gateway (its variables are gateway/src/config.ts's): the common ones, GATEWAY_HOST, GATEWAY_PORT,
   * GATEWAY_MODE=development and GATEWAY_SERVICE_URLS (`name=url,…`) for every service declared before it.
   */
  readonly gateway = (options: GatewayOptions): ComponentSpec => {
    this.gatewayName = 'gateway';
    return {
      ...this.nodeProgram('gateway', options.workspace, options.entry, options.port, options.healthPath),
      env: {
        ...this.commonEnv,
        GATEWAY_HOST: this.config.host,
        GATEWAY_PORT: String(options.port.port),
        GATEWAY_MODE: 'development',
        GATEWAY_SERVICE_URLS: this.services.map((s) => `${s.name}=${s.url}`).join(','),
        // The web app's origins, whichever port it was given, are the only ones the browser may call from.
        GATEWAY_CORS_ORIGINS: [this.config.publicHost, this.connectHost]
          .map((host) => `http://${hostPort(host, this.ports.web.port)}`)
          .join(','),
        ...options.env,
      },
      dependsOn: ['identity', 'kafka', ...this.services.map((s) => s.name)],
      endpoints: [{ label: 'GraphQL', value: `http://${hostPort(this.config.publicHost, options.port.port)}/graphql` }],
    };
  };

  /** The web app's Vite development server, configured through VITE_* variables. */
  readonly webApp = (options: WebAppOptions): ComponentSpec => {
    const port = options.port.port;
    return {
      kind: 'process',
      name: 'web',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), '--host', this.config.host, '--port', String(port), '--strictPort'],
      cwd: path.join(REPO_ROOT, options.workspace),
      env: {
        VITE_GATEWAY_URL: `http://${hostPort(this.config.publicHost, this.ports.gateway.port)}/graphql`,
        VITE_OIDC_URL: this.identityUrl,
        VITE_OIDC_REALM: REALM,
        VITE_OIDC_CLIENT_ID: WEB_CLIENT_ID,
        ...options.env,
      },
      ports: [{ host: this.config.host, ...options.port }],
      readiness: { kind: 'http', url: `http://${hostPort(this.connectHost, port)}/` },
      readyTimeoutMs: this.config.readyTimeoutMs,
      dependsOn: this.gatewayName === undefined ? ['identity'] : [this.gatewayName],
      endpoints: [{ label: 'Web app', value: `http://${hostPort(this.config.publicHost, port)}/` }],
    };
  };

  private listenEnv(port: PortSetting): Record<string, string> {
    return { HOST: this.config.host, PORT: String(port.port) };
  }

  private nodeProgram(
    name: string,
    workspace: string,
    entry: string | undefined,
    port: PortSetting,
    healthPath: string | undefined,
  ): Omit<ProcessComponentSpec, 'env' | 'dependsOn'> {
    const cwd = path.join(REPO_ROOT, workspace);
    return {
      kind: 'process',
      name,
      command: process.execPath,
      args: [path.join(cwd, entry ?? 'src/main.ts')],
      cwd,
      ports: [{ host: this.config.host, ...port }],
      readiness: { kind: 'http', url: `http://${hostPort(this.connectHost, port.port)}${healthPath ?? '/health/ready'}` },
      readyTimeoutMs: this.config.readyTimeoutMs,
    };
  }
}

/** host:port, with brackets around an IPv6 address. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
