// Two years of monthly readings at Liuzhuang on the in-memory store, shared by the tests that assess or version the
// Henan–Shandong agreements: 2025 improves the round-two index by 5 whole points over 2024.
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { caller, HENAN, ManualClock } from './fixtures.ts';
import { inMemoryDeps } from './in-memory-pollution.store.ts';

/** Readings on the 15th of each month of `y` at Liuzhuang, with these values of COD, NH3-N, TP and TN (mg/L). */
export function liuzhuangMonthlyReadings(y: number, cod: string, nh3: string, tp: string, tn: string) {
  return Array.from({ length: 12 }, (_, m) => {
    const sampledAt = `${y}-${String(m + 1).padStart(2, '0')}-15T10:00:00+08:00`;
    return [
      ['COD', cod],
      ['NH3-N', nh3],
      ['TP', tp],
      ['TN', tn],
    ].map(([parameter, value]) => ({ sectionId: 'yellow-liuzhuang', parameter, value, unit: 'mg/L', sampledAt }));
  }).flat();
}

/** Use cases on an in-memory store (clock 2026-03-16) holding Henan's 2024 and 2025 Liuzhuang readings. */
export async function setupWithTwoYearsOfReadings() {
  const clock = new ManualClock('2026-03-16T02:00:00Z');
  const { store, deps } = inMemoryDeps(clock);
  const useCases = createPollutionUseCases(deps);
  await useCases.submitReadings(caller(HENAN), [
    ...liuzhuangMonthlyReadings(2024, '16', '0.42', '0.135', '3.1'),
    ...liuzhuangMonthlyReadings(2025, '15.2', '0.38', '0.128', '2.95'),
  ]);
  return { clock, store, useCases };
}
