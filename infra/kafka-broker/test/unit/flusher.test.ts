// Group-commit fsync when the disk fails: the waiting requests fail, the files stay dirty for the next round, and a
// retried acks=all produce is acknowledged only after its bytes have been synced again.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { Flusher, type SyncTarget } from '../../src/log/flusher.ts';
import { startBroker } from '../../src/index.ts';
import { tempDir } from './helpers/record-batches.ts';

/** A file whose next `failures` fdatasyncs fail. */
function target(failures: number): SyncTarget & { calls: number } {
  let left = failures;
  const t = {
    calls: 0,
    flushAsync(): Promise<void> {
      t.calls++;
      if (left-- > 0) return Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      return Promise.resolve();
    },
  };
  return t;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Flusher', () => {
  it('fails the round when an fdatasync fails and syncs that file again in the next round', async () => {
    const flusher = new Flusher();
    const failing = target(1);
    const healthy = target(0);
    flusher.markDirty(failing);
    flusher.markDirty(healthy);
    await expect(flusher.sync()).rejects.toThrow(/EIO/);
    await flusher.sync();
    expect(failing.calls, 'the failed file was synced again').toBe(2);
    expect(healthy.calls, 'the synced file was not').toBe(1);
    await flusher.sync();
    expect(failing.calls, 'and is clean once its sync succeeded').toBe(2);
  });

  it('drain reports a file that still cannot be synced', async () => {
    const flusher = new Flusher();
    const failing = target(2);
    flusher.markDirty(failing);
    await expect(flusher.sync()).rejects.toThrow(/EIO/);
    await expect(flusher.drain()).rejects.toThrow(/EIO/);
    await flusher.drain();
    expect(failing.calls).toBe(3);
  });
});

describe('acks=all produce when fdatasync fails', () => {
  it('answers KAFKA_STORAGE_ERROR, which kafkajs retries; the retry is acknowledged only after its bytes are synced', async () => {
    const dir = tempDir('flusher');
    const logs: string[] = [];
    const broker = await startBroker({ dataDir: dir.dir, logger: (l) => logs.push(l) });
    const kafka = new Kafka({ brokers: broker.brokers, clientId: 'flusher-test', logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50 } });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'disk', numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      const real = fs.fdatasync;
      const synced: number[] = [];
      let failNext = true;
      vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
        if (failNext) {
          failNext = false;
          process.nextTick(cb, Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', errno: -5, syscall: 'fdatasync' }));
          return;
        }
        real(fd, (err) => {
          if (err === null) synced.push(fd);
          cb(err);
        });
      }) as typeof fs.fdatasync);

      const [ack] = await producer.send({ topic: 'disk', messages: [{ value: 'kept' }], acks: -1 });
      expect(ack).toMatchObject({ errorCode: 0, baseOffset: '0' });
      expect(logs.some((l) => /fsync failed, answering KAFKA_STORAGE_ERROR: EIO/.test(l)), 'the first attempt failed').toBe(true);
      // The retry was a duplicate (not appended again), so only the segment kept dirty after the failure made its
      // fsync round sync anything.
      expect(synced.length, 'the segment was synced after the failure').toBeGreaterThanOrEqual(1);
      const offsets = await admin.fetchTopicOffsets('disk');
      expect(offsets[0]?.high, 'written once').toBe('1');
    } finally {
      vi.restoreAllMocks();
      await producer.disconnect();
      await admin.disconnect();
      await broker.stop();
      dir.remove();
    }
  });
});
