import { describe, expect, it } from 'vitest';
import { ConflictError, DomainError } from '../../src/errors/domain-error.ts';
import { isTransientError } from '../../src/messaging/index.ts';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientError', () => {
  it('recognises database outages, deadlocks and lost connections, also wrapped in a cause', () => {
    for (const code of ['08006', '57P01', '40001', '40P01', '55P03', '53300', 'ECONNREFUSED', 'P1001', 'P2034']) {
      expect(isTransientError(withCode(code)), code).toBe(true);
    }
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new Error('adapter failed', { cause: withCode('ECONNRESET') }))).toBe(true);
    expect(isTransientError(new DomainError('SERVICE_UNAVAILABLE', 'down'))).toBe(true);
  });

  it('treats the handler\'s own failures, constraint violations and domain conflicts as permanent', () => {
    for (const code of ['23505', '23503', '22P02', '42P01', 'P2002']) {
      expect(isTransientError(withCode(code)), code).toBe(false);
    }
    expect(isTransientError(new Error('handler refuses'))).toBe(false);
    expect(isTransientError(new ConflictError('CASE_CLOSED', 'closed'))).toBe(false);
    expect(isTransientError('a string')).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });
});
