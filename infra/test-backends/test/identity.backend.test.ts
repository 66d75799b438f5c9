import { passwordGrant } from '@xietong/identity';
import { describe, expect, it } from 'vitest';
import { startIdentityBackend } from '../src/index.ts';

describe('startIdentityBackend', () => {
  it('gives an embedded provider that publishes the xietong realm and issues tokens to demo users', async () => {
    const backend = await startIdentityBackend({ mode: 'embedded' });
    try {
      expect(backend.kind).toBe('embedded');
      expect(backend.issuer).toBe(`${backend.baseUrl}/realms/xietong`);
      const discovery = (await (await fetch(`${backend.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(discovery.issuer).toBe(backend.issuer);
      const tokens = await passwordGrant({ baseUrl: backend.baseUrl, username: 'beijing.liaison', password: 'xietong-demo' });
      const payload = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss: string };
      expect(payload.iss).toBe(backend.issuer);
    } finally {
      await backend.stop();
    }
  });
});
