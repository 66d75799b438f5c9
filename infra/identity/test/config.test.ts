import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIdentityConfig, REPO_ROOT } from '../src/config.ts';
import { InvalidConfigError } from '../src/index.ts';

describe('readIdentityConfig', () => {
  it('applies the defaults', () => {
    expect(readIdentityConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8180,
      publicUrl: 'http://localhost:8180',
      dataDir: path.join(REPO_ROOT, '.data/identity'),
      webRedirectUris: undefined,
    });
  });

  it('reads every variable, resolving a relative data directory against the repository root', () => {
    expect(
      readIdentityConfig({
        IDENTITY_HOST: '0.0.0.0',
        IDENTITY_PORT: '9180',
        IDENTITY_PUBLIC_URL: 'https://id.example.gov.cn/',
        IDENTITY_DATA_DIR: 'tmp/id',
        WEB_REDIRECT_URIS: 'http://localhost:3000/*, https://xietong.example.gov.cn/callback',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9180,
      publicUrl: 'https://id.example.gov.cn',
      dataDir: path.join(REPO_ROOT, 'tmp/id'),
      webRedirectUris: ['http://localhost:3000/*', 'https://xietong.example.gov.cn/callback'],
    });
  });

  it('derives the public URL from the port, and leaves it to the provider for port 0', () => {
    expect(readIdentityConfig({ IDENTITY_PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(readIdentityConfig({ IDENTITY_PORT: '0' }).publicUrl).toBeUndefined();
  });

  it('lists every invalid variable with its name and reason', () => {
    let caught: unknown;
    try {
      readIdentityConfig({
        IDENTITY_PORT: '70000',
        IDENTITY_PUBLIC_URL: 'http://localhost:8180/auth',
        WEB_REDIRECT_URIS: 'not a url',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidConfigError);
    const problems = (caught as InvalidConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^IDENTITY_PORT: must be a port number .*\(got "70000"\)$/);
    expect(problems[1]).toMatch(/^IDENTITY_PUBLIC_URL: must have no path/);
    expect(problems[2]).toMatch(/^WEB_REDIRECT_URIS: must be comma-separated http\(s\) URLs/);
  });

  it('refuses a web redirect URI whose wildcard is a string prefix rather than a path, naming it', () => {
    expect(() => readIdentityConfig({ WEB_REDIRECT_URIS: 'http://localhost:5173/*,http://localhost:5173*' })).toThrow(
      /WEB_REDIRECT_URIS: .*"http:\/\/localhost:5173\*" may hold "\*" only as a final "\/\*"/,
    );
    expect(readIdentityConfig({ WEB_REDIRECT_URIS: 'http://localhost:5173/*' }).webRedirectUris).toEqual(['http://localhost:5173/*']);
  });
});
