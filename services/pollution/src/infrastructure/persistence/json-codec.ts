// Records stored as jsonb hold money as bigint fen, which JSON cannot carry. By the domain's naming rule every
// bigint field ends in `Fen` (amountFen, capPerPeriodFen …), so fen are written as decimal strings and read back
// by that suffix. Anything else round-trips as plain JSON.

/** A value ready for a jsonb column: bigints become decimal strings, undefined fields are dropped. */
export function toJsonb<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** A value read from a jsonb column, with `…Fen` fields back as bigints. */
export function fromJsonb<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => revive(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, revive(v, k)]));
  }
  if (key.endsWith('Fen') && typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return value;
}
