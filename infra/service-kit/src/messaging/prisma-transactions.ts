import type { SqlExecutor, TransactionRunner } from './sql-executor.ts';

/** The part of a generated Prisma client the kit needs; every service's client has it, whatever its models. */
export interface PrismaTransactionalClient {
  /** Prisma's interactive transaction. */
  $transaction<T>(fn: (tx: PrismaRawClient) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

/** Raw SQL on a Prisma client or transaction. */
export interface PrismaRawClient {
  /** Runs raw SQL with positional parameters ($1, $2…) and returns its rows. */
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

// The Prisma transaction behind each executor made here, for code that receives only the SqlExecutor (a consumer's
// handler) and wants typed model access in the same transaction.
const transactionOf = new WeakMap<SqlExecutor, PrismaRawClient>();

/** Adapts a Prisma transaction to the kit's SqlExecutor, so outbox and inbox rows join the service's own writes. */
export function prismaSqlExecutor(tx: PrismaRawClient): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const rows = await tx.$queryRawUnsafe<Row[]>(sql, ...params);
      // Prisma reports rows, not affected counts; callers that need to know what a write did use RETURNING.
      return { rows, rowCount: null };
    },
  };
  transactionOf.set(executor, tx);
  return executor;
}

/**
 * The Prisma transaction an executor from prismaSqlExecutor runs in: an IdempotentConsumer's handler gets the
 * SqlExecutor of its transaction (effects and inbox row commit together) and reaches the typed models through this.
 */
export function prismaTransactionOf<Tx extends PrismaRawClient>(sql: SqlExecutor): Tx {
  const tx = transactionOf.get(sql);
  if (!tx) throw new TypeError('this SqlExecutor does not run in a Prisma transaction (use createPrismaTransactionRunner)');
  return tx as Tx;
}

/** A TransactionRunner over a Prisma client: the callback also gets the Prisma transaction for typed model access. */
export function createPrismaTransactionRunner<Tx extends PrismaRawClient>(
  prisma: { $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> },
  options: { timeoutMs?: number } = {},
): TransactionRunner & { inPrismaTransaction<T>(fn: (tx: Tx, sql: SqlExecutor) => Promise<T>): Promise<T> } {
  const timeout = options.timeoutMs ?? 15_000;
  return {
    inTransaction: (fn) => prisma.$transaction((tx) => fn(prismaSqlExecutor(tx)), { timeout }),
    inPrismaTransaction: (fn) => prisma.$transaction((tx) => fn(tx, prismaSqlExecutor(tx)), { timeout }),
  };
}
