import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

// The digest of an assessment's inputs lets an auditor re-run it and prove the inputs were the same. JSON has no
// bigint, so fen are written as decimal strings before RFC 8785 canonicalisation (the `canonicalize` package);
// Dates become ISO strings; undefined fields are dropped as JSON.stringify would.

/** Plain JSON value a digest is taken of. */
type Jsonish = null | boolean | number | string | Jsonish[] | { [key: string]: Jsonish };

function toJsonish(value: unknown): Jsonish {
  // undefined inside an array becomes null, as JSON.stringify writes it (object fields that are undefined are dropped below).
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('cannot digest a non-finite number');
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonish);
  if (typeof value === 'object') {
    const out: Record<string, Jsonish> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[key] = toJsonish(v);
    }
    return out;
  }
  throw new TypeError(`cannot digest a ${typeof value}`);
}

/** RFC 8785 canonical JSON of a value (bigints as decimal strings). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(toJsonish(value));
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function canonicalDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
