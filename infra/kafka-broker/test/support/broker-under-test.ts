// Chooses what the conformance suite runs against. With KAFKA_BROKERS set (host:port[,host:port…]) it is an external
// Kafka and the suite states Kafka's behaviour; otherwise each test file starts the development broker's CLI on a free
// port with a temporary data directory. Tests that need to kill the broker or read its data directory are registered
// only for the embedded broker (describe.runIf(isEmbedded)); against external Kafka they are reported, never faked.
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './broker-process.ts';

function parseBrokerList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const brokers = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of brokers) {
    if (!/^[^\s:]+:\d+$/.test(entry)) throw new Error(`KAFKA_BROKERS: "${entry}" is not host:port`);
  }
  return brokers;
}

/** The external Kafka's bootstrap brokers, or undefined when the suite runs against the embedded broker. */
export const externalBrokers = parseBrokerList(process.env.KAFKA_BROKERS);

/** True when the suite runs against the development broker it starts itself. */
export const isEmbedded = externalBrokers === undefined;

/** Human-readable name of the system under test, for messages. */
export const targetDescription = isEmbedded ? 'the embedded development broker' : `external Kafka at ${externalBrokers?.join(',')}`;

/** Access to the broker a test file runs against. */
export interface BrokerUnderTest {
  /** Bootstrap addresses for kafkajs. */
  readonly brokers: string[];
  /** The first bootstrap address, split, for raw-socket tests. */
  readonly address: { host: string; port: number };
  /** The embedded broker's process handle; throws against external Kafka. */
  readonly embedded: EmbeddedBroker;
}

/**
 * Registers beforeAll/afterAll hooks that start (and always stop) a broker for the calling test file, or point at the
 * external Kafka. Call it at the top level of a test file, before other hooks, so that its afterAll runs last.
 */
export function useBrokerUnderTest(options: EmbeddedBrokerOptions = {}): BrokerUnderTest {
  let embedded: EmbeddedBroker | undefined;
  beforeAll(async () => {
    if (isEmbedded) embedded = await startEmbeddedBroker(options);
  });
  afterAll(async () => {
    await embedded?.stop();
  });
  const brokers = (): string[] => {
    if (externalBrokers !== undefined) return externalBrokers;
    if (embedded === undefined) throw new Error('the embedded broker has not started');
    return embedded.brokers;
  };
  return {
    get brokers() {
      return brokers();
    },
    get address() {
      const [host = '', port = ''] = (brokers()[0] ?? '').split(':');
      return { host, port: Number(port) };
    },
    get embedded() {
      if (embedded === undefined) {
        throw new Error(isEmbedded ? 'the embedded broker has not started' : 'not available against external Kafka');
      }
      return embedded;
    },
  };
}

/**
 * Says, once per file, which tests are not applicable against external Kafka and why. vitest then simply does not
 * register them, so the report shows fewer tests rather than passes that tested nothing.
 */
export function reportNotApplicable(what: string, why: string): void {
  if (!isEmbedded) console.info(`[conformance] not applicable against ${targetDescription}: ${what} — ${why}`);
}
