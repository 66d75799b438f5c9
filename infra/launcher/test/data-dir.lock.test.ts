// The data-directory lock's failures are launcher errors with stable codes and messages that name the path, never
// plain errors that the launcher would re-throw with a stack.
import type * as fs from 'node:fs';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { lockDataDirectory } from '../src/data-dir.lock.ts';
import { DataDirectoryLockError, DataDirectoryUnusableError, LauncherError } from '../src/launcher.errors.ts';

// rmSync can be told to leave the lock file alone, which is what a second launcher re-creating it looks like.
const keepLockFiles = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    rmSync: (file: fs.PathLike, options?: fs.RmOptions) => {
      if (keepLockFiles.on && String(file).endsWith('launcher.pid')) return;
      real.rmSync(file, options);
    },
  };
});

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'launcher-lock-'));
});

afterEach(() => {
  keepLockFiles.on = false;
  rmSync(root, { recursive: true, force: true });
});

describe('lockDataDirectory', () => {
  it('takes and releases the lock, recording pid and start time', () => {
    const dataDir = path.join(root, 'data');
    const lock = lockDataDirectory(dataDir);
    expect(readFileSync(path.join(dataDir, 'launcher.pid'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+\\n$`));
    lock.release();
    expect(() => readFileSync(path.join(dataDir, 'launcher.pid'))).toThrow(/ENOENT/);
  });

  it('refuses a data directory that is a file with DATA_DIR_UNUSABLE, naming it', () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    const error = captureError(() => lockDataDirectory(file));
    expect(error).toBeInstanceOf(DataDirectoryUnusableError);
    expect(error).toMatchObject({ code: 'DATA_DIR_UNUSABLE', dataDir: file });
    expect((error as Error).message).toContain(`Cannot use the data directory ${file}: ${file} is a file, not a directory (EEXIST from mkdir)`);
    expect((error as Error).message).toContain('XIETONG_DATA_DIR');
  });

  it('refuses a data directory whose lock file cannot be read with DATA_DIR_UNUSABLE', () => {
    const dataDir = path.join(root, 'data');
    mkdirSync(path.join(dataDir, 'launcher.pid'), { recursive: true });
    const error = captureError(() => lockDataDirectory(dataDir));
    expect(error).toMatchObject({ code: 'DATA_DIR_UNUSABLE' });
    expect((error as Error).message).toContain(`${path.join(dataDir, 'launcher.pid')} is a directory where a file should be (EISDIR from read)`);
  });

  it('gives up with DATA_DIR_LOCK_FAILED when a stale lock keeps coming back', () => {
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir);
    // A pid that is alive (ours) with a start time that is not its own: a stale lock, taken over unless it returns.
    writeFileSync(path.join(dataDir, 'launcher.pid'), `${process.pid} 1\n`);
    keepLockFiles.on = true;
    const error = captureError(() => lockDataDirectory(dataDir));
    expect(error).toBeInstanceOf(DataDirectoryLockError);
    expect(error).toBeInstanceOf(LauncherError);
    expect(error).toMatchObject({ code: 'DATA_DIR_LOCK_FAILED', dataDir });
    expect((error as Error).message).toContain(`its lock file ${path.join(dataDir, 'launcher.pid')} reappeared`);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
