import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Flusher } from '../../src/log/flusher.ts';
import { TopicRegistry, checkTopicName, resolveTopicConfig } from '../../src/metadata/topic-registry.ts';
import { ErrorCode } from '../../src/protocol/error-codes.ts';
import { tempDir } from './helpers/record-batches.ts';

const DEFAULTS = { segmentBytes: 1 << 20, retentionMs: -1, retentionBytes: -1, maxMessageBytes: 1 << 20 };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function registry(dir: string, lines: string[] = []): TopicRegistry {
  const r = new TopicRegistry(dir, DEFAULTS, new Flusher(), (l) => lines.push(l));
  r.load();
  cleanups.push(() => r.close());
  return r;
}

function newDir(): string {
  const t = tempDir('topics');
  cleanups.push(t.remove);
  return t.dir;
}

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { errorCode?: number }).errorCode;
  }
};

describe('TopicRegistry', () => {
  it('creates, grows and deletes topics, and a restart sees the same topics and configs', () => {
    const dir = newDir();
    const r = registry(dir);
    r.batch(() => {
      r.create('orders', 3, { 'retention.ms': '1000' });
      r.create('cases', 1, {});
    });
    r.addPartitions('cases', 2);
    r.delete('orders');
    r.close();
    const again = registry(dir);
    expect(again.list().map((t) => [t.name, t.partitions.length])).toEqual([['cases', 2]]);
    expect(again.get('cases')?.logConfig.retentionMs).toBe(-1);
    again.create('orders', 1, {});
    expect(again.get('orders')?.partitions).toHaveLength(1);
  });

  it('refuses what Kafka refuses, with its error codes', () => {
    const r = registry(newDir());
    r.create('t', 2, {});
    expect(codeOf(() => r.create('t', 1, {}))).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
    expect(codeOf(() => r.create('bad name', 1, {}))).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
    expect(codeOf(() => r.create('zero', 0, {}))).toBe(ErrorCode.INVALID_PARTITIONS);
    expect(codeOf(() => r.addPartitions('t', 2))).toBe(ErrorCode.INVALID_PARTITIONS);
    expect(codeOf(() => r.addPartitions('missing', 2))).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(codeOf(() => r.create('compacted', 1, { 'cleanup.policy': 'compact' }))).toBe(ErrorCode.INVALID_CONFIG);
    expect(codeOf(() => r.create('odd', 1, { 'no.such.config': '1' }))).toBe(ErrorCode.INVALID_CONFIG);
    expect(r.get('compacted')).toBeUndefined();
    expect(r.create('dry', 1, {}, true)).toBeNull();
    expect(r.get('dry')).toBeUndefined();
  });

  it('sets aside partition directories that belong to no topic instead of deleting them', () => {
    const dir = newDir();
    fs.mkdirSync(path.join(dir, 'logs', 'ghost-0'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'logs', 'ghost-0', 'data'), 'x');
    fs.mkdirSync(path.join(dir, 'logs', 'gone-0.abc-delete'), { recursive: true });
    const lines: string[] = [];
    registry(dir, lines);
    expect(fs.readdirSync(path.join(dir, 'logs'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'orphans'))[0]).toMatch(/^ghost-0\.\d+$/);
    expect(lines.join('\n')).toMatch(/moved it to/);
  });
});

describe('topic names and configs', () => {
  it('follows Kafka rules', () => {
    expect(checkTopicName('a.b_c-D9')).toBeNull();
    expect(checkTopicName('..')).not.toBeNull();
    expect(checkTopicName('x'.repeat(250))).not.toBeNull();
    expect(checkTopicName('日志')).not.toBeNull();
    expect(resolveTopicConfig({ 'retention.bytes': '100', 'segment.bytes': '2048', 'min.insync.replicas': '2' }, DEFAULTS).logConfig).toMatchObject({ retentionBytes: 100, segmentBytes: 2048 });
    expect(codeOf(() => resolveTopicConfig({ 'segment.bytes': '10' }, DEFAULTS))).toBe(ErrorCode.INVALID_CONFIG);
    expect(codeOf(() => resolveTopicConfig({ 'retention.ms': 'soon' }, DEFAULTS))).toBe(ErrorCode.INVALID_CONFIG);
  });
});
