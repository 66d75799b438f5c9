import { DOMAIN_ROLE, canManageReferenceData, canRead, canWrite, isNationalObserver, type Domain, type Principal, type ReadRequest, type RecordScope, type WriteRequest } from '../../../kit.ts';

/** Every readable part of a record per domain (the kit's ReadParts, as values). */
export const READ_PARTS = {
  meetings: ['published', 'draft-minutes'],
  pollution: ['full', 'summary'],
  medical: ['claim', 'personal-data', 'clearing-result', 'national-totals'],
  investment: ['lead', 'enterprise-identity', 'offer'],
} as const satisfies Record<Domain, readonly string[]>;

/** Every kind of write per domain (the kit's WriteActions, as values). */
export const WRITE_ACTIONS = {
  meetings: ['member', 'chair', 'own-action-item'],
  pollution: ['case', 'own-entry'],
  medical: ['submit', 'reverse', 'adjudicate', 'dispute', 'clearing-rollback'],
  investment: ['edit', 'share', 'express-interest', 'offer'],
} as const satisfies Record<Domain, readonly string[]>;

/** How far a user's reads reach in a domain. */
export type ReadReach = 'none' | 'related' | 'all';

/** What a user may do in one domain, as the web app needs it to show or hide actions. */
export interface DomainPermission {
  domain: Domain;
  reach: ReadReach;
  /** Parts the user may read of records related to their province (all records for a national observer). */
  readableParts: string[];
  /** Writes the user may make on records related to their province in a suitable way. */
  writeActions: string[];
}

// Records standing in the ways the province policy distinguishes: the user's province related in every way, a party
// that is not the owner, and a shared province that is not the owner. A part or action is possible when any allows it.
function probeRecords(province: string): RecordScope[] {
  const other = province === '110000' ? '120000' : '110000';
  return [
    { ownerProvince: province, partyProvinces: [province], memberProvinces: [province], sharedProvinces: [province], identityGrantedProvinces: [province] },
    { ownerProvince: other, partyProvinces: [province, other], memberProvinces: [province, other] },
    { ownerProvince: other, sharedProvinces: [province], memberProvinces: [province, other], identityGrantedProvinces: [province] },
  ];
}

/**
 * What the principal may do, derived from the kit's province policy (never restated here): per domain, how far its
 * reads reach, which parts it reads and which writes it may make.
 */
export function permissionsOf(principal: Principal): DomainPermission[] {
  const records = probeRecords(principal.province);
  return (Object.keys(DOMAIN_ROLE) as Domain[]).map((domain) => {
    const readableParts = READ_PARTS[domain].filter((part) =>
      records.some((record) => canRead({ principal, domain, record, part } as ReadRequest)),
    );
    const writeActions = WRITE_ACTIONS[domain].filter((action) =>
      records.some((record) => canWrite({ principal, domain, record, action, reason: 'capability probe' } as WriteRequest)),
    );
    const reach: ReadReach = readableParts.length === 0 ? 'none' : isNationalObserver(principal) ? 'all' : 'related';
    return { domain, reach, readableParts: [...readableParts], writeActions: [...writeActions] };
  });
}

/** Whether the principal may change reference data and configuration. */
export function managesReferenceData(principal: Principal): boolean {
  return canManageReferenceData(principal);
}
