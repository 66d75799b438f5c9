import { describe, expect, it } from 'vitest';
import { acknowledgeAlert, cancelAlert, issueAlert, updateAlert, type IssueAlertInput } from '../../../src/domain/alerts/alert.commands.ts';
import { acknowledgementDeadline, dueEscalations, nextEscalationDueAt, recordEscalation } from '../../../src/domain/alerts/alert.escalation.ts';
import type { AlertMessage } from '../../../src/domain/alerts/alert.model.ts';
import { DEFAULT_ESCALATION_POLICY as POLICY } from '../../../src/domain/alerts/escalation-policy.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, SHANDONG } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const T0 = '2025-10-01T00:00:00Z';

function issue(clock: ManualClock, overrides: Partial<IssueAlertInput> = {}): AlertMessage {
  const input: IssueAlertInput = {
    id: 'a1',
    status: 'Actual',
    category: 'early-warning',
    severity: 'II',
    sectionId: 'yellow-liuzhuang',
    location: { description: 'Puyang reach' },
    pollutant: { name: 'benzene', parameter: 'benzene' },
    headline: 'Benzene spill',
    description: 'Tanker overturned.',
    ...overrides,
  };
  return issueAlert(input, { actor: actor(HENAN), clock, catalog }).alert;
}

describe('when the escalation job next has to look at a message', () => {
  it('is the acknowledgement deadline, then the joint-mechanism step once the duty roster was alerted', () => {
    const clock = new ManualClock(T0);
    const alert = issue(clock);
    expect(acknowledgementDeadline(alert, POLICY)).toBe('2025-10-01T01:00:00.000Z');
    expect(nextEscalationDueAt([alert], alert, POLICY)).toBe('2025-10-01T01:00:00.000Z');
    clock.set('2025-10-01T01:00:00Z');
    const [due] = dueEscalations([alert], POLICY, clock);
    const escalated = recordEscalation(alert, due!, clock).alert;
    expect(nextEscalationDueAt([escalated], escalated, POLICY)).toBe('2025-10-01T02:00:00.000Z');
  });

  it('is never once every addressee acknowledged, the message was replaced, or it is a cancellation', () => {
    const clock = new ManualClock(T0);
    const alert = issue(clock);
    const acked = acknowledgeAlert(alert, {}, { actor: actor(SHANDONG), clock }).alert;
    expect(nextEscalationDueAt([acked], acked, POLICY)).toBeUndefined();
    expect(acknowledgementDeadline(acked, POLICY)).toBe('2025-10-01T01:00:00.000Z');
    const update = updateAlert(alert, { id: 'a2', headline: 'Benzene spill, larger' }, { actor: actor(HENAN), clock, catalog });
    expect(nextEscalationDueAt([update.replaced!, update.alert], update.replaced!, POLICY)).toBeUndefined();
    const cancel = cancelAlert(update.alert, { id: 'a3', reason: 'false alarm' }, { actor: actor(HENAN), clock, catalog });
    expect(nextEscalationDueAt([update.replaced!, cancel.replaced!, cancel.alert], cancel.alert, POLICY)).toBeUndefined();
    expect(acknowledgementDeadline(cancel.alert, POLICY)).toBeUndefined();
  });

  it('keeps the earliest unacknowledged deadline of the thread for an update, as dueEscalations does', () => {
    const clock = new ManualClock(T0);
    const alert = issue(clock);
    clock.advanceMinutes(45);
    const { alert: update, replaced } = updateAlert(alert, { id: 'a2', severity: 'III' }, { actor: actor(HENAN), clock, catalog });
    const thread = [replaced!, update];
    // The update alone would be due at 00:45 + 4 h; Shandong has been waiting since the first message.
    expect(nextEscalationDueAt(thread, update, POLICY)).toBe('2025-10-01T01:00:00.000Z');
    clock.set('2025-10-01T01:00:00Z');
    expect(dueEscalations(thread, POLICY, clock).map((d) => `${d.alertId}:${d.step}`)).toEqual(['a2:duty-roster']);
  });
});
