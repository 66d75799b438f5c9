// One compensation agreement by its code, in any of its versions (a correction is a new version; the newest by
// default, ?version=N for an earlier one), with every term and a link to its assessments.
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { CompensationAgreementVersionDocument } from '../../generated/gql/graphql.ts';
import { RecordQueryState } from '../cases/records.views.tsx';
import { AgreementTerms } from './agreement-terms.view.tsx';
import { RunAssessmentPanel } from './run-assessment.view.tsx';

/** The agreement page (/pollution/compensation/agreements/:code). */
export function AgreementPage() {
  const { t, i18n } = useTranslation();
  const code = useParams()['code'] ?? '';
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('version'));
  const version = Number.isInteger(requested) && requested > 0 ? requested : null;
  const [newest] = useQuery({ query: CompensationAgreementVersionDocument, variables: { code, version: null } });
  const [chosen, reexecute] = useQuery({ query: CompensationAgreementVersionDocument, variables: { code, version }, pause: version === null });
  const result = version === null ? newest : chosen;
  const agreement = result.data?.compensationAgreement ?? null;
  const latest = newest.data?.compensationAgreement?.version ?? agreement?.version ?? 1;
  const english = i18n.language.startsWith('en');
  const user = useSignedInUser();
  const name = agreement ? (english ? agreement.nameEn : agreement.nameZh) : t('compensation.agreements.title');
  usePageTitle(name);
  if (!agreement) return <RecordQueryState fetching={result.fetching} error={result.error} found={false} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <>
      <Link to="/pollution/compensation" className="back-link">
        {t('compensation.agreements.back')}
      </Link>
      <h1>{name}</h1>
      <p className="muted">
        {agreement.code} · {t('compensation.agreements.validity', { from: agreement.validFrom, to: agreement.validTo ?? t('compensation.agreements.openEnded') })}
      </p>
      <div className="filter-bar">
        <div className="field">
          <label htmlFor="agreement-version" className="field-label">
            {t('compensation.agreements.versionLabel')}
          </label>
          <select
            id="agreement-version"
            value={agreement.version}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (Number(event.target.value) === latest) next.delete('version');
              else next.set('version', event.target.value);
              setParams(next, { replace: true });
            }}
          >
            {Array.from({ length: latest }, (_, i) => latest - i).map((v) => (
              <option key={v} value={v}>
                {t('compensation.agreements.version', { version: v })}
              </option>
            ))}
          </select>
        </div>
        <Link to={`/pollution/compensation?agreement=${encodeURIComponent(agreement.code)}`}>{t('compensation.agreements.assessments')}</Link>
      </div>
      <section aria-labelledby="agreement-terms" className="panel">
        <h2 id="agreement-terms">{t('compensation.agreements.terms')}</h2>
        <AgreementTerms agreement={agreement} />
      </section>
      {/* The parties' environmental bureaus run assessments (the service checks again); on the newest version, since
          the period's version in force is the service's to choose. */}
      {user.roles.includes('environment') && agreement.parties.some((party) => party.province === user.province) && agreement.version === latest ? (
        <RunAssessmentPanel agreementCode={agreement.code} defaultKind={agreement.classPayment?.period ?? agreement.changePayment?.period ?? 'ANNUAL'} />
      ) : null}
    </>
  );
}
