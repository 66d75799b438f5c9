// A case's timeline: every change, oldest first, with who made it for which province, and its details (the
// gateway's detailsJson) in words where the kind is known, else as the recorded fields.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/status.views.tsx';
import type { PollutionCaseDetailFragment } from '../../generated/gql/graphql.ts';
import { provinceName } from '../../reference/provinces.ts';
import { formatDateTime } from '../shared/pollution.format.ts';
import { parseDetails, stateFromDetails } from './records.format.ts';
import { useParameterLabel } from './records.views.tsx';

type TimelineEntry = NonNullable<PollutionCaseDetailFragment['timeline']>[number];

/** The timeline table. */
export function CaseTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
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
                      <TimelineDetails kind={entry.kind} detailsJson={entry.detailsJson} />
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

function TimelineDetails({ kind, detailsJson }: { kind: string; detailsJson: string }) {
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
      summary = t('cases.timeline.alert', { threadId: text('threadId') });
      break;
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
    case 'closed':
      summary = text('mediator') ? t('cases.timeline.mediation', { mediator: text('mediator'), summary: text('summary') }) : undefined;
      break;
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
