/** The kind of a province-level division (GB/T 2260). */
export type ProvinceKind = 'province' | 'autonomous-region' | 'municipality' | 'special-administrative-region';

/** A province-level administrative division. */
export interface Province {
  /** GB/T 2260 code, two digits then `0000`. */
  readonly code: string;
  /** Official Chinese name. */
  readonly nameZh: string;
  /** English name. */
  readonly nameEn: string;
  /** Province, autonomous region, municipality or SAR. */
  readonly kind: ProvinceKind;
}

/** Where a reference record comes from: the project's domain notes, the source plans, or our own inference. */
export type ReferenceSourceKind = 'domain-notes' | 'seed-plans' | 'inferred';

/** The provenance of a reference record, kept on the record so a reviewer knows what to verify. */
export interface ReferenceSource {
  /** What the record rests on. */
  readonly kind: ReferenceSourceKind;
  /** What exactly was taken from there, and what was inferred. */
  readonly note: string;
}

/** A prefecture-level city (or a county-level unit directly under the province, such as Jiyuan). */
export interface City {
  /** GB/T 2260 code. */
  readonly code: string;
  /** Code of the province it belongs to. */
  readonly provinceCode: string;
  /** Chinese name. */
  readonly nameZh: string;
  /** English name. */
  readonly nameEn: string;
  /** Where the record comes from. */
  readonly source: ReferenceSource;
}

/** The basin a river drains to, as the river chiefs and basin bureaus organise it. */
export type Basin = 'yellow' | 'huai' | 'yangtze';

/** A river (or a tributary) with cross-boundary sections. */
export interface River {
  /** Stable id (`yellow`, `han`, …). */
  readonly id: string;
  /** Chinese name. */
  readonly nameZh: string;
  /** English name. */
  readonly nameEn: string;
  /** Basin. */
  readonly basin: Basin;
  /** The river it flows into, when it is a tributary. */
  readonly tributaryOf?: string;
  /** Provenance. */
  readonly source: ReferenceSource;
}

/**
 * River or lake/reservoir: GB 3838-2002 sets stricter total-phosphorus limits for lakes and reservoirs and applies
 * total nitrogen only to them.
 */
export type WaterBodyType = 'river' | 'lake-reservoir';

/** A surface-water quality class of GB 3838-2002 as its rank: 1–5 for Class I–V, 6 for worse than V (劣V). */
export type WaterClass = 1 | 2 | 3 | 4 | 5 | 6;

/** A cross-boundary monitoring section (跨界断面) with the provinces on each side of it. */
export interface MonitoringSection {
  /** Stable id (`yellow-liuzhuang`). */
  readonly id: string;
  /** Chinese name (`刘庄`). */
  readonly nameZh: string;
  /** English name (`Liuzhuang`). */
  readonly nameEn: string;
  /** The river or water body. */
  readonly riverId: string;
  /** River or lake/reservoir. */
  readonly waterBodyType: WaterBodyType;
  /** Provinces upstream of the section (one or more share responsibility). */
  readonly upstreamProvinces: readonly string[];
  /** Provinces downstream. */
  readonly downstreamProvinces: readonly string[];
  /** Cities upstream. */
  readonly upstreamCities: readonly string[];
  /** Cities downstream. */
  readonly downstreamCities: readonly string[];
  /** Water-quality target class of the section; a worse class at the section is an exceedance. */
  readonly targetClass: WaterClass;
  /** Whether it is a national control section (国控断面). */
  readonly nationalControl: boolean;
  /** Provenance: sections and fields not in the domain notes are marked inferred. */
  readonly source: ReferenceSource;
}
