// Fetch with long polling: answer at once when minBytes are available (or on any partition error), otherwise wait
// until appends to the requested partitions bring enough bytes or maxWait passes. Record bytes are sliced from the
// segment files and passed to the socket by reference.
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import { decodeFetchRequest, encodeFetchResponse, type FetchPartitionResult, type FetchRequest } from '../protocol/apis/fetch.codec.ts';
import { LEADER_EPOCH, type PartitionLog } from '../log/partition-log.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

/** Upper bound on a long poll, whatever the client asks (its request timeout is shorter anyway). */
const MAX_WAIT_CAP_MS = 5 * 60_000;

type TopicResults = Array<{ name: string; partitions: FetchPartitionResult[] }>;

function gather(core: BrokerCore, req: FetchRequest): { topics: TopicResults; bytes: number; errors: boolean } {
  let remaining = req.maxBytes > 0 ? req.maxBytes : 0x7fffffff;
  let bytes = 0;
  let errors = false;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): FetchPartitionResult => {
      const log = core.topics.partition(t.name, p.partition);
      const fail = (errorCode: number, l?: PartitionLog): FetchPartitionResult => {
        errors = true;
        return { partition: p.partition, errorCode, highWatermark: l?.logEndOffset ?? -1, logStartOffset: l?.logStartOffset ?? -1, records: null };
      };
      if (log === undefined || log.isClosed) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (p.currentLeaderEpoch > LEADER_EPOCH) return fail(ErrorCode.UNKNOWN_LEADER_EPOCH, log);
      if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < LEADER_EPOCH) return fail(ErrorCode.FENCED_LEADER_EPOCH, log);
      let records: Buffer | null = null;
      if (remaining > 0 && p.partitionMaxBytes > 0) {
        try {
          records = log.read(p.fetchOffset, Math.min(p.partitionMaxBytes, remaining), bytes === 0).records;
        } catch (e) {
          if (e instanceof KafkaProtocolError) return fail(e.errorCode, log);
          throw e;
        }
      }
      if (records !== null) {
        bytes += records.length;
        remaining -= records.length;
      }
      return { partition: p.partition, errorCode: ErrorCode.NONE, highWatermark: log.logEndOffset, logStartOffset: log.logStartOffset, records };
    }),
  }));
  return { topics, bytes, errors };
}

function respond(v: number, errorCode: number, topics: TopicResults): Writer {
  const w = new Writer();
  encodeFetchResponse(w, v, errorCode, topics);
  return w;
}

/** Handles a Fetch request. */
export function handleFetch(core: BrokerCore, ctx: RequestContext, body: Reader): Writer | Promise<Writer | null> {
  const v = ctx.apiVersion;
  const req = decodeFetchRequest(body, v);
  if (v >= 7 && req.sessionId !== 0) {
    // This broker never creates fetch sessions, so any session id a client names is unknown to it.
    return respond(v, ErrorCode.FETCH_SESSION_ID_NOT_FOUND, []);
  }
  const first = gather(core, req);
  const maxWait = Math.min(Math.max(req.maxWaitMs, 0), MAX_WAIT_CAP_MS);
  if (first.bytes >= req.minBytes || first.errors || maxWait === 0 || req.topics.length === 0) return respond(v, ErrorCode.NONE, first.topics);

  const logs = new Set<PartitionLog>();
  for (const t of req.topics) {
    for (const p of t.partitions) {
      const log = core.topics.partition(t.name, p.partition);
      if (log !== undefined) logs.add(log);
    }
  }
  return new Promise<Writer | null>((resolve) => {
    let done = false;
    let scheduled = false;
    // Bytes appended since the first look: re-reading the logs is only worth it once they could reach minBytes.
    let appended = 0;
    const finish = (w: Writer | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const log of logs) log.removeListener(onAppend);
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(w);
    };
    const check = (): void => {
      scheduled = false;
      if (done) return;
      const now = gather(core, req);
      if (now.bytes >= req.minBytes || now.errors) finish(respond(v, ErrorCode.NONE, now.topics));
    };
    // Appends arrive in bursts (one per partition of a produce request): re-read once per burst, not per append.
    const onAppend = (bytes: number): void => {
      appended += bytes;
      if (!scheduled && !done && first.bytes + appended >= req.minBytes) {
        scheduled = true;
        setImmediate(check);
      }
    };
    const onAbort = (): void => finish(null);
    const timer = setTimeout(() => finish(respond(v, ErrorCode.NONE, gather(core, req).topics)), maxWait);
    for (const log of logs) log.addListener(onAppend);
    ctx.signal.addEventListener('abort', onAbort);
  });
}
