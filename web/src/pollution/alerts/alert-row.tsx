// One alert in the inbox: what it is, where, from whom, who still has to acknowledge, and — when it awaits my
// province — the countdown to escalation and the acknowledge button, so the row says at a glance what to do.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../../auth/auth.context.tsx';
import type { PollutionAlertRowFragment } from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { ExerciseTag, SeverityBadge } from '../shared/pollution.badges.tsx';
import { formatDateTime, provinceList, sectionName } from '../shared/pollution.format.ts';
import { AcknowledgeAction } from './acknowledge-action.tsx';
import { AlertCountdown } from './alert-countdown.tsx';

/** A row of the inbox list. */
export function AlertRow({ alert, isNew }: { alert: PollutionAlertRowFragment; isNew: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const headingId = useId();
  const linkRef = useRef<HTMLAnchorElement>(null);
  const cancelled = alert.msgType === 'CANCEL';
  const separator = t('pollution.province.and');
  const mine = alert.acknowledgements.find((a) => a.province === user.province);
  const awaitingMine = alert.awaitingMyAcknowledgement && !cancelled;
  const classes = ['alert-row', awaitingMine ? 'alert-row-action' : '', cancelled ? 'alert-row-cancelled' : '', alert.acknowledgementOverdue ? 'alert-row-overdue' : ''];
  return (
    <li className={classes.filter(Boolean).join(' ')} data-thread-id={alert.threadId} data-testid="alert-row">
      <article aria-labelledby={headingId}>
        <div className="alert-row-tags">
          <SeverityBadge severity={alert.severity} />
          <ExerciseTag mode={alert.status} />
          <span className="tag">{t(`pollution.category.${alert.category}`)}</span>
          {alert.msgType === 'UPDATE' ? <span className="tag">{t('alerts.row.updated')}</span> : null}
          {cancelled ? <span className="tag tag-muted">{t('alerts.row.cancelled')}</span> : null}
          {awaitingMine ? <span className="tag tag-action">{t('alerts.row.awaitingMine')}</span> : null}
          {alert.highestEscalation ? <span className="tag tag-error">{t('alerts.row.escalated', { step: t(`pollution.escalationStepShort.${alert.highestEscalation}`) })}</span> : null}
          {isNew ? <span className="tag tag-new">{t('alerts.row.new')}</span> : null}
        </div>
        <h3 id={headingId} className="alert-row-headline">
          <Link ref={linkRef} to={`/pollution/alerts/${encodeURIComponent(alert.id)}`}>
            {alert.headline}
          </Link>
        </h3>
        <dl className="alert-row-facts">
          <div>
            <dt>{t('alerts.row.section')}</dt>
            <dd>{sectionName(alert.section, i18n.language, t)}</dd>
          </div>
          <div>
            <dt>{t('alerts.row.sender')}</dt>
            <dd>{provinceName(alert.senderProvince, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('alerts.row.sentAt')}</dt>
            <dd>
              <time dateTime={alert.sentAt}>{formatDateTime(alert.sentAt, i18n.language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('alerts.row.awaiting')}</dt>
            <dd data-testid="awaiting">
              {cancelled || alert.addressees.length === 0
                ? t('alerts.row.noneAwaited')
                : alert.awaitingProvinces.length === 0
                  ? t('alerts.row.allAcknowledged')
                  : provinceList(alert.awaitingProvinces, i18n.language, separator)}
            </dd>
          </div>
        </dl>
        {mine && !cancelled ? <p className="alert-row-note">{t('alerts.row.acknowledgedByMe', { time: formatDateTime(mine.at, i18n.language) })}</p> : null}
        {!cancelled && alert.acknowledgeBy && alert.awaitingProvinces.length > 0 ? (
          <div className="alert-row-action-bar">
            <AlertCountdown deadline={alert.acknowledgeBy} overdue={alert.acknowledgementOverdue} />
            {awaitingMine ? <AcknowledgeAction alertId={alert.id} headline={alert.headline} onDone={() => linkRef.current?.focus()} /> : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}
