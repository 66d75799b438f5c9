// Every page names itself in the tab title (screen readers announce it on navigation), in the current language.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title to "<page> · <app title>". */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const appTitle = t('app.title');
  useEffect(() => {
    document.title = `${page} · ${appTitle}`;
  }, [page, appTitle]);
}
