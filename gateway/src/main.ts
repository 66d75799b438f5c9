// The gateway program: configuration from the environment (exit 2 listing every invalid variable), the kit's token
// verifier, the Kafka-fed event hub, then the server. SIGTERM/SIGINT stop it gracefully.
import { hostname } from 'node:os';
import { loadGatewayConfig } from './config.ts';
import { createTokenVerifier, exitOnInvalidConfig } from './kit.ts';
import { GATEWAY_MODULES } from './schema/build-schema.ts';
import { loadPersistedOperations } from './server/hardening.ts';
import { createGateway } from './server/gateway.server.ts';
import { createKafkaEventSource } from './subscriptions/kafka-event-source.ts';

const config = exitOnInvalidConfig(() => loadGatewayConfig(process.env, hostname()));
const issuerUrl = new URL(config.oidc.issuer);
const realm = issuerUrl.pathname.split('/').filter(Boolean).at(-1) ?? 'xietong';
const topics = [...new Set(GATEWAY_MODULES.flatMap((module) => module.topics ?? []))];

const gateway = createGateway({
  mode: config.mode,
  host: config.host,
  port: config.port,
  verifier: createTokenVerifier({ issuer: config.oidc.issuer, audience: config.oidc.audience, jwksUrl: config.oidc.jwksUrl }),
  signIn: { issuer: config.oidc.issuer, url: config.oidc.issuer.replace(/\/realms\/[^/]+$/, ''), realm, clientId: config.oidc.webClientId },
  eventSource: createKafkaEventSource({
    brokers: config.kafka.brokers,
    groupId: config.kafka.groupId,
    topics,
    replayMs: config.eventRetention.maxAgeMs,
    log: (level, message, detail) => console[level === 'info' ? 'log' : level](`gateway: ${message}`, detail ?? ''),
  }),
  eventRetention: config.eventRetention,
  persistedOperations: config.persistedOperationsFile ? loadPersistedOperations(config.persistedOperationsFile) : undefined,
  rateLimitPerMinute: config.rateLimitPerMinute,
  serviceUrls: config.serviceUrls,
  corsOrigins: config.corsOrigins,
  bodyLimitBytes: config.bodyLimitBytes,
  requestTimeoutMs: config.requestTimeoutMs,
  logLevel: config.logLevel,
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    // Bounded: a stuck connection must not keep the process from exiting.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('gateway: shutdown failed', error);
        process.exit(1);
      },
    );
  });
}

const url = await gateway.listen();
gateway.app.log.info(`gateway listening at ${url}/graphql (${config.mode} mode, ${topics.length} topics)`);
