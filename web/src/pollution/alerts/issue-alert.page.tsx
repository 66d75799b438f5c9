// 发布污染预警 and 发送续报: the issue form of an environmental bureau, and the same form for the sender's update of
// its alert (prefilled; the mode and the section of a thread never change). Checked here first (required fields, lengths, numbers) so
// most mistakes are named before anything is sent; the gateway's VALIDATION_FAILED problems (`input.headline`, …)
// are then shown next to their fields too. Errors are listed in a summary that takes focus, each linking to its field.
import { useEffect, useId, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useAuth, useSignedInUser } from '../../auth/auth.context.tsx';
import { GatewayProblemView, LoadingState } from '../../components/status.views.tsx';
import { focusFormField, FormField, type FormControlProps } from '../../components/form-field.tsx';
import {
  IssuePollutionAlertDocument,
  PollutionAlertDetailDocument,
  PollutionAlertSectionsDocument,
  UpdatePollutionAlertDocument,
  type AlertCategory,
  type IncidentSeverity,
  type IssueAlertInput,
  type PollutionAlertDetailQuery,
  type PollutionAlertSectionsQuery,
  type PollutionMode,
  type UpdateAlertInput,
} from '../../generated/gql/graphql.ts';
import { describeGatewayError, validationProblemsOf } from '../../graphql/graphql.client.ts';
import { PROVINCES, provinceName } from '../../reference/provinces.ts';
import { RecordNotFoundPage } from '../../screens/not-found.page.tsx';
import { sectionName } from '../shared/pollution.format.ts';
import { problemText } from '../shared/problem-text.ts';
import type { AlertDetailLocationState } from './alert-detail.page.tsx';
import { ALERT_TYPENAMES } from './alerts.context.ts';
import './alerts.css';

type Section = PollutionAlertSectionsQuery['pollutionSections'][number];
/** The message an update replaces. */
type ExistingAlert = NonNullable<PollutionAlertDetailQuery['pollutionAlert']>;

const CATEGORIES: readonly AlertCategory[] = ['EARLY_WARNING', 'INFORMATION', 'REQUEST_FOR_ASSISTANCE'];
const SEVERITIES: readonly IncidentSeverity[] = ['I', 'II', 'III', 'IV'];
/** The monitored parameters the service knows (PARAMETER_CODES). */
const PARAMETERS = ['COD', 'CODMn', 'NH3-N', 'TP', 'TN', 'benzene'] as const;
/** The quantity units the service accepts (QUANTITY_UNITS). */
const UNITS = ['t', 'kg', 'm3', 'L'] as const;
/** The service's limits (alert.commands.ts). */
const LIMITS = { headline: 200, description: 4000, location: 500, pollutant: 200, suspectedSource: 500 } as const;

/** The form's fields by the input path the gateway uses in its problems (without `input.`). */
type FieldKey =
  | 'mode'
  | 'category'
  | 'severity'
  | 'sectionCode'
  | 'location.description'
  | 'location.latitude'
  | 'location.longitude'
  | 'pollutant.name'
  | 'pollutant.parameter'
  | 'pollutant.estimatedQuantity.value'
  | 'pollutant.estimatedQuantity.unit'
  | 'suspectedSource'
  | 'headline'
  | 'description'
  | 'addressees';

/** The order fields appear in (the error summary follows it). */
const FIELD_ORDER: readonly FieldKey[] = [
  'mode',
  'category',
  'severity',
  'sectionCode',
  'location.description',
  'location.latitude',
  'location.longitude',
  'pollutant.name',
  'pollutant.parameter',
  'pollutant.estimatedQuantity.value',
  'pollutant.estimatedQuantity.unit',
  'suspectedSource',
  'headline',
  'description',
  'addressees',
];

interface FormState {
  mode: PollutionMode;
  category: AlertCategory | '';
  severity: IncidentSeverity | '';
  sectionCode: string;
  locationDescription: string;
  latitude: string;
  longitude: string;
  pollutantName: string;
  parameter: string;
  quantityValue: string;
  quantityUnit: string;
  suspectedSource: string;
  headline: string;
  description: string;
  addressees: string[];
}

type Problems = Partial<Record<FieldKey, string>>;

/** The DOM id of a field's control (the error summary links to it). */
export function fieldDomId(key: FieldKey): string {
  return `alert-${key.replaceAll('.', '-')}`;
}

/**
 * The provinces an alert goes to by default, as the service decides them: an upstream sender alerts the downstream
 * provinces; a downstream sender every other province of the section.
 */
export function defaultAddressees(section: Pick<Section, 'upstreamProvinces' | 'downstreamProvinces'>, senderProvince: string): string[] {
  if (section.upstreamProvinces.includes(senderProvince)) return section.downstreamProvinces.filter((p) => p !== senderProvince);
  return [...section.upstreamProvinces, ...section.downstreamProvinces].filter((p, i, all) => p !== senderProvince && all.indexOf(p) === i);
}

/** The field a gateway problem belongs to (`input.addressees[1]` → addressees), or null for the form as a whole. */
export function fieldOfProblem(path: string): FieldKey | null {
  const field = path.replace(/^input\.?/, '').replace(/\[\d+\]/g, '');
  if (field === 'location') return 'location.description';
  if (field === 'pollutant') return 'pollutant.name';
  if (field === 'pollutant.estimatedQuantity') return 'pollutant.estimatedQuantity.value';
  return (FIELD_ORDER as readonly string[]).includes(field) ? (field as FieldKey) : null;
}

/** Builds the mutation's input from valid form values. */
function inputOf(form: FormState): IssueAlertInput {
  const quantity = form.quantityValue.trim();
  const latitude = form.latitude.trim();
  const longitude = form.longitude.trim();
  return {
    mode: form.mode,
    category: form.category as AlertCategory,
    severity: form.severity as IncidentSeverity,
    sectionCode: form.sectionCode,
    location: {
      description: form.locationDescription.trim(),
      ...(latitude ? { latitude: Number(latitude) } : {}),
      ...(longitude ? { longitude: Number(longitude) } : {}),
    },
    pollutant: {
      name: form.pollutantName.trim(),
      ...(form.parameter ? { parameter: form.parameter } : {}),
      ...(quantity ? { estimatedQuantity: { value: Number(quantity), unit: form.quantityUnit } } : {}),
    },
    ...(form.suspectedSource.trim() ? { suspectedSource: form.suspectedSource.trim() } : {}),
    headline: form.headline.trim(),
    description: form.description.trim(),
    addressees: form.addressees,
  };
}

/** The update's input: every content field (the service keeps what an update leaves out, so an optional field
 * emptied here — the suspected source, the coordinates — keeps its earlier value). */
function updateInputOf(alertId: string, form: FormState): UpdateAlertInput {
  const { mode: _mode, sectionCode: _section, ...content } = inputOf(form);
  return { alertId, ...content };
}

/** The form's values from the message an update replaces. */
function formOf(alert: ExistingAlert): FormState {
  const quantity = alert.pollutant?.estimatedQuantity;
  return {
    mode: alert.status,
    category: alert.category,
    severity: alert.severity,
    sectionCode: alert.section.code,
    locationDescription: alert.location?.description ?? '',
    latitude: alert.location?.latitude?.toString() ?? '',
    longitude: alert.location?.longitude?.toString() ?? '',
    pollutantName: alert.pollutant?.name ?? '',
    parameter: alert.pollutant?.parameter ?? '',
    quantityValue: quantity ? String(quantity.value) : '',
    quantityUnit: quantity?.unit ?? 't',
    suspectedSource: alert.suspectedSource ?? '',
    headline: alert.headline,
    description: alert.description ?? '',
    addressees: [...alert.addressees],
  };
}

/** The update form page (/pollution/alerts/:alertId/update): the sender's 续报 replacing the thread's current message. */
export function UpdateAlertPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const user = useSignedInUser();
  const { alertId = '' } = useParams();
  usePageTitle(t('alerts.form.updateTitle'));
  const [result, reexecute] = useQuery({ query: PollutionAlertDetailDocument, variables: { id: alertId }, requestPolicy: 'network-only', context: ALERT_TYPENAMES });
  const alert = result.data?.pollutionAlert ?? null;
  if (result.fetching && !result.data) {
    return (
      <>
        <h1>{t('alerts.form.updateTitle')}</h1>
        <LoadingState />
      </>
    );
  }
  if (!alert) {
    if (result.error && !result.error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND')) {
      return (
        <>
          <h1>{t('alerts.form.updateTitle')}</h1>
          <GatewayProblemView problem={describeGatewayError(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} onSignIn={() => signIn(i18n.language)} />
        </>
      );
    }
    return <RecordNotFoundPage />;
  }
  // Only the sending province's environmental bureau updates, and only the thread's current message.
  const updatable = user.roles.includes('environment') && alert.senderProvince === user.province && alert.isCurrent && !alert.thread.cancelled;
  if (!updatable) {
    return (
      <>
        <h1>{t('alerts.form.updateTitle')}</h1>
        <p>{t('alerts.form.notUpdatable')}</p>
        <p>
          <Link to={`/pollution/alerts/${encodeURIComponent(alert.id)}`}>{t('alerts.form.backToAlert')}</Link>
        </p>
      </>
    );
  }
  return <AlertForm existing={alert} />;
}

/** The issue form page. */
export default function IssueAlertPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  usePageTitle(t('alerts.form.title'));
  if (!user.roles.includes('environment')) {
    return (
      <>
        <h1>{t('alerts.form.title')}</h1>
        <p>{t('alerts.form.forbidden')}</p>
        <p>
          <Link to="/pollution/alerts">{t('alerts.detail.back')}</Link>
        </p>
      </>
    );
  }
  return <AlertForm />;
}

function AlertForm({ existing }: { existing?: ExistingAlert }) {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [sectionsResult, reloadSections] = useQuery({ query: PollutionAlertSectionsDocument, requestPolicy: 'cache-and-network' });
  const [issueResult, issue] = useMutation(IssuePollutionAlertDocument);
  const [updateResult, update] = useMutation(UpdatePollutionAlertDocument);
  const sending = issueResult.fetching || updateResult.fetching;
  const [form, setForm] = useState<FormState>(() => existing ? formOf(existing) : ({
    mode: params.get('mode') === 'EXERCISE' ? 'EXERCISE' : 'ACTUAL',
    category: '',
    severity: '',
    sectionCode: '',
    locationDescription: '',
    latitude: '',
    longitude: '',
    pollutantName: '',
    parameter: '',
    quantityValue: '',
    quantityUnit: 't',
    suspectedSource: '',
    headline: '',
    description: '',
    addressees: [],
  }));
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [showSummary, setShowSummary] = useState(false);
  // Bumped by each refused submit: the summary takes focus then, never while the user is correcting fields.
  const [refusals, setRefusals] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Only sections my province is on either side of: the service refuses the others.
  const sections = useMemo(
    () => (sectionsResult.data?.pollutionSections ?? []).filter((s) => s.upstreamProvinces.includes(user.province) || s.downstreamProvinces.includes(user.province)),
    [sectionsResult.data, user.province],
  );
  const section = sections.find((s) => s.code === form.sectionCode);

  useEffect(() => {
    if (refusals > 0) summaryRef.current?.focus();
  }, [refusals]);

  // A field the user changes loses its problem (it is checked again on submit).
  const clearProblem = (...keys: FieldKey[]) =>
    setProblems((previous) => (keys.some((key) => previous[key]) ? Object.fromEntries(Object.entries(previous).filter(([key]) => !keys.includes(key as FieldKey))) : previous));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    clearProblem(STATE_FIELDS[key]);
  };
  const chooseSection = (code: string) => {
    const chosen = sections.find((s) => s.code === code);
    // Choosing a section sets its default addressees (the user may change them after).
    setForm((previous) => ({ ...previous, sectionCode: code, addressees: chosen ? defaultAddressees(chosen, user.province) : [] }));
    clearProblem('sectionCode', 'addressees');
  };

  const check = (): Problems => {
    const found: Problems = {};
    const text = (key: FieldKey, value: string, max: number, required: boolean) => {
      if (!value.trim()) {
        if (required) found[key] = t('alerts.form.problems.required');
      } else if (value.trim().length > max) found[key] = t('alerts.form.problems.tooLong', { max });
    };
    if (!form.category) found.category = t('alerts.form.problems.requiredChoice');
    if (!form.severity) found.severity = t('alerts.form.problems.requiredChoice');
    if (!form.sectionCode) found.sectionCode = t('alerts.form.problems.requiredChoice');
    text('location.description', form.locationDescription, LIMITS.location, true);
    const coordinate = (key: FieldKey, value: string, limit: number) => {
      if (!value.trim()) return;
      const n = Number(value);
      if (!Number.isFinite(n)) found[key] = t('alerts.form.problems.number');
      else if (n < -limit || n > limit) found[key] = t('alerts.form.problems.range', { min: -limit, max: limit });
    };
    coordinate('location.latitude', form.latitude, 90);
    coordinate('location.longitude', form.longitude, 180);
    text('pollutant.name', form.pollutantName, LIMITS.pollutant, true);
    if (form.quantityValue.trim()) {
      const n = Number(form.quantityValue);
      if (!Number.isFinite(n)) found['pollutant.estimatedQuantity.value'] = t('alerts.form.problems.number');
      else if (n <= 0 || n > 1e9) found['pollutant.estimatedQuantity.value'] = t('alerts.form.problems.positive');
      else if (!form.quantityUnit) found['pollutant.estimatedQuantity.unit'] = t('alerts.form.problems.unitNeeded');
    }
    text('suspectedSource', form.suspectedSource, LIMITS.suspectedSource, false);
    text('headline', form.headline, LIMITS.headline, true);
    text('description', form.description, LIMITS.description, true);
    if (form.addressees.length === 0) found.addressees = t('alerts.form.problems.addressees');
    return found;
  };

  const serverReason = (reason: string): string => {
    if (reason === 'is required') return t('alerts.form.problems.required');
    const tooLong = /^must be at most (\d+) characters$/.exec(reason);
    if (tooLong) return t('alerts.form.problems.tooLong', { max: Number(tooLong[1]) });
    // Other reasons are the service's own (English) words; shown as they are rather than guessed at.
    return t('alerts.form.problems.server', { reason });
  };

  const submit = async () => {
    setFormError(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setShowSummary(true);
      setRefusals((n) => n + 1);
      return;
    }
    const answer = existing ? await update({ input: updateInputOf(existing.id, form) }, ALERT_TYPENAMES) : await issue({ input: inputOf(form) }, ALERT_TYPENAMES);
    const sent = answer.data && ('updateAlert' in answer.data ? answer.data.updateAlert.alert : answer.data.issueAlert.alert);
    if (sent) {
      const state: AlertDetailLocationState = existing ? { updated: true } : { issued: true };
      void navigate(`/pollution/alerts/${encodeURIComponent(sent.id)}`, { state });
      return;
    }
    if (!answer.error) return;
    const refused = validationProblemsOf(answer.error);
    if (refused) {
      const fromServer: Problems = {};
      const unplaced: string[] = [];
      for (const problem of refused) {
        const key = fieldOfProblem(problem.field);
        const reason = serverReason(problem.reason);
        if (key && !fromServer[key]) fromServer[key] = reason;
        else if (!key) unplaced.push(`${problem.field}: ${problem.reason}`);
      }
      setProblems(fromServer);
      if (unplaced.length > 0) setFormError(unplaced.join('；'));
    } else {
      setProblems({});
      setFormError(problemText(describeGatewayError(answer.error), t, i18n));
    }
    setShowSummary(true);
    setRefusals((n) => n + 1);
  };

  const title = existing ? t('alerts.form.updateTitle') : t('alerts.form.title');
  if (sectionsResult.fetching && !sectionsResult.data) {
    return (
      <>
        <h1>{title}</h1>
        <LoadingState label={t('alerts.form.sectionsLoading')} />
      </>
    );
  }
  if (sectionsResult.error && !sectionsResult.data) {
    return (
      <>
        <h1>{title}</h1>
        <GatewayProblemView
          problem={describeGatewayError(sectionsResult.error)}
          onRetry={() => reloadSections({ requestPolicy: 'network-only' })}
          onSignIn={() => signIn(i18n.language)}
        />
      </>
    );
  }

  const ordered = FIELD_ORDER.filter((key) => problems[key]);
  const problemCount = ordered.length + (formError ? 1 : 0);
  const sectionProvinces = section ? [...section.upstreamProvinces, ...section.downstreamProvinces].filter((p, i, all) => p !== user.province && all.indexOf(p) === i) : [];
  const otherProvinces = Object.keys(PROVINCES).filter((code) => code !== '000000' && code !== user.province && !sectionProvinces.includes(code));
  const toggleAddressee = (code: string, on: boolean) =>
    set('addressees', on ? [...form.addressees.filter((p) => p !== code), code] : form.addressees.filter((p) => p !== code));
  const fieldLabel = (key: FieldKey): string => t(LABEL_KEYS[key]);

  return (
    <>
      <p className="back-link">
        {existing ? (
          <Link to={`/pollution/alerts/${encodeURIComponent(existing.id)}`}>← {t('alerts.form.backToAlert')}</Link>
        ) : (
          <Link to="/pollution/alerts">← {t('alerts.detail.back')}</Link>
        )}
      </p>
      <h1>{title}</h1>
      <p className="lead">{existing ? t('alerts.form.updateLead') : t('alerts.form.lead')}</p>
      {form.mode === 'EXERCISE' ? <p className="notice exercise-banner">{t('pollution.exerciseBanner')}</p> : null}
      {showSummary && problemCount > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t('alerts.form.errorSummary', { count: problemCount })}</h2>
          <ul>
            {ordered.map((key) => (
              <li key={key}>
                <a href={`#${fieldDomId(key)}`} onClick={(event) => focusField(event, key)}>
                  {fieldLabel(key)}：{problems[key]}
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
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="panel">
          <legend>{t('alerts.form.basics')}</legend>
          {existing ? (
            // A thread keeps its mode and section: shown, not asked.
            <dl className="facts fixed-facts">
              <div>
                <dt>{t('alerts.form.mode')}</dt>
                <dd>{t(`pollution.mode.${existing.status}`)}</dd>
              </div>
              <div>
                <dt>{t('alerts.form.section')}</dt>
                <dd>{sectionName(existing.section, i18n.language, t)}</dd>
              </div>
            </dl>
          ) : (
            <ChoiceGroup
              name="mode"
              fieldKey="mode"
              legend={t('alerts.form.mode')}
              hint={t('alerts.form.modeHint')}
              options={(['ACTUAL', 'EXERCISE'] as const).map((value) => ({ value, label: t(`pollution.mode.${value}`) }))}
              value={form.mode}
              onChange={(value) => set('mode', value as PollutionMode)}
              problem={problems.mode}
            />
          )}
          <ChoiceGroup
            name="category"
            fieldKey="category"
            legend={t('alerts.form.category')}
            options={CATEGORIES.map((value) => ({ value, label: t(`pollution.category.${value}`) }))}
            value={form.category}
            onChange={(value) => set('category', value as AlertCategory)}
            problem={problems.category}
            required
          />
          <ChoiceGroup
            name="severity"
            fieldKey="severity"
            legend={t('alerts.form.severity')}
            options={SEVERITIES.map((value) => ({ value, label: t(`pollution.severity.${value}`) }))}
            value={form.severity}
            onChange={(value) => set('severity', value as IncidentSeverity)}
            problem={problems.severity}
            required
          />
          {existing ? null : (
          <Field fieldKey="sectionCode" label={t('alerts.form.section')} hint={sections.length === 0 ? t('alerts.form.noSections') : t('alerts.form.sectionHint')} problem={problems.sectionCode} required>
            {(props) => (
              <select {...props} value={form.sectionCode} onChange={(event) => chooseSection(event.target.value)}>
                <option value="">{t('alerts.form.sectionPlaceholder')}</option>
                {sections.map((s) => (
                  <option key={s.code} value={s.code}>
                    {sectionName(s, i18n.language, t)}
                    {s.nationalControl ? ` · ${t('pollution.nationalControl')}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          )}
        </fieldset>

        <fieldset className="panel">
          <legend>{t('alerts.form.incident')}</legend>
          <Field fieldKey="location.description" label={t('alerts.form.location')} hint={t('alerts.form.locationHint')} problem={problems['location.description']} required>
            {(props) => <input {...props} type="text" maxLength={LIMITS.location} value={form.locationDescription} onChange={(event) => set('locationDescription', event.target.value)} />}
          </Field>
          <div className="field-pair">
            <Field fieldKey="location.latitude" label={t('alerts.form.latitude')} problem={problems['location.latitude']}>
              {(props) => <input {...props} type="text" inputMode="decimal" value={form.latitude} onChange={(event) => set('latitude', event.target.value)} />}
            </Field>
            <Field fieldKey="location.longitude" label={t('alerts.form.longitude')} problem={problems['location.longitude']}>
              {(props) => <input {...props} type="text" inputMode="decimal" value={form.longitude} onChange={(event) => set('longitude', event.target.value)} />}
            </Field>
          </div>
          <Field fieldKey="pollutant.name" label={t('alerts.form.pollutant')} hint={t('alerts.form.pollutantHint')} problem={problems['pollutant.name']} required>
            {(props) => <input {...props} type="text" maxLength={LIMITS.pollutant} value={form.pollutantName} onChange={(event) => set('pollutantName', event.target.value)} />}
          </Field>
          <Field fieldKey="pollutant.parameter" label={t('alerts.form.parameter')} problem={problems['pollutant.parameter']}>
            {(props) => (
              <select {...props} value={form.parameter} onChange={(event) => set('parameter', event.target.value)}>
                <option value="">{t('alerts.form.parameterNone')}</option>
                {PARAMETERS.map((code) => (
                  <option key={code} value={code}>
                    {t(`pollution.parameter.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="choice-group">
            <legend>{t('alerts.form.quantity')}</legend>
            <div className="field-pair">
              <Field fieldKey="pollutant.estimatedQuantity.value" label={t('alerts.form.quantityValue')} problem={problems['pollutant.estimatedQuantity.value']}>
                {(props) => <input {...props} type="text" inputMode="decimal" value={form.quantityValue} onChange={(event) => set('quantityValue', event.target.value)} />}
              </Field>
              <Field fieldKey="pollutant.estimatedQuantity.unit" label={t('alerts.form.quantityUnit')} problem={problems['pollutant.estimatedQuantity.unit']}>
                {(props) => (
                  <select {...props} value={form.quantityUnit} onChange={(event) => set('quantityUnit', event.target.value)}>
                    {UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(`pollution.unit.${unit}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </fieldset>
          <Field fieldKey="suspectedSource" label={t('alerts.form.suspectedSource')} problem={problems.suspectedSource}>
            {(props) => <input {...props} type="text" maxLength={LIMITS.suspectedSource} value={form.suspectedSource} onChange={(event) => set('suspectedSource', event.target.value)} />}
          </Field>
          <Field
            fieldKey="headline"
            label={t('alerts.form.headline')}
            hint={`${t('alerts.form.headlineHint')} ${t('alerts.form.headlineCount', { count: form.headline.trim().length })}`}
            problem={problems.headline}
            required
          >
            {(props) => <input {...props} type="text" value={form.headline} onChange={(event) => set('headline', event.target.value)} />}
          </Field>
          <Field fieldKey="description" label={t('alerts.form.description')} hint={t('alerts.form.descriptionHint')} problem={problems.description} required>
            {(props) => <textarea {...props} rows={6} value={form.description} onChange={(event) => set('description', event.target.value)} />}
          </Field>
        </fieldset>

        <fieldset
          className={problems.addressees ? 'panel field-invalid' : 'panel'}
          id={fieldDomId('addressees')}
          tabIndex={-1}
          aria-describedby={`${fieldDomId('addressees')}-hint${problems.addressees ? ` ${fieldDomId('addressees')}-error` : ''}`}
        >
          <legend>
            {t('alerts.form.addressees')} <span className="muted">{t('alerts.form.required')}</span>
          </legend>
          <p className="field-hint" id={`${fieldDomId('addressees')}-hint`}>
            {t('alerts.form.addresseesHint')}
          </p>
          {problems.addressees ? (
            <p className="field-error" id={`${fieldDomId('addressees')}-error`}>
              {problems.addressees}
            </p>
          ) : null}
          <div className="province-grid">
            {sectionProvinces.map((code) => (
              <label key={code} className="check">
                <input type="checkbox" checked={form.addressees.includes(code)} onChange={(event) => toggleAddressee(code, event.target.checked)} />
                {provinceName(code, i18n.language)}
              </label>
            ))}
          </div>
          <details className="more-provinces" open={form.addressees.some((code) => otherProvinces.includes(code)) || undefined}>
            <summary>{t('alerts.form.otherProvinces')}</summary>
            <div className="province-grid">
              {otherProvinces.map((code) => (
                <label key={code} className="check">
                  <input type="checkbox" checked={form.addressees.includes(code)} onChange={(event) => toggleAddressee(code, event.target.checked)} />
                  {provinceName(code, i18n.language)}
                </label>
              ))}
            </div>
          </details>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? t('alerts.form.pending') : existing ? t('alerts.form.updateSubmit') : form.mode === 'EXERCISE' ? t('alerts.form.submitExercise') : t('alerts.form.submit')}
          </button>
          <Link to={existing ? `/pollution/alerts/${encodeURIComponent(existing.id)}` : '/pollution/alerts'}>{t('alerts.form.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

// The field each piece of form state fills.
const STATE_FIELDS: Record<keyof FormState, FieldKey> = {
  mode: 'mode',
  category: 'category',
  severity: 'severity',
  sectionCode: 'sectionCode',
  locationDescription: 'location.description',
  latitude: 'location.latitude',
  longitude: 'location.longitude',
  pollutantName: 'pollutant.name',
  parameter: 'pollutant.parameter',
  quantityValue: 'pollutant.estimatedQuantity.value',
  quantityUnit: 'pollutant.estimatedQuantity.unit',
  suspectedSource: 'suspectedSource',
  headline: 'headline',
  description: 'description',
  addressees: 'addressees',
};

// Each field's label (its translation key), for the error summary.
const LABEL_KEYS = {
  mode: 'alerts.form.mode',
  category: 'alerts.form.category',
  severity: 'alerts.form.severity',
  sectionCode: 'alerts.form.section',
  'location.description': 'alerts.form.location',
  'location.latitude': 'alerts.form.latitude',
  'location.longitude': 'alerts.form.longitude',
  'pollutant.name': 'alerts.form.pollutant',
  'pollutant.parameter': 'alerts.form.parameter',
  'pollutant.estimatedQuantity.value': 'alerts.form.quantityValue',
  'pollutant.estimatedQuantity.unit': 'alerts.form.quantityUnit',
  suspectedSource: 'alerts.form.suspectedSource',
  headline: 'alerts.form.headline',
  description: 'alerts.form.description',
  addressees: 'alerts.form.addressees',
} as const satisfies Record<FieldKey, string>;

// The summary's links move focus to the field.
function focusField(event: MouseEvent<HTMLAnchorElement>, key: FieldKey): void {
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
  fieldKey: FieldKey;
  label: string;
  hint?: string;
  problem: string | undefined;
  required?: boolean;
  children: (props: FormControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormField id={fieldDomId(fieldKey)} label={label} hint={hint} problem={problem} requiredLabel={required ? t('alerts.form.required') : undefined}>
      {children}
    </FormField>
  );
}

/** Radio buttons in a fieldset; the first one carries the field's id (the error summary's target). */
function ChoiceGroup({
  name,
  fieldKey,
  legend,
  hint,
  options,
  value,
  onChange,
  problem,
  required = false,
}: {
  name: string;
  fieldKey: FieldKey;
  legend: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const id = fieldDomId(fieldKey);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const groupId = useId();
  return (
    <fieldset className={problem ? 'choice-group field-invalid' : 'choice-group'} aria-describedby={describedBy} aria-labelledby={groupId}>
      <legend id={groupId}>
        {legend} {required ? <span className="muted">{t('alerts.form.required')}</span> : null}
      </legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      ) : null}
      <div className="choice-row">
        {options.map((option, index) => (
          <label key={option.value} className="check">
            <input
              type="radio"
              name={name}
              id={index === 0 ? id : undefined}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-invalid={problem ? true : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
