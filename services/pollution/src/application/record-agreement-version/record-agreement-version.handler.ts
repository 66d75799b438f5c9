import {
  AgreementWriteForbiddenError,
  canonicalDigest,
  isEnvironmentOfficer,
  recordAgreementVersion,
  type AgreementVersionInput,
  type Clock,
  type CompensationAgreement,
  type RecordedAgreementVersion,
  type ReferenceCatalog,
  type WaterQualityStandard,
} from '../../domain/index.ts';
import type { AuditTrail, Caller, EventSink, UnitOfWork } from '../shared/ports.ts';

/** What recording an agreement version needs from the stores. */
export interface RecordAgreementVersionPorts {
  /** Agreement versions. */
  readonly agreements: {
    /** Serialises agreement writes (one lock for all: a version is checked against every agreement on its section), then returns every stored version of every agreement. */
    lockAgreementVersions(): Promise<CompensationAgreement[]>;
    /** Stores a new version (a version stored twice is refused). */
    insertAgreementVersion(recorded: RecordedAgreementVersion): Promise<void>;
  };
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface RecordAgreementVersionDeps {
  /** One transaction per write. */
  readonly transaction: UnitOfWork<RecordAgreementVersionPorts>;
  /** Now. */
  readonly clock: Clock;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** GB 3838-2002: which parameters judge a water body. */
  readonly standard: WaterQualityStandard;
}

/**
 * Records a new version of a compensation agreement (or a new agreement at version 1): the environmental bureau of
 * a province party to it. State, the AgreementVersionRecorded event and the audit row commit in one transaction.
 * Assessments run from then on use the version in force for their period; assessments already published keep the
 * version stored with their inputs, so they still verify.
 */
export async function recordAgreementVersionHandler(deps: RecordAgreementVersionDeps, caller: Caller, input: AgreementVersionInput): Promise<RecordedAgreementVersion> {
  // Refused before any work (observers, administrators, other roles); the domain checks again.
  if (!isEnvironmentOfficer(caller)) throw new AgreementWriteForbiddenError();
  return deps.transaction(caller, async ({ agreements, events, audit }) => {
    const all = await agreements.lockAgreementVersions();
    const id = typeof input.agreementId === 'string' ? input.agreementId.trim() : undefined;
    const versions = all.filter((a) => a.id === id);
    const others = all.filter((a) => a.id !== id);
    const change = recordAgreementVersion(versions, others, input, { actor: caller, clock: deps.clock, catalog: deps.catalog, standard: deps.standard });
    const { agreement } = change.recorded;
    await agreements.insertAgreementVersion(change.recorded);
    await events.append([change.event]);
    await audit.record({
      action: 'record-agreement-version',
      recordType: 'agreement',
      recordId: agreement.id,
      details: {
        version: agreement.version,
        previousVersion: change.recorded.previousVersion ?? null,
        sectionId: agreement.sectionId,
        validFrom: agreement.validFrom,
        validTo: agreement.validTo ?? null,
        partyProvinces: agreement.parties.map((p) => p.province),
        reason: change.recorded.reason,
        termsDigest: canonicalDigest(agreement),
      },
    });
    return change.recorded;
  });
}
