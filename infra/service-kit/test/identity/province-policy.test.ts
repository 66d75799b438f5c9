import { describe, expect, it } from 'vitest';
import { ROLES, canManageReferenceData, canRead, canWrite, relationsOf } from '../../src/identity/index.ts';
import type { Domain, Principal, ReadRequest, RecordScope, Role, WriteRequest } from '../../src/identity/index.ts';

const HENAN = '410000';
const SHANDONG = '370000';
const SHAANXI = '610000';
const NATIONAL = '000000';

function principal(role: Role, province = role === 'observer' ? NATIONAL : HENAN): Principal {
  return { subject: `${role}-user`, username: `${role}.user`, province, agency: 'agency', roles: [role] };
}

// The relations of access-model.md, as records seen from province P; "party+owner" is a party's own entry.
function scopes(p: string): Record<string, RecordScope> {
  return {
    owner: { ownerProvince: p, partyProvinces: [SHANDONG, SHAANXI] },
    party: { ownerProvince: SHANDONG, partyProvinces: [p, SHANDONG] },
    'party+owner': { ownerProvince: p, partyProvinces: [p, SHANDONG] },
    member: { ownerProvince: SHANDONG, partyProvinces: [SHANDONG, SHAANXI], memberProvinces: [p, SHANDONG, SHAANXI] },
    shared: { ownerProvince: SHANDONG, partyProvinces: [SHANDONG], sharedProvinces: [p] },
    none: { ownerProvince: SHANDONG, partyProvinces: [SHANDONG, SHAANXI] },
  };
}

describe('relations', () => {
  it('names every relation a province has to a record', () => {
    const record = { ownerProvince: HENAN, partyProvinces: [HENAN], memberProvinces: [HENAN], sharedProvinces: [SHANDONG] };
    expect([...relationsOf(HENAN, record)].sort()).toEqual(['member', 'owner', 'party']);
    expect([...relationsOf(SHANDONG, record)]).toEqual(['shared']);
    expect([...relationsOf(SHAANXI, record)]).toEqual([]);
    expect([...relationsOf(SHAANXI, { sharedWithAll: true })]).toEqual(['shared']);
  });
});

describe('pollution: every role × relation × read/write', () => {
  // Columns: read full case, read summary/escalations, write the case, write an own entry (enforcement action,
  // acknowledgement, evidence). From access-model.md: parties' environment read everything and write; parties'
  // liaison read the summary only; each party edits only its own entries; observer reads, writes nothing.
  const table: Record<Role, Record<string, [boolean, boolean, boolean, boolean]>> = {
    environment: {
      owner: [true, true, true, false],
      party: [true, true, true, false],
      'party+owner': [true, true, true, true],
      member: [false, false, false, false],
      shared: [false, false, false, false],
      none: [false, false, false, false],
    },
    liaison: {
      owner: [false, true, false, false],
      party: [false, true, false, false],
      'party+owner': [false, true, false, false],
      member: [false, false, false, false],
      shared: [false, false, false, false],
      none: [false, false, false, false],
    },
    medical_insurance: Object.fromEntries(Object.keys(scopes(HENAN)).map((r) => [r, [false, false, false, false]])),
    investment: Object.fromEntries(Object.keys(scopes(HENAN)).map((r) => [r, [false, false, false, false]])),
    admin: Object.fromEntries(Object.keys(scopes(HENAN)).map((r) => [r, [false, false, false, false]])),
    observer: Object.fromEntries(Object.keys(scopes(HENAN)).map((r) => [r, [true, true, false, false]])),
  };

  for (const role of ROLES) {
    for (const [relation, expected] of Object.entries(table[role])) {
      it(`${role} / ${relation}`, () => {
        const who = principal(role);
        const record = scopes(who.province)[relation]!;
        expect([
          canRead({ principal: who, domain: 'pollution', record, part: 'full' }),
          canRead({ principal: who, domain: 'pollution', record, part: 'summary' }),
          canWrite({ principal: who, domain: 'pollution', record, action: 'case' }),
          canWrite({ principal: who, domain: 'pollution', record, action: 'own-entry' }),
        ]).toEqual(expected);
      });
    }
  }

  it('reads the full case by default', () => {
    const record = scopes(HENAN).party!;
    expect(canRead({ principal: principal('liaison'), domain: 'pollution', record })).toBe(false);
    expect(canRead({ principal: principal('environment'), domain: 'pollution', record })).toBe(true);
  });

  it('gives a user holding several roles the union of their rights', () => {
    const both: Principal = { ...principal('liaison'), roles: ['liaison', 'environment'] };
    expect(canWrite({ principal: both, domain: 'pollution', record: scopes(HENAN).party!, action: 'case' })).toBe(true);
  });
});

// Every part and action of every domain, to check observer and admin across the board.
const READS: { [D in Domain]: Array<NonNullable<Extract<ReadRequest, { domain: D }>['part']>> } = {
  pollution: ['full', 'summary'],
  meetings: ['published', 'draft-minutes'],
  medical: ['claim', 'personal-data', 'clearing-result', 'national-totals'],
  investment: ['lead', 'enterprise-identity', 'offer'],
};
const WRITES: { [D in Domain]: Array<Extract<WriteRequest, { domain: D }>['action']> } = {
  pollution: ['case', 'own-entry'],
  meetings: ['member', 'chair', 'own-action-item'],
  medical: ['submit', 'reverse', 'adjudicate', 'dispute', 'clearing-rollback'],
  investment: ['edit', 'share', 'express-interest', 'offer'],
};
const DOMAINS = Object.keys(READS) as Domain[];

function read(who: Principal, domain: Domain, part: string, record: RecordScope): boolean {
  return canRead({ principal: who, domain, part, record } as ReadRequest);
}
function write(who: Principal, domain: Domain, action: string, record: RecordScope, reason?: string): boolean {
  return canWrite({ principal: who, domain, action, record, reason } as WriteRequest);
}

describe('observer and admin in every domain', () => {
  for (const domain of DOMAINS) {
    it(`${domain}: the national observer reads every record except unmasked personal data, sealed offers and draft minutes, and writes nothing`, () => {
      const observer = principal('observer');
      for (const record of Object.values(scopes(NATIONAL))) {
        for (const part of READS[domain]) {
          const sealed =
            (domain === 'medical' && part === 'personal-data') ||
            (domain === 'investment' && part === 'offer') ||
            (domain === 'meetings' && part === 'draft-minutes');
          expect(read(observer, domain, part, record), `${domain} ${part}`).toBe(!sealed);
        }
        for (const action of WRITES[domain]) expect(write(observer, domain, action, record, 'because')).toBe(false);
      }
    });

    it(`${domain}: a national observer account that also holds a domain role still writes nothing`, () => {
      const both: Principal = { ...principal('observer'), roles: ['observer', 'environment', 'liaison', 'medical_insurance', 'investment', 'admin'] };
      const everywhere: RecordScope = { ownerProvince: NATIONAL, partyProvinces: [NATIONAL], memberProvinces: [NATIONAL], sharedProvinces: [NATIONAL], sharedWithAll: true } as RecordScope;
      for (const action of WRITES[domain]) expect(write(both, domain, action, everywhere, 'because'), `${domain} ${action}`).toBe(false);
    });

    it(`${domain}: the observer role in a provincial account grants nothing`, () => {
      const provincial = principal('observer', HENAN);
      for (const record of Object.values(scopes(HENAN))) {
        for (const part of READS[domain]) expect(read(provincial, domain, part, record)).toBe(false);
      }
    });

    it(`${domain}: admin reads no domain record and writes none, except a clearing rollback with a reason`, () => {
      const admin = principal('admin');
      for (const record of Object.values(scopes(HENAN))) {
        for (const part of READS[domain]) expect(read(admin, domain, part, record)).toBe(false);
        for (const action of WRITES[domain]) {
          expect(write(admin, domain, action, record, 'rerun after corrected tariff')).toBe(domain === 'medical' && action === 'clearing-rollback');
          expect(write(admin, domain, action, record)).toBe(false);
          expect(write(admin, domain, action, record, '   ')).toBe(false);
        }
      }
    });
  }

  it('only admin manages reference data', () => {
    for (const role of ROLES) expect(canManageReferenceData(principal(role))).toBe(role === 'admin');
  });
});

describe('meetings', () => {
  const mechanism = { memberProvinces: [HENAN, SHANDONG, SHAANXI], ownerProvince: SHAANXI };
  it('members of any role read published records; only members’ liaison read draft minutes', () => {
    expect(read(principal('environment'), 'meetings', 'published', mechanism)).toBe(true);
    expect(read(principal('environment'), 'meetings', 'draft-minutes', mechanism)).toBe(false);
    expect(read(principal('liaison'), 'meetings', 'draft-minutes', mechanism)).toBe(true);
    expect(read(principal('liaison', '440000'), 'meetings', 'published', mechanism)).toBe(false);
  });
  it('members’ liaison propose and vote; only the chair’s liaison runs the session; action items by their owner', () => {
    expect(write(principal('liaison'), 'meetings', 'member', mechanism)).toBe(true);
    expect(write(principal('environment'), 'meetings', 'member', mechanism)).toBe(false);
    expect(write(principal('liaison'), 'meetings', 'chair', mechanism)).toBe(false);
    expect(write(principal('liaison', SHAANXI), 'meetings', 'chair', mechanism)).toBe(true);
    const actionItem = { memberProvinces: mechanism.memberProvinces, ownerProvince: HENAN };
    expect(write(principal('liaison'), 'meetings', 'own-action-item', actionItem)).toBe(true);
    expect(write(principal('liaison', SHANDONG), 'meetings', 'own-action-item', actionItem)).toBe(false);
  });
});

describe('medical settlement', () => {
  // Treated in Shandong, insured in Henan.
  const claim = { ownerProvince: SHANDONG, partyProvinces: [HENAN, SHANDONG] };
  it('both provinces’ medical_insurance read the claim and may unmask; nobody else', () => {
    for (const province of [HENAN, SHANDONG]) {
      expect(read(principal('medical_insurance', province), 'medical', 'claim', claim)).toBe(true);
      expect(read(principal('medical_insurance', province), 'medical', 'personal-data', claim)).toBe(true);
    }
    expect(read(principal('medical_insurance', SHAANXI), 'medical', 'claim', claim)).toBe(false);
    expect(read(principal('environment'), 'medical', 'claim', claim)).toBe(false);
  });
  it('the treating province submits and reverses; the insuring province adjudicates and disputes', () => {
    const treating = principal('medical_insurance', SHANDONG);
    const insuring = principal('medical_insurance', HENAN);
    expect(['submit', 'reverse', 'adjudicate', 'dispute'].map((a) => write(treating, 'medical', a, claim))).toEqual([true, true, false, false]);
    expect(['submit', 'reverse', 'adjudicate', 'dispute'].map((a) => write(insuring, 'medical', a, claim))).toEqual([false, false, true, true]);
    expect(write(principal('medical_insurance', SHAANXI), 'medical', 'submit', claim)).toBe(false);
  });
  it('national totals go to every medical_insurance; a pair’s clearing result to the pair', () => {
    expect(read(principal('medical_insurance', SHAANXI), 'medical', 'national-totals', {})).toBe(true);
    expect(read(principal('investment'), 'medical', 'national-totals', {})).toBe(false);
    expect(read(principal('medical_insurance', SHAANXI), 'medical', 'clearing-result', { partyProvinces: [HENAN, SHANDONG] })).toBe(false);
    expect(read(principal('medical_insurance'), 'medical', 'clearing-result', { partyProvinces: [HENAN, SHANDONG] })).toBe(true);
  });
});

describe('investment leads', () => {
  const lead = { ownerProvince: SHANDONG, sharedProvinces: [HENAN], identityGrantedProvinces: [] as string[] };
  it('the owner reads all and edits; a shared province reads the lead, the identity only once granted', () => {
    const owner = principal('investment', SHANDONG);
    const shared = principal('investment', HENAN);
    expect(read(owner, 'investment', 'enterprise-identity', lead)).toBe(true);
    expect(write(owner, 'investment', 'edit', lead)).toBe(true);
    expect(read(shared, 'investment', 'lead', lead)).toBe(true);
    expect(read(shared, 'investment', 'enterprise-identity', lead)).toBe(false);
    expect(read(shared, 'investment', 'enterprise-identity', { ...lead, identityGrantedProvinces: [HENAN] })).toBe(true);
    expect(write(shared, 'investment', 'edit', lead)).toBe(false);
    expect(read(principal('investment', SHAANXI), 'investment', 'lead', lead)).toBe(false);
    expect(read(principal('liaison'), 'investment', 'lead', lead)).toBe(false);
  });
  it('mechanism- and all-scoped leads reach members’ or everyone’s investment', () => {
    expect(read(principal('investment', SHAANXI), 'investment', 'lead', { ownerProvince: SHANDONG, memberProvinces: [SHANDONG, SHAANXI] })).toBe(true);
    expect(read(principal('investment', '650000'), 'investment', 'lead', { ownerProvince: SHANDONG, sharedWithAll: true })).toBe(true);
  });
  it('a shared province makes offers that only it and the owner see', () => {
    expect(write(principal('investment', HENAN), 'investment', 'offer', lead)).toBe(true);
    expect(write(principal('investment', SHANDONG), 'investment', 'offer', lead)).toBe(false);
    const offer = { ownerProvince: SHANDONG, partyProvinces: [HENAN] };
    expect(read(principal('investment', HENAN), 'investment', 'offer', offer)).toBe(true);
    expect(read(principal('investment', SHANDONG), 'investment', 'offer', offer)).toBe(true);
    expect(read(principal('investment', SHAANXI), 'investment', 'offer', { ...offer, sharedProvinces: [SHAANXI] })).toBe(false);
  });
});
