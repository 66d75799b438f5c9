import type { Alert, Case, MonitoringSection } from '@xietong/proto';
import type { RecordScope } from '../../../kit.ts';

// The provinces each pollution record names, for the kit's province policy (access-model.md, pollution row):
// parties' environmental bureaus read everything, parties' liaison offices the summary and escalations, the national
// observer everything; only parties' environmental bureaus write, each only its own entries.

/** An alert message: the sender owns it; the sender and the addressees are its parties. */
export function alertRecord(alert: Pick<Alert, 'senderProvince' | 'addressees'> & Partial<Pick<Alert, 'linkedCaseProvinces'>>): RecordScope {
  // A case's parties read the alerts linked to it (access-model.md); an event's header names no cases, so only the
  // record read from the service widens the scope.
  return { ownerProvince: alert.senderProvince, partyProvinces: [alert.senderProvince, ...alert.addressees, ...(alert.linkedCaseProvinces ?? [])] };
}

/** A case: the reporting province owns it; the party provinces are its parties. */
export function caseRecord(c: Pick<Case, 'reportingProvince' | 'partyProvinces'>): RecordScope {
  return { ownerProvince: c.reportingProvince, partyProvinces: [...c.partyProvinces] };
}

/** A section's readings: the provinces on either side of it are their parties. */
export function sectionRecord(section: Pick<MonitoringSection, 'upstreamProvinces' | 'downstreamProvinces'>): RecordScope {
  return { partyProvinces: [...section.upstreamProvinces, ...section.downstreamProvinces] };
}

/** A compensation agreement or assessment: its provinces are its parties. */
export function compensationRecord(provinces: readonly string[]): RecordScope {
  return { partyProvinces: [...provinces] };
}

/** The summary of a record: its parties' environment and liaison, and the national observer. */
export function readsSummary(record: RecordScope) {
  return { canRead: { domain: 'pollution', part: 'summary', record } } as const;
}

/** The whole record (evidence, findings, who did what): its parties' environment and the national observer. */
export function readsFull(record: RecordScope) {
  return { canRead: { domain: 'pollution', part: 'full', record } } as const;
}

/**
 * Types that only ever carry a full view's content (evidence, enforcement findings, readings, who sent or
 * acknowledged, compensation figures): whatever field returns them, no role but these may see one.
 */
export const FULL_CONTENT_READERS = { $any: { observer: true, role: 'environment' } } as const;

/** Types that carry summary content (counts, escalations, who acknowledged when). */
export const SUMMARY_CONTENT_READERS = { $any: { observer: true, anyRole: ['environment', 'liaison'] } } as const;
