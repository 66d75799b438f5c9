import { describe, expect, it } from 'vitest';
import { isRedirectUriAllowed, redirectUriPatternProblem, webOriginsOf } from '../src/oidc/redirect-uri.matcher.ts';

const patterns = ['http://localhost:5173/*', 'https://xietong.example.gov.cn/callback', 'https://app.example.gov.cn/xietong/*'];

describe('Keycloak-style redirect URI matching', () => {
  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173', true],
    ['http://localhost:5173/app/cases?id=7', true],
    ['https://xietong.example.gov.cn/callback', true],
    ['https://xietong.example.gov.cn/callback?state=x', true],
    ['https://app.example.gov.cn/xietong/', true],
    ['https://app.example.gov.cn/xietong/cases/7', true],
    ['https://xietong.example.gov.cn/callback/other', false],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['http://localhost:5173/#fragment', false],
    ['not a url', false],
    // Neither the host nor the path may be extended past the registered prefix.
    ['http://localhost:5173.evil.example/', false],
    ['http://localhost:5173@evil.example/', false],
    ['http://localhost:5173%40evil.example/', false],
    ['http://user:pass@localhost:5173/', false],
    ['https://app.example.gov.cn/xietong-evil/', false],
    ['https://app.example.gov.cn/xietong', false],
    ['https://app.example.gov.cn/xietong/../admin/', false],
    ['https://app.example.gov.cn/xietong/%2e%2e/admin/', false],
    ['https://xietong.example.gov.cn/callback/../evil', false],
    ['javascript://localhost:5173/%0aalert(1)', false],
    ['http://localhost:5173\\@evil.example/', false],
    ['http://localhost:5173/\\evil.example', false],
    [' http://localhost:5173/', false],
  ])('%s → %s', (uri, allowed) => {
    expect(isRedirectUriAllowed(uri, patterns)).toBe(allowed);
  });

  it('ignores patterns whose wildcard does not end a path, so a string prefix can never match', () => {
    const prefixPatterns = ['http://localhost:5173*', 'https://app.example.gov.cn/xietong*'];
    for (const uri of ['http://localhost:5173/', 'http://localhost:5173.evil.example/', 'http://localhost:5173@evil.example/', 'https://app.example.gov.cn/xietong-evil/']) {
      expect(isRedirectUriAllowed(uri, prefixPatterns)).toBe(false);
    }
  });

  it('derives web origins from the patterns', () => {
    expect([...webOriginsOf(patterns)]).toEqual(['http://localhost:5173', 'https://xietong.example.gov.cn', 'https://app.example.gov.cn']);
  });
});

describe('redirect URI patterns', () => {
  it.each([
    ['http://localhost:5173/*', undefined],
    ['https://xietong.example.gov.cn/callback', undefined],
    ['https://xietong.example.gov.cn/callback?mode=web', undefined],
    ['http://localhost:5173*', 'may hold "*" only as a final "/*" (e.g. http://localhost:5173/*)'],
    ['http://localhost:5173/app*', 'may hold "*" only as a final "/*" (e.g. http://localhost:5173/*)'],
    ['http://*.example.gov.cn/*', 'may hold "*" only as a final "/*" (e.g. http://localhost:5173/*)'],
    ['/relative/*', 'must be an absolute http:// or https:// URL'],
    ['ftp://files.example.gov.cn/*', 'must be an absolute http:// or https:// URL'],
    ['http://user@localhost:5173/*', 'must not hold a user name or password'],
    ['http://localhost:5173/#/callback', 'must not hold a fragment'],
    ['http://localhost:5173/?a=1/*', 'must not combine a query with "/*"'],
  ])('%s → %s', (pattern, problem) => {
    expect(redirectUriPatternProblem(pattern)).toBe(problem);
  });
});
