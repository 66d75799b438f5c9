// Topic names are part of the contract: see proto/README.md ("Topics") and asyncapi.yaml, which a test keeps in
// step with this registry.

/** `xietong.<domain>.<aggregate>.v<major>`: lower-case words, hyphens inside a word, major version from 1. */
export const TOPIC_NAME_PATTERN = /^xietong\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.v[1-9][0-9]*$/;

/** The four business domains, as they appear in topic names and in the access model. */
export const DOMAINS = ['meetings', 'pollution', 'medical', 'investment'] as const;

/** A business domain. */
export type Domain = (typeof DOMAINS)[number];

/**
 * Every topic the platform uses, keyed by a short name. Each carries EventEnvelopes keyed by the aggregate id.
 * A topic is immutable once it has carried events: a breaking payload change gets a new `.v<N+1>` topic.
 */
export const TOPICS = {
  meetingsMechanisms: 'xietong.meetings.mechanisms.v1',
  meetingsSessions: 'xietong.meetings.sessions.v1',
  meetingsActionItems: 'xietong.meetings.action-items.v1',
  pollutionAlerts: 'xietong.pollution.alerts.v1',
  pollutionCases: 'xietong.pollution.cases.v1',
  pollutionAgreements: 'xietong.pollution.agreements.v1',
  pollutionReadings: 'xietong.pollution.readings.v1',
  medicalSettlements: 'xietong.medical.settlements.v1',
  medicalClearings: 'xietong.medical.clearings.v1',
  medicalPrefunding: 'xietong.medical.prefunding.v1',
  investmentLeads: 'xietong.investment.leads.v1',
} as const;

/** One of the registered topic names. */
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Builds a topic name from its parts, rejecting parts that would break the naming rule. */
export function topicName(domain: Domain, aggregate: string, majorVersion = 1): string {
  const name = `xietong.${domain}.${aggregate}.v${majorVersion}`;
  if (!Number.isInteger(majorVersion) || !TOPIC_NAME_PATTERN.test(name)) {
    throw new RangeError(`not a valid topic name: ${JSON.stringify(name)} (expected xietong.<domain>.<aggregate>.v<major>)`);
  }
  return name;
}

/** Dead letters of a consumer group: `<topic>.dlq.<group>`, so one group's poison messages never reach another. */
export function deadLetterTopicName(topic: string, consumerGroup: string): string {
  if (!TOPIC_NAME_PATTERN.test(topic) || !/^[a-z][a-z0-9-]*$/.test(consumerGroup)) {
    throw new RangeError(`cannot name a dead-letter topic for ${JSON.stringify(topic)} / ${JSON.stringify(consumerGroup)}`);
  }
  return `${topic}.dlq.${consumerGroup}`;
}
