import { prismaSqlExecutor } from '@xietong/service-kit';
import { isSystemCaller, type UnitOfWork, type WorkActor } from '../../application/shared/ports.ts';
import type { EscalationPolicySource } from '../../domain/index.ts';
import { ChainedAuditTrail } from '../messaging/audit-trail.ts';
import { OutboxEventSink } from '../messaging/outbox-event-sink.ts';
import { PrismaAlertRepository } from '../persistence/alert.repository.ts';
import { PrismaCaseRepository } from '../persistence/case.repository.ts';
import { PrismaCompensationRepository } from '../persistence/compensation.repository.ts';
import { PrismaEscalationPolicyRepository } from '../persistence/escalation-policy.repository.ts';
import { PrismaReadingRepository } from '../persistence/reading.repository.ts';
import type { PrismaClient } from './prisma-types.ts';

/** Everything a write can touch, bound to one transaction; each use case's ports are a subset of it. */
export interface TransactionPorts {
  /** Alerts. */
  readonly alerts: PrismaAlertRepository;
  /** Cases. */
  readonly cases: PrismaCaseRepository;
  /** Readings. */
  readonly readings: PrismaReadingRepository;
  /** Agreements. */
  readonly agreements: PrismaCompensationRepository;
  /** Assessments. */
  readonly assessments: PrismaCompensationRepository;
  /** Escalation policy versions. */
  readonly escalationPolicies: PrismaEscalationPolicyRepository;
  /** The outbox. */
  readonly events: OutboxEventSink;
  /** The audit chain. */
  readonly audit: ChainedAuditTrail;
}

/** Options of the unit of work. */
export interface UnitOfWorkOptions {
  /** Deadlines, for event payloads. */
  readonly escalationPolicy: EscalationPolicySource;
  /** Longest a transaction may run, ms (a 10,000-reading upload with its case decisions fits well inside). */
  readonly timeoutMs?: number;
}

/**
 * The unit of work: one Prisma interactive transaction per use-case call, in which state, outbox rows and the audit
 * row are written together (house rule: every write commits its events and its audit entry or none of them).
 * `correlationId` of the request travels into the events and the audit row.
 */
export function createUnitOfWork(prisma: PrismaClient, options: UnitOfWorkOptions): UnitOfWork<TransactionPorts> {
  return <T>(actor: WorkActor, work: (ports: TransactionPorts) => Promise<T>): Promise<T> =>
    prisma.$transaction(
      async (tx) => {
        const sql = prismaSqlExecutor(tx);
        const correlationId = isSystemCaller(actor) ? undefined : actor.correlationId;
        const compensation = new PrismaCompensationRepository(tx);
        return work({
          alerts: new PrismaAlertRepository(tx),
          cases: new PrismaCaseRepository(tx),
          readings: new PrismaReadingRepository(tx),
          agreements: compensation,
          assessments: compensation,
          escalationPolicies: new PrismaEscalationPolicyRepository(tx),
          events: new OutboxEventSink(sql, actor, options.escalationPolicy, correlationId),
          audit: new ChainedAuditTrail(sql, actor, correlationId),
        });
      },
      { timeout: options.timeoutMs ?? 60_000, maxWait: 10_000 },
    );
}
