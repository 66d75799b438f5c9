import { NATIONAL_PROVINCE_CODE } from '@xietong/proto';
import { appendAudit, type SqlExecutor } from '@xietong/service-kit';
import { isSystemCaller, type AuditRecord, type AuditTrail, type WorkActor } from '../../application/shared/ports.ts';

/** Appends to the service's hash-chained audit log (the kit's appendAudit) inside the current transaction. */
export class ChainedAuditTrail implements AuditTrail {
  private readonly sql: SqlExecutor;
  private readonly actor: WorkActor;
  private readonly requestId: string | undefined;

  constructor(sql: SqlExecutor, actor: WorkActor, requestId?: string) {
    this.sql = sql;
    this.actor = actor;
    this.requestId = requestId;
  }

  /** Appends one entry for the unit of work's actor. */
  async record(entry: AuditRecord): Promise<void> {
    const actor = isSystemCaller(this.actor) ? { subject: this.actor.subject, province: NATIONAL_PROVINCE_CODE } : { subject: this.actor.subject, province: this.actor.province };
    await appendAudit(this.sql, {
      actor,
      action: entry.action,
      recordType: entry.recordType,
      recordId: entry.recordId,
      details: { ...entry.details, ...(isSystemCaller(this.actor) ? {} : { username: this.actor.username }), ...(this.requestId ? { correlationId: this.requestId } : {}) },
    });
  }
}
