// ApiVersions negotiation and the handling of requests the broker cannot serve, checked on raw sockets, plus the
// cluster description kafkajs builds from Metadata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { isEmbedded, reportNotApplicable, useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka } from '../support/kafka-helpers.ts';
import {
  ApiKey,
  ErrorCode,
  containsInt16,
  decodeApiVersionsV0,
  decodeApiVersionsV3,
  decodeMetadataV4,
  encodeApiVersionsV3,
  encodeMetadataV4,
  type ApiVersionRange,
} from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const broker = useBrokerUnderTest();
let admin: Admin;
const connections: RawKafkaConnection[] = [];

async function connect(): Promise<RawKafkaConnection> {
  const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
  connections.push(connection);
  return connection;
}

beforeAll(async () => {
  admin = createKafka(broker.brokers).admin();
  await admin.connect();
});

afterAll(async () => {
  for (const connection of connections) connection.close();
  await admin?.disconnect();
});

// The version ranges kafkajs 2.2.4 can speak (kafkajs/src/protocol/requests/*/index.js). A broker must overlap each
// of them for the kit's clients to work.
const KAFKAJS_RANGES: Record<string, [apiKey: number, min: number, max: number]> = {
  Produce: [ApiKey.Produce, 0, 7],
  Fetch: [ApiKey.Fetch, 0, 11],
  ListOffsets: [ApiKey.ListOffsets, 0, 3],
  Metadata: [ApiKey.Metadata, 0, 6],
  OffsetCommit: [ApiKey.OffsetCommit, 0, 5],
  OffsetFetch: [ApiKey.OffsetFetch, 1, 4],
  FindCoordinator: [ApiKey.FindCoordinator, 0, 2],
  JoinGroup: [ApiKey.JoinGroup, 0, 5],
  Heartbeat: [ApiKey.Heartbeat, 0, 3],
  LeaveGroup: [ApiKey.LeaveGroup, 0, 3],
  SyncGroup: [ApiKey.SyncGroup, 0, 3],
  DescribeGroups: [ApiKey.DescribeGroups, 0, 2],
  ListGroups: [ApiKey.ListGroups, 0, 2],
  ApiVersions: [ApiKey.ApiVersions, 0, 2],
  CreateTopics: [ApiKey.CreateTopics, 0, 3],
  DeleteTopics: [ApiKey.DeleteTopics, 0, 1],
  InitProducerId: [ApiKey.InitProducerId, 0, 1],
  CreatePartitions: [ApiKey.CreatePartitions, 0, 1],
  DeleteGroups: [ApiKey.DeleteGroups, 0, 1],
};

function rangeOf(apiKeys: ApiVersionRange[], apiKey: number): ApiVersionRange | undefined {
  return apiKeys.find((entry) => entry.apiKey === apiKey);
}

describe('ApiVersions', () => {
  it('v0 lists every API kafkajs needs, each with a version range that overlaps what kafkajs speaks', async () => {
    const connection = await connect();
    const { errorCode, apiKeys } = decodeApiVersionsV0(await connection.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
    expect(errorCode).toBe(ErrorCode.NONE);
    for (const [name, [apiKey, kafkajsMin, kafkajsMax]] of Object.entries(KAFKAJS_RANGES)) {
      const range = rangeOf(apiKeys, apiKey);
      expect(range, `${name} (key ${apiKey}) is advertised`).toBeDefined();
      if (range === undefined) continue;
      expect(range.minVersion, `${name} min ≤ max`).toBeLessThanOrEqual(range.maxVersion);
      expect(range.minVersion <= kafkajsMax && range.maxVersion >= kafkajsMin, `${name} overlaps kafkajs ${kafkajsMin}-${kafkajsMax}`).toBe(true);
    }
    const keys = apiKeys.map((entry) => entry.apiKey);
    expect(new Set(keys).size, 'each API is listed once').toBe(keys.length);
  });

  it('v3, as Java clients and librdkafka send it (flexible header and body), gets a v3 body after a v0 response header', async () => {
    const connection = await connect();
    const reader = await connection.request(ApiKey.ApiVersions, 3, encodeApiVersionsV3('conformance-suite', '1.0.0'), {
      flexibleHeader: true,
    });
    // KIP-511: the ApiVersions response header is always v0, so the body starts right after the correlation id.
    const response = decodeApiVersionsV3(reader);
    expect(response.errorCode).toBe(ErrorCode.NONE);
    expect(rangeOf(response.apiKeys, ApiKey.ApiVersions)?.maxVersion).toBeGreaterThanOrEqual(3);
    expect(rangeOf(response.apiKeys, ApiKey.Produce)).toBeDefined();
    expect(rangeOf(response.apiKeys, ApiKey.Fetch)).toBeDefined();
  });

  it('a version newer than the broker knows gets UNSUPPORTED_VERSION with its own ApiVersions range, on an open connection', async () => {
    const connection = await connect();
    // What a newer client does first: it sends its highest ApiVersions version and downgrades on error 35.
    const reader = await connection.request(ApiKey.ApiVersions, 127, encodeApiVersionsV3('conformance-suite', '1.0.0'), {
      flexibleHeader: true,
    });
    const { errorCode, apiKeys } = decodeApiVersionsV0(reader);
    expect(errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    const own = rangeOf(apiKeys, ApiKey.ApiVersions);
    expect(own, 'the answer says which ApiVersions versions to retry with').toBeDefined();
    expect(own?.minVersion).toBe(0);
    // The client retries on the same connection.
    const retry = decodeApiVersionsV0(await connection.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
    expect(retry.errorCode).toBe(ErrorCode.NONE);
  });
});

describe('requests the broker cannot serve', () => {
  it('an unsupported version of another API is answered with UNSUPPORTED_VERSION or the connection is closed — never a hang — and other clients carry on', async () => {
    const connection = await connect();
    const correlationId = connection.send(ApiKey.Metadata, 99, Buffer.alloc(0), { flexibleHeader: true });
    const outcome = await connection.outcome(5_000);
    expect(outcome.kind, 'the broker reacts').not.toBe('silent');
    if (outcome.kind === 'response') {
      expect(outcome.frame.correlationId).toBe(correlationId);
      expect(containsInt16(outcome.frame.payload, ErrorCode.UNSUPPORTED_VERSION)).toBe(true);
    }
    const topics = await admin.listTopics();
    expect(Array.isArray(topics)).toBe(true);
  });

  reportNotApplicable(
    'UNSUPPORTED_VERSION answers for APIs other than ApiVersions',
    'Apache Kafka closes the connection there (RequestContext.parseRequest throws InvalidRequestException); issue 3 asks the development broker to answer error 35 and keep the connection, so only it is held to that',
  );
  describe.runIf(isEmbedded)('the development broker (issue 3: answer, never drop)', () => {
    it('answers an unsupported Metadata version with error 35 and keeps serving the connection', async () => {
      const connection = await connect();
      const correlationId = connection.send(ApiKey.Metadata, 99, Buffer.alloc(0), { flexibleHeader: true });
      const frame = await connection.nextFrame(5_000);
      expect(frame.correlationId).toBe(correlationId);
      expect(containsInt16(frame.payload, ErrorCode.UNSUPPORTED_VERSION)).toBe(true);
      const after = decodeApiVersionsV0(await connection.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
      expect(after.errorCode).toBe(ErrorCode.NONE);
      expect(connection.isOpen).toBe(true);
    });

    it('answers an API key it does not know with error 35 and keeps serving the connection', async () => {
      const connection = await connect();
      const correlationId = connection.send(2_000, 0, Buffer.alloc(0));
      const frame = await connection.nextFrame(5_000);
      expect(frame.correlationId).toBe(correlationId);
      expect(containsInt16(frame.payload, ErrorCode.UNSUPPORTED_VERSION)).toBe(true);
      const after = decodeApiVersionsV0(await connection.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
      expect(after.errorCode).toBe(ErrorCode.NONE);
    });
  });
});

describe('connection basics', () => {
  it('answers pipelined requests in the order they were sent, each with its correlation id', async () => {
    const connection = await connect();
    const sent: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const correlationId = 1_000 + i;
      if (i % 2 === 0) connection.send(ApiKey.ApiVersions, 0, Buffer.alloc(0), { correlationId });
      else connection.send(ApiKey.Metadata, 4, encodeMetadataV4([], false), { correlationId });
      sent.push(correlationId);
    }
    const received: number[] = [];
    for (let i = 0; i < sent.length; i += 1) received.push((await connection.nextFrame(10_000)).correlationId);
    expect(received).toEqual(sent);
  });

  it('Metadata advertises the address clients connected to, and kafkajs describes the cluster from it', async () => {
    const connection = await connect();
    const metadata = decodeMetadataV4(await connection.request(ApiKey.Metadata, 4, encodeMetadataV4([], false)));
    expect(metadata.brokers.length).toBeGreaterThanOrEqual(1);
    expect(metadata.brokers.map((b) => b.nodeId)).toContain(metadata.controllerId);
    if (isEmbedded) {
      expect(metadata.brokers).toEqual([expect.objectContaining({ host: broker.address.host, port: broker.address.port })]);
    }
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => b.nodeId)).toContain(cluster.controller);
    expect(typeof cluster.clusterId).toBe('string');
    expect(cluster.clusterId.length).toBeGreaterThan(0);
  });
});
