// 生态补偿: the compensation agreements the user's province is party to (newest version of each) and their period
// assessments, newest first, a page at a time, followed live (assessmentPublished).
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { EmptyState } from '../../components/status.views.tsx';
import {
  CompensationAssessmentPublishedDocument,
  CompensationOverviewDocument,
  type CompensationAgreementTermsFragment,
  type CompensationAssessmentPublishedSubscription,
  type CompensationAssessmentRowFragment,
} from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { ListQueryState } from '../cases/records.views.tsx';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import { formatShare } from './agreement-terms.view.tsx';
import { AGREEMENT_TYPENAMES } from './compensation.context.ts';
import { formatFen } from './money.format.ts';

/** Assessments per page. */
export const ASSESSMENTS_PAGE_SIZE = 20;

/** The compensation page. */
export function CompensationOverviewPage({ reconnectDelaysMs }: { reconnectDelaysMs?: readonly number[] }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('compensation.title'));
  const [params, setParams] = useSearchParams();
  const agreementCode = params.get('agreement') || null;
  const includeSuperseded = params.get('superseded') === '1';
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors.at(-1) ?? null;
  // The latest publication, named when drawn: an event can come before the agreements (and so their names) are read.
  const [published, setPublished] = useState<{ agreementCode: string; periodLabel: string } | null>(null);
  const variables = useMemo(() => ({ agreementCode, includeSuperseded, first: ASSESSMENTS_PAGE_SIZE, after }), [agreementCode, includeSuperseded, after]);
  const [result, reexecute] = useQuery({ query: CompensationOverviewDocument, variables, requestPolicy: 'cache-and-network', context: AGREEMENT_TYPENAMES });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const agreements = result.data?.compensationAgreements;
  const english = i18n.language.startsWith('en');
  const agreementName = useCallback(
    (code: string) => {
      const found = agreements?.find((a) => a.code === code);
      return found ? (english ? found.nameEn : found.nameZh) : code;
    },
    [agreements, english],
  );
  const onEvent = useCallback(
    (data: CompensationAssessmentPublishedSubscription) => {
      setPublished({ agreementCode: data.assessmentPublished.agreementCode, periodLabel: data.assessmentPublished.periodLabel });
      refresh();
    },
    [refresh],
  );
  const announcement = published ? t('compensation.assessments.published', { agreement: agreementName(published.agreementCode), period: published.periodLabel }) : '';
  const { stream, reconnect } = useLiveSubscription(
    CompensationAssessmentPublishedDocument,
    { agreementCode: null },
    { onEvent, onResumed: refresh, eventIdOf: (data) => data.assessmentPublished.eventId, ...(reconnectDelaysMs ? { reconnectDelaysMs } : {}) },
  );
  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
    setCursors([null]);
  };
  const connection = result.data?.compensationAssessments;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  const firstIndex = (cursors.length - 1) * ASSESSMENTS_PAGE_SIZE;

  return (
    <>
      <div className="page-header">
        <h1>{t('compensation.title')}</h1>
        <LiveStatus stream={stream} onReconnect={reconnect} testId="live-status" />
      </div>
      <p className="lead">{t('compensation.lead')}</p>
      <div className="visually-hidden" aria-live="polite" data-testid="assessment-announcement">
        {announcement}
      </div>
      <ListQueryState fetching={result.fetching} error={result.error} hasData={result.data !== undefined} onRetry={refresh} />
      {agreements ? (
        <section aria-labelledby="agreements-title" className="panel">
          <h2 id="agreements-title">{t('compensation.agreements.title')}</h2>
          {agreements.length === 0 ? (
            <EmptyState>
              <p>{t('compensation.agreements.empty')}</p>
            </EmptyState>
          ) : (
            <ul className="card-list">
              {agreements.map((agreement) => (
                <AgreementCard key={agreement.code} agreement={agreement} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {connection ? (
        <section aria-labelledby="assessments-title" className="panel">
          <h2 id="assessments-title">{t('compensation.assessments.title')}</h2>
          <div className="filter-bar">
            <div className="field">
              <label htmlFor="assessment-agreement" className="field-label">
                {t('compensation.assessments.agreement')}
              </label>
              <select id="assessment-agreement" value={agreementCode ?? ''} onChange={(event) => setFilter('agreement', event.target.value || null)}>
                <option value="">{t('compensation.assessments.allAgreements')}</option>
                {(agreements ?? []).map((agreement) => (
                  <option key={agreement.code} value={agreement.code}>
                    {english ? agreement.nameEn : agreement.nameZh}
                  </option>
                ))}
              </select>
            </div>
            <label>
              <input type="checkbox" checked={includeSuperseded} onChange={(event) => setFilter('superseded', event.target.checked ? '1' : null)} />{' '}
              {t('compensation.assessments.includeSuperseded')}
            </label>
          </div>
          {rows.length === 0 ? (
            <EmptyState>
              <p>{t('compensation.assessments.empty')}</p>
            </EmptyState>
          ) : (
            <>
              <div className="table-scroll">
                <table className="data-table">
                  <caption>
                    {t('compensation.assessments.title')} · {t('compensation.assessments.range', { from: firstIndex + 1, to: firstIndex + rows.length, total: connection.totalCount })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('compensation.assessments.colPeriod')}</th>
                      <th scope="col">{t('compensation.assessments.colAgreement')}</th>
                      <th scope="col">{t('compensation.assessments.colNet')}</th>
                      <th scope="col">{t('compensation.assessments.colComputed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <AssessmentRow key={row.id} row={row} agreementName={agreementName(row.agreementCode)} />
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label={t('cases.list.pages')}>
                <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  {t('cases.list.previous')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
                  onClick={() => setCursors((c) => [...c, connection.pageInfo.endCursor ?? null])}
                >
                  {t('cases.list.next')}
                </button>
              </nav>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

function AgreementCard({ agreement }: { agreement: CompensationAgreementTermsFragment }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const side = (role: 'UPSTREAM' | 'DOWNSTREAM') =>
    agreement.parties
      .filter((p) => p.role === role)
      .map((p) => `${provinceName(p.province, i18n.language)} ${formatShare(p.shareBasisPoints)}`)
      .join(t('pollution.province.and'));
  return (
    <li>
      <h3>
        <Link to={`/pollution/compensation/agreements/${encodeURIComponent(agreement.code)}`}>{english ? agreement.nameEn : agreement.nameZh}</Link>{' '}
        <span className="tag">{t('compensation.agreements.version', { version: agreement.version })}</span>
      </h3>
      <p className="muted">
        {sectionName(agreement.section, i18n.language, t)} · {t('compensation.agreements.validity', { from: agreement.validFrom, to: agreement.validTo ?? t('compensation.agreements.openEnded') })}
      </p>
      <p>
        {t('compensation.agreements.sides', { upstream: side('UPSTREAM'), downstream: side('DOWNSTREAM') })}
      </p>
    </li>
  );
}

function AssessmentRow({ row, agreementName }: { row: CompensationAssessmentRowFragment; agreementName: string }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-assessment-id={row.assessmentId}>
      <th scope="row">
        <Link to={`/pollution/compensation/assessments/${encodeURIComponent(row.id)}`}>{row.periodLabel}</Link>
        {row.superseded ? <span className="tag tag-warn">{t('compensation.assessments.superseded')}</span> : null}
      </th>
      <td>{agreementName}</td>
      <td>
        <NetTransfers transfers={row.netTransfers} />
      </td>
      <td className="nowrap">
        <time dateTime={row.computedAt}>{formatDateTime(row.computedAt, i18n.language)}</time>
        <div className="muted">{provinceList(row.partyProvinces, i18n.language, t('pollution.province.and'))}</div>
      </td>
    </tr>
  );
}

/** Who finally pays whom, or "nobody pays". */
export function NetTransfers({ transfers, large = false }: { transfers: CompensationAssessmentRowFragment['netTransfers']; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const paid = transfers.filter((transfer) => transfer.amount && transfer.amount.fen !== '0');
  if (paid.length === 0) return <span>{t('compensation.assessments.nobodyPays')}</span>;
  return (
    <ul className="plain-list">
      {paid.map((transfer) => (
        <li key={`${transfer.payer}-${transfer.payee}`} className={large ? 'transfer' : undefined}>
          {t('compensation.assessment.transfer', { payer: provinceName(transfer.payer, i18n.language), payee: provinceName(transfer.payee, i18n.language) })}{' '}
          <span className="money">{formatFen(transfer.amount?.fen ?? '0')}</span>
        </li>
      ))}
    </ul>
  );
}
