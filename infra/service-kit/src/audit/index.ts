export { AUDIT_LOG_DDL, GENESIS_HASH, installAuditLog } from './audit.schema.ts';
export { AuditError, appendAudit } from './audit-log.ts';
export type { AuditActor, AuditEntry, AuditRow } from './audit-log.ts';
export { canonicalTimestamp, hashAuditRow } from './audit-hash.ts';
export type { AuditHashInput } from './audit-hash.ts';
export { verifyAuditChain } from './audit-verify.ts';
export type { AuditCheckpoint, AuditProblem, AuditProblemKind, AuditVerification, VerifyOptions } from './audit-verify.ts';
