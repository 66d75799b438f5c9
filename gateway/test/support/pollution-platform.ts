// The real pollution service for gateway tests: embedded PostgreSQL and Kafka (@xietong/test-backends), the service
// started as the launcher starts it (`node services/pollution/src/main.ts` with the nodeService variables), and a
// gateway that calls it with the user's token and is fed by its events from Kafka. stop() ends everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKafkaBackend, startPostgresBackend, type KafkaBackend, type PostgresBackend } from '@xietong/test-backends';
import { GATEWAY_MODULES } from '../../src/schema/build-schema.ts';
import { createKafkaEventSource } from '../../src/subscriptions/kafka-event-source.ts';
import { startTestGateway, type TestGateway, type TestIdentity } from './test-platform.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const START_TIMEOUT_MS = 90_000;

/** A running pollution service. */
export interface RunningPollutionService {
  url: string;
  /** Lines the service wrote (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `services/pollution/src/main.ts` as a child process on a free port; resolves once it listens. */
export async function startPollutionService(env: { databaseUrl: string; brokers: readonly string[]; issuer: string }): Promise<RunningPollutionService> {
  const child: ChildProcess = spawn(NODE, ['services/pollution/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      SERVICE_NAME: 'pollution',
      KAFKA_CLIENT_ID: 'pollution',
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.brokers.join(','),
      OIDC_ISSUER: env.issuer,
      LOG_LEVEL: 'info',
      SEED_DEMO_DATA: 'false',
      // The tests never wait for a deadline; the job still runs, as in production.
      ESCALATION_INTERVAL_SECONDS: '60',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the pollution service did not start within ${START_TIMEOUT_MS} ms:\n${lines.slice(-20).join('\n')}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        if (lines.length < 2000) lines.push(line);
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (listening?.[1]) {
          clearTimeout(timer);
          resolve(listening[1]);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the pollution service exited (${code}) before listening:\n${lines.slice(-20).join('\n')}`));
    });
  });
  return {
    url,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The backends, the service and a gateway in front of it. */
export interface PollutionPlatform {
  postgres: PostgresBackend;
  kafka: KafkaBackend;
  service: RunningPollutionService;
  gateway: TestGateway;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, Kafka, the pollution service and a gateway using `identity`; waits until the gateway consumes. */
export async function startPollutionPlatform(identity: TestIdentity): Promise<PollutionPlatform> {
  const started: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of started.reverse()) await step().catch(() => {});
  };
  try {
    const [postgres, kafka] = await Promise.all([startPostgresBackend(), startKafkaBackend()]);
    started.push(() => postgres.stop(), () => kafka.stop());
    const service = await startPollutionService({ databaseUrl: await postgres.ensureDatabase('pollution'), brokers: kafka.brokers, issuer: identity.idp.issuer });
    started.push(() => service.stop());
    const topics = [...new Set(GATEWAY_MODULES.flatMap((m) => m.topics ?? []))];
    const gateway = await startTestGateway(identity, {
      serviceUrls: { pollution: service.url },
      eventSource: createKafkaEventSource({ brokers: kafka.brokers, groupId: `xietong-gateway-test-${randomUUID().slice(0, 8)}`, topics, replayMs: 60_000 }),
    });
    started.push(() => gateway.stop());
    // Events are delivered once the consumer has joined its group (readiness says so).
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${gateway.url}/health/ready`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the gateway’s event consumer did not join its group within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { postgres, kafka, service, gateway, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
