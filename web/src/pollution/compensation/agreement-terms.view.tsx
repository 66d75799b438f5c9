// One version of a compensation agreement with every figure the assessments use: parties and their shares, the class
// payment and the change payment (period, baseline, pollutants, amounts, caps, rounding), settlement and where each
// figure comes from. Amounts are whole fen, shown as yuan.
import { useTranslation } from 'react-i18next';
import type { CompensationAgreementTermsFragment } from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { useWaterClassLabel } from '../cases/records.views.tsx';
import { OriginalText } from '../shared/original-text.tsx';
import { sectionName } from '../shared/pollution.format.ts';
import { CodeOrText, CodeText, useCodeText, useTermLabel } from './compensation.labels.tsx';
import { formatFen } from './money.format.ts';

type Agreement = CompensationAgreementTermsFragment;

/** An amount, or "no cap"/the dash when there is none. */
export function Money({ fen, none }: { fen: string | null | undefined; none?: string }) {
  const { t } = useTranslation();
  return <span className="money">{fen ? formatFen(fen) : (none ?? t('cases.notSet'))}</span>;
}

/** A share in basis points as a percentage (5000 → 50%), without floating point. */
export function formatShare(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** The agreement's parties: side and share. */
export function AgreementParties({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="data-table">
      <caption>{t('compensation.agreements.parties')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compensation.agreements.colProvince')}</th>
          <th scope="col">{t('compensation.agreements.colRole')}</th>
          <th scope="col" className="number">
            {t('compensation.agreements.colShare')}
          </th>
        </tr>
      </thead>
      <tbody>
        {agreement.parties.map((party) => (
          <tr key={`${party.role}-${party.province}`}>
            <th scope="row">{provinceName(party.province, i18n.language)}</th>
            <td>{t(`compensation.agreements.role.${party.role}`)}</td>
            <td className="number">{formatShare(party.shareBasisPoints)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every term of the agreement version. */
export function AgreementTerms({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const classLabel = useWaterClassLabel();
  const parameterList = (codes: readonly string[]) => codes.map((code) => (i18n.exists(`pollution.parameter.${code}`) ? t(`pollution.parameter.${code}` as 'pollution.parameter.COD') : code)).join(t('pollution.province.and'));
  const termLabel = useTermLabel();
  const codeText = useCodeText();
  const classPayment = agreement.classPayment;
  const changePayment = agreement.changePayment;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('compensation.agreements.section')}</dt>
          <dd>{sectionName(agreement.section, i18n.language, t)}</dd>
        </div>
        <div>
          <dt>{t('compensation.agreements.standard')}</dt>
          <dd>{agreement.standardId}</dd>
        </div>
        <div>
          <dt>{t('compensation.agreements.settlement')}</dt>
          <dd>
            <CodeOrText group="settlement" value={agreement.settlement} />
          </dd>
        </div>
        <div>
          <dt>{t('compensation.agreements.fenRounding')}</dt>
          <dd>
            <CodeText group="roundingMode" code={agreement.fenRounding} />
          </dd>
        </div>
      </dl>
      <AgreementParties agreement={agreement} />
      <h3>{t('compensation.agreements.classPayment')}</h3>
      {classPayment ? (
        <dl className="facts">
          <div>
            <dt>{t('compensation.agreements.baseline')}</dt>
            <dd>
              {classLabel(classPayment.baselineClass)} · {t(`compensation.agreements.period.${classPayment.period}`)}
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.parameters')}</dt>
            <dd>{parameterList(classPayment.parameters)}</dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.perClassStep')}</dt>
            <dd>
              <Money fen={classPayment.amountPerClassStep?.fen} />
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.cap')}</dt>
            <dd>
              <Money fen={classPayment.capPerPeriod?.fen} none={t('compensation.agreements.noCap')} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('compensation.agreements.notIncluded')}</p>
      )}
      <h3>{t('compensation.agreements.changePayment')}</h3>
      {changePayment ? (
        <dl className="facts">
          <div>
            <dt>{t('compensation.agreements.pollutants')}</dt>
            <dd>
              {parameterList(changePayment.pollutants)} · {t(`compensation.agreements.period.${changePayment.period}`)}
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.indexFormula')}</dt>
            <dd>
              <CodeText group="indexFormula" code={changePayment.indexFormula} />
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.comparison')}</dt>
            <dd>
              <CodeOrText group="comparison" value={changePayment.comparison} />
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.changeMeasure')}</dt>
            <dd>
              <CodeText group="changeMeasure" code={changePayment.changeMeasure} />
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.rounding')}</dt>
            <dd>{t('compensation.agreements.roundingValue', { decimals: changePayment.pointRoundingDecimals, mode: codeText('roundingMode', changePayment.pointRoundingMode) })}</dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.perPoint')}</dt>
            <dd>
              <Money fen={changePayment.amountPerPoint?.fen} />
            </dd>
          </div>
          <div>
            <dt>{t('compensation.agreements.cap')}</dt>
            <dd>
              <Money fen={changePayment.capPerPeriod?.fen} none={t('compensation.agreements.noCap')} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('compensation.agreements.notIncluded')}</p>
      )}
      {agreement.provenance.length > 0 ? (
        <details>
          <summary>{t('compensation.agreements.provenance')}</summary>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('compensation.agreements.colField')}</th>
                  <th scope="col">{t('compensation.agreements.colSource')}</th>
                  <th scope="col">{t('compensation.agreements.colNote')}</th>
                </tr>
              </thead>
              <tbody>
                {agreement.provenance.map((item) => {
                  const term = termLabel(item.field);
                  return (
                    <tr key={item.field}>
                      {/* A term this app cannot name keeps the service's field path, which a reviewer can still look up. */}
                      <th scope="row">{term ?? <code lang="en">{item.field}</code>}</th>
                      <td>
                        <CodeText group="source" code={item.source} />
                      </td>
                      <td>
                        <OriginalText text={item.note} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </>
  );
}
