import { TOPICS } from '@xietong/proto';
import type { Kafka } from 'kafkajs';

/** The pollution topics the service publishes to. */
export const POLLUTION_TOPICS = [TOPICS.pollutionAlerts, TOPICS.pollutionCases, TOPICS.pollutionAgreements, TOPICS.pollutionReadings] as const;

/**
 * Creates the pollution topics that are missing, with the given partitions (production clusters have them already,
 * and then this does nothing). Consumers such as the gateway can subscribe before the first event is published.
 */
export async function ensurePollutionTopics(kafka: Kafka, partitions: number): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = POLLUTION_TOPICS.filter((topic) => !existing.has(topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
    return missing;
  } finally {
    await admin.disconnect();
  }
}
