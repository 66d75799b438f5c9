import { describe, expect, it } from 'vitest';
// The kit's parser, imported by path (it has no light entry point), is the rule this package must agree with.
import { bearerTokenOf as kitBearerTokenOf } from '../../service-kit/src/identity/bearer-token.ts';
import { bearerTokenOf } from '../src/http/bearer-token.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_';

describe('bearerTokenOf', () => {
  it.each([
    [`Bearer ${JWT}`, JWT],
    [`bearer ${JWT}`, JWT],
    [`BEARER   ${JWT}`, JWT],
    ['Bearer abc+/def==', 'abc+/def=='],
    ['Bearer a~b.c_d-e', 'a~b.c_d-e'],
    [undefined, undefined],
    ['', undefined],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    [`Basic ${JWT}`, undefined],
    [`Bearer\t${JWT}`, undefined],
    [`Bearer ${JWT} extra`, undefined],
    [`Bearer ${JWT} `, undefined],
    [` Bearer ${JWT}`, undefined],
    ['Bearer a=b', undefined],
    ['Bearer abc"def', undefined],
    ['Bearer abc,def', undefined],
    ['Bearer 令牌', undefined],
    [`Bearer ${JWT}\u00a0`, undefined],
  ])('%j → %j, as the service kit reads it', (header, token) => {
    expect(bearerTokenOf(header)).toBe(token);
    expect(kitBearerTokenOf(header)).toBe(token);
  });
});
