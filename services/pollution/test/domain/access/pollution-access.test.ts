import { canRead, canWrite, type Principal } from '@xietong/service-kit';
import { describe, expect, it } from 'vitest';
import { caseReadLevel, canReadSectionReadings, canSubmitReadings, canWriteCase, viewAlert, viewCase } from '../../../src/domain/access/pollution-access.ts';
import { acknowledgeAlert, issueAlert } from '../../../src/domain/alerts/alert.commands.ts';
import { addEvidence, openReportedCase } from '../../../src/domain/cases/case.commands.ts';
import type { Actor } from '../../../src/domain/common/actor.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, OBSERVER, SHANDONG, SHANXI } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const clock = new ManualClock('2025-10-01T00:00:00Z');
let theCase = openReportedCase({ id: 'c1', title: 'Ammonia at Liuzhuang', sectionId: 'yellow-liuzhuang' }, { actor: actor(HENAN), clock, catalog }).case;
theCase = addEvidence(theCase, { id: 'e1', kind: 'document', description: 'Lab report', sha256: 'b'.repeat(64), filename: 'lab.pdf', mediaType: 'application/pdf', sizeBytes: 10 }, { actor: actor(HENAN), clock, catalog }).case;

describe('who reads a case', () => {
  it('gives parties\' environmental bureaus and the national observer everything, parties\' liaison the summary, others nothing', () => {
    expect(viewCase(actor(SHANDONG), theCase)).toMatchObject({ view: 'full', evidence: [{ id: 'e1' }] });
    expect(viewCase(OBSERVER, theCase)).toMatchObject({ view: 'full' });
    const summary = viewCase(actor(SHANDONG, ['liaison']), theCase);
    expect(summary).toMatchObject({ view: 'summary', state: 'reported', counts: { evidence: 1 } });
    expect(summary).not.toHaveProperty('evidence');
    expect(summary).not.toHaveProperty('timeline');
    expect(viewCase(actor(SHANXI), theCase)).toBeUndefined();
    expect(viewCase(actor('000000', ['environment']), theCase)).toBeUndefined();
    expect(viewCase(actor(HENAN, ['admin']), theCase)).toBeUndefined();
    expect(viewCase(actor(HENAN, ['observer']), theCase)).toBeUndefined(); // a provincial observer account gets nothing
  });

  it('lets the section\'s environmental bureaus (and the observer) read and submit readings there', () => {
    const fenglingdu = catalog.section('yellow-fenglingdu')!;
    expect(canSubmitReadings(actor(SHANXI), fenglingdu)).toBe(true);
    expect(canSubmitReadings(actor(SHANDONG), fenglingdu)).toBe(false);
    expect(canSubmitReadings(OBSERVER, fenglingdu)).toBe(false);
    expect(canReadSectionReadings(OBSERVER, fenglingdu)).toBe(true);
    expect(canReadSectionReadings(actor(HENAN, ['liaison']), fenglingdu)).toBe(false);
  });
});

describe('who reads an alert', () => {
  const alert = acknowledgeAlert(
    issueAlert(
      { id: 'a1', status: 'Actual', category: 'information', severity: 'IV', sectionId: 'yellow-liuzhuang', location: { description: 'x' }, pollutant: { name: 'oil' }, headline: 'Oil sheen', description: 'Thin sheen' },
      { actor: actor(HENAN), clock, catalog },
    ).alert,
    { note: 'seen' },
    { actor: actor(SHANDONG), clock },
  ).alert;

  it('shows liaison offices the summary with escalations and acknowledgements but not the description or notes', () => {
    const summary = viewAlert(actor(SHANDONG, ['liaison']), alert);
    expect(summary).toMatchObject({ view: 'summary', alert: { headline: 'Oil sheen', escalations: [] }, acknowledgedBy: [{ province: SHANDONG }] });
    expect(JSON.stringify(summary)).not.toContain('Thin sheen');
    expect(JSON.stringify(summary)).not.toContain('seen');
    expect(viewAlert(actor(SHANXI), alert)).toBeUndefined();
    expect(viewAlert(actor(SHANXI), alert, [SHANXI])).toMatchObject({ view: 'full' });
  });
});

describe('agreement with the service kit\'s province policy', () => {
  // The kit implements access-model.md for every domain; the domain's own checks must never grant more.
  const actors: Actor[] = [
    actor(HENAN),
    actor(SHANDONG),
    actor(SHANXI),
    actor(HENAN, ['liaison']),
    actor(SHANXI, ['liaison']),
    actor(HENAN, ['investment']),
    actor(HENAN, ['admin']),
    actor(HENAN, ['observer']),
    OBSERVER,
    actor('000000', ['environment']),
  ];
  const asPrincipal = (a: Actor): Principal => ({ ...a, agency: 'test', roles: a.roles as Principal['roles'] });
  const scope = { ownerProvince: theCase.reportingProvince, partyProvinces: theCase.partyProvinces };

  it.each(actors.map((a) => [a.username, a] as const))('matches for %s', (_name, a) => {
    const level = caseReadLevel(a, theCase);
    expect(level !== 'none').toBe(canRead({ principal: asPrincipal(a), domain: 'pollution', record: scope, part: 'summary' }));
    expect(level === 'full').toBe(canRead({ principal: asPrincipal(a), domain: 'pollution', record: scope, part: 'full' }));
    expect(canWriteCase(a, theCase)).toBe(canWrite({ principal: asPrincipal(a), domain: 'pollution', record: scope, action: 'case' }));
  });
});
