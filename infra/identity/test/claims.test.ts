import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_CLIENT_ID, loadDemoRealm, NATIONAL_PROVINCE, passwordGrant } from '../src/index.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

const realm = loadDemoRealm();
let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => {
  await provider?.dispose();
});

describe('claims of every demo user', () => {
  it.each(realm.users.map((user) => [user.username, user] as const))('%s', async (_username, user) => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: user.username, password: user.password });
    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`));
    const expected = {
      sub: user.id,
      preferred_username: user.username,
      province: user.province,
      agency: user.agency,
      realm_access: { roles: user.roles },
    };
    const { payload: access } = await jwtVerify(tokens.accessToken, jwks, {
      issuer: provider.issuer,
      audience: GATEWAY_CLIENT_ID,
      algorithms: ['RS256'],
    });
    expect(access).toMatchObject({ ...expected, typ: 'Bearer', azp: 'xietong-cli', iss: provider.issuer, aud: GATEWAY_CLIENT_ID });
    expect(access.exp).toBe((access.iat ?? 0) + realm.tokenLifetimes.accessTokenSeconds);
    expect(String(access.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));

    const { payload: id } = await jwtVerify(tokens.idToken ?? '', jwks, { issuer: provider.issuer, audience: 'xietong-cli' });
    expect(id).toMatchObject({ ...expected, typ: 'ID', azp: 'xietong-cli' });

    const userinfo = await fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await userinfo.json()).toEqual(expected);
  });
});

describe('the demo realm data', () => {
  it('has one user per role for each of the eight provinces, a national observer and a platform admin', () => {
    const provinces = ['410000', '370000', '610000', '140000', '340000', '320000', '420000', '110000'];
    for (const province of provinces) {
      const roles = realm.users.filter((u) => u.province === province).flatMap((u) => u.roles);
      expect(roles.sort()).toEqual(['environment', 'investment', 'liaison', 'medical_insurance']);
    }
    expect(realm.users.find((u) => u.username === 'national.observer')).toMatchObject({ province: NATIONAL_PROVINCE, roles: ['observer'] });
    expect(realm.users.find((u) => u.username === 'platform.admin')).toMatchObject({ province: NATIONAL_PROVINCE, roles: ['admin'] });
    expect(realm.users.find((u) => u.username === 'henan.environment')?.agency).toBe('河南省生态环境厅');
    expect(realm.users.find((u) => u.username === 'shandong.medical_insurance')?.agency).toBe('山东省医疗保障局');
    for (const user of realm.users) {
      const [prefix, role] = user.username.split('.');
      expect(user.roles).toEqual([role]);
      expect(prefix).toMatch(/^[a-z]+$/);
    }
  });
});
