import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoRealmRepository, InvalidRealmDataError, loadDemoRealm } from '../src/index.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function writeRealm(mutate: (realm: Record<string, unknown>) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xietong-realm-'));
  dirs.push(dir);
  const realm = structuredClone(loadDemoRealm()) as unknown as Record<string, unknown>;
  mutate(realm);
  const file = path.join(dir, 'realm.json');
  await writeFile(file, JSON.stringify(realm));
  return file;
}

describe('loadDemoRealm', () => {
  it('lists every broken rule of a realm file, naming the field', async () => {
    const file = await writeRealm((realm) => {
      const users = realm.users as Record<string, unknown>[];
      users[0] = { ...users[0], province: '990000', roles: ['superuser'] };
      users[1] = { ...users[1], username: users[2]?.username };
      const observer = users.find((u) => (u.roles as string[]).includes('observer'));
      if (observer) observer.province = '410000';
    });
    let caught: unknown;
    try {
      loadDemoRealm(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRealmDataError);
    const problems = (caught as InvalidRealmDataError).problems.join('\n');
    expect(problems).toContain('users.0.province: "990000" is not a province of this realm');
    expect(problems).toContain('users.0.roles: "superuser" is not a role of this realm');
    expect(problems).toMatch(/users\.\d+\.username: "[a-z._]+" appears more than once/);
    expect(problems).toMatch(/users\.\d+\.province: an observer must belong to province 000000/);
  });

  it.each(['410100', '410102', '41000', '4100000', '41000a'])('refuses %s, which is no province-level code, for a province and a user', async (code) => {
    const file = await writeRealm((realm) => {
      (realm.provinces as Record<string, unknown>[])[1] = { code, name: '郑州市', nameEn: 'Zhengzhou' };
      (realm.users as Record<string, unknown>[])[0]!.province = code;
    });
    let caught: unknown;
    try {
      loadDemoRealm(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRealmDataError);
    const problems = (caught as InvalidRealmDataError).problems;
    expect(problems).toContain('provinces.1.code: must be a province-level GB/T 2260 code (two digits then "0000", e.g. "410000"; "000000" for national bodies)');
    expect(problems).toContain('users.0.province: must be a province-level GB/T 2260 code (two digits then "0000", e.g. "410000"; "000000" for national bodies)');
  });

  it('refuses a redirect URI whose wildcard could extend the host', async () => {
    const file = await writeRealm((realm) => {
      const clients = realm.clients as Record<string, unknown>[];
      const web = clients.find((c) => c.clientId === 'xietong-web');
      if (web) web.redirectUris = ['http://localhost:5173*'];
    });
    expect(() => loadDemoRealm(file)).toThrow(/clients\.\d+\.redirectUris\.0: may hold "\*" only as a final "\/\*"/);
  });

  it('reports a file that is not JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xietong-realm-'));
    dirs.push(dir);
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{ not json');
    expect(() => loadDemoRealm(file)).toThrow(InvalidRealmDataError);
  });
});

describe('DemoRealmRepository.authenticate', () => {
  const repository = new DemoRealmRepository(loadDemoRealm());

  it('returns the user for the right password only', () => {
    expect(repository.authenticate('henan.liaison', 'xietong-demo')?.agency).toBe('河南省发展和改革委员会');
    expect(repository.authenticate('henan.liaison', 'xietong-demo ')).toBeUndefined();
    expect(repository.authenticate('nobody', 'xietong-demo')).toBeUndefined();
  });
});
