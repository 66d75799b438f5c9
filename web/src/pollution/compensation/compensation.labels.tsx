// Names, in the reader's language, of the codes and service-written texts an agreement and an assessment carry. The
// gateway passes the pollution service's words through as strings (rounding modes, comparison periods, the
// algorithm's identifier, the calculation steps' value names); each known one is named here, and one this app does
// not know yet (a newer service) is shown as the service wrote it, marked as such, never hidden.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { provinceName } from '../../reference/provinces.ts';
import { useWaterClassLabel } from '../cases/records.views.tsx';
import { OriginalText } from '../shared/original-text.tsx';

/** The groups of codes an agreement's terms use. */
export type CompensationCodeGroup = 'roundingMode' | 'comparison' | 'changeMeasure' | 'indexFormula' | 'settlement' | 'source';

// Only plain codes are looked up: a value with dots or spaces would be read by i18next as a path.
const CODE = /^[A-Za-z0-9_-]+$/;

/** A function naming a code of a group, or undefined when the locale files do not know it. */
export function useCompensationCode(): (group: CompensationCodeGroup, code: string) => string | undefined {
  const { t, i18n } = useTranslation();
  return (group, code) => {
    const key = `compensation.code.${group}.${code}`;
    return CODE.test(code) && i18n.exists(key) ? t(key as 'compensation.code.comparison.same-period-previous-year') : undefined;
  };
}

/** A code's name; an unknown code is given as it is, said to be one this app does not know. */
export function useCodeText(): (group: CompensationCodeGroup, code: string) => string {
  const { t } = useTranslation();
  const codeLabel = useCompensationCode();
  return (group, code) => codeLabel(group, code) ?? t('compensation.code.unknown', { code });
}

/** A code's name as an element (see useCodeText). */
export function CodeText({ group, code }: { group: CompensationCodeGroup; code: string }) {
  return <>{useCodeText()(group, code)}</>;
}

/** A term that is either a code (annual) or the service's own sentence: the code named, else the sentence as the original. */
export function CodeOrText({ group, value }: { group: CompensationCodeGroup; value: string }) {
  const label = useCompensationCode()(group, value);
  return label ? <>{label}</> : <OriginalText text={value} />;
}

/** A function naming an agreement field path (changePayment.amountPerPointFen → 污染物浓度变化补偿 · 每个百分点的金额), or undefined. */
export function useTermLabel(): (path: string) => string | undefined {
  const { t, i18n } = useTranslation();
  return (path) => {
    const parts = path.split('.');
    const labels = parts.map((part) => {
      const key = `compensation.term.${part}`;
      return CODE.test(part) && i18n.exists(key) ? t(key as 'compensation.term.parties') : undefined;
    });
    return labels.every((label) => label !== undefined) ? labels.join(t('compensation.term.separator')) : undefined;
  };
}

/** The algorithm's name: the service's identifier `xietong.pollution.compensation-assessment/<n>` is version n. */
export function useAlgorithmName(): (algorithm: string) => string | undefined {
  const { t } = useTranslation();
  return (algorithm) => {
    const match = /^xietong\.pollution\.compensation-assessment\/(\d+)$/.exec(algorithm);
    return match ? t('compensation.assessment.algorithmName', { version: match[1] }) : undefined;
  };
}

/** Why a part was not assessed, from the service's reason; undefined for a reason this app does not know. */
export function useNotAppliedReason(): (reason: string) => string | undefined {
  const { t } = useTranslation();
  return (reason) => {
    const assessed = /^the (?:class|change) payment is assessed (annual|monthly)$/.exec(reason.trim());
    if (assessed) return t(assessed[1] === 'annual' ? 'compensation.assessment.reason.assessedAnnual' : 'compensation.assessment.reason.assessedMonthly');
    if (/^the agreement has no (?:class|change) payment$/.test(reason.trim())) return t('compensation.assessment.reason.absent');
    return undefined;
  };
}

const STEP_VALUE_NAMES: Readonly<Record<string, string>> = {
  upstream: 'upstream',
  downstream: 'downstream',
  mean: 'mean',
  class: 'class',
  judgedClass: 'judgedClass',
  baselineClass: 'baselineClass',
  classSteps: 'classSteps',
  amountPerStep: 'amountPerStep',
  amount: 'amount',
  cappedFrom: 'cappedFrom',
  index: 'index',
  'index (6 dp)': 'index6dp',
  changeExact: 'changeExact',
  'change (6 dp)': 'change6dp',
  paidPoints: 'paidPoints',
  amountPerPoint: 'amountPerPoint',
  uncapped: 'uncapped',
  cap: 'cap',
  result: 'result',
};

/** Names and values of a calculation step's figures in the reader's language (the service records them in English). */
export function useStepValueText(): { name: (name: string) => ReactNode; value: (value: string) => ReactNode } {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const language = i18n.language;
  const parameter = (code: string) => {
    const key = `pollution.parameter.${code}`;
    return CODE.test(code) && i18n.exists(key) ? t(key as 'pollution.parameter.COD') : code;
  };
  const provinces = (text: string) => text.replace(/\b\d{6}\b/g, (code) => provinceName(code, language));
  return {
    name: (name) => {
      const known = STEP_VALUE_NAMES[name];
      if (known) return t(`compensation.stepValue.${known}` as 'compensation.stepValue.amount');
      const mean = /^(current|comparison) (\S+) \(mg\/L\)$/.exec(name);
      if (mean) return t(mean[1] === 'current' ? 'compensation.stepValue.currentMean' : 'compensation.stepValue.comparisonMean', { parameter: parameter(mean[2] ?? '') });
      const ratio = /^(\S+): (\S+) ÷ (\S+)$/.exec(name);
      if (ratio) return t('compensation.stepValue.ratio', { parameter: parameter(ratio[1] ?? ''), mean: ratio[2], limit: ratio[3] });
      const transfer = /^(\d{6}) → (\d{6})$/.exec(name);
      if (transfer) return t('compensation.stepValue.transfer', { payer: provinceName(transfer[1] ?? '', language), payee: provinceName(transfer[2] ?? '', language) });
      return <OriginalText text={name} />;
    },
    value: (value) => {
      const yuan = /^(-?[\d,]+(?:\.\d+)?) yuan$/.exec(value);
      if (yuan) return t('compensation.stepValue.yuan', { amount: yuan[1] });
      if (/^(?:I|II|III|IV|V)$/.test(value)) return classLabel(value);
      if (value === '劣V') return classLabel('WORSE_THAN_V');
      if (value === 'nobody pays') return t('compensation.assessments.nobodyPays');
      // Shares as the service lists them: "410000 100%, 370000 50%".
      if (/^\d{6} [\d.]+%(?:, \d{6} [\d.]+%)*$/.test(value)) return provinces(value).replaceAll(', ', t('pollution.province.and'));
      return value;
    },
  };
}
