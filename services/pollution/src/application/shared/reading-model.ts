import type { WaterReading } from '../../domain/index.ts';

/** A reading as stored: the domain reading, its exact value text and the upload it came in. */
export interface StoredReading extends WaterReading {
  /** The value in mg/L as stored (exact decimal text). */
  readonly valueText: string;
  /** The upload it came in. */
  readonly batchId: string;
}
