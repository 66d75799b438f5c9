// Topics, their partitions and per-topic configuration. The list is persisted in `<dataDir>/meta/topics.json`
// (written to a temporary file, fsynced and renamed, so a crash leaves the old or the new list, never half of one);
// each partition's log lives in `<dataDir>/logs/<topic>-<partition>/`.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PartitionLog, syncDir, type LogConfig } from '../log/partition-log.ts';
import type { Flusher } from '../log/flusher.ts';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import { readMetaFile, writeMetaFile } from './meta-file.ts';

/** A topic and its open partition logs. */
export interface Topic {
  readonly name: string;
  readonly id: string;
  readonly configs: Readonly<Record<string, string>>;
  readonly logConfig: LogConfig;
  readonly partitions: PartitionLog[];
}

const STORED_TOPICS = z.object({
  topics: z.array(
    z.object({
      name: z.string().min(1),
      id: z.string().min(1),
      partitions: z.number().int().min(1),
      configs: z.record(z.string(), z.string()),
    }),
  ),
});

/** Kafka's hard limit on partitions is far higher; a development broker refuses counts that only exhaust file handles. */
export const MAX_PARTITIONS = 1000;
const LEGAL_NAME = /^[a-zA-Z0-9._-]+$/;

/** Why a topic name is illegal in Kafka, or null when it is fine. */
export function checkTopicName(name: string): string | null {
  if (name.length === 0) return 'topic name is empty';
  if (name === '.' || name === '..') return `topic name "${name}" is not allowed`;
  if (name.length > 249) return `topic name is ${name.length} characters long, the limit is 249`;
  if (!LEGAL_NAME.test(name)) return `topic name "${name}" may only contain ASCII letters, digits, '.', '_' and '-'`;
  return null;
}

const IGNORED_CONFIGS = new Set(['min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages', 'flush.ms', 'index.interval.bytes', 'segment.ms', 'segment.jitter.ms', 'delete.retention.ms', 'file.delete.delay.ms']);

function parseLongConfig(name: string, value: string, min: number): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `invalid value "${value}" for ${name}: expected an integer >= ${min}`);
  return n;
}

/** Minimum segment size accepted from configuration. */
export const MIN_SEGMENT_BYTES = 1024;

/**
 * Turns topic configuration entries into a LogConfig over the broker defaults. Unknown names and features this
 * broker does not implement (compaction, LogAppendTime, broker-side recompression) are refused with INVALID_CONFIG
 * rather than silently ignored.
 */
export function resolveTopicConfig(configs: Readonly<Record<string, string | null>>, defaults: LogConfig): { logConfig: LogConfig; stored: Record<string, string> } {
  const c = { ...defaults };
  const stored: Record<string, string> = {};
  for (const [name, value] of Object.entries(configs)) {
    if (value === null) continue;
    stored[name] = value;
    switch (name) {
      case 'retention.ms':
        c.retentionMs = parseLongConfig(name, value, -1);
        break;
      case 'retention.bytes':
        c.retentionBytes = parseLongConfig(name, value, -1);
        break;
      case 'segment.bytes':
        c.segmentBytes = parseLongConfig(name, value, MIN_SEGMENT_BYTES);
        break;
      case 'max.message.bytes':
        c.maxMessageBytes = parseLongConfig(name, value, 0);
        break;
      case 'cleanup.policy':
        if (value !== 'delete') throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `cleanup.policy=${value} is not supported by the development broker (only delete)`);
        break;
      case 'message.timestamp.type':
        if (value !== 'CreateTime') throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `message.timestamp.type=${value} is not supported by the development broker (only CreateTime)`);
        break;
      case 'compression.type':
        if (value !== 'producer') throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `compression.type=${value} is not supported: the development broker stores batches as the producer compressed them`);
        break;
      default:
        if (!IGNORED_CONFIGS.has(name)) throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `unknown topic config ${name}`);
    }
  }
  return { logConfig: c, stored };
}

/** The set of topics of the broker. */
export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();
  private readonly metaFile: string;
  private readonly logsDir: string;
  private readonly defaults: LogConfig;
  private readonly flusher: Flusher;
  private readonly log: (line: string) => void;
  private batchDepth = 0;
  private persistPending = false;

  constructor(dataDir: string, defaults: LogConfig, flusher: Flusher, log: (line: string) => void) {
    this.metaFile = path.join(dataDir, 'meta', 'topics.json');
    this.logsDir = path.join(dataDir, 'logs');
    this.defaults = defaults;
    this.flusher = flusher;
    this.log = log;
  }

  /** Reads the topic list, opens and recovers every partition log, and removes directories of deleted topics. */
  load(): void {
    fs.mkdirSync(path.dirname(this.metaFile), { recursive: true });
    fs.mkdirSync(this.logsDir, { recursive: true });
    const stored = readMetaFile(this.metaFile, STORED_TOPICS)?.topics ?? [];
    const expected = new Set<string>();
    for (const t of stored) {
      const { logConfig } = resolveTopicConfig(t.configs, this.defaults);
      const topic: Topic = { name: t.name, id: t.id, configs: t.configs, logConfig, partitions: [] };
      for (let p = 0; p < t.partitions; p++) {
        expected.add(`${t.name}-${p}`);
        topic.partitions.push(this.openPartition(t.name, p, logConfig));
      }
      this.topics.set(t.name, topic);
    }
    for (const name of fs.readdirSync(this.logsDir)) {
      if (expected.has(name)) continue;
      const where = path.join(this.logsDir, name);
      if (name.endsWith('-delete')) {
        this.log(`startup: finishing the removal of ${where} (deleted topic)`);
        fs.rmSync(where, { recursive: true, force: true });
      } else {
        // Most likely a topic whose creation was interrupted before it was acknowledged; but it could be data whose
        // topic list went missing, so it is set aside rather than destroyed.
        const aside = path.join(path.dirname(this.logsDir), 'orphans', `${name}.${Date.now()}`);
        fs.mkdirSync(path.dirname(aside), { recursive: true });
        fs.renameSync(where, aside);
        this.log(`startup: ${where} belongs to no topic in ${this.metaFile}; moved it to ${aside}`);
      }
    }
  }

  private openPartition(topic: string, partition: number, config: LogConfig): PartitionLog {
    return PartitionLog.open(path.join(this.logsDir, `${topic}-${partition}`), topic, partition, config, this.flusher, this.log);
  }

  /**
   * Runs `fn` with the topic list written once at its end instead of after every change, so that a CreateTopics
   * request for five hundred topics costs one fsynced write, not five hundred rewrites of a growing file.
   */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.persistPending) this.persist();
    }
  }

  private persist(): void {
    if (this.batchDepth > 0) {
      this.persistPending = true;
      return;
    }
    this.persistPending = false;
    syncDir(this.logsDir);
    const doc = {
      version: 1,
      topics: [...this.topics.values()].map((t) => ({ name: t.name, id: t.id, partitions: t.partitions.length, configs: t.configs })),
    };
    writeMetaFile(this.metaFile, doc, 2);
  }

  /** The topic called `name`. */
  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  /** Every topic. */
  list(): Topic[] {
    return [...this.topics.values()];
  }

  /** The log of a partition, or undefined when the topic or partition does not exist. */
  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** Creates a topic; throws KafkaProtocolError with Kafka's code when the request is invalid. */
  create(name: string, partitions: number, configs: Readonly<Record<string, string | null>>, validateOnly = false): Topic | null {
    const bad = checkTopicName(name);
    if (bad !== null) throw new KafkaProtocolError(ErrorCode.INVALID_TOPIC_EXCEPTION, bad);
    if (this.topics.has(name)) throw new KafkaProtocolError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${name}' already exists`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new KafkaProtocolError(ErrorCode.INVALID_PARTITIONS, `number of partitions must be at least 1, got ${partitions}`);
    if (partitions > MAX_PARTITIONS) throw new KafkaProtocolError(ErrorCode.INVALID_PARTITIONS, `number of partitions ${partitions} exceeds the development broker's limit of ${MAX_PARTITIONS}`);
    const { logConfig, stored } = resolveTopicConfig(configs, this.defaults);
    if (validateOnly) return null;
    const topic: Topic = { name, id: randomUUID(), configs: stored, logConfig, partitions: [] };
    for (let p = 0; p < partitions; p++) topic.partitions.push(this.openPartition(name, p, logConfig));
    this.topics.set(name, topic);
    this.persist();
    this.log(`created topic ${name} with ${partitions} partition(s)`);
    return topic;
  }

  /** Grows a topic to `count` partitions (Kafka never shrinks a topic). */
  addPartitions(name: string, count: number, validateOnly = false): void {
    const topic = this.topics.get(name);
    if (topic === undefined) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic '${name}' does not exist`);
    const current = topic.partitions.length;
    if (count <= current) {
      throw new KafkaProtocolError(ErrorCode.INVALID_PARTITIONS, `topic currently has ${current} partitions, ${count} would not be an increase`);
    }
    if (count > MAX_PARTITIONS) throw new KafkaProtocolError(ErrorCode.INVALID_PARTITIONS, `number of partitions ${count} exceeds the development broker's limit of ${MAX_PARTITIONS}`);
    if (validateOnly) return;
    for (let p = current; p < count; p++) topic.partitions.push(this.openPartition(name, p, topic.logConfig));
    this.persist();
    this.log(`topic ${name} grew from ${current} to ${count} partitions`);
  }

  /** Deletes a topic and, in the background, its data. */
  delete(name: string): void {
    const topic = this.topics.get(name);
    if (topic === undefined) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic '${name}' does not exist`);
    this.topics.delete(name);
    this.persist();
    for (const p of topic.partitions) {
      p.close();
      // Renamed first so that a restart during the removal does not mistake it for a live partition.
      const doomed = `${p.dir}.${topic.id}-delete`;
      fs.renameSync(p.dir, doomed);
      fs.rm(doomed, { recursive: true, force: true }, (err) => {
        if (err) this.log(`could not remove ${doomed}: ${err.message}`);
      });
    }
    this.log(`deleted topic ${name}`);
  }

  /** Applies retention to every partition. */
  applyRetention(now: number): void {
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        try {
          const n = p.applyRetention(now);
          if (n > 0) this.log(`retention ${topic.name}-${p.partition}: deleted ${n} segment(s), log now starts at offset ${p.logStartOffset}`);
        } catch (e) {
          this.log(`retention ${topic.name}-${p.partition} failed: ${(e as Error).message}`);
        }
      }
    }
  }

  /** Closes every log (fsyncing it first). */
  close(): void {
    for (const topic of this.topics.values()) for (const p of topic.partitions) p.close();
  }
}
