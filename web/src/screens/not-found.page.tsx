// Unknown addresses, records that are missing or not the user's to read (one page for both: a denied read must look
// exactly like a missing record), and sections of other roles.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../app/page-title.ts';

/** An address the app does not have. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}

/** A record (case, alert, assessment…) that does not exist or that the user may not read — the two look the same. */
export function RecordNotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('recordNotFound.title'));
  return (
    <>
      <h1>{t('recordNotFound.title')}</h1>
      <p>{t('recordNotFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}

/** A section that belongs to roles the user does not hold. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
