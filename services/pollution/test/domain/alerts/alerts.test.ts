import { describe, expect, it } from 'vitest';
import { acknowledgeAlert, cancelAlert, defaultAddressees, issueAlert, updateAlert, type IssueAlertInput } from '../../../src/domain/alerts/alert.commands.ts';
import { countAlertThreads, listAlertThreads } from '../../../src/domain/alerts/alert.queries.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, SHAANXI, SHANDONG, SHANXI } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const henanEnv = actor(HENAN);
const shandongEnv = actor(SHANDONG);

function input(overrides: Partial<IssueAlertInput> = {}): IssueAlertInput {
  return {
    id: 'alert-1',
    status: 'Actual',
    category: 'early-warning',
    severity: 'II',
    sectionId: 'yellow-liuzhuang',
    location: { description: '濮阳县渠村 Qucun, Puyang', cityCode: '410900' },
    pollutant: { name: '苯胺 aniline', estimatedQuantity: { value: 12, unit: 't' } },
    suspectedSource: 'chemical plant outfall',
    headline: 'Aniline spill upstream of Liuzhuang',
    description: 'A tanker overturned near the bank; booms are being laid.',
    ...overrides,
  };
}

describe('issuing alerts', () => {
  it('addresses the downstream province by default and emits an issued event for both provinces', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    const { alert, events } = issueAlert(input(), { actor: henanEnv, clock, catalog });
    expect(alert).toMatchObject({ id: 'alert-1', threadId: 'alert-1', msgType: 'Alert', status: 'Actual', senderProvince: HENAN, addressees: [SHANDONG], sentAt: '2025-10-01T00:00:00.000Z' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'pollution.alert.issued', aggregateId: 'alert-1', audienceProvinces: [HENAN, SHANDONG], exercise: false });
  });

  it('derives default addressees from the section: upstream → downstream; downstream → everyone else', () => {
    const fenglingdu = catalog.section('yellow-fenglingdu')!;
    expect(defaultAddressees(fenglingdu, SHANXI)).toEqual([HENAN]);
    expect(defaultAddressees(fenglingdu, HENAN)).toEqual([SHANXI, SHAANXI]);
  });

  it('lists every problem of a bad alert with its field', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    const bad = input({ status: 'Test', severity: 'V', sectionId: 'yellow-fenglingdu', location: { description: '', cityCode: '371700' }, pollutant: { name: 'x', estimatedQuantity: { value: -1, unit: 'barrels' } }, addressees: [HENAN, '999999'] });
    try {
      issueAlert(bad, { actor: actor(SHANDONG), clock, catalog });
      expect.unreachable();
    } catch (error) {
      const e = error as { code: string; problems: Array<{ field: string }> };
      expect(e.code).toBe('POLLUTION_ALERT_INVALID');
      expect(e.problems.map((p) => p.field)).toEqual([
        'status',
        'sectionId',
        'severity',
        'location.description',
        'location.cityCode',
        'pollutant.estimatedQuantity.value',
        'pollutant.estimatedQuantity.unit',
        'addressees[1]',
      ]);
    }
  });

  it('refuses a sender without the environment role', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    expect(() => issueAlert(input(), { actor: actor(HENAN, ['liaison']), clock, catalog })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_FORBIDDEN' }));
  });
});

describe('acknowledging', () => {
  const clock = new ManualClock('2025-10-01T00:00:00Z');
  const { alert } = issueAlert(input(), { actor: henanEnv, clock, catalog });

  it('records the addressed province once, by its environmental bureau', () => {
    clock.advanceMinutes(20);
    const { alert: acked, events } = acknowledgeAlert(alert, { note: 'Intake at Heze closed' }, { actor: shandongEnv, clock });
    expect(acked.acknowledgements).toEqual([{ province: SHANDONG, by: { subject: shandongEnv.subject, username: shandongEnv.username, province: SHANDONG }, at: '2025-10-01T00:20:00.000Z', note: 'Intake at Heze closed' }]);
    expect(events[0]?.type).toBe('pollution.alert.acknowledged');
    expect(() => acknowledgeAlert(acked, {}, { actor: shandongEnv, clock })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_ALREADY_ACKNOWLEDGED' }));
  });

  it('refuses the sender, a liaison officer, and hides the alert from other provinces', () => {
    expect(() => acknowledgeAlert(alert, {}, { actor: henanEnv, clock })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_FORBIDDEN' }));
    expect(() => acknowledgeAlert(alert, {}, { actor: actor(SHANDONG, ['liaison']), clock })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_FORBIDDEN' }));
    expect(() => acknowledgeAlert(alert, {}, { actor: actor(SHANXI), clock })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_NOT_FOUND', kind: 'not-found' }));
  });
});

describe('updates and cancellations', () => {
  it('reference the message they replace, keep the thread and its status, and only the sender may send them', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    const { alert } = issueAlert(input({ status: 'Exercise' }), { actor: henanEnv, clock, catalog });
    expect(() => updateAlert(alert, { id: 'alert-2', severity: 'I' }, { actor: shandongEnv, clock, catalog })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_FORBIDDEN' }));
    clock.advanceMinutes(30);
    const { alert: update, replaced } = updateAlert(alert, { id: 'alert-2', severity: 'I' }, { actor: henanEnv, clock, catalog });
    expect(update).toMatchObject({ msgType: 'Update', references: 'alert-1', threadId: 'alert-1', status: 'Exercise', severity: 'I', headline: alert.headline });
    expect(replaced?.supersededBy).toBe('alert-2');
    expect(() => updateAlert(replaced!, { id: 'alert-3' }, { actor: henanEnv, clock, catalog })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_NOT_CURRENT' }));
    expect(() => updateAlert(update, { id: 'alert-3', sectionId: 'yellow-fenglingdu' }, { actor: henanEnv, clock, catalog })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_INVALID' }));

    const { alert: cancel, replaced: cancelledUpdate, events } = cancelAlert(update, { id: 'alert-3', reason: 'False alarm: the tanker was empty.' }, { actor: henanEnv, clock, catalog });
    expect(cancel).toMatchObject({ msgType: 'Cancel', references: 'alert-2', threadId: 'alert-1', status: 'Exercise' });
    expect(cancel.supersededBy).toBeUndefined();
    expect(cancelledUpdate?.supersededBy).toBe('alert-3');
    expect(events[0]).toMatchObject({ type: 'pollution.alert.cancelled', exercise: true });
    expect(() => acknowledgeAlert(cancel, {}, { actor: shandongEnv, clock })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_NOT_CURRENT' }));
    expect(() => cancelAlert(cancel, { id: 'alert-4', reason: 'again' }, { actor: henanEnv, clock, catalog })).toThrow(expect.objectContaining({ code: 'POLLUTION_ALERT_NOT_CURRENT' }));
  });
});

describe('lists and counts', () => {
  it('never mix exercises with real alerts', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    const real = issueAlert(input({ id: 'real-1' }), { actor: henanEnv, clock, catalog }).alert;
    const drill = issueAlert(input({ id: 'drill-1', status: 'Exercise', severity: 'I' }), { actor: henanEnv, clock, catalog }).alert;
    clock.advanceMinutes(5);
    const { alert: update, replaced } = updateAlert(real, { id: 'real-2', severity: 'III' }, { actor: henanEnv, clock, catalog });
    const messages = [replaced!, drill, update];
    expect(listAlertThreads(messages, { status: 'Actual' }).map((m) => m.id)).toEqual(['real-2']);
    expect(listAlertThreads(messages, { status: 'Exercise' }).map((m) => m.id)).toEqual(['drill-1']);
    expect(countAlertThreads(messages, 'Actual')).toEqual({ total: 1, active: 1, cancelled: 0, awaitingAcknowledgement: 1, bySeverity: { I: 0, II: 0, III: 1, IV: 0 } });
    expect(countAlertThreads(messages, 'Exercise').bySeverity.I).toBe(1);
  });
});
