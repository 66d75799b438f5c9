import { z } from 'zod';

// Environment variables are strings; these parse the shapes programs need, with messages that name the format.
// z.coerce.boolean() is deliberately not used: it turns "false" into true.

/** A TCP port, 0–65535 (0 = any free port). */
export function envPort() {
  return z
    .string()
    .regex(/^[0-9]{1,5}$/, 'must be a port number (0–65535)')
    .transform(Number)
    .pipe(z.number().int().min(0, 'must be a port number (0–65535)').max(65535, 'must be a port number (0–65535)'));
}

/** A whole number within bounds. */
export function envInt(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^-?[0-9]+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));
}

/** "true"/"false" (also 1/0, yes/no), case-insensitive. */
export function envBoolean() {
  return z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
}

/** An absolute URL with one of the given protocols (without the colon). */
export function envUrl(protocols: readonly string[] = ['http', 'https']) {
  const message = `must be an absolute ${protocols.join(' or ')} URL`;
  return z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, message);
}

/** A comma-separated list of non-empty items (spaces around commas ignored). */
export function envList() {
  return z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(z.string().min(1, 'must not contain empty items')).min(1, 'must list at least one item'));
}
