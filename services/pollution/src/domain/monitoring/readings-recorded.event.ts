import type { ActorRef } from '../common/actor.ts';
import type { Instant } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { sectionProvinces, type ReferenceCatalog } from '../reference/reference.catalog.ts';
import type { Exceedance } from './exceedance.detection.ts';
import type { WaterReading } from './reading.model.ts';
import type { ParameterCode } from './water-quality-standard.data.ts';

/** Most exceedances one ReadingsRecorded event lists (all are counted); the rest are read through the API. */
export const MAX_EVENT_EXCEEDANCES = 1000;

/** The readings of one parameter in an upload at one section. */
export interface ParameterSummary {
  /** Parameter. */
  readonly parameter: ParameterCode;
  /** Readings of it. */
  readonly count: number;
  /** The earliest sampling instant. */
  readonly firstSampledAt: Instant;
  /** The latest sampling instant. */
  readonly lastSampledAt: Instant;
}

/** What a `pollution.readings.recorded` event says: one section's part of an accepted upload, never every value. */
export interface ReadingsRecordedPayload {
  /** Section. */
  readonly sectionId: string;
  /** The upload. */
  readonly batchId: string;
  /** Readings stored at the section. */
  readonly count: number;
  /** Per parameter, by parameter code. */
  readonly parameters: readonly ParameterSummary[];
  /** Exceedances in sampling order (then parameter), at most MAX_EVENT_EXCEEDANCES. */
  readonly exceedances: readonly Exceedance[];
  /** Every exceedance found at the section. */
  readonly exceedanceCount: number;
  /** The section's upstream provinces. */
  readonly upstreamProvinces: readonly string[];
  /** The section's downstream provinces. */
  readonly downstreamProvinces: readonly string[];
  /** The submitting province. */
  readonly submittingProvince: string;
  /** When the upload was accepted. */
  readonly receivedAt: Instant;
}

/** What the upload was. */
export interface AcceptedUpload {
  /** Its id. */
  readonly batchId: string;
  /** When it was accepted. */
  readonly receivedAt: Instant;
  /** Who submitted it. */
  readonly submittedBy: ActorRef;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One `pollution.readings.recorded` event per section of an accepted upload (sections in code order), keyed by the
 * section so a section's uploads stay in order, for the section's upstream and downstream provinces (access-model.md:
 * the section's environmental bureaus read its readings; the gateway and other consumers apply the role rule).
 */
export function readingsRecordedEvents(
  upload: AcceptedUpload,
  readings: readonly WaterReading[],
  exceedances: readonly Exceedance[],
  catalog: ReferenceCatalog,
): PollutionEvent<'pollution.readings.recorded', ReadingsRecordedPayload>[] {
  const sectionIds = [...new Set(readings.map((r) => r.sectionId))].sort(byText);
  return sectionIds.flatMap((sectionId) => {
    const section = catalog.section(sectionId);
    if (!section) return [];
    const here = readings.filter((r) => r.sectionId === sectionId);
    const summaries = new Map<ParameterCode, { count: number; first: Instant; last: Instant }>();
    for (const r of here) {
      const s = summaries.get(r.parameter);
      if (!s) summaries.set(r.parameter, { count: 1, first: r.sampledAt, last: r.sampledAt });
      else {
        s.count += 1;
        if (r.sampledAt < s.first) s.first = r.sampledAt;
        if (r.sampledAt > s.last) s.last = r.sampledAt;
      }
    }
    const found = exceedances
      .filter((e) => e.sectionId === sectionId)
      .map((e) => ({ e, at: e.basis.kind === 'reading' ? e.basis.sampledAt : e.basis.date }))
      .sort((a, b) => byText(a.at, b.at) || byText(a.e.parameter, b.e.parameter))
      .map(({ e }) => e);
    const payload: ReadingsRecordedPayload = {
      sectionId,
      batchId: upload.batchId,
      count: here.length,
      parameters: [...summaries.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([parameter, s]) => ({ parameter, count: s.count, firstSampledAt: s.first, lastSampledAt: s.last })),
      exceedances: found.slice(0, MAX_EVENT_EXCEEDANCES),
      exceedanceCount: found.length,
      upstreamProvinces: [...section.upstreamProvinces],
      downstreamProvinces: [...section.downstreamProvinces],
      submittingProvince: upload.submittedBy.province,
      receivedAt: upload.receivedAt,
    };
    return [
      {
        type: 'pollution.readings.recorded' as const,
        aggregate: 'section' as const,
        aggregateId: sectionId,
        occurredAt: upload.receivedAt,
        actor: upload.submittedBy,
        originProvince: upload.submittedBy.province,
        audienceProvinces: sectionProvinces(section),
        exercise: false,
        payload,
      },
    ];
  });
}
