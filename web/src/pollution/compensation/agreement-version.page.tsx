// 记录协议新版本: a party province's environmental bureau corrects an agreement's terms (shares, amounts, caps,
// periods, parameters, rounding, validity) by recording its next version, so a correction needs no code change. The
// form starts from the newest version's terms. Money is typed in yuan and sent as whole fen, shares typed in percent
// and sent as basis points, both converted as digits (never through floating point, which would lose fen). The cheap
// rules of the service (required, numbers, each side's shares summing to 100%, whole months) are checked here first;
// the gateway's VALIDATION_FAILED problems (`input.parties[1].shareBasisPoints`) are shown next to the same fields.
// Errors are listed in a summary that takes focus, each linking to its field.
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { focusFormField, FormField, type FormControlProps } from '../../components/form-field.tsx';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import {
  CompensationAgreementVersionDocument,
  RecordCompensationAgreementVersionDocument,
  type AgreementPartyRole,
  type AssessmentPeriodKind,
  type CompensationAgreementTermsFragment,
  type RecordCompensationAgreementVersionInput,
  type WaterClass,
} from '../../generated/gql/graphql.ts';
import { describeGatewayError, validationProblemsOf } from '../../graphql/graphql.client.ts';
import { provinceName } from '../../reference/provinces.ts';
import { RecordQueryState, useParameterLabel, useWaterClassLabel } from '../cases/records.views.tsx';
import { OriginalText } from '../shared/original-text.tsx';
import { sectionName } from '../shared/pollution.format.ts';
import { problemText } from '../shared/problem-text.ts';
import { AGREEMENT_TYPENAMES } from './compensation.context.ts';
import { CodeText, useCodeText } from './compensation.labels.tsx';
import { basisPointsToPercent, fenToYuanText, MAX_FEN_DIGITS, percentToBasisPoints, yuanToFen } from './money.format.ts';
import '../alerts/alerts.css';

type Agreement = CompensationAgreementTermsFragment;

/** What the agreement page is told after a version is recorded (it says so above the terms). */
export interface AgreementPageLocationState {
  readonly recordedVersion?: number;
}

const PERIODS: readonly AssessmentPeriodKind[] = ['ANNUAL', 'MONTHLY'];
/** A baseline is a class at which nobody pays: I–V (the service refuses 劣Ⅴ). */
const BASELINE_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V'];
/** The parameters the service knows for judging a class or an index (isParameterCode, without benzene, which no
 * agreement uses). */
const PARAMETERS = ['COD', 'CODMn', 'NH3-N', 'TP', 'TN'] as const;
/** The service's rounding modes and change measures (ROUNDING_MODES, CHANGE_MEASURES). */
const ROUNDING_MODES = ['toward-zero', 'half-away-from-zero', 'half-even'] as const;
const CHANGE_MEASURES = ['relative-percent', 'absolute-points'] as const;
/** The service's length limits (agreement.commands.ts). */
const LIMITS = { reason: 2000, nameZh: 200, nameEn: 300, settlement: 500 } as const;

interface ClassPaymentState {
  period: AssessmentPeriodKind;
  baselineClass: WaterClass;
  parameters: string[];
  amount: string;
  cap: string;
}

interface ChangePaymentState {
  period: AssessmentPeriodKind;
  pollutants: string[];
  changeMeasure: string;
  decimals: string;
  mode: string;
  amount: string;
  cap: string;
}

/** The form's values: text as typed, converted only when sent. */
export interface VersionFormState {
  reason: string;
  validFrom: string;
  validTo: string;
  nameZh: string;
  nameEn: string;
  shares: string[];
  classPayment: ClassPaymentState | null;
  changePayment: ChangePaymentState | null;
  settlement: string;
  fenRounding: string;
}

/** A problem of a field: this app's words, or the service's own sentence (shown as its original text). */
interface Problem {
  readonly text: string;
  readonly fromService?: boolean;
}

/** Problems by field, keyed by the input path the gateway uses (without `input.`). */
type Problems = Record<string, Problem>;

/** The form's values from an agreement version (the newest, which the new version corrects). */
export function formOfAgreement(agreement: Agreement): VersionFormState {
  const cls = agreement.classPayment;
  const chg = agreement.changePayment;
  return {
    reason: '',
    validFrom: agreement.validFrom.slice(0, 7),
    validTo: agreement.validTo?.slice(0, 7) ?? '',
    nameZh: agreement.nameZh,
    nameEn: agreement.nameEn,
    shares: agreement.parties.map((party) => basisPointsToPercent(party.shareBasisPoints)),
    classPayment: cls
      ? {
          period: cls.period,
          baselineClass: cls.baselineClass ?? 'III',
          parameters: [...cls.parameters],
          amount: cls.amountPerClassStep ? fenToYuanText(cls.amountPerClassStep.fen) : '',
          cap: cls.capPerPeriod ? fenToYuanText(cls.capPerPeriod.fen) : '',
        }
      : null,
    changePayment: chg
      ? {
          period: chg.period,
          pollutants: [...chg.pollutants],
          changeMeasure: chg.changeMeasure,
          decimals: String(chg.pointRoundingDecimals),
          mode: chg.pointRoundingMode,
          amount: chg.amountPerPoint ? fenToYuanText(chg.amountPerPoint.fen) : '',
          cap: chg.capPerPeriod ? fenToYuanText(chg.capPerPeriod.fen) : '',
        }
      : null,
    settlement: agreement.settlement,
    fenRounding: agreement.fenRounding,
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The last day of a month given as YYYY-MM ("2024-02" → "2024-02-29"). */
export function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year ?? 0, m ?? 0, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The form field a gateway problem belongs to (`input.parties[1].role` → `parties[1].shareBasisPoints`), or null. */
export function fieldOfProblem(path: string, fields: readonly string[]): string | null {
  const field = path
    .replace(/^input\.?/, '')
    .replace(/^(parties\[\d+\])\.(province|role)$/, '$1.shareBasisPoints')
    .replace(/^changePayment\.pointRounding\.mode$/, 'changePayment.pointRoundingMode')
    .replace(/^changePayment\.pointRounding\.decimals$/, 'changePayment.pointRoundingDecimals')
    .replace(/^(classPayment\.parameters|changePayment\.pollutants)\[\d+\]$/, '$1');
  return fields.includes(field) ? field : null;
}

/** The fields of the form in the order they appear (the error summary follows it). */
function fieldOrder(form: VersionFormState): string[] {
  return [
    'reason',
    'validFrom',
    'validTo',
    'nameZh',
    'nameEn',
    ...form.shares.map((_, i) => `parties[${i}].shareBasisPoints`),
    'parties',
    ...(form.classPayment
      ? ['classPayment.period', 'classPayment.baselineClass', 'classPayment.parameters', 'classPayment.amountPerClassStepFen', 'classPayment.capPerPeriodFen']
      : []),
    ...(form.changePayment
      ? [
          'changePayment.period',
          'changePayment.pollutants',
          'changePayment.changeMeasure',
          'changePayment.pointRoundingDecimals',
          'changePayment.pointRoundingMode',
          'changePayment.amountPerPointFen',
          'changePayment.capPerPeriodFen',
        ]
      : []),
    'settlement',
    'fenRounding',
  ];
}

/** The DOM id of a field's control (the error summary links to it). */
function fieldDomId(key: string): string {
  return `agreement-version-${key.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}

/** The new-version page (/pollution/compensation/agreements/:code/new-version). */
export default function AgreementVersionPage() {
  const { t } = useTranslation();
  const code = useParams()['code'] ?? '';
  const user = useSignedInUser();
  usePageTitle(t('agreementVersion.title'));
  // Always read afresh: the new version must be the newest plus one, and a stale copy would make it collide.
  const [result, reexecute] = useQuery({ query: CompensationAgreementVersionDocument, variables: { code, version: null }, requestPolicy: 'network-only', context: AGREEMENT_TYPENAMES });
  const agreement = result.data?.compensationAgreement ?? null;
  if (!agreement || (result.fetching && !result.data)) return <RecordQueryState fetching={result.fetching} error={result.error} found={false} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const back = `/pollution/compensation/agreements/${encodeURIComponent(agreement.code)}`;
  // The service lets the environmental bureaus of the parties write (and checks again); others are told why.
  if (!user.roles.includes('environment') || !agreement.parties.some((party) => party.province === user.province)) {
    return (
      <>
        <h1>{t('agreementVersion.title')}</h1>
        <p>{t('agreementVersion.notAllowed')}</p>
        <p>
          <Link to={back}>{t('agreementVersion.back')}</Link>
        </p>
      </>
    );
  }
  return <VersionForm key={`${agreement.code}@${agreement.version}`} agreement={agreement} />;
}

function VersionForm({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const classLabel = useWaterClassLabel();
  const parameterLabel = useParameterLabel();
  const codeText = useCodeText();
  const [form, setForm] = useState<VersionFormState>(() => formOfAgreement(agreement));
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Bumped by each refused submit: the summary takes focus then, never while the user is correcting fields.
  const [refusals, setRefusals] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [sent, record] = useMutation(RecordCompensationAgreementVersionDocument);
  const next = agreement.version + 1;
  const back = `/pollution/compensation/agreements/${encodeURIComponent(agreement.code)}`;

  useEffect(() => {
    if (refusals > 0) summaryRef.current?.focus();
  }, [refusals]);

  // A changed field loses its problem (it is checked again on submit).
  const change = (update: (previous: VersionFormState) => VersionFormState, ...keys: string[]) => {
    setForm(update);
    setProblems((previous) => (keys.some((key) => previous[key]) ? Object.fromEntries(Object.entries(previous).filter(([key]) => !keys.includes(key))) : previous));
  };
  const setClass = (patch: Partial<ClassPaymentState>, key: string) =>
    change((previous) => ({ ...previous, classPayment: previous.classPayment ? { ...previous.classPayment, ...patch } : null }), `classPayment.${key}`);
  const setChange = (patch: Partial<ChangePaymentState>, key: string) =>
    change((previous) => ({ ...previous, changePayment: previous.changePayment ? { ...previous.changePayment, ...patch } : null }), `changePayment.${key}`);

  const roleLabel = (role: AgreementPartyRole) => t(`compensation.agreements.role.${role}`);
  const labelOf = (key: string): string => {
    const party = /^parties\[(\d+)\]/.exec(key);
    if (party) {
      const p = agreement.parties[Number(party[1])];
      return p ? t('agreementVersion.field.share', { province: provinceName(p.province, i18n.language), role: roleLabel(p.role) }) : key;
    }
    const labels: Record<string, string> = {
      reason: t('agreementVersion.field.reason'),
      validFrom: t('agreementVersion.field.validFrom'),
      validTo: t('agreementVersion.field.validTo'),
      nameZh: t('agreementVersion.field.nameZh'),
      nameEn: t('agreementVersion.field.nameEn'),
      parties: t('agreementVersion.groups.parties'),
      settlement: t('agreementVersion.field.settlement'),
      fenRounding: t('agreementVersion.field.fenRounding'),
      'classPayment.period': `${t('agreementVersion.groups.classPayment')} · ${t('agreementVersion.field.period')}`,
      'classPayment.baselineClass': t('agreementVersion.field.baselineClass'),
      'classPayment.parameters': t('agreementVersion.field.parameters'),
      'classPayment.amountPerClassStepFen': t('agreementVersion.field.amountPerClassStep'),
      'classPayment.capPerPeriodFen': `${t('agreementVersion.groups.classPayment')} · ${t('agreementVersion.field.cap')}`,
      'changePayment.period': `${t('agreementVersion.groups.changePayment')} · ${t('agreementVersion.field.period')}`,
      'changePayment.pollutants': t('agreementVersion.field.pollutants'),
      'changePayment.changeMeasure': t('agreementVersion.field.changeMeasure'),
      'changePayment.pointRoundingDecimals': t('agreementVersion.field.pointRoundingDecimals'),
      'changePayment.pointRoundingMode': t('agreementVersion.field.pointRoundingMode'),
      'changePayment.amountPerPointFen': t('agreementVersion.field.amountPerPoint'),
      'changePayment.capPerPeriodFen': `${t('agreementVersion.groups.changePayment')} · ${t('agreementVersion.field.cap')}`,
    };
    return labels[key] ?? key;
  };

  /** Checks the form as the service would where that is cheap; the input when nothing is wrong. */
  const check = (): { problems: Problems; input?: RecordCompensationAgreementVersionInput } => {
    const found: Problems = {};
    const say = (key: string, text: string) => (found[key] = { text });
    const text = (key: string, value: string, max: number) => {
      if (!value.trim()) say(key, t('agreementVersion.problems.required'));
      else if (value.trim().length > max) say(key, t('agreementVersion.problems.tooLong', { max }));
    };
    const money = (key: string, value: string, required: boolean): string | undefined => {
      if (!value.trim()) {
        if (required) say(key, t('agreementVersion.problems.required'));
        return undefined;
      }
      const fen = yuanToFen(value);
      if (fen === null) say(key, t('agreementVersion.problems.yuan'));
      else if (fen.length > MAX_FEN_DIGITS) say(key, t('agreementVersion.problems.tooLarge', { digits: MAX_FEN_DIGITS }));
      else return fen;
      return undefined;
    };
    text('reason', form.reason, LIMITS.reason);
    if (!form.validFrom.trim()) say('validFrom', t('agreementVersion.problems.required'));
    else if (!MONTH.test(form.validFrom.trim())) say('validFrom', t('agreementVersion.problems.month'));
    if (form.validTo.trim()) {
      if (!MONTH.test(form.validTo.trim())) say('validTo', t('agreementVersion.problems.month'));
      // YYYY-MM strings order as the months do.
      else if (!found['validFrom'] && form.validTo.trim() < form.validFrom.trim()) say('validTo', t('agreementVersion.problems.toBeforeFrom'));
    }
    text('nameZh', form.nameZh, LIMITS.nameZh);
    text('nameEn', form.nameEn, LIMITS.nameEn);

    const shares = form.shares.map((share, i) => {
      const key = `parties[${i}].shareBasisPoints`;
      if (!share.trim()) {
        say(key, t('agreementVersion.problems.required'));
        return null;
      }
      const basisPoints = percentToBasisPoints(share);
      if (basisPoints === null) say(key, t('agreementVersion.problems.percent'));
      else if (basisPoints === 0) say(key, t('agreementVersion.problems.positiveShare'));
      return basisPoints;
    });
    // Each side's shares sum to 10,000 basis points; summed as whole basis points, so exactly.
    const sums = (['UPSTREAM', 'DOWNSTREAM'] as const).flatMap((role) => {
      const side = agreement.parties.map((party, i) => ({ party, share: shares[i] })).filter(({ party }) => party.role === role);
      if (side.length === 0 || side.some(({ share }) => share === null || share === undefined)) return [];
      const sum = side.reduce((total, { share }) => total + (share ?? 0), 0);
      return sum === 10000 ? [] : [t('agreementVersion.problems.sideSum', { side: roleLabel(role), sum: basisPointsToPercent(sum) })];
    });
    if (sums.length > 0) say('parties', sums.join(' '));

    const cls = form.classPayment;
    const classAmount = cls ? money('classPayment.amountPerClassStepFen', cls.amount, true) : undefined;
    const classCap = cls ? money('classPayment.capPerPeriodFen', cls.cap, false) : undefined;
    if (cls && cls.parameters.length === 0) say('classPayment.parameters', t('agreementVersion.problems.chooseOne'));
    const chg = form.changePayment;
    const changeAmount = chg ? money('changePayment.amountPerPointFen', chg.amount, true) : undefined;
    const changeCap = chg ? money('changePayment.capPerPeriodFen', chg.cap, true) : undefined;
    if (chg && chg.pollutants.length === 0) say('changePayment.pollutants', t('agreementVersion.problems.chooseOne'));
    text('settlement', form.settlement, LIMITS.settlement);
    if (Object.keys(found).length > 0) return { problems: found };

    const original = agreement.changePayment;
    const input: RecordCompensationAgreementVersionInput = {
      agreementCode: agreement.code,
      version: next,
      reason: form.reason.trim(),
      validFrom: `${form.validFrom.trim()}-01`,
      ...(form.validTo.trim() ? { validTo: lastDayOfMonth(form.validTo.trim()) } : {}),
      nameZh: form.nameZh.trim(),
      nameEn: form.nameEn.trim(),
      // The section, the standard and the water body stay the agreement's (another section is another agreement).
      sectionCode: agreement.section.code,
      standardId: agreement.standardId,
      ...(agreement.waterBodyType ? { waterBodyType: agreement.waterBodyType } : {}),
      parties: agreement.parties.map((party, i) => ({ province: party.province, role: party.role, shareBasisPoints: shares[i] ?? 0 })),
      ...(cls
        ? {
            classPayment: {
              period: cls.period,
              baselineClass: cls.baselineClass,
              parameters: cls.parameters,
              amountPerClassStepFen: classAmount ?? '0',
              ...(classCap !== undefined ? { capPerPeriodFen: classCap } : {}),
            },
          }
        : {}),
      ...(chg && original
        ? {
            changePayment: {
              period: chg.period,
              pollutants: chg.pollutants,
              // Not edited here: one index formula and one comparison exist so far.
              indexFormula: original.indexFormula,
              comparison: original.comparison,
              changeMeasure: chg.changeMeasure,
              pointRoundingDecimals: Number(chg.decimals),
              pointRoundingMode: chg.mode,
              amountPerPointFen: changeAmount ?? '0',
              capPerPeriodFen: changeCap ?? '0',
            },
          }
        : {}),
      settlement: form.settlement.trim(),
      fenRounding: form.fenRounding,
      // Where each figure comes from carries over; a correction's own grounds are its reason.
      provenance: agreement.provenance.map((p) => ({ field: p.field, source: p.source, note: p.note })),
    };
    return { problems: {}, input };
  };

  const serverProblem = (reason: string): Problem => {
    if (reason === 'is required') return { text: t('agreementVersion.problems.required') };
    const tooLong = /^must be at most (\d+) characters$/.exec(reason);
    if (tooLong) return { text: t('agreementVersion.problems.tooLong', { max: Number(tooLong[1]) }) };
    // Other reasons are the service's own (English) sentences: shown as its original text rather than guessed at.
    return { text: reason, fromService: true };
  };

  const refuse = () => setRefusals((n) => n + 1);

  const submit = async () => {
    setFormError(null);
    const checked = check();
    setProblems(checked.problems);
    if (!checked.input) {
      refuse();
      return;
    }
    const answer = await record({ input: checked.input }, AGREEMENT_TYPENAMES);
    const recorded = answer.data?.recordCompensationAgreementVersion.agreement;
    if (recorded) {
      const state: AgreementPageLocationState = { recordedVersion: recorded.version };
      void navigate(`/pollution/compensation/agreements/${encodeURIComponent(recorded.code)}`, { state });
      return;
    }
    if (!answer.error) return;
    const validation = validationProblemsOf(answer.error);
    if (validation) {
      const fields = fieldOrder(form);
      const fromServer: Problems = {};
      const unplaced: string[] = [];
      for (const problem of validation) {
        const key = fieldOfProblem(problem.field, fields);
        if (key && !fromServer[key]) fromServer[key] = serverProblem(problem.reason);
        // A second problem of the same field is the service's sentence too; both are kept.
        else if (key) fromServer[key] = { text: `${fromServer[key]?.text ?? ''} ${problem.reason}`, fromService: true };
        else unplaced.push(`${problem.field}: ${problem.reason}`);
      }
      setProblems(fromServer);
      if (unplaced.length > 0) setFormError(unplaced.join('; '));
    } else {
      setProblems({});
      setFormError(problemText(describeGatewayError(answer.error), t, i18n));
    }
    refuse();
  };

  const ordered = fieldOrder(form).filter((key) => problems[key]);
  const problemCount = ordered.length + (formError ? 1 : 0);
  const field = (key: string) => ({ fieldKey: key, problem: problems[key] });
  const options = (chosen: readonly string[]) => [...PARAMETERS, ...chosen.filter((code) => !(PARAMETERS as readonly string[]).includes(code))];
  const toggle = (list: readonly string[], code: string, on: boolean) => (on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code));

  return (
    <>
      <p className="back-link">
        <Link to={back}>← {t('agreementVersion.back')}</Link>
      </p>
      <h1>{t('agreementVersion.title')}</h1>
      <p className="muted">
        {i18n.language.startsWith('en') ? agreement.nameEn : agreement.nameZh} · {agreement.code}
      </p>
      <p className="lead">{t('agreementVersion.lead', { version: agreement.version, next })}</p>
      {refusals > 0 && problemCount > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title" data-testid="error-summary">
          <h2 id="error-summary-title">{t('agreementVersion.errorSummary', { count: problemCount })}</h2>
          <ul>
            {ordered.map((key) => (
              <li key={key}>
                <a href={`#${fieldDomId(key)}`} onClick={(event) => focusField(event, key)}>
                  {labelOf(key)}：<ProblemText problem={problems[key]} />
                </a>
              </li>
            ))}
            {formError ? <li>{formError}</li> : null}
          </ul>
        </div>
      ) : null}
      <form
        className="alert-form"
        noValidate
        aria-label={t('agreementVersion.title')}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="panel">
          <legend>{t('agreementVersion.groups.basics')}</legend>
          <dl className="facts fixed-facts">
            <div>
              <dt>{t('agreementVersion.field.version')}</dt>
              <dd data-testid="new-version">{t('compensation.agreements.version', { version: next })}</dd>
            </div>
          </dl>
          <Field {...field('reason')} label={labelOf('reason')} hint={t('agreementVersion.field.reasonHint')} required>
            {(props) => <textarea {...props} rows={4} maxLength={LIMITS.reason} value={form.reason} onChange={(event) => change((f) => ({ ...f, reason: event.target.value }), 'reason')} />}
          </Field>
          <div className="field-pair">
            <Field {...field('validFrom')} label={labelOf('validFrom')} hint={t('agreementVersion.field.validFromHint')} required>
              {(props) => <input {...props} type="text" inputMode="numeric" placeholder="YYYY-MM" value={form.validFrom} onChange={(event) => change((f) => ({ ...f, validFrom: event.target.value }), 'validFrom', 'validTo')} />}
            </Field>
            <Field {...field('validTo')} label={labelOf('validTo')} hint={t('agreementVersion.field.validToHint')}>
              {(props) => <input {...props} type="text" inputMode="numeric" placeholder="YYYY-MM" value={form.validTo} onChange={(event) => change((f) => ({ ...f, validTo: event.target.value }), 'validTo')} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t('agreementVersion.groups.names')}</legend>
          <Field {...field('nameZh')} label={labelOf('nameZh')} required>
            {(props) => <input {...props} type="text" lang="zh-CN" value={form.nameZh} onChange={(event) => change((f) => ({ ...f, nameZh: event.target.value }), 'nameZh')} />}
          </Field>
          <Field {...field('nameEn')} label={labelOf('nameEn')} required>
            {(props) => <input {...props} type="text" lang="en" value={form.nameEn} onChange={(event) => change((f) => ({ ...f, nameEn: event.target.value }), 'nameEn')} />}
          </Field>
        </fieldset>

        <fieldset
          className={problems['parties'] ? 'panel field-invalid' : 'panel'}
          id={fieldDomId('parties')}
          tabIndex={-1}
          aria-describedby={`${fieldDomId('parties')}-hint${problems['parties'] ? ` ${fieldDomId('parties')}-error` : ''}`}
        >
          <legend>{t('agreementVersion.groups.parties')}</legend>
          <p className="field-hint" id={`${fieldDomId('parties')}-hint`}>
            {t('agreementVersion.field.sharesHint')}
          </p>
          {problems['parties'] ? (
            <p className="field-error" id={`${fieldDomId('parties')}-error`}>
              <ProblemText problem={problems['parties']} />
            </p>
          ) : null}
          <div className="field-pair">
            {agreement.parties.map((party, i) => (
              <Field key={`${party.role}-${party.province}`} {...field(`parties[${i}].shareBasisPoints`)} label={labelOf(`parties[${i}].shareBasisPoints`)} required>
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    inputMode="decimal"
                    value={form.shares[i] ?? ''}
                    onChange={(event) => change((f) => ({ ...f, shares: f.shares.map((s, j) => (j === i ? event.target.value : s)) }), `parties[${i}].shareBasisPoints`, 'parties')}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>

        {form.classPayment ? (
          <fieldset className="panel">
            <legend>{t('agreementVersion.groups.classPayment')}</legend>
            <div className="field-pair">
              <Field {...field('classPayment.period')} label={t('agreementVersion.field.period')} required>
                {(props) => (
                  <select {...props} value={form.classPayment?.period} onChange={(event) => setClass({ period: event.target.value as AssessmentPeriodKind }, 'period')}>
                    {PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {t(`compensation.agreements.period.${p}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field {...field('classPayment.baselineClass')} label={labelOf('classPayment.baselineClass')} required>
                {(props) => (
                  <select {...props} value={form.classPayment?.baselineClass} onChange={(event) => setClass({ baselineClass: event.target.value as WaterClass }, 'baselineClass')}>
                    {BASELINE_CLASSES.map((c) => (
                      <option key={c} value={c}>
                        {classLabel(c)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <CheckGroup
              {...field('classPayment.parameters')}
              legend={labelOf('classPayment.parameters')}
              options={options(form.classPayment.parameters).map((code) => ({ value: code, label: parameterLabel(code) }))}
              chosen={form.classPayment.parameters}
              onToggle={(code, on) => setClass({ parameters: toggle(form.classPayment?.parameters ?? [], code, on) }, 'parameters')}
            />
            <div className="field-pair">
              <Field {...field('classPayment.amountPerClassStepFen')} label={labelOf('classPayment.amountPerClassStepFen')} hint={t('agreementVersion.field.moneyHint')} required>
                {(props) => <input {...props} type="text" inputMode="decimal" value={form.classPayment?.amount ?? ''} onChange={(event) => setClass({ amount: event.target.value }, 'amountPerClassStepFen')} />}
              </Field>
              <Field {...field('classPayment.capPerPeriodFen')} label={t('agreementVersion.field.cap')} hint={t('agreementVersion.field.classCapHint')}>
                {(props) => <input {...props} type="text" inputMode="decimal" value={form.classPayment?.cap ?? ''} onChange={(event) => setClass({ cap: event.target.value }, 'capPerPeriodFen')} />}
              </Field>
            </div>
          </fieldset>
        ) : null}

        {form.changePayment ? (
          <fieldset className="panel">
            <legend>{t('agreementVersion.groups.changePayment')}</legend>
            <div className="field-pair">
              <Field {...field('changePayment.period')} label={t('agreementVersion.field.period')} required>
                {(props) => (
                  <select {...props} value={form.changePayment?.period} onChange={(event) => setChange({ period: event.target.value as AssessmentPeriodKind }, 'period')}>
                    {PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {t(`compensation.agreements.period.${p}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field {...field('changePayment.changeMeasure')} label={labelOf('changePayment.changeMeasure')} required>
                {(props) => (
                  <select {...props} value={form.changePayment?.changeMeasure} onChange={(event) => setChange({ changeMeasure: event.target.value }, 'changeMeasure')}>
                    {withCurrent(CHANGE_MEASURES, form.changePayment?.changeMeasure).map((m) => (
                      <option key={m} value={m}>
                        {codeText('changeMeasure', m)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <CheckGroup
              {...field('changePayment.pollutants')}
              legend={labelOf('changePayment.pollutants')}
              options={options(form.changePayment.pollutants).map((code) => ({ value: code, label: parameterLabel(code) }))}
              chosen={form.changePayment.pollutants}
              onToggle={(code, on) => setChange({ pollutants: toggle(form.changePayment?.pollutants ?? [], code, on) }, 'pollutants')}
            />
            <div className="field-pair">
              <Field {...field('changePayment.pointRoundingDecimals')} label={labelOf('changePayment.pointRoundingDecimals')} required>
                {(props) => (
                  <select {...props} value={form.changePayment?.decimals} onChange={(event) => setChange({ decimals: event.target.value }, 'pointRoundingDecimals')}>
                    {['0', '1', '2'].map((d) => (
                      <option key={d} value={d}>
                        {t('agreementVersion.field.decimals', { count: Number(d) })}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field {...field('changePayment.pointRoundingMode')} label={labelOf('changePayment.pointRoundingMode')} required>
                {(props) => (
                  <select {...props} value={form.changePayment?.mode} onChange={(event) => setChange({ mode: event.target.value }, 'pointRoundingMode')}>
                    {withCurrent(ROUNDING_MODES, form.changePayment?.mode).map((m) => (
                      <option key={m} value={m}>
                        {codeText('roundingMode', m)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="field-pair">
              <Field {...field('changePayment.amountPerPointFen')} label={labelOf('changePayment.amountPerPointFen')} hint={t('agreementVersion.field.moneyHint')} required>
                {(props) => <input {...props} type="text" inputMode="decimal" value={form.changePayment?.amount ?? ''} onChange={(event) => setChange({ amount: event.target.value }, 'amountPerPointFen')} />}
              </Field>
              <Field {...field('changePayment.capPerPeriodFen')} label={t('agreementVersion.field.cap')} hint={t('agreementVersion.field.moneyHint')} required>
                {(props) => <input {...props} type="text" inputMode="decimal" value={form.changePayment?.cap ?? ''} onChange={(event) => setChange({ cap: event.target.value }, 'capPerPeriodFen')} />}
              </Field>
            </div>
          </fieldset>
        ) : null}

        <fieldset className="panel">
          <legend>{t('agreementVersion.groups.settlement')}</legend>
          <Field {...field('settlement')} label={labelOf('settlement')} hint={t('agreementVersion.field.settlementHint')} required>
            {(props) => <input {...props} type="text" value={form.settlement} onChange={(event) => change((f) => ({ ...f, settlement: event.target.value }), 'settlement')} />}
          </Field>
          <Field {...field('fenRounding')} label={labelOf('fenRounding')} required>
            {(props) => (
              <select {...props} value={form.fenRounding} onChange={(event) => change((f) => ({ ...f, fenRounding: event.target.value }), 'fenRounding')}>
                {withCurrent(ROUNDING_MODES, form.fenRounding).map((m) => (
                  <option key={m} value={m}>
                    {codeText('roundingMode', m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <section className="panel" aria-labelledby="agreement-version-kept">
          <h2 id="agreement-version-kept">{t('agreementVersion.groups.kept')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('compensation.agreements.section')}</dt>
              <dd>{sectionName(agreement.section, i18n.language, t)}</dd>
            </div>
            <div>
              <dt>{t('compensation.agreements.standard')}</dt>
              <dd>{agreement.standardId}</dd>
            </div>
            {agreement.changePayment ? (
              <>
                <div>
                  <dt>{t('compensation.agreements.indexFormula')}</dt>
                  <dd>
                    <CodeText group="indexFormula" code={agreement.changePayment.indexFormula} />
                  </dd>
                </div>
                <div>
                  <dt>{t('compensation.agreements.comparison')}</dt>
                  <dd>
                    <CodeText group="comparison" code={agreement.changePayment.comparison} />
                  </dd>
                </div>
              </>
            ) : null}
          </dl>
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={sent.fetching}>
            {sent.fetching ? t('agreementVersion.pending') : t('agreementVersion.submit', { version: next })}
          </button>
          <Link to={back}>{t('agreementVersion.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

/** The known codes, plus the current value when the app does not know it (so it is kept, not silently replaced). */
function withCurrent(known: readonly string[], current: string | undefined): string[] {
  return current && !known.includes(current) ? [...known, current] : [...known];
}

/** A problem's words; the service's own sentences labelled as its original text. */
function ProblemText({ problem }: { problem: Problem | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  if (!problem.fromService) return <>{problem.text}</>;
  return (
    <>
      {t('agreementVersion.problems.server')}
      <OriginalText text={problem.text} />
    </>
  );
}

// The summary's links move focus to the field.
function focusField(event: MouseEvent<HTMLAnchorElement>, key: string): void {
  focusFormField(event, fieldDomId(key));
}

/** A labelled control with its hint and its problem (the shared FormField, with this form's ids and words). */
function Field({
  fieldKey,
  label,
  hint,
  problem,
  required = false,
  children,
}: {
  fieldKey: string;
  label: string;
  hint?: string;
  problem: Problem | undefined;
  required?: boolean;
  children: (props: FormControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormField id={fieldDomId(fieldKey)} label={label} hint={hint} problem={problem ? <ProblemText problem={problem} /> : undefined} requiredLabel={required ? t('agreementVersion.required') : undefined}>
      {children}
    </FormField>
  );
}

/** Checkboxes in a fieldset; the first one carries the field's id (the error summary's target). */
function CheckGroup({
  fieldKey,
  legend,
  options,
  chosen,
  onToggle,
  problem,
}: {
  fieldKey: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  chosen: readonly string[];
  onToggle: (value: string, on: boolean) => void;
  problem: Problem | undefined;
}) {
  const { t } = useTranslation();
  const id = fieldDomId(fieldKey);
  const errorId = problem ? `${id}-error` : undefined;
  return (
    <fieldset className={problem ? 'choice-group field-invalid' : 'choice-group'} aria-describedby={errorId}>
      <legend>
        {legend} <span className="muted">{t('agreementVersion.required')}</span>
      </legend>
      {problem ? (
        <p className="field-error" id={errorId}>
          <ProblemText problem={problem} />
        </p>
      ) : null}
      <div className="choice-row">
        {options.map((option, index) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              id={index === 0 ? id : undefined}
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) => onToggle(option.value, event.target.checked)}
              aria-invalid={problem ? true : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
