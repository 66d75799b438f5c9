// A section that is not built yet says so plainly; it shows no made-up data.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../app/page-title.ts';
import { EmptyState } from '../components/status.views.tsx';
import type { NavSection } from '../navigation/navigation.model.ts';

/** The page of a section that is coming. */
export default function ComingSoonPage({ section }: { section: NavSection }) {
  const { t } = useTranslation();
  const title = t(`nav.${section.labelKey}`);
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <EmptyState badge={t('comingSoon.badge')}>
        <p>{t('comingSoon.body', { section: title })}</p>
        <p>
          <Link to="/">{t('comingSoon.back')}</Link>
        </p>
      </EmptyState>
    </>
  );
}
