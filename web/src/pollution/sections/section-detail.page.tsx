// One monitoring section: where it is (river, provinces and cities upstream and downstream, target class) and its
// readings of one parameter over a period, as a chart against the GB 3838-2002 class limits and as a table. The
// parameter and period live in the address (?parameter=benzene&days=30) so a view can be shared.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useAuth } from '../../auth/auth.context.tsx';
import { EmptyState, GatewayProblemView, LoadingState } from '../../components/status.views.tsx';
import { MonitoringSectionOverviewDocument, MonitoringSectionReadingsRecordedDocument, type MonitoringSectionOverviewQuery } from '../../generated/gql/graphql.ts';
import { describeGatewayError } from '../../graphql/graphql.client.ts';
import { RecordQueryState, useParameterLabel, useWaterClassLabel } from '../cases/records.views.tsx';
import { cityName } from '../../reference/cities.ts';
import { provinceName } from '../../reference/provinces.ts';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { formatDateTime, provinceList } from '../shared/pollution.format.ts';
import { thresholdsFor } from './gb3838.data.ts';
import { sectionNoteZh } from './section-notes.zh.ts';
import { ReadingsChart } from './readings-chart.view.tsx';
import { useSectionReadings, type SectionReading } from './use-section-readings.ts';

type Section = NonNullable<MonitoringSectionOverviewQuery['pollutionSection']>;

/** The periods offered, in days. */
export const PERIOD_DAYS = [7, 30, 90, 365] as const;
const DEFAULT_DAYS = 30;

/** The parameters, in the order they are offered, with the overview query's alias for each. */
const PARAMETERS = [
  { code: 'COD', alias: 'cod' },
  { code: 'CODMn', alias: 'codMn' },
  { code: 'NH3-N', alias: 'nh3n' },
  { code: 'TP', alias: 'tp' },
  { code: 'TN', alias: 'tn' },
  { code: 'benzene', alias: 'benzene' },
] as const;

/** The section page (/pollution/sections/:code). */
export function SectionDetailPage() {
  const { t, i18n } = useTranslation();
  const code = useParams()['code'] ?? '';
  const [params, setParams] = useSearchParams();
  const days = PERIOD_DAYS.find((d) => String(d) === params.get('days')) ?? DEFAULT_DAYS;
  // "Now" once per visit, so the period (and so the query) stays the same while the page is open.
  const [now] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const from = new Date(now - days * 86_400_000).toISOString();
  const to = new Date(now).toISOString();
  const [result, reexecute] = useQuery({ query: MonitoringSectionOverviewDocument, variables: { code, from, to: null } });
  const section = result.data?.pollutionSection ?? null;
  // Uploads at this section arrive live to those who may read its readings (its provinces' environmental bureaus and
  // the observer; the gateway sends nothing to others): the counts and the chart are read again, and the page says
  // who uploaded what.
  const [uploads, setUploads] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const refresh = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
    setUploads((n) => n + 1);
  }, [reexecute]);
  const { stream, reconnect } = useLiveSubscription(
    MonitoringSectionReadingsRecordedDocument,
    { sectionCode: code },
    {
      enabled: section !== null,
      eventIdOf: (data) => data.readingsRecorded.eventId,
      onEvent: (data) => {
        const event = data.readingsRecorded;
        setAnnouncement(
          t('sections.readings.uploaded', {
            time: formatDateTime(event.occurredAt, i18n.language),
            province: provinceName(event.submittingProvince, i18n.language),
            count: event.count,
            exceedances: event.exceedanceCount,
          }),
        );
        refresh();
      },
      onResumed: refresh,
    },
  );
  const heading = section ? t('sections.detail.heading', { name: i18n.language.startsWith('en') ? section.nameEn : section.nameZh }) : '';
  usePageTitle(section ? heading : t('sections.title'));

  if (!section) {
    return <RecordQueryState fetching={result.fetching} error={result.error} found={false} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Link to="/pollution/sections" className="back-link">
        {t('sections.detail.back')}
      </Link>
      <h1>
        {heading}
        {section.nationalControl ? <span className="tag">{t('pollution.nationalControl')}</span> : null}
      </h1>
      <div className="toolbar">
        <LiveStatus stream={stream} onReconnect={reconnect} testId="section-live-status" />
      </div>
      <p className="section-announcement" role="status" aria-live="polite" data-testid="section-announcement">
        {announcement}
      </p>
      <SectionFacts section={section} />
      <Readings section={section} refreshKey={uploads} days={days} from={from} to={to} requested={params.get('parameter')} onParameter={(p) => setParam('parameter', p)} onDays={(d) => setParam('days', d === DEFAULT_DAYS ? null : String(d))} />
    </>
  );
}

function SectionFacts({ section }: { section: Section }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const english = i18n.language.startsWith('en');
  const and = t('pollution.province.and');
  // A city the reference table does not know yet keeps its code, said to be one.
  const city = (code: string) => cityName(code, i18n.language) ?? t('sections.detail.cityCode', { code });
  const withCities = (provinces: readonly string[], cities: readonly string[]) =>
    cities.length > 0
      ? t('sections.detail.cities', { provinces: provinceList(provinces, i18n.language, and), cities: cities.map(city).join(and) })
      : provinceList(provinces, i18n.language, and);
  const sourceKey = `sections.detail.sourceKind.${section.sourceKind}`;
  return (
    <section aria-labelledby="section-facts" className="panel">
      <h2 id="section-facts" className="visually-hidden">
        {t('sections.title')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('sections.detail.river')}</dt>
          <dd>{english ? section.riverNameEn : section.riverNameZh}</dd>
        </div>
        <div>
          <dt>{t('sections.detail.upstream')}</dt>
          <dd>{withCities(section.upstreamProvinces, section.upstreamCities)}</dd>
        </div>
        <div>
          <dt>{t('sections.detail.downstream')}</dt>
          <dd>{withCities(section.downstreamProvinces, section.downstreamCities)}</dd>
        </div>
        <div>
          <dt>{t('sections.detail.target')}</dt>
          <dd>{section.targetClass ? classLabel(section.targetClass) : t('sections.detail.noTarget')}</dd>
        </div>
        {section.waterBodyType ? (
          <div>
            <dt>{t('sections.detail.waterBody')}</dt>
            <dd>{t(`sections.detail.waterBodyType.${section.waterBodyType}`)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sections.detail.source')}</dt>
          <dd>
            {i18n.exists(sourceKey) ? t(sourceKey as 'sections.detail.sourceKind.inferred') : section.sourceKind}
            {section.sourceNote ? <SourceNote sectionCode={section.code} note={section.sourceNote} /> : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}

// The service writes its notes in one language: show a note in the reader's language when there is a rendering, and
// otherwise as the source's original text, labelled so, never mixed into the page's language unannounced.
function SourceNote({ sectionCode, note }: { sectionCode: string; note: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const noteIsChinese = /[\u4e00-\u9fff]/.test(note);
  const zh = english || noteIsChinese ? undefined : sectionNoteZh(sectionCode, note);
  if (zh) {
    return (
      <div className="muted" lang="zh-CN">
        {zh}
      </div>
    );
  }
  if (english !== noteIsChinese) {
    return (
      <div className="muted" lang={english ? 'en' : 'zh-CN'}>
        {note}
      </div>
    );
  }
  return (
    <div className="muted">
      {t(noteIsChinese ? 'sections.detail.noteOriginalZh' : 'sections.detail.noteOriginalEn')}
      <span lang={noteIsChinese ? 'zh-CN' : 'en'}>{note}</span>
    </div>
  );
}

function Readings({
  section,
  refreshKey,
  days,
  from,
  to,
  requested,
  onParameter,
  onDays,
}: {
  section: Section;
  /** Changes when an upload arrived live: the readings are read again. */
  refreshKey: number;
  days: number;
  from: string;
  to: string;
  requested: string | null;
  onParameter: (parameter: string) => void;
  onDays: (days: number) => void;
}) {
  const { t } = useTranslation();
  const parameterLabel = useParameterLabel();
  const classLabel = useWaterClassLabel();
  const counts = PARAMETERS.map((p) => ({ code: p.code, count: section[p.alias]?.totalCount ?? null }));
  const hidden = counts.every((c) => c.count === null);
  const available = counts.filter((c) => (c.count ?? 0) > 0);
  const chosen = counts.find((c) => c.code === requested)?.code ?? available[0]?.code ?? null;
  const { state, retry } = useSectionReadings(section.code, hidden ? null : chosen, from, refreshKey);
  const thresholds = chosen ? thresholdsFor(chosen, section.waterBodyType, section.targetClass) : { kind: 'none' as const };
  const shown = counts.filter((c) => (c.count ?? 0) > 0 || c.code === chosen);

  return (
    <section aria-labelledby="section-readings" className="panel">
      <h2 id="section-readings">{t('sections.readings.title')}</h2>
      {hidden ? (
        <p className="notice notice-warning">{t('sections.readings.notVisible')}</p>
      ) : (
        <>
          <div className="filter-bar">
            <div role="group" aria-label={t('sections.readings.parameter')} className="mode-switch parameter-tabs">
              {shown.map((c) => (
                <button key={c.code} type="button" aria-pressed={c.code === chosen} onClick={() => onParameter(c.code)}>
                  {parameterLabel(c.code)}{' '}({t('sections.readings.count', { count: c.count ?? 0 })})
                </button>
              ))}
            </div>
            <div className="field">
              <label htmlFor="section-period" className="field-label">
                {t('sections.readings.period')}
              </label>
              <select id="section-period" value={days} onChange={(event) => onDays(Number(event.target.value))}>
                {PERIOD_DAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`sections.readings.periodDays.${d}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {chosen === null ? (
            <EmptyState>
              <p>{t('sections.readings.noneInPeriod')}</p>
            </EmptyState>
          ) : (
            <ReadingsBody
              state={state}
              retry={retry}
              parameter={chosen}
              thresholds={thresholds}
              targetLabel={section.targetClass ? classLabel(section.targetClass) : t('sections.detail.noTarget')}
              from={from}
              to={to}
            />
          )}
        </>
      )}
    </section>
  );
}

function ReadingsBody({
  state,
  retry,
  parameter,
  thresholds,
  targetLabel,
  from,
  to,
}: {
  state: ReturnType<typeof useSectionReadings>['state'];
  retry: () => void;
  parameter: string;
  thresholds: ReturnType<typeof thresholdsFor>;
  targetLabel: string;
  from: string;
  to: string;
}) {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const parameterLabel = useParameterLabel();
  if (state.status === 'loading') return <LoadingState label={t('sections.readings.loading', { count: state.count })} />;
  if (state.status === 'error') return <GatewayProblemView problem={describeGatewayError(state.error)} onRetry={retry} onSignIn={() => signIn(i18n.language)} />;
  if (state.status === 'hidden') return <p className="notice notice-warning">{t('sections.readings.notVisible')}</p>;
  if (state.readings.length === 0) {
    return (
      <EmptyState>
        <p>{t('sections.readings.empty')}</p>
      </EmptyState>
    );
  }
  const label = parameterLabel(parameter);
  return (
    <>
      {state.truncated ? <p className="notice notice-warning">{t('sections.readings.truncated', { count: state.readings.length })}</p> : null}
      <ReadingsChart readings={state.readings} thresholds={thresholds} parameterLabel={label} targetLabel={targetLabel} from={from} to={to} />
      <details>
        <summary>
          {t('sections.readings.showTable')} ({t('sections.readings.count', { count: state.readings.length })})
        </summary>
        <ReadingsTable readings={state.readings} caption={t('sections.readings.tableCaption', { parameter: label, from: formatDateTime(from, i18n.language), to: formatDateTime(to, i18n.language) })} />
      </details>
    </>
  );
}

function ReadingsTable({ readings, caption }: { readings: readonly SectionReading[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="readings-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sections.readings.colTime')}</th>
            <th scope="col" className="number">
              {t('sections.readings.colValue')}
            </th>
            <th scope="col">{t('sections.readings.colClass')}</th>
            <th scope="col">{t('sections.readings.colExceeds')}</th>
          </tr>
        </thead>
        <tbody>
          {readings.map((reading) => (
            <tr key={`${reading.sampledAt}-${reading.batchId}`} className={reading.exceedsTarget ? 'row-exceeds' : undefined}>
              <th scope="row" className="nowrap">
                <time dateTime={reading.sampledAt}>{formatDateTime(reading.sampledAt, i18n.language)}</time>
              </th>
              <td className="number">{reading.valueMgL}</td>
              <td>{classLabel(reading.waterClass)}</td>
              <td>{reading.exceedsTarget ? <strong>{t('sections.readings.exceeds')}</strong> : t('sections.readings.withinTarget')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
