import { describe, expect, it } from 'vitest';
import { isRedirectUriAllowed, webOriginsOf } from '../src/oidc/redirect-uri.matcher.ts';

const patterns = ['http://localhost:5173/*', 'https://xietong.example.gov.cn/callback'];

describe('Keycloak-style redirect URI matching', () => {
  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/app/cases?id=7', true],
    ['https://xietong.example.gov.cn/callback', true],
    ['https://xietong.example.gov.cn/callback?state=x', true],
    ['https://xietong.example.gov.cn/callback/other', false],
    ['http://localhost:5173.evil.example/', false],
    ['http://localhost:5174/', false],
    ['http://localhost:5173/#fragment', false],
    ['not a url', false],
  ])('%s → %s', (uri, allowed) => {
    expect(isRedirectUriAllowed(uri, patterns)).toBe(allowed);
  });

  it('derives web origins from the patterns', () => {
    expect([...webOriginsOf(patterns)]).toEqual(['http://localhost:5173', 'https://xietong.example.gov.cn']);
  });
});
