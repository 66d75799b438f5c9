import { actorRef, isEnvironmentOfficer, type Actor } from '../common/actor.ts';
import { nowInstant, type Clock } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { ProblemList } from '../common/field-checks.ts';
import { isParameterCode, PARAMETER_CODES } from '../monitoring/water-quality-standard.data.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import type { MonitoringSection } from '../reference/reference.model.ts';
import { AlertAlreadyAcknowledgedError, AlertForbiddenError, AlertInvalidError, AlertNotCurrentError, AlertNotFoundError } from './alert.errors.ts';
import {
  ALERT_CATEGORIES,
  ALERT_STATUSES,
  alertProvinces,
  awaitsAcknowledgement,
  QUANTITY_UNITS,
  SEVERITIES,
  type AlertCategory,
  type AlertLocation,
  type AlertMessage,
  type AlertPollutant,
  type AlertStatus,
  type Severity,
} from './alert.model.ts';

/** What alert commands need besides their input. */
export interface AlertCommandContext {
  /** Who acts. */
  readonly actor: Actor;
  /** Now. */
  readonly clock: Clock;
  /** Sections, provinces and cities. */
  readonly catalog: ReferenceCatalog;
}

/** The body of a new alert or an update, as received. */
export interface AlertContentInput {
  /** Early warning, information or request for assistance. */
  readonly category?: unknown;
  /** I–IV. */
  readonly severity?: unknown;
  /** Section id (fixed for a thread; an update may omit it). */
  readonly sectionId?: unknown;
  /** Location. */
  readonly location?: unknown;
  /** Pollutant. */
  readonly pollutant?: unknown;
  /** Suspected source. */
  readonly suspectedSource?: unknown;
  /** One-line summary. */
  readonly headline?: unknown;
  /** Full text. */
  readonly description?: unknown;
  /** Provinces to alert; by default the section's downstream provinces (see defaultAddressees). */
  readonly addressees?: unknown;
}

/** Input to issue a new alert. */
export interface IssueAlertInput extends AlertContentInput {
  /** Id for the new message (the service generates it). */
  readonly id: string;
  /** Actual or Exercise. */
  readonly status?: unknown;
}

/** What a command returns: the changed messages and the events to publish. */
export interface AlertCommandResult {
  /** The new or changed message. */
  readonly alert: AlertMessage;
  /** The replaced message, for an update or cancel. */
  readonly replaced?: AlertMessage;
  /** Events for the outbox. */
  readonly events: readonly PollutionEvent[];
}

/**
 * The provinces an alert goes to when the sender names none: an upstream sender alerts the downstream provinces; a
 * downstream sender (asking for assistance, searching for the polluter) alerts every other province of the section.
 */
export function defaultAddressees(section: MonitoringSection, senderProvince: string): string[] {
  if (section.upstreamProvinces.includes(senderProvince)) return section.downstreamProvinces.filter((p) => p !== senderProvince);
  return [...section.upstreamProvinces, ...section.downstreamProvinces].filter((p, i, all) => p !== senderProvince && all.indexOf(p) === i);
}

function requireEnvironmentOfficer(actor: Actor): void {
  if (!isEnvironmentOfficer(actor)) throw new AlertForbiddenError('Only an environmental bureau (role environment) may issue, update, cancel or acknowledge alerts.');
}

interface CheckedContent {
  category: AlertCategory;
  severity: Severity;
  location: AlertLocation;
  pollutant: AlertPollutant;
  suspectedSource?: string;
  headline: string;
  description: string;
  addressees: string[];
}

function checkLocation(p: ProblemList, raw: unknown, catalog: ReferenceCatalog, section: MonitoringSection | undefined): AlertLocation | undefined {
  if (typeof raw !== 'object' || raw === null) {
    p.add('location', 'is required (description, optional cityCode, latitude, longitude)');
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const description = p.text('location.description', r.description, 500);
  let cityCode: string | undefined;
  if (r.cityCode !== undefined) {
    const city = typeof r.cityCode === 'string' ? catalog.city(r.cityCode) : undefined;
    if (!city) p.add('location.cityCode', 'is not a known city code');
    // A city in neither province of the section is most likely a typo; say so rather than store it.
    else if (section && ![...section.upstreamProvinces, ...section.downstreamProvinces].includes(city.provinceCode)) {
      p.add('location.cityCode', 'is not in a province of the section');
    } else cityCode = city.code;
  }
  const latitude = r.latitude === undefined ? undefined : p.number('location.latitude', r.latitude, -90, 90);
  const longitude = r.longitude === undefined ? undefined : p.number('location.longitude', r.longitude, -180, 180);
  if (description === undefined) return undefined;
  return {
    description,
    ...(cityCode !== undefined ? { cityCode } : {}),
    ...(latitude !== undefined ? { latitude } : {}),
    ...(longitude !== undefined ? { longitude } : {}),
  };
}

function checkPollutant(p: ProblemList, raw: unknown): AlertPollutant | undefined {
  if (typeof raw !== 'object' || raw === null) {
    p.add('pollutant', 'is required (name, optional parameter and estimatedQuantity)');
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const name = p.text('pollutant.name', r.name, 200);
  let parameter: AlertPollutant['parameter'];
  if (r.parameter !== undefined) {
    if (isParameterCode(r.parameter)) parameter = r.parameter;
    else p.add('pollutant.parameter', `must be one of ${PARAMETER_CODES.join(', ')}`);
  }
  let estimatedQuantity: AlertPollutant['estimatedQuantity'];
  if (r.estimatedQuantity !== undefined) {
    const q = r.estimatedQuantity as Record<string, unknown> | null;
    if (typeof q !== 'object' || q === null) p.add('pollutant.estimatedQuantity', 'must have a value and a unit');
    else {
      const value = p.number('pollutant.estimatedQuantity.value', q.value, 0, 1e9);
      if (value === 0) p.add('pollutant.estimatedQuantity.value', 'must be more than zero');
      const unit = p.oneOf('pollutant.estimatedQuantity.unit', q.unit, QUANTITY_UNITS);
      if (value !== undefined && value > 0 && unit !== undefined) estimatedQuantity = { value, unit };
    }
  }
  if (name === undefined) return undefined;
  return { name, ...(parameter ? { parameter } : {}), ...(estimatedQuantity ? { estimatedQuantity } : {}) };
}

function checkAddressees(p: ProblemList, raw: unknown, catalog: ReferenceCatalog, senderProvince: string, fallback: () => string[]): string[] {
  if (raw === undefined) {
    const list = fallback();
    if (list.length === 0) p.add('addressees', 'the section has no other province to alert; name the addressees');
    return list;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    p.add('addressees', 'must be a non-empty list of province codes');
    return [];
  }
  const list: string[] = [];
  raw.forEach((code, i) => {
    if (typeof code !== 'string' || !catalog.province(code)) p.add(`addressees[${i}]`, 'is not a known province code');
    else if (code === senderProvince) p.add(`addressees[${i}]`, 'the sending province cannot address itself');
    else if (list.includes(code)) p.add(`addressees[${i}]`, 'is listed twice');
    else list.push(code);
  });
  return list;
}

function checkContent(
  p: ProblemList,
  input: AlertContentInput,
  catalog: ReferenceCatalog,
  section: MonitoringSection | undefined,
  senderProvince: string,
  previous?: AlertMessage,
): CheckedContent | undefined {
  const category = previous && input.category === undefined ? previous.category : p.oneOf('category', input.category, ALERT_CATEGORIES);
  const severity = previous && input.severity === undefined ? previous.severity : p.oneOf('severity', input.severity, SEVERITIES);
  const location = previous && input.location === undefined ? previous.location : checkLocation(p, input.location, catalog, section);
  const pollutant = previous && input.pollutant === undefined ? previous.pollutant : checkPollutant(p, input.pollutant);
  const suspectedSource = previous && input.suspectedSource === undefined ? previous.suspectedSource : p.optionalText('suspectedSource', input.suspectedSource, 500);
  const headline = previous && input.headline === undefined ? previous.headline : p.text('headline', input.headline, 200);
  const description = previous && input.description === undefined ? previous.description : p.text('description', input.description, 4000);
  const addressees = checkAddressees(p, input.addressees, catalog, senderProvince, () =>
    previous ? [...previous.addressees] : section ? defaultAddressees(section, senderProvince) : [],
  );
  if (!p.ok || !category || !severity || !location || !pollutant || !headline || !description) return undefined;
  return { category, severity, location, pollutant, ...(suspectedSource !== undefined ? { suspectedSource } : {}), headline, description, addressees };
}

function messageEvent(type: string, message: AlertMessage, extra: Record<string, unknown> = {}): PollutionEvent {
  return {
    type,
    aggregate: 'alert',
    aggregateId: message.threadId,
    occurredAt: message.sentAt,
    actor: message.sender,
    originProvince: message.senderProvince,
    audienceProvinces: alertProvinces(message),
    exercise: message.status === 'Exercise',
    payload: { message, ...extra },
  };
}

/**
 * Issues a new alert (msgType Alert) from the actor's province. The sender must be an environmental bureau of a
 * province on either side of the section; addressees default to the section's downstream provinces.
 */
export function issueAlert(input: IssueAlertInput, context: AlertCommandContext): AlertCommandResult {
  const { actor, clock, catalog } = context;
  requireEnvironmentOfficer(actor);
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  const status = p.oneOf<AlertStatus>('status', input.status, ALERT_STATUSES);
  let section: MonitoringSection | undefined;
  if (typeof input.sectionId !== 'string' || !(section = catalog.section(input.sectionId))) p.add('sectionId', 'is not a known monitoring section');
  else if (![...section.upstreamProvinces, ...section.downstreamProvinces].includes(actor.province)) {
    p.add('sectionId', 'your province is on neither side of this section');
  }
  const content = checkContent(p, input, catalog, section, actor.province);
  if (!p.ok || !content || !status || !section) throw new AlertInvalidError(p.problems);
  const alert: AlertMessage = {
    id: input.id,
    threadId: input.id,
    msgType: 'Alert',
    status,
    sender: actorRef(actor),
    senderProvince: actor.province,
    sentAt: nowInstant(clock),
    sectionId: section.id,
    ...content,
    acknowledgements: [],
    escalations: [],
  };
  return { alert, events: [messageEvent('pollution.alert.issued', alert)] };
}

function requireSameSenderAndCurrent(previous: AlertMessage, actor: Actor, verb: string): void {
  // A province that cannot see the alert must not learn it exists; one that can, but did not send it, is refused.
  if (!alertProvinces(previous).includes(actor.province)) throw new AlertNotFoundError();
  if (previous.senderProvince !== actor.province) throw new AlertForbiddenError(`Only the issuing province may ${verb} its alert.`);
  if (!awaitsAcknowledgement(previous)) {
    throw new AlertNotCurrentError(
      previous.msgType === 'Cancel' ? 'The alert was cancelled.' : `This message was replaced by ${previous.supersededBy}; ${verb} the latest message.`,
    );
  }
}

/**
 * Sends an Update referencing the thread's current message (which it replaces). Fields left out keep their values;
 * the status and section of a thread never change, so exercises and real alerts cannot mix.
 */
export function updateAlert(previous: AlertMessage, input: AlertContentInput & { readonly id: string }, context: AlertCommandContext): AlertCommandResult {
  const { actor, clock, catalog } = context;
  requireEnvironmentOfficer(actor);
  requireSameSenderAndCurrent(previous, actor, 'update');
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  if (input.sectionId !== undefined && input.sectionId !== previous.sectionId) p.add('sectionId', 'cannot change in an update; cancel and issue a new alert');
  const section = catalog.section(previous.sectionId);
  const content = checkContent(p, input, catalog, section, actor.province, previous);
  if (!p.ok || !content) throw new AlertInvalidError(p.problems);
  const alert: AlertMessage = {
    id: input.id,
    threadId: previous.threadId,
    msgType: 'Update',
    status: previous.status,
    sender: actorRef(actor),
    senderProvince: actor.province,
    sentAt: nowInstant(clock),
    sectionId: previous.sectionId,
    ...content,
    references: previous.id,
    acknowledgements: [],
    escalations: [],
  };
  const replaced: AlertMessage = { ...previous, supersededBy: alert.id };
  return { alert, replaced, events: [messageEvent('pollution.alert.updated', alert)] };
}

/** Sends a Cancel referencing the thread's current message: the alert is withdrawn and nothing escalates further. */
export function cancelAlert(previous: AlertMessage, input: { readonly id: string; readonly reason?: unknown }, context: AlertCommandContext): AlertCommandResult {
  const { actor, clock } = context;
  requireEnvironmentOfficer(actor);
  requireSameSenderAndCurrent(previous, actor, 'cancel');
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  const reason = p.text('reason', input.reason, 2000);
  if (!p.ok || reason === undefined) throw new AlertInvalidError(p.problems);
  const alert: AlertMessage = {
    ...previous,
    id: input.id,
    msgType: 'Cancel',
    sender: actorRef(actor),
    senderProvince: actor.province,
    sentAt: nowInstant(clock),
    headline: `Cancelled: ${previous.headline}`.slice(0, 200),
    description: reason,
    references: previous.id,
    acknowledgements: [],
    escalations: [],
  };
  delete (alert as { supersededBy?: string }).supersededBy;
  const replaced: AlertMessage = { ...previous, supersededBy: alert.id };
  return { alert, replaced, events: [messageEvent('pollution.alert.cancelled', alert)] };
}

/**
 * Records an addressed province's acknowledgement. Only that province's environmental bureau may acknowledge, once,
 * and only the thread's current message (an update must be acknowledged anew).
 */
export function acknowledgeAlert(message: AlertMessage, input: { readonly note?: unknown }, context: Omit<AlertCommandContext, 'catalog'>): AlertCommandResult {
  const { actor, clock } = context;
  if (!alertProvinces(message).includes(actor.province)) throw new AlertNotFoundError();
  requireEnvironmentOfficer(actor);
  if (!message.addressees.includes(actor.province)) throw new AlertForbiddenError('Only an addressed province acknowledges an alert.');
  if (message.acknowledgements.some((a) => a.province === actor.province)) throw new AlertAlreadyAcknowledgedError(actor.province);
  if (!awaitsAcknowledgement(message)) {
    throw new AlertNotCurrentError(
      message.msgType === 'Cancel' ? 'A cancellation needs no acknowledgement.' : `This message was replaced by ${message.supersededBy}; acknowledge the latest message.`,
    );
  }
  const p = new ProblemList();
  const note = p.optionalText('note', input.note, 2000);
  if (!p.ok) throw new AlertInvalidError(p.problems);
  const at = nowInstant(clock);
  const acknowledgement = { province: actor.province, by: actorRef(actor), at, ...(note !== undefined ? { note } : {}) };
  const alert: AlertMessage = { ...message, acknowledgements: [...message.acknowledgements, acknowledgement] };
  const event: PollutionEvent = {
    type: 'pollution.alert.acknowledged',
    aggregate: 'alert',
    aggregateId: message.threadId,
    occurredAt: at,
    actor: actorRef(actor),
    originProvince: actor.province,
    audienceProvinces: alertProvinces(message),
    exercise: message.status === 'Exercise',
    payload: { alertId: message.id, acknowledgement, message: alert },
  };
  return { alert, events: [event] };
}
