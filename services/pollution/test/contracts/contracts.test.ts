import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMigration } from '@xietong/db';
import { TOPICS } from '@xietong/proto';
import { checkPrismaClient } from '@xietong/service-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CASE_CHANGE_KINDS, POLLUTION_SCHEMA_VERSION, PUBLISHED_EVENT_TYPES, toContractEvent } from '../../src/contracts/event-mappers.ts';
import { DEFAULT_ESCALATION_POLICY, type PollutionEvent } from '../../src/domain/index.ts';

const workspace = fileURLToPath(new URL('../..', import.meta.url));
const asyncapi = parse(readFileSync(fileURLToPath(new URL('../../../../proto/asyncapi.yaml', import.meta.url)), 'utf8')) as {
  channels: Record<string, { address: string; 'x-payload-types'?: Array<{ type: string; schemaVersion: number }> }>;
};

const channelOf = (type: string) =>
  Object.values(asyncapi.channels)
    .filter((c) => c['x-payload-types']?.some((p) => p.type === type && p.schemaVersion === POLLUTION_SCHEMA_VERSION))
    .map((c) => c.address);

describe('the event contract', () => {
  it('lists every payload the service publishes on its topic in proto/asyncapi.yaml, and nothing it does not publish', () => {
    const published = Object.values(PUBLISHED_EVENT_TYPES);
    for (const type of published) {
      const expected = type.includes('.Alert')
        ? TOPICS.pollutionAlerts
        : type.includes('.Case')
          ? TOPICS.pollutionCases
          : type.includes('.Readings')
            ? TOPICS.pollutionReadings
            : TOPICS.pollutionAgreements;
      expect(channelOf(type), type).toEqual([expected]);
    }
    const described = Object.values(asyncapi.channels)
      .filter((c) => c.address.startsWith('xietong.pollution.'))
      .flatMap((c) => (c['x-payload-types'] ?? []).map((p) => p.type));
    expect(described.sort()).toEqual([...published].sort());
  });

  it('maps every case timeline kind to a CaseUpdated change, and refuses an event type it does not know', () => {
    expect(CASE_CHANGE_KINDS.sort()).toEqual(
      ['alert-linked', 'closed', 'closure-agreed', 'dispute-raised', 'enforcement-amended', 'enforcement-recorded', 'evidence-added', 'exceedances-added', 'mediation-resolved', 'state-changed'].sort(),
    );
    const unknown: PollutionEvent = { type: 'pollution.case.teleported', aggregate: 'case', aggregateId: 'c', occurredAt: '2026-01-01T00:00:00Z', originProvince: '410000', audienceProvinces: [], exercise: false, payload: {} };
    expect(() => toContractEvent(unknown, DEFAULT_ESCALATION_POLICY)).toThrow(/no contract/);
  });
});

describe('the database contract', () => {
  it('has a committed Prisma client that is exactly what the schema generates', async () => {
    const { problems } = await checkPrismaClient({ cwd: workspace, env: process.env });
    expect(problems).toEqual([]);
  }, 60_000);

  it('has migrations that match the schema (a new migration would be empty)', async () => {
    // On a copy: with drift, createMigration would write the new migration into the folder it is given.
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'pollution-drift-'));
    try {
      cpSync(path.join(workspace, 'prisma'), path.join(scratch, 'prisma'), { recursive: true });
      const result = await createMigration({ cwd: scratch, name: 'drift-check' });
      expect(result).toEqual({ created: false, reason: 'no-changes' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
