import { dueEscalations, recordEscalation, type AlertMessage, type Clock, type EscalationPolicySource, type EscalationRecord, type Instant } from '../../domain/index.ts';
import { escalationDueAtOf } from '../shared/alert-writes.ts';
import type { AuditTrail, EventSink, SystemCaller, UnitOfWork } from '../shared/ports.ts';

/** What the escalation job needs from the alert store. */
export interface EscalationStore {
  /**
   * Messages whose next escalation time has come (at or before `now`), oldest due first, at most `limit`, each
   * locked until the transaction ends. Messages another transaction holds are skipped, not waited for (SKIP LOCKED),
   * so several instances of the job share the work and never handle one message at the same time.
   */
  claimDueMessages(now: Instant, limit: number): Promise<AlertMessage[]>;
  /** Every message of a thread, oldest first. */
  threadMessages(threadId: string): Promise<AlertMessage[]>;
  /** Stores an escalation of a message; false when that step was already stored for the province (then nothing is published). */
  insertEscalation(alertId: string, escalation: EscalationRecord): Promise<boolean>;
  /** Sets when the job should next look at a message (undefined: never again). */
  setEscalationDueAt(alertId: string, dueAt: Instant | undefined): Promise<void>;
}

/** The ports one round writes through. */
export interface EscalateAlertsPorts {
  /** Alerts. */
  readonly alerts: EscalationStore;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the job needs. */
export interface EscalateAlertsDeps {
  /** Runs a round in one transaction. */
  readonly transaction: UnitOfWork<EscalateAlertsPorts>;
  /** Now (tests move it). */
  readonly clock: Clock;
  /** Deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
  /** The job's identity on events and the audit chain. */
  readonly job: SystemCaller;
  /** Messages per transaction (default 50). */
  readonly batchSize?: number;
}

/** What one run did. */
export interface EscalationRunResult {
  /** Messages looked at. */
  readonly messages: number;
  /** Escalations carried out (events published). */
  readonly escalations: number;
}

/**
 * Carries out every escalation that has fallen due: for each claimed message, the steps `dueEscalations` finds for
 * its own status (real and exercise threads are evaluated apart; exercise events are marked as such), each stored
 * once and published once, then the message's next escalation time. Runs batches until nothing is due (at most
 * `maxBatches`, so one run stays bounded).
 */
export async function escalateAlertsHandler(deps: EscalateAlertsDeps, maxBatches = 20): Promise<EscalationRunResult> {
  let messages = 0;
  let escalations = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const round = await deps.transaction(deps.job, async ({ alerts, events, audit }) => {
      const now = deps.clock.now().toISOString();
      const claimed = await alerts.claimDueMessages(now, deps.batchSize ?? 50);
      let carriedOut = 0;
      for (const claimedMessage of claimed) {
        const thread = await alerts.threadMessages(claimedMessage.threadId);
        let message = thread.find((m) => m.id === claimedMessage.id) ?? claimedMessage;
        const due = dueEscalations(thread, deps.escalationPolicy, deps.clock, message.status).filter((d) => d.alertId === message.id);
        for (const step of due) {
          const recorded = recordEscalation(message, step, deps.clock);
          const stored = recorded.alert.escalations.find((e) => e.province === step.province && e.step === step.step);
          if (recorded.events.length === 0 || !stored) continue;
          message = recorded.alert;
          if (!(await alerts.insertEscalation(message.id, stored))) continue;
          await events.append(recorded.events);
          await audit.record({
            action: 'escalate-alert',
            recordType: 'alert',
            recordId: message.id,
            details: { threadId: message.threadId, province: step.province, step: step.step, dueAt: step.dueAt, policy: step.policy, status: message.status },
          });
          carriedOut += 1;
        }
        const others = thread.filter((m) => m.id !== message.id);
        await alerts.setEscalationDueAt(message.id, escalationDueAtOf([...others, message], message, deps.escalationPolicy));
      }
      return { messages: claimed.length, escalations: carriedOut };
    });
    messages += round.messages;
    escalations += round.escalations;
    if (round.messages < (deps.batchSize ?? 50)) break;
  }
  return { messages, escalations };
}
