// One compensation assessment: who finally pays whom, whether it reproduces from its stored inputs, the class and
// change payments, the payments by part, the period means, and every step of the arithmetic as the service stored it.
// Amounts are whole fen shown as yuan; nothing here computes with money. Followed live: a newer assessment of the
// same period (assessmentPublished superseding this one) updates the page and says so.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import {
  CompensationAssessmentByIdDocument,
  CompensationAssessmentPublishedDocument,
  type CompensationAssessmentByIdQuery,
  type CompensationAssessmentPublishedSubscription,
} from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { RecordQueryState, useParameterLabel, useWaterClassLabel } from '../cases/records.views.tsx';
import { LiveStatus, useLiveSubscription } from '../shared/live-subscription.tsx';
import { OriginalText } from '../shared/original-text.tsx';
import { formatDateTime } from '../shared/pollution.format.ts';
import { AgreementTerms, Money } from './agreement-terms.view.tsx';
import { useAlgorithmName, useNotAppliedReason, useStepValueText } from './compensation.labels.tsx';
import { NetTransfers } from './compensation-overview.page.tsx';

type Assessment = NonNullable<CompensationAssessmentByIdQuery['compensationAssessment']>;

/** The assessment page (/pollution/compensation/assessments/:id). */
export function AssessmentDetailPage({ reconnectDelaysMs }: { reconnectDelaysMs?: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const id = useParams()['id'] ?? '';
  const [result, reexecute] = useQuery({ query: CompensationAssessmentByIdDocument, variables: { id } });
  const assessment = result.data?.compensationAssessment ?? null;
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [newer, setNewer] = useState(false);
  const onEvent = useCallback(
    (data: CompensationAssessmentPublishedSubscription) => {
      if (assessment && data.assessmentPublished.supersedesAssessmentId === assessment.assessmentId) {
        setNewer(true);
        refresh();
      }
    },
    [assessment, refresh],
  );
  const { stream, reconnect } = useLiveSubscription(
    CompensationAssessmentPublishedDocument,
    { agreementCode: assessment?.agreementCode ?? null },
    { onEvent, onResumed: refresh, eventIdOf: (data) => data.assessmentPublished.eventId, enabled: assessment !== null, ...(reconnectDelaysMs ? { reconnectDelaysMs } : {}) },
  );
  const english = i18n.language.startsWith('en');
  const agreementName = assessment?.agreement ? (english ? assessment.agreement.nameEn : assessment.agreement.nameZh) : (assessment?.agreementCode ?? '');
  const title = assessment ? t('compensation.assessment.title', { agreement: agreementName, period: assessment.periodLabel }) : t('compensation.title');
  usePageTitle(title);

  if (!assessment) return <RecordQueryState fetching={result.fetching} error={result.error} found={false} onRetry={refresh} />;
  return (
    <>
      <Link to="/pollution/compensation" className="back-link">
        {t('compensation.assessment.back')}
      </Link>
      <div className="page-header">
        <h1>{title}</h1>
        <LiveStatus stream={stream} onReconnect={reconnect} testId="live-status" />
      </div>
      <div aria-live="polite">{newer ? <p className="notice notice-warning">{t('compensation.assessment.newerPublished')}</p> : null}</div>
      {assessment.superseded ? (
        <p className="notice notice-warning">
          {t('compensation.assessment.supersededNotice')}{' '}
          {assessment.supersededBy ? (
            <Link to={`/pollution/compensation/assessments/${encodeURIComponent(assessment.supersededBy.id)}`}>
              {t('compensation.assessment.supersededBy', { period: assessment.supersededBy.periodLabel })}
            </Link>
          ) : null}
        </p>
      ) : null}
      <section aria-labelledby="assessment-net" className="panel">
        <h2 id="assessment-net">{t('compensation.assessment.net')}</h2>
        <NetTransfers transfers={assessment.netTransfers} large />
      </section>
      <Verification assessment={assessment} />
      <Facts assessment={assessment} agreementName={agreementName} />
      <div className="detail-grid">
        <ClassPayment assessment={assessment} />
        <ChangePayment assessment={assessment} />
      </div>
      <Transfers assessment={assessment} />
      <Means assessment={assessment} />
      <Breakdown assessment={assessment} />
      {assessment.agreement ? (
        <section aria-labelledby="assessment-agreement" className="panel">
          <h2 id="assessment-agreement">{t('compensation.agreements.terms')}</h2>
          <AgreementTerms agreement={assessment.agreement} />
        </section>
      ) : null}
    </>
  );
}

function Verification({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const v = assessment.verification;
  return (
    <section aria-labelledby="assessment-verification" className="panel">
      <h2 id="assessment-verification">{t('compensation.assessment.verification')}</h2>
      <p className={v.reproduced ? 'verification-ok' : 'verification-failed'} data-testid="verification">
        {v.reproduced ? t('compensation.assessment.reproduced') : t('compensation.assessment.notReproduced')}
      </p>
      <p>{v.readingsUnchanged ? t('compensation.assessment.readingsUnchanged') : t('compensation.assessment.readingsChanged')}</p>
      <dl className="facts">
        <div>
          <dt>{t('compensation.assessment.storedDigest')}</dt>
          <dd className="hash">{v.storedDigest}</dd>
        </div>
        <div>
          <dt>{t('compensation.assessment.recomputedDigest')}</dt>
          <dd className="hash">{v.recomputedDigest}</dd>
        </div>
      </dl>
      {v.differences.length > 0 ? (
        <>
          <h3>{t('compensation.assessment.differences')}</h3>
          <ul className="plain-list">
            {v.differences.map((difference) => (
              <li key={difference}>
                <OriginalText text={difference} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Facts({ assessment, agreementName }: { assessment: Assessment; agreementName: string }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const algorithmName = useAlgorithmName();
  const period = assessment.period;
  return (
    <section aria-labelledby="assessment-facts" className="panel">
      <h2 id="assessment-facts">{t('compensation.assessment.facts')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('compensation.assessment.period')}</dt>
          <dd>{period ? t(`compensation.assessment.periodKind.${period.kind}`, { year: period.year, month: period.month ?? '' }) : assessment.periodLabel}</dd>
        </div>
        <div>
          <dt>{t('compensation.assessment.agreement')}</dt>
          <dd>
            <Link to={`/pollution/compensation/agreements/${encodeURIComponent(assessment.agreementCode)}?version=${assessment.agreementVersion}`}>{agreementName}</Link>{' '}
            <span className="muted">{t('compensation.assessment.agreementVersion', { code: assessment.agreementCode, version: assessment.agreementVersion })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('compensation.assessment.algorithm')}</dt>
          <dd>
            {algorithmName(assessment.algorithm) ?? <OriginalText text={assessment.algorithm} />}
            {/* The identifier itself is what a reviewer quotes to re-run the calculation. */}
            {algorithmName(assessment.algorithm) ? (
              <>
                {' '}
                <code className="muted" lang="en">
                  {assessment.algorithm}
                </code>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('compensation.assessment.computed')}</dt>
          <dd>
            {t('compensation.assessment.computedBy', {
              user: assessment.computedBy?.username ?? '',
              province: assessment.computedBy ? provinceName(assessment.computedBy.province, i18n.language) : '',
              at: formatDateTime(assessment.computedAt, i18n.language),
            })}
          </dd>
        </div>
        {assessment.officialClass ? (
          <div>
            <dt>{t('compensation.assessment.officialClass')}</dt>
            <dd>
              {classLabel(assessment.officialClass.waterClass)} · {t('compensation.assessment.officialClassSource')}
              <OriginalText text={assessment.officialClass.source} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('compensation.assessment.inputDigest')}</dt>
          <dd className="hash">{assessment.inputDigest}</dd>
        </div>
      </dl>
    </section>
  );
}

function ClassPayment({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const labelOr = useLabelOr();
  const classLabel = useWaterClassLabel();
  const parameterLabel = useParameterLabel();
  const part = assessment.classPayment;
  return (
    <section aria-labelledby="assessment-class" className="panel">
      <h2 id="assessment-class">{t('compensation.assessment.classPayment')}</h2>
      {!part ? (
        <p className="muted">{t('compensation.agreements.notIncluded')}</p>
      ) : !part.applied ? (
        <NotApplied reason={part.reason} />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('compensation.assessment.judgedClass')}</dt>
              <dd>
                {classLabel(part.judgedClass)} <span className="muted">({labelOr(`compensation.assessment.classSource.${part.classSource}`, part.classSource)})</span>
              </dd>
            </div>
            <div>
              <dt>{t('compensation.assessment.baselineClass')}</dt>
              <dd>{classLabel(part.baselineClass)}</dd>
            </div>
            <div>
              <dt>{t('compensation.assessment.classSteps')}</dt>
              <dd>{part.classSteps}</dd>
            </div>
            <div>
              <dt>{t('compensation.assessment.amount')}</dt>
              <dd>
                <Money fen={part.amount?.fen} /> · {t(`compensation.assessment.direction.${part.direction ?? 'NONE'}`)}
              </dd>
            </div>
            {part.uncapped && part.uncapped.fen !== part.amount?.fen ? (
              <div>
                <dt>{t('compensation.assessment.uncapped')}</dt>
                <dd>
                  <Money fen={part.uncapped.fen} /> · {t('compensation.assessment.capped')}
                </dd>
              </div>
            ) : null}
          </dl>
          {part.perParameter.length > 0 ? (
            <table className="data-table">
              <caption>{t('compensation.assessment.perParameter')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('compensation.assessment.colParameter')}</th>
                  <th scope="col" className="number">
                    {t('compensation.assessment.colMean')}
                  </th>
                  <th scope="col">{t('compensation.assessment.colClass')}</th>
                </tr>
              </thead>
              <tbody>
                {part.perParameter.map((p) => (
                  <tr key={p.parameter}>
                    <th scope="row">{parameterLabel(p.parameter)}</th>
                    <td className="number">{p.meanMgL}</td>
                    <td>{classLabel(p.waterClass)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}

function ChangePayment({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const part = assessment.changePayment;
  return (
    <section aria-labelledby="assessment-change" className="panel">
      <h2 id="assessment-change">{t('compensation.assessment.changePayment')}</h2>
      {!part ? (
        <p className="muted">{t('compensation.agreements.notIncluded')}</p>
      ) : !part.applied ? (
        <NotApplied reason={part.reason} />
      ) : (
        <dl className="facts">
          <div>
            <dt>{t('compensation.assessment.indexCurrent')}</dt>
            <dd className="number">{part.indexCurrent}</dd>
          </div>
          <div>
            <dt>{t('compensation.assessment.indexComparison')}</dt>
            <dd className="number">{part.indexComparison}</dd>
          </div>
          <div>
            <dt>{t('compensation.assessment.changePoints')}</dt>
            <dd>{part.changePoints}</dd>
          </div>
          <div>
            <dt>{t('compensation.assessment.paidPoints')}</dt>
            <dd>{part.paidPoints}</dd>
          </div>
          <div>
            <dt>{t('compensation.assessment.amount')}</dt>
            <dd>
              <Money fen={part.amount?.fen} /> · {t(`compensation.assessment.direction.${part.direction ?? 'NONE'}`)}
            </dd>
          </div>
          {part.capped ? (
            <div>
              <dt>{t('compensation.assessment.uncapped')}</dt>
              <dd>
                <Money fen={part.uncapped?.fen} /> · {t('compensation.assessment.capped')} (<Money fen={part.cap?.fen} />)
              </dd>
            </div>
          ) : null}
        </dl>
      )}
    </section>
  );
}

function Transfers({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const labelOr = useLabelOr();
  if (assessment.transfers.length === 0) return null;
  return (
    <section aria-labelledby="assessment-transfers" className="panel">
      <h2 id="assessment-transfers">{t('compensation.assessment.transfers')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('compensation.assessment.colPart')}</th>
              <th scope="col">{t('compensation.assessment.colPayer')}</th>
              <th scope="col">{t('compensation.assessment.colPayee')}</th>
              <th scope="col" className="number">
                {t('compensation.assessment.colAmount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {assessment.transfers.map((transfer, index) => (
              <tr key={`${transfer.part}-${transfer.payer}-${transfer.payee}-${index}`}>
                <th scope="row">{transfer.part ? labelOr(`compensation.assessment.part.${transfer.part}`, transfer.part) : t('cases.notSet')}</th>
                <td>{provinceName(transfer.payer, i18n.language)}</td>
                <td>{provinceName(transfer.payee, i18n.language)}</td>
                <td className="number">
                  <Money fen={transfer.amount?.fen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Means({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const parameterLabel = useParameterLabel();
  const current = assessment.current?.means ?? [];
  const comparison = new Map((assessment.comparison?.means ?? []).map((m) => [m.parameter, m]));
  if (current.length === 0) return null;
  return (
    <section aria-labelledby="assessment-means" className="panel">
      <h2 id="assessment-means">{t('compensation.assessment.means')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('compensation.assessment.colParameter')}</th>
              <th scope="col" className="number">
                {t('compensation.assessment.current')} · {t('compensation.assessment.colMean')}
              </th>
              <th scope="col" className="number">
                {t('compensation.assessment.colDays')}
              </th>
              <th scope="col" className="number">
                {t('compensation.assessment.comparison')} · {t('compensation.assessment.colMean')}
              </th>
            </tr>
          </thead>
          <tbody>
            {current.map((mean) => (
              <tr key={mean.parameter}>
                <th scope="row">{parameterLabel(mean.parameter)}</th>
                <td className="number">{mean.meanMgL}</td>
                <td className="number">{mean.days}</td>
                <td className="number">{comparison.get(mean.parameter)?.meanMgL ?? t('cases.notSet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Breakdown({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const labelOr = useLabelOr();
  const stepValue = useStepValueText();
  return (
    <section aria-labelledby="assessment-breakdown" className="panel">
      <h2 id="assessment-breakdown">{t('compensation.assessment.breakdown')}</h2>
      <p className="muted">{t('compensation.assessment.breakdownLead')}</p>
      <ol className="breakdown-steps">
        {assessment.breakdown.map((step) => (
          <li key={step.step} data-step={step.step}>
            <h3>{t('compensation.assessment.step', { step: step.step, part: labelOr(`compensation.assessment.breakdownPart.${step.part}`, step.part) })}</h3>
            <p>
              <OriginalText text={step.description} />
            </p>
            {step.formula ? (
              <p>
                {t('compensation.assessment.formula')}
                <code className="breakdown-formula" lang="en">{step.formula}</code>
              </p>
            ) : null}
            {step.values.length > 0 ? (
              <dl className="breakdown-values">
                {step.values.map((value) => (
                  <div key={value.name}>
                    <dt>{stepValue.name(value.name)}</dt>
                    <dd>{stepValue.value(value.value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

// The service says why in English; a reason this app knows is named, another is quoted as the original.
function NotApplied({ reason }: { reason: string | null | undefined }) {
  const { t } = useTranslation();
  const known = useNotAppliedReason()(reason ?? '');
  if (known) return <p>{t('compensation.assessment.notApplied', { reason: known })}</p>;
  return (
    <p>
      {t('compensation.assessment.notAppliedOther')}
      {reason ? <OriginalText text={reason} /> : t('cases.notSet')}
    </p>
  );
}

/** A translation when the key exists, else the raw value (a code a newer service may add). */
function useLabelOr(): (key: string, fallback: string) => string {
  const { t, i18n } = useTranslation();
  return (key, fallback) => (i18n.exists(key) ? t(key as 'cases.notSet') : fallback);
}
