// API keys of the Kafka protocol that this broker knows by name.

/** API keys by name. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  CreatePartitions: 37,
  DeleteGroups: 42,
} as const;

/** One of the API keys above. */
export type ApiKeyValue = (typeof ApiKey)[keyof typeof ApiKey];

const NAMES = new Map<number, string>(Object.entries(ApiKey).map(([k, v]) => [v, k]));

/** The protocol name of an API key, for log lines. */
export function nameApiKey(key: number): string {
  return NAMES.get(key) ?? `ApiKey(${key})`;
}
