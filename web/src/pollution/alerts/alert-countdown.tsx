// The time left to acknowledge an alert (its escalation deadline), ticking every second, or how long it is overdue.
// Not a live region: a screen reader would otherwise read it every second; the deadline itself is in the text.
import { useTranslation } from 'react-i18next';
import { formatDateTime, splitDuration } from '../shared/pollution.format.ts';
import { useNow } from '../shared/use-now.ts';

/** "2 hours 5 min" style text for a duration, at most two units. */
export function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms: number) => {
    const { days, hours, minutes, seconds } = splitDuration(ms);
    const parts: string[] = [];
    if (days > 0) parts.push(t('pollution.duration.days', { count: days }), t('pollution.duration.hours', { count: hours }));
    else if (hours > 0) parts.push(t('pollution.duration.hours', { count: hours }), t('pollution.duration.minutes', { count: minutes }));
    else parts.push(t('pollution.duration.minutes', { count: minutes }), t('pollution.duration.seconds', { count: seconds }));
    return parts.join(' ');
  };
}

/** The deadline, and the time left or overdue. `overdue` is the gateway's word; the clock decides once it passes. */
export function AlertCountdown({ deadline, overdue }: { deadline: string; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const durationText = useDurationText();
  const left = Date.parse(deadline) - now;
  const isOverdue = overdue || left <= 0;
  return (
    <span className={`countdown${isOverdue ? ' overdue' : ''}`} data-testid="countdown" data-overdue={isOverdue}>
      <time dateTime={deadline}>{t('alerts.countdown.deadline', { time: formatDateTime(deadline, i18n.language) })}</time>
      {' · '}
      {isOverdue
        ? left < 0
          ? t('alerts.countdown.overdue', { duration: durationText(-left) })
          : t('alerts.countdown.overdueNoDuration')
        : t('alerts.countdown.remaining', { duration: durationText(left) })}
    </span>
  );
}
