import { describe, expect, it } from 'vitest';

import { readDemoLogins } from '../src/demo-logins.reader.ts';
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
    const error = await readDemoLogins('/nonexistent/realm.json').catch((e: Error) => e.message);
    const banner = renderReadyBanner({ elapsedSeconds: 1, endpoints: [], dataDir: '/d', logins: { error: String(error) } });
    expect(banner).toContain('Demo logins: unavailable (cannot read /nonexistent/realm.json: ENOENT');
  });
});
