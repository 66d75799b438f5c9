import { addEvidence, CaseInvalidError, readingKey, type Clock, type EvidenceInput, type ReadingRef, type ReferenceCatalog } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** The ports adding evidence writes through: the case ports plus a look-up of stored readings. */
export interface AddCaseEvidencePorts extends CaseWritePorts {
  /** Readings. */
  readonly readings: {
    /** The keys (readingKey) of those among `refs` that are stored. */
    existingReadingKeys(refs: readonly ReadingRef[]): Promise<Set<string>>;
  };
}

/** Evidence as given, without its id (the service makes one). */
export type EvidenceCommand = { readonly kind: 'monitoring-data'; readonly description?: unknown; readonly readings?: unknown } | {
  readonly kind: 'document';
  readonly description?: unknown;
  readonly sha256?: unknown;
  readonly filename?: unknown;
  readonly mediaType?: unknown;
  readonly sizeBytes?: unknown;
};

/**
 * Adds evidence to a case: monitoring data, which must name readings that are stored, or a document's hash and
 * metadata (the same document only once per case).
 */
export async function addCaseEvidenceHandler(
  deps: { readonly transaction: UnitOfWork<AddCaseEvidencePorts>; readonly clock: Clock; readonly catalog: ReferenceCatalog; readonly ids: IdGenerator },
  caller: Caller,
  input: { readonly caseId: string; readonly evidence: EvidenceCommand; readonly expectedVersion?: number },
): Promise<{ case: CaseReadModel; evidenceId: string }> {
  const evidenceId = deps.ids.newId();
  const view = await changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'add-case-evidence', details: { evidenceId, kind: input.evidence.kind } }, async (c, ports) => {
    const result = addEvidence(c, { ...input.evidence, id: evidenceId } as EvidenceInput, { actor: caller, clock: deps.clock, catalog: deps.catalog });
    const added = result.case.evidence.find((e) => e.id === evidenceId);
    if (added?.kind === 'monitoring-data') {
      const stored = await ports.readings.existingReadingKeys(added.readings);
      const problems = added.readings.flatMap((ref, i) => (stored.has(readingKey(ref)) ? [] : [{ field: `readings[${i}]`, reason: 'no such reading is stored (section, parameter and sampling time must match a stored reading)' }]));
      if (problems.length > 0) throw new CaseInvalidError(problems);
    }
    return result;
  });
  return { case: view, evidenceId };
}
