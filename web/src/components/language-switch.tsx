// Chinese / English, as two toggle buttons (each labelled in its own language, so either reader finds theirs).
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n/i18n.ts';

/** The language switch of the header and the sign-in page. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void changeLanguage(i18n, language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
