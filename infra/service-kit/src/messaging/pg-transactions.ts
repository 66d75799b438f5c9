import type { Pool } from 'pg';
import type { SqlExecutor, TransactionRunner } from './sql-executor.ts';

/** A TransactionRunner over a node-postgres pool (used by the relay's tests and by services that use pg directly). */
export function createPgTransactionRunner(pool: Pool): TransactionRunner {
  return {
    async inTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => {
            const r = await client.query(sql, params as unknown[] | undefined);
            return { rows: r.rows, rowCount: r.rowCount };
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
