// One compensation agreement by its code, in any of its versions (a correction is a new version; the newest by
// default, ?version=N for an earlier one), with every term and a link to its assessments.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { CompensationAgreementVersionDocument } from '../../generated/gql/graphql.ts';
import { RecordQueryState } from '../cases/records.views.tsx';
import { AgreementTerms } from './agreement-terms.view.tsx';
import { AGREEMENT_TYPENAMES } from './compensation.context.ts';
import type { AgreementPageLocationState } from './agreement-version.page.tsx';
import { RunAssessmentPanel } from './run-assessment.view.tsx';

/** The agreement page (/pollution/compensation/agreements/:code). */
export function AgreementPage() {
  const { t, i18n } = useTranslation();
  const code = useParams()['code'] ?? '';
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('version'));
  const version = Number.isInteger(requested) && requested > 0 ? requested : null;
  const [newest] = useQuery({ query: CompensationAgreementVersionDocument, variables: { code, version: null }, context: AGREEMENT_TYPENAMES });
  const [chosen, reexecute] = useQuery({ query: CompensationAgreementVersionDocument, variables: { code, version }, pause: version === null, context: AGREEMENT_TYPENAMES });
  const result = version === null ? newest : chosen;
  const agreement = result.data?.compensationAgreement ?? null;
  const latest = newest.data?.compensationAgreement?.version ?? agreement?.version ?? 1;
  const english = i18n.language.startsWith('en');
  const user = useSignedInUser();
  const recordedVersion = (useLocation().state as AgreementPageLocationState | null)?.recordedVersion;
  const name = agreement ? (english ? agreement.nameEn : agreement.nameZh) : t('compensation.agreements.title');
  usePageTitle(name);
  // The parties' environmental bureaus assess and correct (the service checks again); on the newest version only, since
  // a period's version in force is the service's to choose and a new version follows the newest.
  const writer = user.roles.includes('environment') && agreement !== null && agreement.parties.some((party) => party.province === user.province) && agreement.version === latest;
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
      {recordedVersion !== undefined && recordedVersion === agreement.version ? (
        <p className="notice notice-success" role="status" data-testid="version-recorded">
          {t('agreementVersion.recorded', { version: recordedVersion })}
        </p>
      ) : null}
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
        {writer ? <Link to={`/pollution/compensation/agreements/${encodeURIComponent(agreement.code)}/new-version`}>{t('agreementVersion.link')}</Link> : null}
      </div>
      <section aria-labelledby="agreement-terms" className="panel">
        <h2 id="agreement-terms">{t('compensation.agreements.terms')}</h2>
        <AgreementTerms agreement={agreement} />
      </section>
      {writer ? (
        <RunAssessmentPanel agreementCode={agreement.code} defaultKind={agreement.classPayment?.period ?? agreement.changePayment?.period ?? 'ANNUAL'} />
      ) : null}
    </>
  );
}
