import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { DEMO_REALM_FILE, readDemoLogins } from '../src/demo-logins.reader.ts';
import { DemoRealmUnavailableError } from '../src/launcher.errors.ts';
import { renderReadyBanner } from '../src/ready.banner.ts';

describe('renderReadyBanner', () => {
  it('shows every endpoint, the data directory, a province × role table of the demo logins and how to stop', async () => {
    const logins = await readDemoLogins();
    const banner = renderReadyBanner({
      elapsedSeconds: 3.21,
      endpoints: [
        { label: 'OpenID issuer', value: 'http://localhost:8180/realms/xietong' },
        { label: 'Kafka bootstrap', value: '127.0.0.1:9092' },
      ],
      dataDir: '/repo/.data',
      logins,
    });
    const lines = banner.split('\n');
    expect(lines).toContain(' Xietong is running (ready in 3.2 s)');
    expect(lines).toContain(' OpenID issuer    http://localhost:8180/realms/xietong');
    expect(lines).toContain(' Kafka bootstrap  127.0.0.1:9092');
    expect(banner).toContain('/repo/.data  (kept across restarts; stop and delete it to start over)');
    const header = lines.find((l) => l.trimStart().startsWith('province'));
    expect(header?.split(/\s+/).filter(Boolean)).toEqual(['province', 'liaison', 'environment', 'medical_insurance', 'investment']);
    const henan = lines.find((l) => l.includes('Henan 410000'));
    expect(henan?.split(/\s{2,}/).filter(Boolean)).toEqual(['Henan 410000', 'henan.liaison', 'henan.environment', 'henan.medical_insurance', 'henan.investment']);
    expect(banner).toContain('national.observer (observer, National 000000)');
    expect(banner).toContain("Every demo account's password: xietong-demo");
    expect(banner).toContain('Ctrl-C to stop.');
  });

  it('still renders when the realm file cannot be read, saying why', async () => {
    const error = await readDemoLogins('/nonexistent/realm.json').catch((e: Error) => e);
    expect(error).toBeInstanceOf(DemoRealmUnavailableError);
    expect(error).toMatchObject({ code: 'DEMO_REALM_UNAVAILABLE', file: '/nonexistent/realm.json' });
    const banner = renderReadyBanner({ elapsedSeconds: 1, endpoints: [], dataDir: '/d', logins: { error: (error as Error).message } });
    expect(banner).toContain('Demo logins: unavailable (cannot use /nonexistent/realm.json: ENOENT');
  });

  it('refuses a realm file the identity provider would refuse, with every problem', async () => {
    // Well-formed for a partial reading, but the provider validates the whole realm: a role it does not define.
    const realm = JSON.parse(readFileSync(DEMO_REALM_FILE, 'utf8')) as { users: Array<{ roles: string[] }> };
    realm.users[0]!.roles = ['no_such_role'];
    const dir = mkdtempSync(path.join(tmpdir(), 'launcher-realm-'));
    try {
      const file = path.join(dir, 'realm.json');
      writeFileSync(file, JSON.stringify(realm));
      const error = await readDemoLogins(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DemoRealmUnavailableError);
      expect((error as DemoRealmUnavailableError).problems).toEqual([expect.stringMatching(/^users\.0\.roles: "no_such_role" is not a role of this realm/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
