// The pollution domain core: pure functions over plain records. No database, HTTP or Kafka here; the service layer
// loads records, calls these, stores the results and puts the returned events in its outbox.

export * from './common/actor.ts';
export * from './common/clock.ts';
export * from './common/domain-errors.ts';
export type { PollutionEvent } from './common/domain-event.ts';
export { canonicalDigest, canonicalJson } from './common/canonical-digest.ts';
export { exact, roundExact, roundToInteger, toDecimalString, toFractionString, type Exact, type RoundingMode } from './common/exact-decimal.ts';
export * from './common/money.ts';

export * from './reference/reference.model.ts';
export * from './reference/reference.catalog.ts';
export { PROVINCES } from './reference/provinces.data.ts';
export { CITIES } from './reference/cities.data.ts';
export { RIVERS } from './reference/rivers.data.ts';
export { SECTIONS } from './reference/sections.data.ts';

export * from './monitoring/water-quality-standard.data.ts';
export * from './monitoring/water-class.ts';
export * from './monitoring/reading.model.ts';
export * from './monitoring/reading.validation.ts';
export * from './monitoring/reading-csv.parser.ts';
export * from './monitoring/exceedance.detection.ts';
export * from './monitoring/readings-recorded.event.ts';

export * from './alerts/alert.model.ts';
export * from './alerts/alert.errors.ts';
export * from './alerts/alert.commands.ts';
export * from './alerts/alert.escalation.ts';
export * from './alerts/alert.queries.ts';
export * from './alerts/escalation-policy.ts';
export * from './alerts/escalation-policy.commands.ts';

export * from './cases/case.model.ts';
export * from './cases/case.errors.ts';
export * from './cases/case.state-machine.ts';
export * from './cases/case.commands.ts';

export * from './compensation/agreement.model.ts';
export * from './compensation/agreement.validation.ts';
export * from './compensation/agreement.commands.ts';
export * from './compensation/agreements.data.ts';
export * from './compensation/assessment-period.ts';
export * from './compensation/period-means.ts';
export * from './compensation/assessment.calculator.ts';

export * from './access/pollution-access.ts';
