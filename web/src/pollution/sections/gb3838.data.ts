// GB 3838-2002《地表水环境质量标准》(Environmental Quality Standards for Surface Water): the class limits the section
// chart draws. A STOPGAP: the gateway's schema does not expose the limits (readings carry their class and whether they
// exceed the target, but not the thresholds), while the pollution service holds them as versioned rule data in
// services/pollution/src/domain/monitoring/water-quality-standard.data.ts. These figures are copied from that record
// (version 1) and from the standard itself; they are only drawn, never used to judge a reading — the class and the
// exceedance shown for a reading are the service's. Remove this table once the gateway serves the standard.
import type { WaterBodyType, WaterClass } from '../../generated/gql/graphql.ts';

/** The classes with an upper limit (劣V is everything above Class V). */
export const LIMITED_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;

/** One of the classes with an upper limit. */
export type LimitedClass = (typeof LIMITED_CLASSES)[number];

/** How the standard judges one parameter, in mg/L (decimal strings, as the standard prints them). */
export interface ParameterStandard {
  /** Upper limits (inclusive) of Class I–V in rivers. */
  river: readonly [string, string, string, string, string];
  /** The same for lakes and reservoirs (stricter for total phosphorus). */
  lakeReservoir: readonly [string, string, string, string, string];
  /** The water bodies whose class the parameter judges (total nitrogen: lakes and reservoirs only). */
  classifies: readonly WaterBodyType[];
  /** A specific item of table 3 (drinking-water sources, e.g. benzene): one limit, no classes. */
  specificLimit?: string;
}

/** Table 1 (basic items) for the parameters the platform monitors, and benzene from table 3. */
export const GB_3838_2002: Readonly<Record<string, ParameterStandard>> = {
  COD: { river: ['15', '15', '20', '30', '40'], lakeReservoir: ['15', '15', '20', '30', '40'], classifies: ['RIVER', 'LAKE_RESERVOIR'] },
  CODMn: { river: ['2', '4', '6', '10', '15'], lakeReservoir: ['2', '4', '6', '10', '15'], classifies: ['RIVER', 'LAKE_RESERVOIR'] },
  'NH3-N': { river: ['0.15', '0.5', '1.0', '1.5', '2.0'], lakeReservoir: ['0.15', '0.5', '1.0', '1.5', '2.0'], classifies: ['RIVER', 'LAKE_RESERVOIR'] },
  TP: { river: ['0.02', '0.1', '0.2', '0.3', '0.4'], lakeReservoir: ['0.01', '0.025', '0.05', '0.1', '0.2'], classifies: ['RIVER', 'LAKE_RESERVOIR'] },
  TN: { river: ['0.2', '0.5', '1.0', '1.5', '2.0'], lakeReservoir: ['0.2', '0.5', '1.0', '1.5', '2.0'], classifies: ['LAKE_RESERVOIR'] },
  benzene: { river: ['0.01', '0.01', '0.01', '0.01', '0.01'], lakeReservoir: ['0.01', '0.01', '0.01', '0.01', '0.01'], classifies: [], specificLimit: '0.01' },
};

/** A horizontal line of the chart: one or more classes sharing a limit. */
export interface ClassThreshold {
  /** The classes whose upper limit this is (COD: I and II share 15 mg/L). */
  classes: LimitedClass[];
  /** mg/L, as the standard prints it. */
  limit: string;
  /** The section's target class is among them. */
  target: boolean;
}

/** What the chart draws for a parameter at a section. */
export type Thresholds =
  | { kind: 'classes'; lines: ClassThreshold[] }
  | { kind: 'specific'; limit: string }
  | { kind: 'none' };

/** The class limits (or the specific limit) of a parameter for a water body, the target class marked. */
export function thresholdsFor(parameter: string, waterBody: WaterBodyType | null | undefined, targetClass: WaterClass | null | undefined): Thresholds {
  const standard = GB_3838_2002[parameter];
  if (!standard) return { kind: 'none' };
  if (standard.specificLimit) return { kind: 'specific', limit: standard.specificLimit };
  const body = waterBody ?? 'RIVER';
  if (!standard.classifies.includes(body)) return { kind: 'none' };
  const limits = body === 'LAKE_RESERVOIR' ? standard.lakeReservoir : standard.river;
  const lines: ClassThreshold[] = [];
  LIMITED_CLASSES.forEach((waterClass, index) => {
    const limit = limits[index] as string;
    const same = lines.find((line) => Number(line.limit) === Number(limit));
    if (same) same.classes.push(waterClass);
    else lines.push({ classes: [waterClass], limit, target: false });
  });
  for (const line of lines) line.target = targetClass !== null && targetClass !== undefined && (line.classes as string[]).includes(targetClass);
  return { kind: 'classes', lines };
}
