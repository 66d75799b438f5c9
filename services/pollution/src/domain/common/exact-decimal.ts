import Fraction from 'fraction.js';

// Concentrations, indices and percentages are exact rationals (fraction.js, BigInt inside), never binary floats:
// an index change of exactly 3.0 percent must not become 2.9999999 and lose a whole payment point to truncation.
// Rounding is done here, not by fraction.js, whose round() goes half towards +infinity; the modes below are the
// ones agreements and GB/T 8170 name.

/** An exact rational number. */
export type Exact = Fraction;

/** How to round an exact value to a number of decimal places. */
export type RoundingMode = 'toward-zero' | 'half-away-from-zero' | 'half-even';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The exact value of a decimal string (`"0.025"`) or of a finite JS number as it prints (`0.1` is exactly 1/10). */
export function exact(value: string | number | bigint): Exact {
  if (typeof value === 'bigint') return new Fraction(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return exact(plainDecimal(value));
  }
  if (!DECIMAL.test(value)) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  return new Fraction(value);
}

/** Whether a string is a plain decimal (`12`, `-0.5`), the only text `exact` accepts. */
export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

// A JS number's shortest round-trip text, without exponent notation (1e-7 → "0.0000001"): that text is the decimal
// the sender meant, whereas the binary double is only its nearest neighbour.
function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, frac = '', expText] = match;
  const exponent = Number(expText);
  const digits = `${lead}${frac}`;
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intLength = 1 + exponent;
  return intLength >= digits.length
    ? `${sign}${digits}${'0'.repeat(intLength - digits.length)}`
    : `${sign}${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

/** Rounds an exact value to an integer (as bigint) with the given mode. */
export function roundToInteger(value: Exact, mode: RoundingMode): bigint {
  const n = value.n;
  const d = value.d;
  const negative = value.s < 0n;
  const quotient = n / d;
  const remainder = n % d;
  let magnitude = quotient;
  if (mode !== 'toward-zero' && remainder !== 0n) {
    const twice = remainder * 2n;
    if (twice > d) magnitude += 1n;
    else if (twice === d) {
      if (mode === 'half-away-from-zero') magnitude += 1n;
      else if (quotient % 2n === 1n) magnitude += 1n;
    }
  }
  return negative ? -magnitude : magnitude;
}

/** Rounds an exact value to `places` decimal places with the given mode. */
export function roundExact(value: Exact, places: number, mode: RoundingMode): Exact {
  const scale = 10n ** BigInt(places);
  return new Fraction(roundToInteger(value.mul(scale), mode), scale);
}

/** A decimal string of an exact value rounded to `places` places (trailing zeros kept: `"3.4000"`). */
export function toDecimalString(value: Exact, places: number, mode: RoundingMode = 'half-even'): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundToInteger(value.mul(scale), mode);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

/** The exact value as a fraction `n/d` (or an integer), for audit breakdowns that must not lose precision. */
export function toFractionString(value: Exact): string {
  return value.toFraction();
}

/** The arithmetic mean of exact values (there must be at least one). */
export function meanOf(values: readonly Exact[]): Exact {
  if (values.length === 0) throw new RangeError('mean of no values');
  let sum = new Fraction(0);
  for (const v of values) sum = sum.add(v);
  return sum.div(values.length);
}
