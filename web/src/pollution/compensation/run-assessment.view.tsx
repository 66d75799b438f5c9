// 核算一期补偿: a party's environmental bureau assesses one period of an agreement from the readings on record. The
// service uses the agreement's version in force for the period and gives the same (reused) assessment for the same
// inputs; the result is shown with a link, never a guess. Problems (no readings for the period, a period the
// agreement does not cover) are listed as the gateway names them.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { RunCompensationAssessmentDocument, type AssessmentPeriodKind, type WaterClass } from '../../generated/gql/graphql.ts';
import { describeGatewayError, validationProblemsOf } from '../../graphql/graphql.client.ts';
import { useWaterClassLabel } from '../cases/records.views.tsx';
import { OriginalText } from '../shared/original-text.tsx';
import { problemText } from '../shared/problem-text.ts';

const WATER_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V', 'WORSE_THAN_V'];

/** The years offered: the last ten, newest first (the service accepts 2000–2100). */
export function assessableYears(now: Date): number[] {
  const year = now.getFullYear();
  return Array.from({ length: 10 }, (_, i) => year - i);
}

type Outcome = { kind: 'done'; id: string; period: string; reused: boolean } | { kind: 'problems'; problems: Array<{ field: string; reason: string }> } | { kind: 'failed'; reason: string };

/** The panel, for the agreement's parties' environmental bureaus. */
export function RunAssessmentPanel({ agreementCode, defaultKind }: { agreementCode: string; defaultKind: AssessmentPeriodKind }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const [years] = useState(() => assessableYears(new Date()));
  const [kind, setKind] = useState<AssessmentPeriodKind>(defaultKind);
  const [year, setYear] = useState(years[1] ?? years[0] ?? 2025);
  const [month, setMonth] = useState(1);
  const [official, setOfficial] = useState(false);
  const [officialClass, setOfficialClass] = useState<WaterClass>('III');
  const [source, setSource] = useState('');
  const [sourceProblem, setSourceProblem] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [result, run] = useMutation(RunCompensationAssessmentDocument);
  const ids = { kind: useId(), year: useId(), month: useId(), official: useId(), officialClass: useId(), source: useId(), sourceHint: useId(), sourceError: useId() };

  const submit = async () => {
    setOutcome(null);
    if (official && source.trim() === '') {
      setSourceProblem(true);
      return;
    }
    setSourceProblem(false);
    const answer = await run(
      {
        input: {
          agreementCode,
          period: { kind, year, ...(kind === 'MONTHLY' ? { month } : {}) },
          ...(official ? { officialClass: { waterClass: officialClass, source: source.trim() } } : {}),
        },
      },
      { additionalTypenames: ['CompensationAssessment'] },
    );
    if (answer.data) {
      const ran = answer.data.runAssessment;
      setOutcome({ kind: 'done', id: ran.assessment.id, period: ran.assessment.periodLabel, reused: ran.reused });
      return;
    }
    const problems = answer.error ? validationProblemsOf(answer.error) : null;
    if (problems) {
      setOutcome({ kind: 'problems', problems });
      return;
    }
    setOutcome({ kind: 'failed', reason: answer.error ? problemText(describeGatewayError(answer.error), t, i18n) : '' });
  };

  return (
    <section aria-labelledby="run-assessment" className="panel" data-testid="run-assessment">
      <h2 id="run-assessment">{t('runAssessment.title')}</h2>
      <p>{t('runAssessment.body')}</p>
      <form
        className="alert-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="inline-fieldset">
          <legend>{t('runAssessment.kind')}</legend>
          {(['ANNUAL', 'MONTHLY'] as const).map((option) => (
            <label key={option} className="check">
              <input type="radio" name={ids.kind} checked={kind === option} onChange={() => setKind(option)} />
              {t(option === 'ANNUAL' ? 'runAssessment.annual' : 'runAssessment.monthly')}
            </label>
          ))}
        </fieldset>
        <div className="filter-bar">
          <div className="field">
            <label htmlFor={ids.year}>{t('runAssessment.year')}</label>
            <select id={ids.year} value={year} onChange={(event) => setYear(Number(event.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          {kind === 'MONTHLY' ? (
            <div className="field">
              <label htmlFor={ids.month}>{t('runAssessment.month')}</label>
              <select id={ids.month} value={month} onChange={(event) => setMonth(Number(event.target.value))}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                  <option key={m} value={m}>
                    {t('runAssessment.monthOption', { month: m })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <label className="check" htmlFor={ids.official}>
          <input id={ids.official} type="checkbox" checked={official} onChange={(event) => setOfficial(event.target.checked)} />
          {t('runAssessment.official')}
        </label>
        {official ? (
          <div className="filter-bar">
            <div className="field">
              <label htmlFor={ids.officialClass}>{t('runAssessment.officialClass')}</label>
              <select id={ids.officialClass} value={officialClass} onChange={(event) => setOfficialClass(event.target.value as WaterClass)}>
                {WATER_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {classLabel(c)}
                  </option>
                ))}
              </select>
            </div>
            <div className={sourceProblem ? 'field field-invalid' : 'field'}>
              <label htmlFor={ids.source}>{t('runAssessment.officialSource')}</label>
              <p className="field-hint" id={ids.sourceHint}>
                {t('runAssessment.officialSourceHint')}
              </p>
              {sourceProblem ? (
                <p className="field-error" id={ids.sourceError} role="alert">
                  {t('runAssessment.sourceRequired')}
                </p>
              ) : null}
              <input
                id={ids.source}
                type="text"
                maxLength={500}
                aria-invalid={sourceProblem ? true : undefined}
                aria-describedby={sourceProblem ? `${ids.sourceHint} ${ids.sourceError}` : ids.sourceHint}
                value={source}
                onChange={(event) => setSource(event.target.value)}
              />
            </div>
          </div>
        ) : null}
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? t('runAssessment.pending') : t('runAssessment.submit')}
        </button>
      </form>
      {outcome?.kind === 'done' ? (
        <p className="notice notice-success" role="status" data-testid="run-assessment-done">
          {outcome.reused ? t('runAssessment.reused') : t('runAssessment.done')} <Link to={`/pollution/compensation/assessments/${encodeURIComponent(outcome.id)}`}>{t('runAssessment.open', { period: outcome.period })}</Link>
        </p>
      ) : null}
      {outcome?.kind === 'problems' ? (
        <div className="notice notice-error" role="alert" data-testid="run-assessment-problems">
          <p>{t('runAssessment.problems')}</p>
          <ul className="plain-list">
            {outcome.problems.map((problem, index) => (
              <li key={`${problem.field}-${index}`}>
                <OriginalText text={problem.reason} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <p className="notice notice-error" role="alert">
          {t('runAssessment.failed', { reason: outcome.reason })}
        </p>
      ) : null}
    </section>
  );
}
