#!/usr/bin/env node
// Verifies a service's audit chain: `DATABASE_URL=postgres://… xietong-audit-verify [--checkpoint <seq>:<hash>]… [--json]`.
// Exit codes: 0 intact, 1 tampering found, 2 bad configuration or arguments, 3 database unreachable or not audited.
// On success it prints the head as a checkpoint line: keep it outside the database (another system, another
// province, a ticket) and pass it to later runs, so that a rewritten chain cannot pass unnoticed.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { verifyAuditChain, type AuditCheckpoint } from './audit/index.ts';
import { loadAuditVerifyConfig } from './audit-verify.config.ts';

const config = loadAuditVerifyConfig();

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: xietong-audit-verify [--checkpoint <seq>:<sha256 hex>]... [--json]\n`);
  process.exit(2);
}

let values: { checkpoint?: string[]; json?: boolean };
try {
  ({ values } = parseArgs({ options: { checkpoint: { type: 'string', multiple: true }, json: { type: 'boolean' } }, allowPositionals: false }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
const checkpoints: AuditCheckpoint[] = (values.checkpoint ?? []).map((text) => {
  const match = /^([1-9][0-9]{0,18}):([0-9a-f]{64})$/.exec(text);
  if (!match) usage(`--checkpoint ${JSON.stringify(text)}: expected <seq>:<64 hex digits>`);
  return { seq: match[1]!, hash: match[2]! };
});

const client = new pg.Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 10_000 });
try {
  await client.connect();
  // One snapshot for the whole walk, so appends running meanwhile cannot look like tampering.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const result = await verifyAuditChain(client, { checkpoints });
  await client.query('COMMIT');
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(`audit chain intact: ${result.rows} rows\ncheckpoint: ${result.head.seq}:${result.head.hash}\n`);
  } else {
    process.stdout.write(`audit chain BROKEN at seq ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}\n`);
  }
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  // Connection and missing-table errors: say what failed, without a stack trace.
  process.stderr.write(`cannot verify the audit chain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
} finally {
  await client.end().catch(() => {});
}
