/** The smallest SQL surface the messaging code needs: a pg client or pool, or an adapter over a Prisma transaction. */
export interface SqlExecutor {
  /** Runs one parameterised statement. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number | null }>;
}

/** Runs work inside one database transaction; the same transaction carries state changes, outbox rows and inbox rows. */
export interface TransactionRunner {
  /** Runs fn in a transaction: commits when it resolves, rolls back when it throws. */
  inTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}
