import type { RawReading } from '../../domain/index.ts';

// Daily readings at the Liuzhuang section, made up but plausible: COD, ammonia nitrogen and total phosphorus inside
// Class III with a seasonal swing (more ammonia in winter, more COD and phosphorus in the summer flood season),
// total nitrogen around 3 mg/L as on the lower Yellow River; the assessed year a few percent cleaner than the year
// before. A seeded generator keeps them the same on every machine, so the demo assessment always has the same digest.

/** A small seeded PRNG (mulberry32): deterministic, good enough for demo noise. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Series {
  readonly parameter: 'COD' | 'NH3-N' | 'TP' | 'TN';
  /** Annual mean before and in the assessed year. */
  readonly base: { readonly before: number; readonly assessed: number };
  /** Half the seasonal swing, and the month it peaks (1–12). */
  readonly season: { readonly amplitude: number; readonly peakMonth: number };
  /** Half the day-to-day noise. */
  readonly noise: number;
  /** Kept inside [min, max] (max below the Class III limit, so the history opens no case). */
  readonly min: number;
  readonly max: number;
  /** Decimal places reported. */
  readonly decimals: number;
}

const SERIES: readonly Series[] = [
  { parameter: 'COD', base: { before: 16.0, assessed: 15.2 }, season: { amplitude: 1.5, peakMonth: 7 }, noise: 1.0, min: 8, max: 19.5, decimals: 1 },
  { parameter: 'NH3-N', base: { before: 0.42, assessed: 0.38 }, season: { amplitude: 0.1, peakMonth: 1 }, noise: 0.08, min: 0.1, max: 0.95, decimals: 3 },
  { parameter: 'TP', base: { before: 0.135, assessed: 0.128 }, season: { amplitude: 0.02, peakMonth: 7 }, noise: 0.015, min: 0.05, max: 0.19, decimals: 3 },
  { parameter: 'TN', base: { before: 3.1, assessed: 2.95 }, season: { amplitude: 0.3, peakMonth: 2 }, noise: 0.2, min: 1.5, max: 5.0, decimals: 2 },
];

/** Daily readings (10:00 Beijing) at Liuzhuang for every day from `from` to `to` inclusive (YYYY-MM-DD). */
export function liuzhuangDailyReadings(from: string, to: string, assessedYear: number): RawReading[] {
  const random = mulberry32(0x6c7a);
  const readings: RawReading[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10);
    const year = day.getUTCFullYear();
    const month = day.getUTCMonth() + 1;
    for (const s of SERIES) {
      const base = year < assessedYear ? s.base.before : s.base.assessed;
      const seasonal = s.season.amplitude * Math.cos(((month - s.season.peakMonth) / 12) * 2 * Math.PI);
      const value = Math.min(s.max, Math.max(s.min, base + seasonal + (random() * 2 - 1) * s.noise));
      readings.push({ sectionId: 'yellow-liuzhuang', parameter: s.parameter, value: value.toFixed(s.decimals), unit: 'mg/L', sampledAt: `${date}T10:00:00+08:00` });
    }
  }
  return readings;
}

/** The benzene plume passing Liuzhuang after the spill: hours after the spill day's midnight (Beijing) and mg/L. */
export const BENZENE_PLUME: ReadonlyArray<readonly [hour: number, mgL: string]> = [
  [8, '0.004'],
  [10, '0.006'],
  [12, '0.018'],
  [14, '0.052'],
  [16, '0.086'],
  [18, '0.071'],
  [20, '0.043'],
  [22, '0.021'],
  [26, '0.011'],
  [30, '0.007'],
  [34, '0.005'],
];
