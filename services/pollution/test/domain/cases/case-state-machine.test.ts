import { describe, expect, it } from 'vitest';
import { cancelAlert, issueAlert } from '../../../src/domain/alerts/alert.commands.ts';
import {
  addEvidence,
  addExceedances,
  agreeToClose,
  amendEnforcementAction,
  openCaseFromAlert,
  openCaseFromExceedances,
  openReportedCase,
  raiseDispute,
  recordEnforcementAction,
  resolveMediation,
  startJointEnforcement,
  startJointInvestigation,
  startRemediation,
  type CaseCommandContext,
} from '../../../src/domain/cases/case.commands.ts';
import type { CaseState, PollutionCase } from '../../../src/domain/cases/case.model.ts';
import { allowedCommands, CASE_TRANSITIONS } from '../../../src/domain/cases/case.state-machine.ts';
import { decideExceedanceCases, detectReadingExceedances } from '../../../src/domain/monitoring/exceedance.detection.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, OBSERVER, SHANDONG, SHANXI } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const henan = actor(HENAN);
const shandong = actor(SHANDONG);

function ctx(who = henan, clock = new ManualClock('2025-10-01T00:00:00Z')): CaseCommandContext & { catalog: typeof catalog } {
  return { actor: who, clock, catalog };
}

function openCase(): PollutionCase {
  return openReportedCase({ id: 'case-1', title: 'Ammonia at Liuzhuang', sectionId: 'yellow-liuzhuang', description: 'Reported by Heze' }, ctx(shandong)).case;
}

// Drives a fresh case into a state along the allowed path.
function caseIn(state: CaseState): PollutionCase {
  let c = openCase();
  if (state === 'reported') return c;
  c = startJointInvestigation(c, ctx()).case;
  if (state === 'under_joint_investigation') return c;
  if (state === 'in_mediation') return raiseDispute(c, { reason: 'source disputed' }, ctx(shandong)).case;
  c = startJointEnforcement(c, ctx()).case;
  if (state === 'joint_enforcement') return c;
  c = startRemediation(c, ctx()).case;
  if (state === 'remediation') return c;
  c = agreeToClose(c, { statement: 'ok' }, ctx()).case;
  return agreeToClose(c, { statement: 'ok' }, ctx(shandong)).case;
}

describe('case state machine', () => {
  it('declares exactly these transitions', () => {
    expect(CASE_TRANSITIONS.map((t) => `${t.from} --${t.command}--> ${t.to}`)).toEqual([
      'reported --start-joint-investigation--> under_joint_investigation',
      'under_joint_investigation --start-joint-enforcement--> joint_enforcement',
      'joint_enforcement --start-remediation--> remediation',
      'reported --close-by-agreement--> closed',
      'under_joint_investigation --close-by-agreement--> closed',
      'remediation --close-by-agreement--> closed',
      'under_joint_investigation --raise-dispute--> in_mediation',
      'joint_enforcement --raise-dispute--> in_mediation',
      'remediation --raise-dispute--> in_mediation',
      'in_mediation --resume-after-mediation--> previous',
      'in_mediation --close-by-mediation--> closed',
    ]);
    expect(allowedCommands('closed')).toEqual([]);
  });

  it('walks reported → investigation → enforcement → remediation → closed, with a timeline entry per change', () => {
    const closed = caseIn('closed');
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ how: 'agreement' });
    expect(closed.timeline.map((t) => [t.seq, t.kind, t.province])).toEqual([
      [1, 'opened', SHANDONG],
      [2, 'state-changed', HENAN],
      [3, 'state-changed', HENAN],
      [4, 'state-changed', HENAN],
      [5, 'closure-agreed', HENAN],
      [6, 'closed', SHANDONG],
    ]);
    expect(closed.timeline[1]).toMatchObject({ actor: { subject: henan.subject, username: henan.username }, details: { from: 'reported', to: 'under_joint_investigation' } });
    expect(closed.version).toBe(6);
  });

  it.each([
    ['reported', startJointEnforcement],
    ['reported', startRemediation],
    ['under_joint_investigation', startRemediation],
    ['joint_enforcement', startJointInvestigation],
    ['remediation', startJointEnforcement],
    ['closed', startJointInvestigation],
    ['in_mediation', startRemediation],
  ] as const)('refuses a forbidden move from %s', (state, command) => {
    expect(() => command(caseIn(state), ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED', kind: 'conflict' }));
  });

  it('refuses a dispute from reported or closed, and closing straight from joint enforcement', () => {
    expect(() => raiseDispute(caseIn('reported'), { reason: 'x' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED' }));
    expect(() => raiseDispute(caseIn('closed'), { reason: 'x' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED' }));
    expect(() => agreeToClose(caseIn('joint_enforcement'), { statement: 'x' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED' }));
  });

  it.each(['under_joint_investigation', 'joint_enforcement', 'remediation'] as const)('returns from mediation to %s when mediation says resume', (state) => {
    const disputed = raiseDispute(caseIn(state), { reason: 'Shandong disputes the source' }, ctx(shandong)).case;
    expect(disputed.state).toBe('in_mediation');
    expect(disputed.mediation).toMatchObject({ disputedFrom: state, raisedBy: SHANDONG });
    const resumed = resolveMediation(disputed, { outcome: 'resume', mediator: 'Yellow River Basin Ecological Environment Supervision Bureau', summary: 'Joint sampling agreed' }, ctx()).case;
    expect(resumed.state).toBe(state);
    expect(resumed.mediation).toBeUndefined();
  });

  it('closes by a mediation outcome without unanimity', () => {
    const disputed = raiseDispute(caseIn('remediation'), { reason: 'Remediation incomplete' }, ctx(shandong)).case;
    const closed = resolveMediation(disputed, { outcome: 'close', mediator: 'Joint mechanism', summary: 'Remediation accepted after re-sampling' }, ctx()).case;
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ how: 'mediation', mediationOutcome: 'Remediation accepted after re-sampling' });
    expect(() => resolveMediation(caseIn('remediation'), { outcome: 'close', mediator: 'x', summary: 'y' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED' }));
  });

  it('closes by agreement only when every party agrees, once each; a change of state clears agreements', () => {
    const c = caseIn('under_joint_investigation');
    const one = agreeToClose(c, { statement: 'No cross-boundary impact found' }, ctx()).case;
    expect(one.state).toBe('under_joint_investigation');
    expect(one.closureAgreements.map((a) => a.province)).toEqual([HENAN]);
    expect(() => agreeToClose(one, { statement: 'again' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_CONFLICT' }));
    const moved = startJointEnforcement(one, ctx(shandong)).case;
    expect(moved.closureAgreements).toEqual([]);
  });
});

describe('who may act on a case', () => {
  it('lets only party environmental bureaus change it; others get not-found, observers and liaison forbidden', () => {
    const c = openCase();
    expect(() => startJointInvestigation(c, ctx(actor(SHANXI)))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_NOT_FOUND', kind: 'not-found' }));
    expect(() => startJointInvestigation(c, ctx(actor(HENAN, ['liaison'])))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_FORBIDDEN' }));
    expect(() => startJointInvestigation(c, ctx(OBSERVER))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_FORBIDDEN' }));
    expect(() => openReportedCase({ id: 'c2', title: 't', sectionId: 'yellow-liuzhuang' }, ctx(actor(HENAN, ['liaison'])))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_FORBIDDEN' }));
  });

  it('requires the opener to be a party, and at least two parties', () => {
    expect(() => openReportedCase({ id: 'c2', title: 't', sectionId: 'yellow-liuzhuang' }, ctx(actor(SHANXI)))).toThrow(
      expect.objectContaining({ problems: [{ field: 'partyProvinces', reason: 'must include your own province' }] }),
    );
    expect(() => openReportedCase({ id: 'c2', title: 't', sectionId: 'yellow-liuzhuang', partyProvinces: [HENAN] }, ctx())).toThrow(
      expect.objectContaining({ problems: [{ field: 'partyProvinces', reason: 'a cross-boundary case has at least two party provinces' }] }),
    );
  });
});

describe('enforcement actions', () => {
  it('are recorded for the actor\'s own province and amended only by it, with the earlier values on the timeline', () => {
    const clock = new ManualClock('2025-10-03T02:00:00Z');
    let c = caseIn('joint_enforcement');
    expect(() => recordEnforcementAction(caseIn('under_joint_investigation'), { id: 'a1', date: '2025-10-02', findings: 'x' }, ctx(henan, clock))).toThrow(
      expect.objectContaining({ code: 'POLLUTION_CASE_TRANSITION_NOT_ALLOWED' }),
    );
    c = recordEnforcementAction(c, { id: 'a1', date: '2025-10-02', findings: 'Outfall of plant X sealed; samples taken' }, ctx(henan, clock)).case;
    expect(c.enforcementActions[0]).toMatchObject({ responsibleProvince: HENAN, date: '2025-10-02', revision: 0 });
    expect(() => amendEnforcementAction(c, 'a1', { findings: 'changed by Shandong' }, ctx(shandong, clock))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_FORBIDDEN' }));
    c = amendEnforcementAction(c, 'a1', { findings: 'Outfall sealed; COD 85 mg/L in the discharge' }, ctx(henan, clock)).case;
    expect(c.enforcementActions[0]).toMatchObject({ findings: 'Outfall sealed; COD 85 mg/L in the discharge', revision: 1 });
    expect(c.timeline.at(-1)).toMatchObject({ kind: 'enforcement-amended', details: { before: { findings: 'Outfall of plant X sealed; samples taken' } } });
  });

  it('rejects a future date (Beijing day), a bad date and empty findings with field problems', () => {
    const clock = new ManualClock('2025-10-03T17:00:00Z'); // 2025-10-04 01:00 in Beijing
    const c = caseIn('joint_enforcement');
    expect(recordEnforcementAction(c, { id: 'a1', date: '2025-10-04', findings: 'Night inspection' }, ctx(henan, clock)).case.enforcementActions).toHaveLength(1);
    expect(() => recordEnforcementAction(c, { id: 'a2', date: '2025-10-05', findings: '' }, ctx(henan, clock))).toThrow(
      expect.objectContaining({
        problems: [
          { field: 'date', reason: 'cannot be in the future' },
          { field: 'findings', reason: 'is required' },
        ],
      }),
    );
    expect(() => recordEnforcementAction(c, { id: 'a2', date: '2025-02-30', findings: 'x' }, ctx(henan, clock))).toThrow(
      expect.objectContaining({ problems: [{ field: 'date', reason: 'is not a real calendar date' }] }),
    );
  });
});

describe('evidence', () => {
  const doc = { id: 'e1', kind: 'document' as const, description: 'Sampling report', sha256: 'A'.repeat(64), filename: 'report.pdf', mediaType: 'application/pdf', sizeBytes: 52_000 };

  it('records documents by content hash and metadata, refusing the same document twice', () => {
    const c = addEvidence(caseIn('under_joint_investigation'), doc, ctx(shandong)).case;
    expect(c.evidence[0]).toMatchObject({ kind: 'document', sha256: 'a'.repeat(64), submittedProvince: SHANDONG });
    expect(c.timeline.at(-1)).toMatchObject({ kind: 'evidence-added', details: { sha256: 'a'.repeat(64), filename: 'report.pdf' } });
    expect(() => addEvidence(c, { ...doc, id: 'e2' }, ctx())).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_CONFLICT' }));
  });

  it('validates document metadata and monitoring references field by field', () => {
    const c = caseIn('reported');
    expect(() => addEvidence(c, { ...doc, sha256: 'xyz', filename: '../etc/passwd', mediaType: 'pdf', sizeBytes: 0 }, ctx())).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ field: 'sha256' }), expect.objectContaining({ field: 'filename' }), expect.objectContaining({ field: 'mediaType' }), expect.objectContaining({ field: 'sizeBytes' })]) }),
    );
    const withData = addEvidence(c, { id: 'm1', kind: 'monitoring-data', description: 'Hourly NH3-N', readings: [{ sectionId: 'yellow-liuzhuang', parameter: 'NH3-N', sampledAt: '2025-10-01T08:00:00+08:00' }] }, ctx()).case;
    expect(withData.evidence[0]).toMatchObject({ kind: 'monitoring-data', readings: [{ sampledAt: '2025-10-01T00:00:00.000Z' }] });
    expect(() => addEvidence(c, { id: 'm2', kind: 'monitoring-data', description: 'x', readings: [{ sectionId: 'nowhere', parameter: 'pH', sampledAt: 'now' }] }, ctx())).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ field: 'readings[0].sectionId' }), expect.objectContaining({ field: 'readings[0].parameter' }), expect.objectContaining({ field: 'readings[0].sampledAt' })] }),
    );
  });
});

describe('opening from alerts and exceedances', () => {
  it('opens from an alert with the alert\'s provinces as parties; an exercise alert opens an exercise case', () => {
    const clock = new ManualClock('2025-10-01T00:00:00Z');
    const alert = issueAlert(
      { id: 'al-1', status: 'Exercise', category: 'early-warning', severity: 'III', sectionId: 'yellow-liuzhuang', location: { description: 'x' }, pollutant: { name: 'diesel' }, headline: 'Drill: diesel', description: 'drill' },
      { actor: henan, clock, catalog },
    ).alert;
    const { case: c, events } = openCaseFromAlert(alert, { id: 'case-a' }, ctx(shandong, clock));
    expect(c).toMatchObject({ partyProvinces: [HENAN, SHANDONG], exercise: true, title: 'Drill: diesel', origin: { kind: 'alert', alertId: 'al-1' }, alertThreadIds: ['al-1'] });
    expect(events[0]).toMatchObject({ type: 'pollution.case.opened', exercise: true, audienceProvinces: [HENAN, SHANDONG] });
    expect(() => openCaseFromAlert(alert, { id: 'case-b' }, ctx(actor(SHANXI), clock))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_NOT_FOUND' }));
    const cancel = cancelAlert(alert, { id: 'al-2', reason: 'drill over' }, { actor: henan, clock, catalog }).alert;
    expect(() => openCaseFromAlert(cancel, { id: 'case-c' }, ctx(shandong, clock))).toThrow(expect.objectContaining({ code: 'POLLUTION_CASE_CONFLICT' }));
  });

  it('opens from an exceedance decision and adds later exceedances to the open case', () => {
    const clock = new ManualClock('2025-10-01T06:00:00Z');
    const found = detectReadingExceedances([{ sectionId: 'yellow-liuzhuang', parameter: 'NH3-N', valueMgL: 1.6, sampledAt: '2025-10-01T00:00:00.000Z' }], catalog, GB_3838_2002);
    const [decision] = decideExceedanceCases(found, [], catalog);
    if (decision?.action !== 'open') throw new Error('expected an open decision');
    let c = openCaseFromExceedances(decision, { id: 'case-x' }, ctx(henan, clock)).case;
    expect(c).toMatchObject({ title: 'Exceedance at 刘庄 Liuzhuang: NH3-N', partyProvinces: [HENAN, SHANDONG], origin: { kind: 'exceedance' }, exceedances: found });
    const [next] = decideExceedanceCases(found, [{ id: c.id, sectionId: c.sectionId, exercise: c.exercise, openedAt: c.openedAt }], catalog);
    expect(next).toMatchObject({ action: 'update', caseId: 'case-x' });
    c = addExceedances(c, next!.exceedances, ctx(shandong, clock)).case;
    expect(c.exceedances).toHaveLength(2);
  });
});
