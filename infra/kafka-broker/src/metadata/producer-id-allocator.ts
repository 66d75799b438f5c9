// Producer ids for idempotent producers. Ids must never be reused across restarts (a reused id would let the
// broker mistake a new producer's batches for an old one's), so ids are handed out from blocks whose end is
// recorded durably in `<dataDir>/meta/producer-ids.json` before any id of the block is used.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readMetaFile, writeMetaFile } from './meta-file.ts';

const BLOCK = 1000;

const STORED = z.object({ nextBlockStart: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

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
    this.next = readMetaFile(this.file, STORED)?.nextBlockStart ?? 0;
    this.blockEnd = this.next;
  }

  /** A producer id never handed out before. */
  allocate(): number {
    if (this.next >= this.blockEnd) {
      this.blockEnd = this.next + BLOCK;
      writeMetaFile(this.file, { nextBlockStart: this.blockEnd });
    }
    return this.next++;
  }
}
