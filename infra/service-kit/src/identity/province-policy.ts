import { NATIONAL_PROVINCE_CODE } from '@xietong/proto';
import { hasRole, type Principal, type Role } from './principal.ts';

// The province policy: access-model.md as code. Every service calls it before reading or writing a record; the
// gateway's access-matrix test checks the same table. Anything the table does not cover is denied.

/** The four business domains. */
export type Domain = 'meetings' | 'pollution' | 'medical' | 'investment';

/** The role that works in each domain (and the only one that may write there). */
export const DOMAIN_ROLE: Readonly<Record<Domain, Role>> = {
  meetings: 'liaison',
  pollution: 'environment',
  medical: 'medical_insurance',
  investment: 'investment',
};

/** How the user's province relates to a record (access-model.md, "Relation of the user's province to a record"). */
export type Relation = 'owner' | 'party' | 'member' | 'shared' | 'none';

/**
 * The provinces a record names. What each field means per domain:
 * - pollution: owner = reporting province (of an alert or case) or, for an entry (enforcement action,
 *   acknowledgement, evidence), the province that made it; parties = the case's or alert's provinces.
 * - meetings: members = the mechanism's member provinces; owner = the chair (for session, poll and minutes
 *   actions) or, for an action item, its owner province.
 * - medical: owner = the treating province; parties = insuring and treating provinces (of a claim or of a
 *   clearing's province pair).
 * - investment: owner = the province that posted the lead; shared = named provinces; members = the mechanism's
 *   members for a mechanism-scoped lead; sharedWithAll for an all-scoped lead; identityGranted = provinces the owner
 *   has shown the enterprise's identity to. For an interest or offer: owner = the lead's owner, parties = the
 *   province that made it.
 */
export interface RecordScope {
  /** The owning province. */
  ownerProvince?: string;
  /** Provinces named as parties. */
  partyProvinces?: readonly string[];
  /** Member provinces of the mechanism the record belongs to. */
  memberProvinces?: readonly string[];
  /** Provinces named in the sharing scope. */
  sharedProvinces?: readonly string[];
  /** The sharing scope is every province. */
  sharedWithAll?: boolean;
  /** Investment: provinces the owner has granted the enterprise's identity to. */
  identityGrantedProvinces?: readonly string[];
}

/** What part of a record is read, per domain; the first is the default. */
export interface ReadParts {
  /** full: the whole case incl. evidence; summary: the case summary and its escalations. */
  pollution: 'full' | 'summary';
  /** published: mechanism, sessions, agenda, decisions, published minutes, action items; draft-minutes. */
  meetings: 'published' | 'draft-minutes';
  /** claim (personal data masked); personal-data (unmasked, audited); clearing-result (of a province pair); national-totals. */
  medical: 'claim' | 'personal-data' | 'clearing-result' | 'national-totals';
  /** lead (enterprise hidden unless granted); enterprise-identity; offer (an interest or offer, sealed). */
  investment: 'lead' | 'enterprise-identity' | 'offer';
}

/** What kind of write, per domain. */
export interface WriteActions {
  /** case: edit the case (parties); own-entry: an enforcement action, acknowledgement or evidence of one's own. */
  pollution: 'case' | 'own-entry';
  /** member: propose agenda items, vote; chair: accept items, open/close sessions and polls, publish minutes; own-action-item: report on it. */
  meetings: 'member' | 'chair' | 'own-action-item';
  /** submit and reverse (treating province); adjudicate and dispute (insuring province); clearing-rollback (admin, with a reason). */
  medical: 'submit' | 'reverse' | 'adjudicate' | 'dispute' | 'clearing-rollback';
  /** edit and share (owner); express-interest and offer (a province the lead is shared with). */
  investment: 'edit' | 'share' | 'express-interest' | 'offer';
}

/** A read to decide. */
export type ReadRequest = { [D in Domain]: { principal: Principal; domain: D; record: RecordScope; part?: ReadParts[D] } }[Domain];

/** A write to decide. */
export type WriteRequest = {
  [D in Domain]: { principal: Principal; domain: D; record: RecordScope; action: WriteActions[D]; reason?: string };
}[Domain];

/** The relations between a province and a record (empty means none). */
export function relationsOf(province: string, record: RecordScope): ReadonlySet<Exclude<Relation, 'none'>> {
  const relations = new Set<Exclude<Relation, 'none'>>();
  if (record.ownerProvince === province) relations.add('owner');
  if (record.partyProvinces?.includes(province)) relations.add('party');
  if (record.memberProvinces?.includes(province)) relations.add('member');
  if (record.sharedWithAll || record.sharedProvinces?.includes(province)) relations.add('shared');
  return relations;
}

/** A national observer: the observer role held by a national body; a provincial account with the role gets nothing. */
export function isNationalObserver(principal: Principal): boolean {
  return hasRole(principal, 'observer') && principal.province === NATIONAL_PROVINCE_CODE;
}

// Roles are additive: a rule that needs "the domain role" is met by it whatever else the user holds.
function domainRole(principal: Principal, domain: Domain): boolean {
  return hasRole(principal, DOMAIN_ROLE[domain]);
}

// Roles that may read a meetings mechanism as a member: any role except admin (admin sees no domain records).
function anyDomainRole(principal: Principal): boolean {
  return principal.roles.some((role) => role !== 'admin' && role !== 'observer');
}

function readsAsProvince(request: ReadRequest): boolean {
  const { principal, record } = request;
  const rel = relationsOf(principal.province, record);
  switch (request.domain) {
    case 'pollution': {
      // The reporting province is a party to its own alert or case.
      const isParty = rel.has('party') || rel.has('owner');
      if (!isParty) return false;
      if ((request.part ?? 'full') === 'full') return domainRole(principal, 'pollution');
      return domainRole(principal, 'pollution') || hasRole(principal, 'liaison');
    }
    case 'meetings': {
      if (!rel.has('member')) return false;
      if ((request.part ?? 'published') === 'published') return anyDomainRole(principal);
      return domainRole(principal, 'meetings');
    }
    case 'medical': {
      const part = request.part ?? 'claim';
      if (part === 'national-totals') return domainRole(principal, 'medical');
      // claim, personal-data (unmasking: the caller audits it) and a pair's clearing result: the two provinces.
      return (rel.has('party') || rel.has('owner')) && domainRole(principal, 'medical');
    }
    case 'investment': {
      if (!domainRole(principal, 'investment')) return false;
      const part = request.part ?? 'lead';
      if (part === 'offer') return rel.has('owner') || rel.has('party');
      if (rel.has('owner')) return true;
      const inScope = rel.has('shared') || rel.has('member');
      if (part === 'lead') return inScope;
      return inScope && (record.identityGrantedProvinces?.includes(principal.province) ?? false);
    }
  }
}

/** Whether the principal may read this part of the record. A denied read must look like a missing record. */
export function canRead(request: ReadRequest): boolean {
  if (isNationalObserver(request.principal)) {
    // Observers read everything except unmasked personal data, sealed offers and draft minutes (the access model
    // gives drafts only to members' liaison; where the table is silent, deny).
    if (request.domain === 'medical' && request.part === 'personal-data') return false;
    if (request.domain === 'meetings' && request.part === 'draft-minutes') return false;
    if (request.domain === 'investment' && request.part === 'offer') return false;
    return true;
  }
  return readsAsProvince(request);
}

/** Whether the principal may make this write. Observers write nothing; admins only roll back a clearing, with a reason. */
export function canWrite(request: WriteRequest): boolean {
  const { principal, record } = request;
  // A national observer writes nothing, whatever other role the same account holds.
  if (isNationalObserver(principal)) return false;
  if (request.domain === 'medical' && request.action === 'clearing-rollback') {
    return hasRole(principal, 'admin') && (request.reason ?? '').trim() !== '';
  }
  if (!domainRole(principal, request.domain)) return false;
  const rel = relationsOf(principal.province, record);
  switch (request.domain) {
    case 'pollution': {
      const isParty = rel.has('party') || rel.has('owner');
      if (request.action === 'case') return isParty;
      // Each party edits only its own enforcement actions, acknowledgements and evidence.
      return rel.has('party') && rel.has('owner');
    }
    case 'meetings': {
      if (!rel.has('member')) return false;
      if (request.action === 'member') return true;
      // chair: the owner is the chair; own-action-item: the owner is the action item's province.
      return rel.has('owner');
    }
    case 'medical': {
      if (!rel.has('party')) return false;
      if (request.action === 'submit' || request.action === 'reverse') return rel.has('owner');
      // adjudicate, dispute: the insuring province, i.e. the party that is not the treating one.
      return !rel.has('owner');
    }
    case 'investment': {
      if (request.action === 'edit' || request.action === 'share') return rel.has('owner');
      return !rel.has('owner') && (rel.has('shared') || rel.has('member'));
    }
  }
}

/** Whether the principal may change reference data and configuration (the admin's only area). */
export function canManageReferenceData(principal: Principal): boolean {
  return hasRole(principal, 'admin');
}

/** The policy as one object, for injection into handlers and tests. */
export const ProvincePolicy = { canRead, canWrite, canManageReferenceData, relationsOf, isNationalObserver } as const;
