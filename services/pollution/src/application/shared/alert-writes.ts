import {
  AlertForbiddenError,
  AlertNotFoundError,
  escalationPolicyRef,
  nextEscalationDueAt,
  viewAlert,
  type Actor,
  type AlertMessage,
  type EscalationPolicySource,
  type Instant,
} from '../../domain/index.ts';

/** What the alert-changing use cases need from the alert store. */
export interface AlertThreadStore {
  /** Every message of the thread `alertId` belongs to, oldest first, locked until the transaction ends; undefined when no message has that id. */
  lockThreadOf(alertId: string): Promise<AlertMessage[] | undefined>;
  /** Provinces party to cases the thread is linked to (they read the alert too). */
  linkedCaseParties(threadId: string): Promise<string[]>;
  /** Stores a new message and when the escalation job should next look at it. */
  insertMessage(message: AlertMessage, escalationDueAt: Instant | undefined): Promise<void>;
  /** Stores what changed on a message (replacement, new acknowledgements) and its next escalation time. */
  updateMessage(before: AlertMessage, after: AlertMessage, escalationDueAt: Instant | undefined): Promise<void>;
}

/** The thread of a message the caller may read, locked; a message the caller may not read is "not found". */
export async function lockVisibleThread(
  store: AlertThreadStore,
  caller: Actor,
  alertId: string,
): Promise<{ thread: AlertMessage[]; message: AlertMessage; linkedParties: string[] }> {
  const thread = await store.lockThreadOf(alertId);
  const message = thread?.find((m) => m.id === alertId);
  if (!thread || !message) throw new AlertNotFoundError();
  const linkedParties = await store.linkedCaseParties(message.threadId);
  if (!viewAlert(caller, message, linkedParties)) throw new AlertNotFoundError();
  return { thread, message, linkedParties };
}

/**
 * Runs a domain command on a message the caller can read. The domain answers "not found" to anyone not named on the
 * alert; a caller who reads it anyway (the national observer, a party of a linked case) is told "forbidden" instead,
 * since for them the alert visibly exists.
 */
export function asVisibleWrite<T>(command: () => T): T {
  try {
    return command();
  } catch (error) {
    if (error instanceof AlertNotFoundError) throw new AlertForbiddenError('Only the environmental bureaus of the provinces on the alert may change or acknowledge it.');
    throw error;
  }
}

/**
 * The message with the policy version that sets its deadlines pinned on it, for storing: whatever versions are
 * recorded later (or reach this instance later), the deadlines announced with it stay its deadlines.
 */
export function pinEscalationPolicy(message: AlertMessage, policy: EscalationPolicySource): AlertMessage {
  const chosen = typeof policy === 'function' ? policy(message) : policy;
  return { ...message, escalationPolicy: escalationPolicyRef(chosen) };
}

/** When the escalation job should next look at a message, given its whole thread. */
export function escalationDueAtOf(thread: readonly AlertMessage[], message: AlertMessage, policy: EscalationPolicySource): Instant | undefined {
  const others = thread.filter((m) => m.id !== message.id);
  return nextEscalationDueAt([...others, message], message, policy);
}
