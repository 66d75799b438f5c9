import { CITIES } from './cities.data.ts';
import { PROVINCES } from './provinces.data.ts';
import type { City, MonitoringSection, Province, River } from './reference.model.ts';
import { RIVERS } from './rivers.data.ts';
import { SECTIONS } from './sections.data.ts';

/**
 * Look-ups over reference data. Domain functions take a catalog rather than importing the seed lists, so the service
 * can pass the reference data it holds (which an admin may have corrected) and tests can pass their own.
 */
export interface ReferenceCatalog {
  /** A province by GB/T 2260 code. */
  province(code: string): Province | undefined;
  /** A city by GB/T 2260 code. */
  city(code: string): City | undefined;
  /** A river by id. */
  river(id: string): River | undefined;
  /** A monitoring section by id. */
  section(id: string): MonitoringSection | undefined;
  /** Every section. */
  sections(): readonly MonitoringSection[];
}

/** Reference data to build a catalog from. */
export interface ReferenceData {
  /** Province-level divisions. */
  readonly provinces: readonly Province[];
  /** Cities. */
  readonly cities: readonly City[];
  /** Rivers. */
  readonly rivers: readonly River[];
  /** Monitoring sections. */
  readonly sections: readonly MonitoringSection[];
}

/** The reference data shipped with the service. */
export const SEED_REFERENCE_DATA: ReferenceData = { provinces: PROVINCES, cities: CITIES, rivers: RIVERS, sections: SECTIONS };

function indexBy<T>(items: readonly T[], key: (item: T) => string, what: string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new RangeError(`duplicate ${what} ${k}`);
    map.set(k, item);
  }
  return map;
}

/** Builds a catalog over reference data (rejecting duplicate keys, which would make look-ups ambiguous). */
export function createReferenceCatalog(data: ReferenceData = SEED_REFERENCE_DATA): ReferenceCatalog {
  const provinces = indexBy(data.provinces, (p) => p.code, 'province');
  const cities = indexBy(data.cities, (c) => c.code, 'city');
  const rivers = indexBy(data.rivers, (r) => r.id, 'river');
  const sections = indexBy(data.sections, (s) => s.id, 'section');
  return {
    province: (code) => provinces.get(code),
    city: (code) => cities.get(code),
    river: (id) => rivers.get(id),
    section: (id) => sections.get(id),
    sections: () => data.sections,
  };
}

/** The provinces on either side of a section, upstream first, without duplicates. */
export function sectionProvinces(section: MonitoringSection): string[] {
  return [...new Set([...section.upstreamProvinces, ...section.downstreamProvinces])];
}
