// 监测断面: every cross-boundary monitoring section (reference data every signed-in user reads) with its river, the
// provinces upstream and downstream, and its target class.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../app/page-title.ts';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import { EmptyState } from '../../components/status.views.tsx';
import { MonitoringSectionListDocument } from '../../generated/gql/graphql.ts';
import { ListQueryState, useWaterClassLabel } from '../cases/records.views.tsx';
import { provinceList } from '../shared/pollution.format.ts';

/** The section list page. */
export function SectionListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('sections.title'));
  const classLabel = useWaterClassLabel();
  const [result, reexecute] = useQuery({ query: MonitoringSectionListDocument });
  const sections = result.data?.pollutionSections;
  const english = i18n.language.startsWith('en');
  const and = t('pollution.province.and');
  const user = useSignedInUser();
  return (
    <>
      <div className="page-header">
        <h1>{t('sections.title')}</h1>
        {user.roles.includes('environment') ? (
          <Link className="button button-primary" to="/pollution/sections/upload">
            {t('upload.open')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('sections.lead')}</p>
      <ListQueryState fetching={result.fetching} error={result.error} hasData={sections !== undefined} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {sections ? (
        sections.length === 0 ? (
          <EmptyState>
            <p>{t('sections.list.empty')}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t('sections.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sections.list.colSection')}</th>
                  <th scope="col">{t('sections.list.colRiver')}</th>
                  <th scope="col">{t('sections.list.colUpstream')}</th>
                  <th scope="col">{t('sections.list.colDownstream')}</th>
                  <th scope="col">{t('sections.list.colTarget')}</th>
                </tr>
              </thead>
              <tbody>
                {sections.map((section) => (
                  <tr key={section.code} data-section={section.code}>
                    <th scope="row">
                      <Link to={`/pollution/sections/${encodeURIComponent(section.code)}`}>{english ? section.nameEn : section.nameZh}</Link>
                      {section.nationalControl ? <span className="tag">{t('pollution.nationalControl')}</span> : null}
                      {section.waterBodyType === 'LAKE_RESERVOIR' ? <span className="tag">{t('sections.list.lake')}</span> : null}
                    </th>
                    <td>{english ? section.riverNameEn : section.riverNameZh}</td>
                    <td>{provinceList(section.upstreamProvinces, i18n.language, and)}</td>
                    <td>{provinceList(section.downstreamProvinces, i18n.language, and)}</td>
                    <td>{section.targetClass ? classLabel(section.targetClass) : t('sections.detail.noTarget')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}
