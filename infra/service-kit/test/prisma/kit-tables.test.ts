import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KIT_TABLES_MARKERS,
  KIT_TABLES_SQL,
  kitTablesBlockProblem,
  kitTablesMigrationSql,
  kitTablesPrismaBlock,
  toSplitSafeSql,
} from '../../src/prisma/kit-tables.ts';

describe('the kit tables migration', () => {
  it('survives a runner that splits scripts on every semicolon', () => {
    const statements = kitTablesMigrationSql().split(';').map((s) => s.trim()).filter(Boolean);
    // Every dollar-quoted body became one E'' string, so no statement is cut inside a function.
    for (const statement of statements) expect(statement).not.toContain('$$');
    const functions = statements.filter((s) => s.startsWith('CREATE OR REPLACE FUNCTION'));
    expect(functions.map((s) => /FUNCTION (\w+)/.exec(s)?.[1])).toEqual(['outbox_notify', 'audit_log_refuse_change', 'audit_log_check_insert', 'audit_head_check_move']);
    for (const fn of functions) expect(fn).toMatch(/AS E'[\s\S]*END '$/);
  });

  it('keeps each function body as it was, only escaped', () => {
    const original = [...KIT_TABLES_SQL.matchAll(/\$\$([\s\S]*?)\$\$/g)].map((m) => m[1]);
    const escaped = [...toSplitSafeSql(KIT_TABLES_SQL).matchAll(/E'((?:[^'\\]|''|\\.)*)'/g)].map((m) =>
      m[1]!.replace(/\\x3B/g, ';').replace(/''/g, "'").replace(/\\\\/g, '\\'),
    );
    expect(escaped).toEqual(original);
    expect(original.length).toBe(4);
  });

  it('refuses SQL whose strings or comments hold a semicolon outside a function body', () => {
    expect(() => toSplitSafeSql("INSERT INTO t VALUES ('a;b');")).toThrow(RangeError);
    expect(() => toSplitSafeSql('SELECT 1; -- first; then\nSELECT 2;')).toThrow(RangeError);
    expect(toSplitSafeSql("INSERT INTO t VALUES ('a''b');")).toBe("INSERT INTO t VALUES ('a''b');");
  });
});

describe('the kit tables block of a service schema', () => {
  const block = kitTablesPrismaBlock();

  it('is the kit models between the markers', () => {
    expect(block.startsWith(`${KIT_TABLES_MARKERS.begin}\n`)).toBe(true);
    expect(block.endsWith(`${KIT_TABLES_MARKERS.end}\n`)).toBe(true);
    for (const table of ['outbox', 'inbox', 'audit_log', 'audit_head']) expect(block).toContain(`@@map("${table}")`);
  });

  it('is found current, missing, doubled or stale', () => {
    const schema = `datasource db {\n  provider = "postgresql"\n}\n\n${block}\nmodel Note {\n  id String @id\n}\n`;
    expect(kitTablesBlockProblem(schema)).toBeUndefined();
    expect(kitTablesBlockProblem('model Note {\n  id String @id\n}\n')).toMatch(/lacks/);
    expect(kitTablesBlockProblem(schema + block)).toMatch(/twice/);
    expect(kitTablesBlockProblem(schema.replace('@default(0)', '@default(1)'))).toMatch(/differ/);
    expect(kitTablesBlockProblem(schema.replace(KIT_TABLES_MARKERS.end, ''))).toMatch(/end marker/);
  });

  it('is what the minimal service holds', () => {
    const schema = readFileSync(new URL('../e2e/minimal-service/prisma/schema.prisma', import.meta.url), 'utf8');
    expect(kitTablesBlockProblem(schema)).toBeUndefined();
  });
});
