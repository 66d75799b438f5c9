import { CsvError, parse } from 'csv-parse/sync';
import type { FieldProblem } from '../common/domain-errors.ts';
import type { RawReading, WaterReading } from './reading.model.ts';
import { ReadingsRejectedError, validateReadings, type FieldNamer, type ReadingValidationContext } from './reading.validation.ts';

/** The columns a readings CSV file has, in any order; the header row names them. */
export const READINGS_CSV_COLUMNS = ['section_id', 'parameter', 'value', 'unit', 'sampled_at'] as const;

const FIELD_OF_COLUMN: Readonly<Record<(typeof READINGS_CSV_COLUMNS)[number], keyof RawReading>> = {
  section_id: 'sectionId',
  parameter: 'parameter',
  value: 'value',
  unit: 'unit',
  sampled_at: 'sampledAt',
};

const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column])) as Record<keyof RawReading, string>;

/** Largest CSV text accepted (bytes of UTF-16 text, roughly), so parsing stays bounded. */
export const MAX_READINGS_CSV_LENGTH = 5_000_000;

/** Rows of a readings CSV file, each with the line it starts on, or the problems that stop the file being read. */
export function parseReadingsCsv(text: string): { ok: true; rows: Array<{ line: number; reading: RawReading }> } | { ok: false; problems: FieldProblem[] } {
  if (text.length > MAX_READINGS_CSV_LENGTH) {
    return { ok: false, problems: [{ field: 'file', reason: `the file is larger than ${MAX_READINGS_CSV_LENGTH} characters; split it` }] };
  }
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    // Empty lines are skipped (a trailing newline is common); rows with too few or too many fields are kept and
    // reported with their line rather than aborting the parse, so the uploader sees every bad row at once.
    records = parse(text, { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return { ok: false, problems: [{ field: line ? `lines[${line}]` : 'file', reason: `not readable as CSV: ${error.message}`, ...(line ? { line } : {}) }] };
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [{ field: 'file', reason: `the file is empty; the first line must name the columns ${READINGS_CSV_COLUMNS.join(',')}` }] };

  const problems: FieldProblem[] = [];
  const columnIndex = new Map<string, number>();
  header.record.forEach((name, i) => {
    const column = name.toLowerCase();
    if (!(READINGS_CSV_COLUMNS as readonly string[]).includes(column)) {
      problems.push({ field: 'header', line: 1, reason: `unknown column ${JSON.stringify(name)}; the columns are ${READINGS_CSV_COLUMNS.join(', ')}` });
    } else if (columnIndex.has(column)) {
      problems.push({ field: 'header', line: 1, reason: `column ${JSON.stringify(column)} appears twice` });
    } else columnIndex.set(column, i);
  });
  for (const column of READINGS_CSV_COLUMNS) {
    if (!columnIndex.has(column)) problems.push({ field: 'header', line: 1, reason: `missing column ${JSON.stringify(column)}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ field: 'file', reason: 'the file has a header but no readings' }] };

  const rows: Array<{ line: number; reading: RawReading }> = [];
  for (const { record, info, raw } of body) {
    // info.lines is the line a record ends on, and its raw text begins with any blank lines skipped before it; a
    // quoted field may span lines. Count back over the record's own line breaks to the line it starts on.
    const ownText = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
    const line = info.lines - (ownText.match(/\n/g)?.length ?? 0);
    if (record.length !== header.record.length) {
      problems.push({ field: `lines[${line}]`, line, reason: `has ${record.length} field(s); the header has ${header.record.length}` });
      continue;
    }
    const reading: Record<string, string> = {};
    for (const [column, i] of columnIndex) reading[FIELD_OF_COLUMN[column as keyof typeof FIELD_OF_COLUMN]] = record[i] ?? '';
    rows.push({ line, reading });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/**
 * Reads and validates a CSV batch of readings, all or nothing: returns the readings, or every problem — each naming
 * its line (`lines[7].value`, line 7; the header is line 1) — when the file or any row is bad.
 */
export function validateReadingsCsv(
  text: string,
  context: ReadingValidationContext,
): { ok: true; readings: WaterReading[] } | { ok: false; problems: FieldProblem[] } {
  const parsed = parseReadingsCsv(text);
  if (!parsed.ok) return parsed;
  const lineOf = (index: number) => parsed.rows[index]?.line ?? 0;
  const nameField: FieldNamer = (index, field) => {
    const line = lineOf(index);
    return { field: field === '' ? `lines[${line}]` : `lines[${line}].${COLUMN_OF_FIELD[field]}`, line };
  };
  return validateReadings(
    parsed.rows.map((r) => r.reading),
    context,
    nameField,
  );
}

/** Reads and validates a CSV batch, throwing ReadingsRejectedError with every problem when anything is bad. */
export function assertValidReadingsCsv(text: string, context: ReadingValidationContext): WaterReading[] {
  const result = validateReadingsCsv(text, context);
  if (!result.ok) throw new ReadingsRejectedError(result.problems);
  return result.readings;
}
