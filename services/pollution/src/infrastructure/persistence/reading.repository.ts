import type { ReadingBatchRecord } from '../../application/ingest-readings/ingest-readings.handler.ts';
import type { ReadingListQuery } from '../../application/list-readings/list-readings.handler.ts';
import type { Page } from '../../application/shared/ports.ts';
import type { StoredReading } from '../../application/shared/reading-model.ts';
import { readingKey, type ParameterCode, type WaterReading } from '../../domain/index.ts';
import type { PrismaDb } from '../database/prisma-types.ts';

type Client = PrismaDb;

/** A stored reading from its columns (the value as the exact decimal text PostgreSQL holds, trailing zeros dropped). */
export function readingRowToStored(row: { sectionId: string; parameter: string; valueMgL: string; sampledAt: Date; batchId: string }): StoredReading {
  const valueText = row.valueMgL.includes('.') ? row.valueMgL.replace(/0+$/, '').replace(/\.$/, '') : row.valueMgL;
  return {
    sectionId: row.sectionId,
    parameter: row.parameter as ParameterCode,
    valueMgL: Number(valueText),
    valueText,
    sampledAt: row.sampledAt.toISOString(),
    batchId: row.batchId,
  };
}

/** Readings and their uploads in PostgreSQL. Bulk statements go through `unnest`, one statement per batch. */
export class PrismaReadingRepository {
  private readonly db: Client;

  constructor(db: Client) {
    this.db = db;
  }

  /** The keys of the given readings that are already stored. */
  async existingReadingKeys(readings: readonly Pick<WaterReading, 'sectionId' | 'parameter' | 'sampledAt'>[]): Promise<Set<string>> {
    if (readings.length === 0) return new Set();
    const rows = await this.db.$queryRawUnsafe<Array<{ section_id: string; parameter: string; sampled_at: Date }>>(
      `SELECT r.section_id, r.parameter, r.sampled_at FROM water_reading r
         JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(s, p, t) ON r.section_id = k.s AND r.parameter = k.p AND r.sampled_at = k.t`,
      readings.map((r) => r.sectionId),
      readings.map((r) => r.parameter),
      readings.map((r) => r.sampledAt),
    );
    return new Set(rows.map((r) => readingKey({ sectionId: r.section_id, parameter: r.parameter as ParameterCode, sampledAt: r.sampled_at.toISOString() })));
  }

  /** Stores an upload and its readings. */
  async insertBatch(batch: ReadingBatchRecord, readings: readonly WaterReading[]): Promise<void> {
    await this.db.readingBatch.create({
      data: {
        id: batch.id,
        source: batch.source,
        submittedSubject: batch.submittedBy.subject,
        submittedUsername: batch.submittedBy.username,
        submittedProvince: batch.submittedBy.province,
        receivedAt: new Date(batch.receivedAt),
        readingCount: readings.length,
        digest: batch.digest,
      },
    });
    await this.db.$queryRawUnsafe(
      `INSERT INTO water_reading (section_id, parameter, value_mg_l, sampled_at, batch_id)
       SELECT s, p, v, t, $5 FROM unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[]) AS k(s, p, v, t)`,
      readings.map((r) => r.sectionId),
      readings.map((r) => r.parameter),
      readings.map((r) => String(r.valueMgL)),
      readings.map((r) => r.sampledAt),
      batch.id,
    );
  }

  /** Readings of a section, oldest first. */
  async listReadings(query: ReadingListQuery): Promise<Page<StoredReading>> {
    const where = {
      sectionId: query.sectionId,
      ...(query.parameter ? { parameter: query.parameter } : {}),
      ...(query.from || query.to ? { sampledAt: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } } : {}),
    };
    const [total, rows] = await Promise.all([
      this.db.waterReading.count({ where }),
      this.db.waterReading.findMany({ where, orderBy: [{ sampledAt: 'asc' }, { parameter: 'asc' }], skip: query.page.offset, take: query.page.limit }),
    ]);
    const items = rows.map((r) => readingRowToStored({ sectionId: r.sectionId, parameter: r.parameter, valueMgL: r.valueMgL.toString(), sampledAt: r.sampledAt, batchId: r.batchId }));
    const next = query.page.offset + rows.length;
    return { items, total, ...(next < total ? { nextOffset: next } : {}) };
  }

  /** Readings of a section and parameters sampled within [from, to). */
  async readingsBetween(sectionId: string, parameters: readonly ParameterCode[], from: string, to: string): Promise<WaterReading[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ parameter: string; value: string; sampled_at: Date }>>(
      `SELECT parameter, value_mg_l::text AS value, sampled_at FROM water_reading
        WHERE section_id = $1 AND parameter = ANY($2::text[]) AND sampled_at >= $3::timestamptz AND sampled_at < $4::timestamptz
        ORDER BY sampled_at, parameter`,
      sectionId,
      [...parameters],
      from,
      to,
    );
    return rows.map((r) => {
      const stored = readingRowToStored({ sectionId, parameter: r.parameter, valueMgL: r.value, sampledAt: r.sampled_at, batchId: '' });
      return { sectionId, parameter: stored.parameter, valueMgL: stored.valueMgL, sampledAt: stored.sampledAt };
    });
  }
}
