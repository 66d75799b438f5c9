// 我的权限: who the gateway says the user is and, per domain, what they may read and do (the `me` query).
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePageTitle } from '../app/page-title.ts';
import { useAuth } from '../auth/auth.context.tsx';
import { EmptyState, GatewayProblemView, LoadingState } from '../components/status.views.tsx';
import { MeDocument, type MeQuery } from '../generated/gql/graphql.ts';
import { describeGatewayError } from '../graphql/graphql.client.ts';
import { provinceName } from '../reference/provinces.ts';

type Me = NonNullable<MeQuery['me']>;
type Permission = Me['permissions'][number];

/** The permissions page. */
export default function MePage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  usePageTitle(t('me.title'));
  const [result, reexecute] = useQuery({ query: MeDocument, requestPolicy: 'cache-and-network' });
  let body;
  if (result.fetching && !result.data) body = <LoadingState />;
  else if (result.error && !result.data)
    body = (
      <GatewayProblemView
        problem={describeGatewayError(result.error)}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        onSignIn={() => signIn(i18n.language)}
      />
    );
  else if (!result.data?.me)
    body = (
      <EmptyState>
        <p>{t('me.empty')}</p>
      </EmptyState>
    );
  else body = <MeDetails me={result.data.me} />;
  return (
    <>
      <h1>{t('me.title')}</h1>
      <p className="lead">{t('me.lead')}</p>
      {body}
    </>
  );
}

function MeDetails({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const roles = me.roles.map((role) => t(`role.${role.toLowerCase() as 'liaison'}`)).join('、') || t('role.none');
  return (
    <>
      <section aria-labelledby="me-identity" className="panel">
        <h2 id="me-identity">{t('me.identity')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('me.username')}</dt>
            <dd lang="en">{me.username}</dd>
          </div>
          <div>
            <dt>{t('me.province')}</dt>
            <dd>
              {provinceName(me.province, i18n.language)} <span className="muted">({me.province})</span>
            </dd>
          </div>
          <div>
            <dt>{t('me.agency')}</dt>
            <dd lang="zh-CN">{me.agency}</dd>
          </div>
          <div>
            <dt>{t('me.roles')}</dt>
            <dd>{roles}</dd>
          </div>
          <div>
            <dt>{t('me.scope')}</dt>
            <dd>{me.national ? t('me.national') : t('me.provincial')}</dd>
          </div>
          <div>
            <dt>{t('me.referenceData')}</dt>
            <dd>{me.managesReferenceData ? t('me.yes') : t('me.no')}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="me-permissions" className="panel">
        <h2 id="me-permissions">{t('me.permissions')}</h2>
        {me.permissions.length === 0 ? (
          <EmptyState>
            <p>{t('me.none')}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('me.domain')}</th>
                  <th scope="col">{t('me.reach')}</th>
                  <th scope="col">{t('me.reads')}</th>
                  <th scope="col">{t('me.writes')}</th>
                </tr>
              </thead>
              <tbody>
                {me.permissions.map((permission) => (
                  <PermissionRow key={permission.domain} permission={permission} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function PermissionRow({ permission }: { permission: Permission }) {
  const { t, i18n } = useTranslation();
  // Codes the locale files do not know yet (a newer gateway) are shown as they are rather than hidden.
  const label = (group: 'part' | 'action', code: string) => {
    const key = `${group}.${permission.domain}.${code}`;
    return i18n.exists(key) ? t(key as 'part.POLLUTION.full') : code;
  };
  const list = (group: 'part' | 'action', codes: readonly string[]) =>
    codes.length === 0 ? (
      <span className="muted">{t('me.none')}</span>
    ) : (
      <ul className="plain-list">
        {codes.map((code) => (
          <li key={code}>{label(group, code)}</li>
        ))}
      </ul>
    );
  return (
    <tr data-domain={permission.domain}>
      <th scope="row">{t(`domain.${permission.domain}`)}</th>
      <td>{t(`reach.${permission.reach}`)}</td>
      <td>{list('part', permission.readableParts)}</td>
      <td>{list('action', permission.writeActions)}</td>
    </tr>
  );
}
