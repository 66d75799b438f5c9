// Producer ids for idempotent producers. Ids must never be reused across restarts (a reused id would let the
// broker mistake a new producer's batches for an old one's), so ids are handed out from blocks whose end is
// recorded durably in `<dataDir>/meta/producer-ids.json` before any id of the block is used.
import fs from 'node:fs';
import path from 'node:path';
import { syncDir } from '../log/partition-log.ts';

const BLOCK = 1000;

/** Allocates unique producer ids. */
export class ProducerIdAllocator {
  private readonly file: string;
  private next = 0;
  private blockEnd = 0;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'meta', 'producer-ids.json');
  }

  /** Reads where the last reserved block ended. */
  load(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    try {
      const doc = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { nextBlockStart?: number };
      if (typeof doc.nextBlockStart === 'number' && Number.isSafeInteger(doc.nextBlockStart)) this.next = doc.nextBlockStart;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    this.blockEnd = this.next;
  }

  /** A producer id never handed out before. */
  allocate(): number {
    if (this.next >= this.blockEnd) {
      this.blockEnd = this.next + BLOCK;
      const tmp = `${this.file}.tmp`;
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(fd, JSON.stringify({ nextBlockStart: this.blockEnd }));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.file);
      syncDir(path.dirname(this.file));
    }
    return this.next++;
  }
}
