import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScratchDir, removeScratchDir } from '../src/index.ts';

describe('makeScratchDir', () => {
  it('names directories after the process and removes those of dead processes, not of live ones', async () => {
    const prefix = `xietong-scratch-test-${process.pid}`;
    const child = spawn('true');
    await once(child, 'exit');
    const abandoned = path.join(os.tmpdir(), `${prefix}-${child.pid}-old`);
    const live = path.join(os.tmpdir(), `${prefix}-1-live`); // pid 1 is always running
    await fs.mkdir(path.join(abandoned, 'data'), { recursive: true });
    await fs.mkdir(live);
    try {
      const dir = await makeScratchDir(prefix);
      expect(path.basename(dir)).toMatch(new RegExp(`^${prefix}-${process.pid}-`));
      expect((await fs.stat(dir)).mode & 0o777).toBe(0o755);
      await expect(fs.access(abandoned)).rejects.toThrow();
      await expect(fs.access(live)).resolves.toBeUndefined();
      await removeScratchDir(dir);
      await expect(fs.access(dir)).rejects.toThrow();
    } finally {
      await Promise.all([removeScratchDir(abandoned), removeScratchDir(live)]);
    }
  });
});
