// Shown instead of the app when its configuration is missing or invalid: every variable at fault, and why.
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../config.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';

/** Lists every configuration variable that is missing or invalid. */
export function ConfigErrorPage({ issues }: { issues: readonly ConfigIssue[] }) {
  const { t } = useTranslation();
  return (
    <div className="sign-in-layout">
      <header className="sign-in-header">
        <p className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="sign-in-main">
        <section className="sign-in-card state-error" role="alert" aria-labelledby="config-title">
          <h1 id="config-title">{t('config.title')}</h1>
          <p>{t('config.body')}</p>
          <ul className="config-issues">
            {issues.map((issue) => (
              <li key={issue.variable}>
                <code>{issue.variable}</code>: {t(`config.${issue.problem}`)}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
