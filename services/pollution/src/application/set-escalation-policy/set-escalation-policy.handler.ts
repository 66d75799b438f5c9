import { ADMIN_ROLE, EscalationPolicyForbiddenError, setEscalationPolicy, type Clock, type EscalationPolicyInput, type RecordedEscalationPolicy, type ReferenceCatalog } from '../../domain/index.ts';
import type { AuditTrail, Caller, EventSink, UnitOfWork } from '../shared/ports.ts';

/** What recording a policy version needs from the stores. */
export interface SetEscalationPolicyPorts {
  /** Policy versions. */
  readonly escalationPolicies: {
    /** Serialises policy writes and returns every stored version of every policy. */
    lockPolicyVersions(): Promise<RecordedEscalationPolicy[]>;
    /** Stores a new version. */
    insertPolicyVersion(policy: RecordedEscalationPolicy): Promise<void>;
  };
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface SetEscalationPolicyDeps {
  /** One transaction per write. */
  readonly transaction: UnitOfWork<SetEscalationPolicyPorts>;
  /** Now: a version takes effect no earlier. */
  readonly clock: Clock;
  /** Sections must exist. */
  readonly catalog: ReferenceCatalog;
  /** This process's in-memory policies, reloaded once the write has committed. */
  readonly policies?: { refresh(): Promise<void> };
}

/**
 * Records a new version of an escalation policy (platform administrators only): state, the EscalationPolicyChanged
 * event and the audit row in one transaction; then this process's registry is reloaded so its next alert uses it.
 */
export async function setEscalationPolicyHandler(deps: SetEscalationPolicyDeps, caller: Caller, input: EscalationPolicyInput): Promise<RecordedEscalationPolicy> {
  // Refused before any work; the domain checks again.
  if (!caller.roles.includes(ADMIN_ROLE)) throw new EscalationPolicyForbiddenError();
  const policy = await deps.transaction(caller, async ({ escalationPolicies, events, audit }) => {
    const history = await escalationPolicies.lockPolicyVersions();
    const change = setEscalationPolicy(history, input, { actor: caller, clock: deps.clock, catalog: deps.catalog });
    await escalationPolicies.insertPolicyVersion(change.policy);
    await events.append([change.event]);
    await audit.record({
      action: 'set-escalation-policy',
      recordType: 'escalation-policy',
      recordId: change.policy.id,
      details: {
        version: change.policy.version,
        previousVersion: change.previous?.version ?? null,
        effectiveFrom: change.policy.effectiveFrom,
        sectionIds: change.policy.appliesTo === 'default' ? 'default' : change.policy.appliesTo.sectionIds,
        acknowledgeWithinMinutes: change.policy.acknowledgeWithinMinutes,
        jointMechanismAfterMinutes: change.policy.jointMechanismAfterMinutes,
        source: change.policy.source,
      },
    });
    return change.policy;
  });
  // The version is committed whatever happens here; should the reload fail, the next escalation run reloads.
  await deps.policies?.refresh().catch(() => undefined);
  return policy;
}
