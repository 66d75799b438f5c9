import { exact, type Exact } from '../common/exact-decimal.ts';
import type { WaterBodyType, WaterClass } from '../reference/reference.model.ts';
import type { ParameterCode, WaterQualityStandard } from './water-quality-standard.data.ts';

const LABELS: Readonly<Record<WaterClass, string>> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV', 5: 'V', 6: '劣V' };

/** The label of a class: `I` … `V`, or `劣V` (worse than V). */
export function waterClassLabel(waterClass: WaterClass): string {
  return LABELS[waterClass];
}

/** Whether a value is a class rank (1–6). */
export function isWaterClass(value: unknown): value is WaterClass {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
}

/** The limit of one class for a parameter and water body, exactly. */
export function classLimit(standard: WaterQualityStandard, parameter: ParameterCode, waterBody: WaterBodyType, waterClass: 1 | 2 | 3 | 4 | 5): Exact {
  const rule = standard.parameters[parameter];
  const limits = waterBody === 'river' ? rule.riverLimits : rule.lakeReservoirLimits;
  return exact(limits[waterClass - 1] as string);
}

/** Whether a parameter takes part in judging the class of this kind of water body. */
export function parameterClassifies(standard: WaterQualityStandard, parameter: ParameterCode, waterBody: WaterBodyType): boolean {
  return standard.parameters[parameter].classifies.includes(waterBody);
}

/**
 * The class of one value: the best class whose limit it does not exceed (a value equal to the limit is in the
 * class), 劣V above Class V. Undefined when the parameter does not judge this water body (total nitrogen in a river).
 */
export function classifyValue(
  standard: WaterQualityStandard,
  parameter: ParameterCode,
  value: Exact | string | number,
  waterBody: WaterBodyType,
): WaterClass | undefined {
  if (!parameterClassifies(standard, parameter, waterBody)) return undefined;
  const v = typeof value === 'object' ? value : exact(value);
  for (const cls of [1, 2, 3, 4, 5] as const) {
    if (v.lte(classLimit(standard, parameter, waterBody, cls))) return cls;
  }
  return 6;
}

/** One parameter's value and class within a classified set. */
export interface ParameterClass {
  /** Parameter. */
  readonly parameter: ParameterCode;
  /** The value classified (mg/L, as given). */
  readonly value: string;
  /** Its class. */
  readonly waterClass: WaterClass;
}

/** The class of a set of parameter values. */
export interface SetClassification {
  /** The worst class among the parameters, which decides the set's class. */
  readonly waterClass: WaterClass;
  /** The parameters at that worst class (there may be several). */
  readonly decidingParameters: readonly ParameterCode[];
  /** Every parameter that judged the class. */
  readonly perParameter: readonly ParameterClass[];
  /** Parameters given but not used because they do not judge this water body. */
  readonly ignoredParameters: readonly ParameterCode[];
}

/**
 * Classifies a set of values (one per parameter) the way GB 3838 assessments do: each parameter is classed on its
 * own and the worst class decides. Undefined when no given parameter judges this water body.
 */
export function classifySet(
  standard: WaterQualityStandard,
  values: ReadonlyArray<{ parameter: ParameterCode; value: string | number }>,
  waterBody: WaterBodyType,
): SetClassification | undefined {
  const perParameter: ParameterClass[] = [];
  const ignored: ParameterCode[] = [];
  for (const { parameter, value } of values) {
    const waterClass = classifyValue(standard, parameter, value, waterBody);
    if (waterClass === undefined) ignored.push(parameter);
    else perParameter.push({ parameter, value: String(value), waterClass });
  }
  if (perParameter.length === 0) return undefined;
  const worst = Math.max(...perParameter.map((p) => p.waterClass)) as WaterClass;
  return {
    waterClass: worst,
    decidingParameters: perParameter.filter((p) => p.waterClass === worst).map((p) => p.parameter),
    perParameter,
    ignoredParameters: ignored,
  };
}
