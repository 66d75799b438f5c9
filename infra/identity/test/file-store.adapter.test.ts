import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptDataFileError } from '../src/index.ts';
import { FileBackedStore } from '../src/store/file-store.adapter.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xietong-store-'));
  dirs.push(dir);
  return path.join(dir, 'store.json');
}

const fail = (error: unknown) => {
  throw error;
};

describe('FileBackedStore', () => {
  it('reads back what it wrote, without expired records, and revokes by grant', async () => {
    const file = await tempFile();
    const store = await FileBackedStore.open(file, fail);
    const tokens = store.adapterFor('RefreshToken');
    await tokens.upsert('a', { grantId: 'g1', accountId: 'u' }, 60);
    await tokens.upsert('b', { grantId: 'g2', accountId: 'u' }, 60);
    await tokens.upsert('gone', { grantId: 'g2' }, -1);
    await store.adapterFor('Session').upsert('s', { uid: 'uid-1', accountId: 'u' }, 60);
    await tokens.consume('b');
    await store.flush();

    const reopened = await FileBackedStore.open(file, fail);
    const again = reopened.adapterFor('RefreshToken');
    expect(await again.find('a')).toEqual({ grantId: 'g1', accountId: 'u' });
    expect((await again.find('b'))?.consumed).toEqual(expect.any(Number));
    expect(await again.find('gone')).toBeUndefined();
    expect(await reopened.adapterFor('Session').findByUid('uid-1')).toMatchObject({ accountId: 'u' });

    await again.revokeByGrantId('g1');
    expect(await again.find('a')).toBeUndefined();
    expect(await again.find('b')).toBeDefined();
    await reopened.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(2);
  });

  it('refuses a corrupt file with a message that says what to do', async () => {
    const file = await tempFile();
    await writeFile(file, '{"half":');
    await expect(FileBackedStore.open(file, fail)).rejects.toThrow(CorruptDataFileError);
    await expect(FileBackedStore.open(file, fail)).rejects.toThrow(/Delete it to start over/);
  });
});
