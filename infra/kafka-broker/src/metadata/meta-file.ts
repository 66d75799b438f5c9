// The small JSON documents under `<dataDir>/meta/` (cluster id, topic list, producer-id blocks): written to a
// temporary file, fsynced and renamed, so a crash leaves the old or the new document, never half of one; read back
// through a zod schema, so a document that was damaged or edited by hand stops the broker with a clear error instead
// of a TypeError deep in start-up or, worse, a silently regenerated value.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { syncDir } from '../log/partition-log.ts';

/** A metadata document that exists but cannot be read as what it should hold. */
export class MetaFileCorruptError extends Error {
  readonly file: string;
  readonly reason: string;
  override readonly name = 'MetaFileCorruptError';

  constructor(file: string, reason: string) {
    super(`${file} is corrupt: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/** Reads and validates a metadata document; null when the file does not exist. */
export function readMetaFile<T>(file: string, schema: z.ZodType<T>): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new MetaFileCorruptError(file, text.length === 0 ? 'the file is empty' : `not JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'document'}: ${i.message}`);
    throw new MetaFileCorruptError(file, issues.join('; '));
  }
  return parsed.data;
}

/** Replaces a metadata document atomically and durably (temporary file, fsync, rename, directory fsync). */
export function writeMetaFile(file: string, doc: unknown, space?: number): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(doc, null, space));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}
