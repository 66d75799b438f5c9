import { ActorKind, createEnvelope, NATIONAL_PROVINCE_CODE } from '@xietong/proto';
import { appendToOutbox, toOutboxMessage, type SqlExecutor } from '@xietong/service-kit';
import { isSystemCaller, type EventSink, type WorkActor } from '../../application/shared/ports.ts';
import { toContractEvent } from '../../contracts/event-mappers.ts';
import type { EscalationPolicySource, PollutionEvent } from '../../domain/index.ts';

/** The producer name every pollution envelope carries. */
export const PRODUCER = 'pollution-service';

/**
 * Writes domain events into the outbox of the current transaction as EventEnvelopes (binary protobuf) on the
 * pollution topics, keyed by aggregate id. The envelope's audience is the domain event's audience provinces; its
 * actor is the signed-in user (with agency and roles) or the platform job.
 */
export class OutboxEventSink implements EventSink {
  private readonly sql: SqlExecutor;
  private readonly actor: WorkActor;
  private readonly policy: EscalationPolicySource;
  private readonly correlationId: string | undefined;

  constructor(sql: SqlExecutor, actor: WorkActor, policy: EscalationPolicySource, correlationId?: string) {
    this.sql = sql;
    this.actor = actor;
    this.policy = policy;
    this.correlationId = correlationId;
  }

  /** Appends the events to the outbox; they are published only if the transaction commits. */
  async append(events: readonly PollutionEvent[]): Promise<void> {
    if (events.length === 0) return;
    const messages = events.map((event) => {
      const contract = toContractEvent(event, this.policy);
      const envelope = createEnvelope({
        payloadSchema: contract.schema,
        payload: contract.payload,
        schemaVersion: contract.schemaVersion,
        originProvince: event.originProvince,
        audienceProvinces: event.audienceProvinces,
        ...(event.audienceAllProvinces ? { audienceAllProvinces: true } : {}),
        actor: isSystemCaller(this.actor)
          ? { kind: ActorKind.SYSTEM, subject: this.actor.subject, province: NATIONAL_PROVINCE_CODE }
          : {
              kind: ActorKind.USER,
              subject: this.actor.subject,
              username: this.actor.username,
              province: this.actor.province,
              agency: this.actor.agency,
              roles: this.actor.roles,
            },
        aggregateId: event.aggregateId,
        producer: PRODUCER,
        occurredAt: new Date(event.occurredAt),
        ...(this.correlationId ? { correlationId: this.correlationId } : {}),
      });
      return toOutboxMessage(envelope, contract.topic);
    });
    await appendToOutbox(this.sql, messages);
  }
}
