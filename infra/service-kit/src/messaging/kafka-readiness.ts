import type { Admin, Kafka } from 'kafkajs';
import type { ReadinessCheck } from '../server/service-app.ts';

/** A readiness check on the broker, and the shutdown of its admin connection. */
export interface KafkaReadiness {
  /** Resolves when the cluster answers a metadata request (register it as `readinessChecks.broker`). */
  check: ReadinessCheck;
  /** Disconnects the admin client (register it with `service.onShutdown`). */
  close(): Promise<void>;
}

/**
 * Checks the broker with one admin connection kept open between checks. Its retries are few: the readiness endpoint
 * must answer within its timeout, and a check still retrying after that would only pile up.
 */
export function createKafkaReadinessCheck(kafka: Kafka): KafkaReadiness {
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  const connected = () =>
    (connecting ??= (async () => {
      const client = kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } });
      try {
        await client.connect();
      } catch (error) {
        connecting = undefined;
        throw error;
      }
      admin = client;
      return client;
    })());
  return {
    async check() {
      const client = await connected();
      const { brokers } = await client.describeCluster();
      if (brokers.length === 0) throw new Error('the cluster reports no brokers');
    },
    async close() {
      await connecting?.catch(() => undefined);
      await admin?.disconnect();
    },
  };
}
