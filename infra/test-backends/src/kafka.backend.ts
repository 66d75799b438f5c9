// Kafka for integration tests: KAFKA_BROKERS when set, else the development broker, or Confluent's image in a container.
import { announceBackend } from './announce.ts';
import { testBackendsConfig } from './config.ts';
import { resolveBackendKind } from './container-engine.ts';
import type { BackendOptions } from './postgres.backend.ts';
import { makeScratchDir, removeScratchDir } from './temp-dir.ts';

/** The image used when containers run (KRaft mode, no ZooKeeper). */
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';

/** A Kafka cluster for one test file. */
export interface KafkaBackend {
  readonly kind: 'embedded' | 'container' | 'external';
  /** Bootstrap servers, host:port. */
  readonly brokers: string[];
  /** Stops what this call started (nothing for an external cluster). */
  stop(): Promise<void>;
}

/** Starts Kafka: KAFKA_BROKERS if set, else embedded by default, a container when an engine answers or is asked for. */
export async function startKafkaBackend(options: BackendOptions = {}): Promise<KafkaBackend> {
  const config = testBackendsConfig();
  if (config.kafkaBrokers) {
    announceBackend('kafka', `external (KAFKA_BROKERS) at ${config.kafkaBrokers.join(',')}`);
    return { kind: 'external', brokers: config.kafkaBrokers, stop: async () => undefined };
  }
  const kind = await resolveBackendKind(options.mode ?? config.mode);
  return kind === 'container' ? startContainer() : startEmbedded();
}

async function startEmbedded(): Promise<KafkaBackend> {
  // Loaded on demand: suites that only need PostgreSQL do not load the broker.
  const { startBroker } = await import('@xietong/kafka-broker');
  const dir = await makeScratchDir('kafka');
  try {
    // The broker's log lines (topic created, group rebalanced …) would drown test output.
    const broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, logger: () => undefined });
    announceBackend('kafka', `embedded (@xietong/kafka-broker) at ${broker.brokers.join(',')}`);
    return {
      kind: 'embedded',
      brokers: broker.brokers,
      stop: async () => {
        await broker.stop();
        await removeScratchDir(dir);
      },
    };
  } catch (error) {
    await removeScratchDir(dir);
    throw error;
  }
}

async function startContainer(): Promise<KafkaBackend> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(KAFKA_IMAGE).withKraft().start();
  // The module's plaintext listener for clients outside the container network.
  const broker = `${container.getHost()}:${container.getMappedPort(9093)}`;
  announceBackend('kafka', `container ${KAFKA_IMAGE} at ${broker}`);
  return {
    kind: 'container',
    brokers: [broker],
    stop: async () => {
      await container.stop();
    },
  };
}
