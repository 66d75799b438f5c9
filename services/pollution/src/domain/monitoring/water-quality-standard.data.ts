import type { WaterBodyType } from '../reference/reference.model.ts';

/** Parameters the platform monitors at cross-boundary sections. */
export const PARAMETER_CODES = ['COD', 'CODMn', 'NH3-N', 'TP', 'TN', 'benzene'] as const;

/** A monitored parameter: chemical oxygen demand, permanganate index, ammonia nitrogen, total phosphorus, total nitrogen, benzene. */
export type ParameterCode = (typeof PARAMETER_CODES)[number];

/** Upper limits (inclusive) for Class I to V, as decimal strings in mg/L. */
export type ClassLimits = readonly [string, string, string, string, string];

/** How one parameter is judged. */
export interface ParameterRule {
  /** Parameter code. */
  readonly code: ParameterCode;
  /** Chinese name as the standard writes it. */
  readonly nameZh: string;
  /** English name. */
  readonly nameEn: string;
  /** The unit limits are in. */
  readonly unit: 'mg/L';
  /** Limits for rivers. */
  readonly riverLimits: ClassLimits;
  /** Limits for lakes and reservoirs (equal to the river limits except for total phosphorus). */
  readonly lakeReservoirLimits: ClassLimits;
  /** The water bodies whose class this parameter decides (total nitrogen: lakes and reservoirs only). */
  readonly classifies: readonly WaterBodyType[];
  /**
   * Largest value accepted as a reading, in mg/L. Not part of GB 3838: the platform's plausibility bound, set far
   * above anything a spill produces in a river, so that only impossible values (a misplaced decimal point, a wrong
   * unit) are refused.
   */
  readonly plausibleMaxMgL: string;
  /**
   * For a specific item of the standard's table 3 (集中式生活饮用水地表水源地特定项目, e.g. benzene): its single limit.
   * Such an item judges no class (`classifies` is empty, the class rows repeat the limit); a value above the limit
   * is an exceedance at any section, whatever its target class.
   */
  readonly specificLimitMgL?: string;
}

/** A surface-water quality standard as versioned rule data. */
export interface WaterQualityStandard {
  /** Standard number, the id records refer to. */
  readonly id: string;
  /** Version of this rule record (raised when a correction is made to the data, not to the standard). */
  readonly version: number;
  /** Chinese title. */
  readonly titleZh: string;
  /** English title. */
  readonly titleEn: string;
  /** The parameters and their limits. */
  readonly parameters: Readonly<Record<ParameterCode, ParameterRule>>;
}

const EVERY_WATER_BODY: readonly WaterBodyType[] = ['river', 'lake-reservoir'];

/**
 * GB 3838-2002, Environmental Quality Standards for Surface Water, table 1 (basic items), for the parameters the
 * compensation agreements and cross-boundary cases use. A value equal to a class's limit belongs to that class.
 * Classes I and II share COD's limit of 15 mg/L, so COD alone never judges a section Class II.
 */
export const GB_3838_2002: WaterQualityStandard = {
  id: 'GB 3838-2002',
  version: 1,
  titleZh: '地表水环境质量标准',
  titleEn: 'Environmental Quality Standards for Surface Water',
  parameters: {
    COD: {
      code: 'COD',
      nameZh: '化学需氧量',
      nameEn: 'chemical oxygen demand',
      unit: 'mg/L',
      riverLimits: ['15', '15', '20', '30', '40'],
      lakeReservoirLimits: ['15', '15', '20', '30', '40'],
      classifies: EVERY_WATER_BODY,
      plausibleMaxMgL: '10000',
    },
    CODMn: {
      code: 'CODMn',
      nameZh: '高锰酸盐指数',
      nameEn: 'permanganate index',
      unit: 'mg/L',
      riverLimits: ['2', '4', '6', '10', '15'],
      lakeReservoirLimits: ['2', '4', '6', '10', '15'],
      classifies: EVERY_WATER_BODY,
      plausibleMaxMgL: '1000',
    },
    'NH3-N': {
      code: 'NH3-N',
      nameZh: '氨氮',
      nameEn: 'ammonia nitrogen',
      unit: 'mg/L',
      riverLimits: ['0.15', '0.5', '1.0', '1.5', '2.0'],
      lakeReservoirLimits: ['0.15', '0.5', '1.0', '1.5', '2.0'],
      classifies: EVERY_WATER_BODY,
      plausibleMaxMgL: '1000',
    },
    TP: {
      code: 'TP',
      nameZh: '总磷',
      nameEn: 'total phosphorus',
      unit: 'mg/L',
      riverLimits: ['0.02', '0.1', '0.2', '0.3', '0.4'],
      lakeReservoirLimits: ['0.01', '0.025', '0.05', '0.1', '0.2'],
      classifies: EVERY_WATER_BODY,
      plausibleMaxMgL: '100',
    },
    TN: {
      code: 'TN',
      nameZh: '总氮',
      nameEn: 'total nitrogen',
      unit: 'mg/L',
      // The standard gives total nitrogen for lakes and reservoirs only. The river row repeats it because a
      // compensation index may still weigh it against the Class III limit (Henan–Shandong round two does).
      riverLimits: ['0.2', '0.5', '1.0', '1.5', '2.0'],
      lakeReservoirLimits: ['0.2', '0.5', '1.0', '1.5', '2.0'],
      classifies: ['lake-reservoir'],
      plausibleMaxMgL: '1000',
    },
    benzene: {
      code: 'benzene',
      nameZh: '苯',
      nameEn: 'benzene',
      unit: 'mg/L',
      // Table 3, specific items for centralised drinking-water sources: benzene 0.01 mg/L. Spills of organic
      // chemicals are followed by monitoring the substance itself, which is why the platform accepts it.
      riverLimits: ['0.01', '0.01', '0.01', '0.01', '0.01'],
      lakeReservoirLimits: ['0.01', '0.01', '0.01', '0.01', '0.01'],
      classifies: [],
      specificLimitMgL: '0.01',
      plausibleMaxMgL: '1000',
    },
  },
};

/** Whether a string names a parameter the platform knows. */
export function isParameterCode(value: unknown): value is ParameterCode {
  return typeof value === 'string' && (PARAMETER_CODES as readonly string[]).includes(value);
}
