// Wires the broker together: data directory (locked against a second broker), topic logs, group coordinator,
// producer ids, the TCP listener and the retention timer; start and graceful stop.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Flusher } from './log/flusher.ts';
import { TopicRegistry, MIN_SEGMENT_BYTES } from './metadata/topic-registry.ts';
import { ProducerIdAllocator } from './metadata/producer-id-allocator.ts';
import { MetaFileCorruptError, readMetaFile, writeMetaFile } from './metadata/meta-file.ts';
import { GroupStore } from './group/group-store.ts';
import { GroupCoordinator } from './group/group-coordinator.ts';
import { Connection } from './server/connection.ts';
import { BrokerStartError } from './broker.errors.ts';
import { lockDataDir } from './data-dir.lock.ts';
import type { BrokerCore } from './server/broker-core.ts';

/** Options of startBroker. */
export interface BrokerOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on; 0 picks a free one (default 0). */
  port?: number;
  /** Where logs, offsets and metadata are kept. */
  dataDir: string;
  /** Create unknown topics when a client asks for their metadata (default true). */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of CreateTopics with -1 (default 1). */
  defaultPartitions?: number;
  /** Default retention.ms; -1 keeps data forever (default 7 days). */
  retentionMs?: number;
  /** Default retention.bytes per partition; -1 for no limit (default -1). */
  retentionBytes?: number;
  /** Default segment.bytes (default 64 MiB). */
  segmentBytes?: number;
  /** Receives one line per event worth logging (default: standard error). */
  logger?: (line: string) => void;
  /** Host name given to clients in Metadata/FindCoordinator (default: host, or 127.0.0.1 when host is a wildcard). */
  advertisedHost?: string;
  /** Largest record batch accepted, message.max.bytes (default 1 MiB + 12, as Kafka). */
  maxMessageBytes?: number;
  /** Largest request frame, socket.request.max.bytes (default 100 MiB, as Kafka). */
  maxRequestBytes?: number;
  /** How often retention runs (default 30 s). */
  retentionCheckIntervalMs?: number;
  /** group.min.session.timeout.ms (default 6000, as Kafka). */
  minSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (default 1800000, as Kafka). */
  maxSessionTimeoutMs?: number;
  /** group.initial.rebalance.delay.ms (default 0: a development broker should not make every test wait 3 s). */
  initialRebalanceDelayMs?: number;
}

export { BrokerStartError } from './broker.errors.ts';

/** A running broker. */
export interface RunningBroker {
  readonly host: string;
  readonly port: number;
  readonly brokers: string[];
  readonly dataDir: string;
  stop(): Promise<void>;
}

const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  autoCreateTopics: true,
  defaultPartitions: 1,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  segmentBytes: 64 * 1024 * 1024,
  maxMessageBytes: 1024 * 1024 + 12,
  maxRequestBytes: 100 * 1024 * 1024,
  retentionCheckIntervalMs: 30_000,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 0,
} as const;

const NODE_ID = 0;

function checkOptions(o: Required<Omit<BrokerOptions, 'logger' | 'advertisedHost'>>): string[] {
  const problems: string[] = [];
  const int = (name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (!Number.isSafeInteger(v) || v < min || v > max) problems.push(`${name} must be an integer between ${min} and ${max}, got ${v}`);
  };
  if (typeof o.dataDir !== 'string' || o.dataDir.length === 0) problems.push('dataDir is required');
  if (typeof o.host !== 'string' || o.host.length === 0) problems.push('host must be a non-empty string');
  int('port', o.port, 0, 65535);
  int('defaultPartitions', o.defaultPartitions, 1, 1000);
  int('retentionMs', o.retentionMs, -1);
  int('retentionBytes', o.retentionBytes, -1);
  int('segmentBytes', o.segmentBytes, MIN_SEGMENT_BYTES, 0x7fffffff);
  int('maxMessageBytes', o.maxMessageBytes, 64, 0x7fffffff);
  int('maxRequestBytes', o.maxRequestBytes, 1024, 0x7fffffff);
  int('retentionCheckIntervalMs', o.retentionCheckIntervalMs, 10);
  int('minSessionTimeoutMs', o.minSessionTimeoutMs, 1);
  int('maxSessionTimeoutMs', o.maxSessionTimeoutMs, o.minSessionTimeoutMs);
  int('initialRebalanceDelayMs', o.initialRebalanceDelayMs, 0);
  return problems;
}

const CLUSTER_META = z.object({ clusterId: z.string().min(1) });

function loadClusterId(dataDir: string): string {
  const file = path.join(dataDir, 'meta', 'cluster.json');
  const stored = readMetaFile(file, CLUSTER_META);
  if (stored !== null) return stored.clusterId;
  const clusterId = randomUUID().replace(/-/g, '').slice(0, 22);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeMetaFile(file, { clusterId });
  return clusterId;
}

// Quoted for a POSIX shell, so that the command in an error message can be pasted as it is.
function shellQuote(p: string): string {
  return `'${p.replace(/'/g, `'\\''`)}'`;
}

function isFileSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'is a file, not a directory',
  ENOTDIR: 'is below a file, not a directory',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable (operation not permitted)',
  EROFS: 'is on a read-only file system',
  ENOENT: 'cannot be created',
  ENOSPC: 'is on a full file system',
  EISDIR: 'holds a directory where a file should be',
};

// Turns a file-system failure while opening the data directory into an answer that names the path and the fix.
function dataDirError(dataDir: string, e: NodeJS.ErrnoException & { syscall: string }): BrokerStartError {
  const where = e.path ?? dataDir;
  const reason = FILE_SYSTEM_REASONS[e.code ?? ''] ?? 'cannot be used';
  return new BrokerStartError(
    'DATA_DIR_INVALID',
    `data directory ${dataDir} cannot be used: ${where} ${reason} (${e.code} from ${e.syscall}). ` +
      `Choose a writable directory with --data-dir or KAFKA_BROKER_DATA_DIR, or fix ${where} (for a throw-away development broker: rm -rf ${shellQuote(where)}).`,
  );
}

function metaCorruptError(dataDir: string, e: MetaFileCorruptError): BrokerStartError {
  const fix =
    path.basename(e.file) === 'cluster.json'
      ? `It holds only the cluster id: delete it (rm ${shellQuote(e.file)}) and the broker starts with a new cluster id, keeping topics and offsets; ` +
        `or delete the whole data directory (rm -rf ${shellQuote(dataDir)}), which deletes every topic and offset.`
      : `Restore it from a backup, or start an empty broker by deleting the data directory (rm -rf ${shellQuote(dataDir)}), which deletes every topic and offset.`;
  return new BrokerStartError('CLUSTER_META_CORRUPT', `${e.file} in data directory ${dataDir} is corrupt: ${e.reason}. ${fix}`);
}

// Creates the data directory and checks that it is one, before the lock file is written into it.
function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    if (!fs.statSync(dataDir).isDirectory()) throw Object.assign(new Error(`${dataDir} is not a directory`), { code: 'EEXIST', syscall: 'mkdir', path: dataDir });
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    if (isFileSystemError(e)) throw dataDirError(dataDir, e);
    throw e;
  }
}

function defaultLogger(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts a broker; resolves once it accepts connections. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<BrokerOptions, 'advertisedHost'>> & { advertisedHost?: string };
  const problems = checkOptions(o);
  if (problems.length > 0) throw new BrokerStartError('INVALID_OPTIONS', `invalid broker options: ${problems.join('; ')}`);
  const sink = o.logger ?? defaultLogger;
  const log = (line: string): void => sink(`${new Date().toISOString()} kafka-broker ${line}`);
  const dataDir = path.resolve(o.dataDir);
  prepareDataDir(dataDir);
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (e) {
    if (isFileSystemError(e)) throw dataDirError(dataDir, e);
    throw e;
  }
  const flusher = new Flusher();
  let topics: TopicRegistry | undefined;
  let coordinator: GroupCoordinator | undefined;
  try {
    const clusterId = loadClusterId(dataDir);
    topics = new TopicRegistry(dataDir, { segmentBytes: o.segmentBytes, retentionMs: o.retentionMs, retentionBytes: o.retentionBytes, maxMessageBytes: o.maxMessageBytes }, flusher, log);
    topics.load();
    const registry = topics;
    coordinator = new GroupCoordinator(new GroupStore(dataDir, log), {
      minSessionTimeoutMs: o.minSessionTimeoutMs,
      maxSessionTimeoutMs: o.maxSessionTimeoutMs,
      initialRebalanceDelayMs: o.initialRebalanceDelayMs,
      maxOffsetMetadataBytes: 4096,
      partitionExists: (t, p) => registry.partition(t, p) !== undefined,
      log,
    });
    coordinator.load();
    const producerIds = new ProducerIdAllocator(dataDir);
    producerIds.load();

    const server = net.createServer();
    const port = await listen(server, o.host, o.port);
    const wildcard = o.host === '0.0.0.0' || o.host === '::' || o.host === '[::]';
    const core: BrokerCore = {
      nodeId: NODE_ID,
      clusterId,
      advertisedHost: o.advertisedHost ?? (wildcard ? '127.0.0.1' : o.host),
      port,
      autoCreateTopics: o.autoCreateTopics,
      defaultPartitions: o.defaultPartitions,
      topics,
      coordinator,
      producerIds,
      flusher,
      log,
    };
    const connections = new Set<Connection>();
    const limits = { maxRequestBytes: o.maxRequestBytes, maxInFlight: 100, idleTimeoutMs: 10 * 60_000 };
    server.on('connection', (socket) => {
      connections.add(new Connection(socket, core, limits, (c) => connections.delete(c)));
    });
    const retention = setInterval(() => registry.applyRetention(Date.now()), o.retentionCheckIntervalMs);
    retention.unref();
    log(`listening on ${o.host}:${port} (data in ${dataDir})`);

    let stopping: Promise<void> | null = null;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        clearInterval(retention);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const c of [...connections]) c.destroy();
        await closed;
        coordinator!.close();
        await flusher.drain().catch((e: unknown) => log(`stop: final fsync failed: ${(e as Error).message}`));
        registry.close();
        unlock();
        log('stopped');
      })();
      return stopping;
    };
    return { host: o.host, port, brokers: [`${core.advertisedHost}:${port}`], dataDir, stop };
  } catch (e) {
    coordinator?.close();
    topics?.close();
    unlock();
    if (e instanceof MetaFileCorruptError) throw metaCorruptError(dataDir, e);
    if (isFileSystemError(e) && e.path !== undefined && e.path.startsWith(dataDir)) throw dataDirError(dataDir, e);
    throw e;
  }
}

function listen(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'EADDRINUSE') reject(new BrokerStartError('PORT_IN_USE', `port ${port} on ${host} is already in use`));
      else reject(new BrokerStartError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${e.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
    });
  });
}
