// A case's timeline: every change, oldest first, with who made it for which province, and its details (the
// gateway's detailsJson) in words where the kind is known, else as the recorded fields.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/status.views.tsx';
import type { PollutionCaseDetailFragment } from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { formatDateTime } from '../shared/pollution.format.ts';
import { parseDetails, stateFromDetails } from './records.format.ts';
import { useParameterLabel } from './records.views.tsx';

type TimelineEntry = NonNullable<PollutionCaseDetailFragment['timeline']>[number];
type LinkedAlert = PollutionCaseDetailFragment['linkedAlerts'][number];

/** The timeline table; `alerts` (the case's linked alerts) name the alert an `alert-linked` entry points at. */
export function CaseTimeline({ entries, alerts = [] }: { entries: readonly TimelineEntry[]; alerts?: readonly LinkedAlert[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="case-timeline" className="panel">
      <h2 id="case-timeline">{t('cases.timeline.title')}</h2>
      {entries.length === 0 ? (
        <EmptyState>
          <p>{t('cases.timeline.empty')}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.timeline.colTime')}</th>
                <th scope="col">{t('cases.timeline.colWhat')}</th>
                <th scope="col">{t('cases.timeline.colWho')}</th>
                <th scope="col">{t('cases.timeline.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const kindKey = `cases.timeline.kind.${entry.kind}`;
                return (
                  <tr key={entry.seq} data-seq={entry.seq}>
                    <td className="nowrap">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                    </td>
                    <th scope="row" className="nowrap">{i18n.exists(kindKey) ? t(kindKey as 'cases.timeline.kind.opened') : entry.kind}</th>
                    <td>{t('cases.timeline.who', { user: entry.actorUsername, province: provinceName(entry.province, i18n.language) })}</td>
                    <td>
                      <TimelineDetails kind={entry.kind} detailsJson={entry.detailsJson} alerts={alerts} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TimelineDetails({ kind, detailsJson, alerts }: { kind: string; detailsJson: string; alerts: readonly LinkedAlert[] }) {
  const { t, i18n } = useTranslation();
  const parameterLabel = useParameterLabel();
  const details = parseDetails(detailsJson);
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : '');
  const stateLabel = (value: unknown) => {
    const state = stateFromDetails(value);
    const key = `cases.state.${state}`;
    return state && i18n.exists(key) ? t(key as 'cases.state.REPORTED') : String(value ?? '');
  };
  let summary: string | undefined;
  switch (kind) {
    case 'opened':
      summary = text('description') || undefined;
      break;
    case 'state-changed':
    case 'dispute-raised':
      summary = t('cases.timeline.stateChange', { from: stateLabel(details['from']), to: stateLabel(details['to']) }) + (text('reason') ? ` · ${text('reason')}` : '');
      break;
    case 'exceedances-added': {
      const parameters = Array.isArray(details['parameters']) ? (details['parameters'] as unknown[]).map((p) => parameterLabel(String(p))) : [];
      summary = t('cases.timeline.exceedances', { count: Number(details['count'] ?? 0), parameters: parameters.join(i18n.language.startsWith('en') ? ', ' : '、') });
      break;
    }
    case 'alert-linked':
      return <LinkedAlertDetails threadId={text('threadId')} alerts={alerts} />;
    case 'enforcement-amended':
      return <AmendmentDetails details={details} />;
    case 'enforcement-recorded':
      summary = t('cases.timeline.enforcement', { date: text('date'), findings: text('findings') });
      break;
    case 'evidence-added':
      summary = text('filename') ? t('cases.timeline.evidenceDocument', { filename: text('filename') }) : t('cases.timeline.evidenceData');
      break;
    case 'closure-agreed':
      summary = text('statement') || undefined;
      break;
    case 'mediation-resolved':
    case 'closed': {
      const outcome = text('outcome');
      const outcomeKey = `cases.timeline.mediationOutcome.${outcome}`;
      // An outcome this page does not know yet is left out rather than shown as the service's word.
      const outcomeLabel = outcome && i18n.exists(outcomeKey) ? t(outcomeKey as 'cases.timeline.mediationOutcome.close') : '';
      summary = text('mediator')
        ? (outcomeLabel ? `${outcomeLabel} · ` : '') + t('cases.timeline.mediation', { mediator: text('mediator'), summary: text('summary') })
        : undefined;
      break;
    }
  }
  if (summary) return <p className="timeline-details">{summary}</p>;
  // Another kind, or details in a shape this page does not know: the recorded fields as they are.
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <dl className="breakdown-values">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt lang="en">{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

// The thread id means nothing to an official: name the alert by its headline and link to it. The case lists every
// linked thread it may show; one it does not (cancelled from the list, or newer than the page) is named generically.
function LinkedAlertDetails({ threadId, alerts }: { threadId: string; alerts: readonly LinkedAlert[] }) {
  const { t } = useTranslation();
  const thread = alerts.find((candidate) => candidate.threadId === threadId);
  const message = thread?.current ?? thread?.messages.at(-1);
  if (!message) return <p className="timeline-details">{t('cases.timeline.alertUnknown')}</p>;
  return (
    <p className="timeline-details">
      {t('cases.timeline.alertPrefix')}
      <Link to={`/pollution/alerts/${encodeURIComponent(message.id)}`}>{message.headline}</Link>
    </p>
  );
}

const AMENDABLE_FIELDS = { date: 'cases.enforcement.date', findings: 'cases.enforcement.findings' } as const;

// The service records an amendment as the action's fields before and after; show each field that changed, by its
// label, so the official reads what was corrected without the record's internal keys.
function AmendmentDetails({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const before = record(details['before']);
  const after = record(details['after']);
  const asText = (value: unknown) => (value === undefined || value === null || value === '' ? t('cases.notSet') : typeof value === 'string' ? value : JSON.stringify(value));
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => asText(before[field]) !== asText(after[field]));
  const revision = Number(details['revision']);
  return (
    <div className="timeline-details">
      <p>{Number.isInteger(revision) && revision > 0 ? t('cases.timeline.amended', { revision }) : t('cases.timeline.amendedUnnumbered')}</p>
      {fields.length === 0 ? (
        <p className="muted">{t('cases.timeline.amendedNothing')}</p>
      ) : (
        <ul className="plain-list">
          {fields.map((field) => (
            <li key={field}>
              {t('cases.timeline.amendedField', {
                field: field in AMENDABLE_FIELDS ? t(AMENDABLE_FIELDS[field as keyof typeof AMENDABLE_FIELDS]) : t('cases.timeline.amendedOtherField'),
                before: asText(before[field]),
                after: asText(after[field]),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
