import type { FieldProblem } from './domain-errors.ts';

// Small checks that push a FieldProblem and return the cleaned value (or undefined). Commands run all of them and
// report every problem at once instead of stopping at the first.

/** Collects problems while a command's input is checked. */
export class ProblemList {
  readonly problems: FieldProblem[] = [];

  /** Records a problem with a field. */
  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  /** Whether nothing was found wrong. */
  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** A required text, trimmed, at most `max` characters. */
  text(field: string, value: unknown, max: number): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(field, 'is required');
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length > max) {
      this.add(field, `must be at most ${max} characters`);
      return undefined;
    }
    return trimmed;
  }

  /** An optional text: undefined when absent or blank, otherwise as `text`. */
  optionalText(field: string, value: unknown, max: number): string | undefined {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
    return this.text(field, value, max);
  }

  /** A value that must be one of a list. */
  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(field, `must be one of ${allowed.join(', ')}`);
    return undefined;
  }

  /** A finite number within [min, max]. */
  number(field: string, value: unknown, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, 'must be a number');
      return undefined;
    }
    if (value < min || value > max) {
      this.add(field, `must be between ${min} and ${max}`);
      return undefined;
    }
    return value;
  }
}
