import { DomainError } from '../errors/domain-error.ts';
import { errorKindOf } from '../errors/error-kinds.ts';

// PostgreSQL SQLSTATEs that say "try again later", not "this event is bad": connection exceptions (class 08),
// insufficient resources (53), operator intervention such as a restart (57P01–57P05), serialization failures and
// deadlocks (40001, 40P01), lock not available (55P03), and a query cancelled by statement timeout (57014).
const transientSqlStates = /^(08|53|57P0|40001$|40P01$|55P03$|57014$)/;
// Node socket errors, and Prisma's codes for an unreachable database, a closed connection, a pool or transaction
// timeout, and a write conflict or deadlock.
const transientCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034',
]);
// node-postgres reports a dropped connection or a pool that cannot hand out one by message only.
const transientMessages = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * Whether an error says the infrastructure is briefly unavailable (database restarting, connection lost, deadlock)
 * rather than that the event or the handler is wrong. Such failures are retried until they pass; they never send
 * a good event to the dead-letter topic. Looks through `cause` chains, which driver adapters use to wrap errors.
 */
export function isTransientError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
    if (current instanceof DomainError) return errorKindOf(current.code) === 'unavailable';
    if (typeof current === 'object') {
      const { code, message } = current as { code?: unknown; message?: unknown };
      if (typeof code === 'string' && (transientCodes.has(code) || transientSqlStates.test(code))) return true;
      if (typeof message === 'string' && transientMessages.test(message)) return true;
      current = (current as { cause?: unknown }).cause;
    } else {
      return false;
    }
  }
  return false;
}
