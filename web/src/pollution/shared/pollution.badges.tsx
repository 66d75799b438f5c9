// Small pieces every pollution screen shows the same way: the severity badge (national colours: I red, II orange,
// III yellow, IV blue, each with its level in words so colour is never the only cue) and the exercise marker.
import { useTranslation } from 'react-i18next';
import type { IncidentSeverity, PollutionMode } from '../../generated/gql/graphql.ts';
import './pollution.css';

/** The incident level as a coloured badge; `long` adds its name (特别重大…). */
export function SeverityBadge({ severity, long = false }: { severity: IncidentSeverity; long?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity-${severity}`} data-severity={severity}>
      {long ? t(`pollution.severity.${severity}`) : t(`pollution.severityShort.${severity}`)}
    </span>
  );
}

/** Marks an exercise (drill) record; nothing for a real one. */
export function ExerciseTag({ mode }: { mode: PollutionMode }) {
  const { t } = useTranslation();
  if (mode !== 'EXERCISE') return null;
  return <span className="exercise-tag">{t('pollution.mode.EXERCISE')}</span>;
}

/** Switches between real records and exercises (never shown together). */
export function ModeSwitch({ mode, onChange }: { mode: PollutionMode; onChange: (mode: PollutionMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="mode-switch" role="group" aria-label={t('pollution.modeSwitch')}>
      {(['ACTUAL', 'EXERCISE'] as const).map((value) => (
        <button key={value} type="button" aria-pressed={mode === value} onClick={() => onChange(value)}>
          {t(`pollution.mode.${value}`)}
        </button>
      ))}
    </div>
  );
}
