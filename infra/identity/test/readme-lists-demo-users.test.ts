import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoRealm } from '../src/index.ts';

// The README's demo-login table is what newcomers sign in with; it must not drift from the realm data.
describe('README demo logins', () => {
  it('lists every demo user of the realm data file', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const missing = loadDemoRealm().users.map((u) => u.username).filter((username) => !readme.includes(`\`${username}\``));
    expect(missing).toEqual([]);
  });
});
