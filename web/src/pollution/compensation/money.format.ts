// Money as the gateway gives it: whole fen in a decimal string (amounts exceed 32-bit integers, and yuan must never
// pass through floating point). Formatting splits the digits; nothing here does arithmetic on a number.

/** Whether a string is a whole number of fen ("6000000000", "-150"). */
export function isFen(value: string): boolean {
  return /^-?\d+$/.test(value);
}

/** Groups an unsigned run of digits by thousands (1234567 → 1,234,567). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Whole fen as yuan, e.g. "6207000000" → "¥62,070,000.00", "-5" → "-¥0.05"; a malformed value is returned as it is. */
export function formatFen(fen: string): string {
  if (!isFen(fen)) return fen;
  const negative = fen.startsWith('-');
  const digits = (negative ? fen.slice(1) : fen).replace(/^0+(?=\d)/, '').padStart(3, '0');
  const yuan = digits.slice(0, -2);
  const cents = digits.slice(-2);
  return `${negative && /[1-9]/.test(digits) ? '-' : ''}¥${groupThousands(yuan)}.${cents}`;
}

/** The most digits of fen the service accepts in an amount (MAX_FEN_DIGITS in agreement.commands.ts). */
export const MAX_FEN_DIGITS = 18;

/** Whole fen as yuan for editing, grouped, without the sign: "6000000000" → "60,000,000.00"; malformed as it is. */
export function fenToYuanText(fen: string): string {
  const formatted = formatFen(fen);
  return formatted === fen ? fen : formatted.replace('¥', '');
}

/**
 * Yuan as typed ("60,000,000.00", "600000", "0.5") to whole fen ("6000000000"), by moving digits only, never through a
 * floating-point number; null for anything else (negative, more than two decimals, badly placed separators, letters).
 */
export function yuanToFen(yuan: string): string | null {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) return null;
  const whole = (match[1] ?? '').replaceAll(',', '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  return `${whole}${cents}`.replace(/^0+(?=\d)/, '');
}

/** A share as typed in percent ("33.33", "100") to basis points (3333, 10000), exactly; null unless 0–100 with at most two decimals. */
export function percentToBasisPoints(percent: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) return null;
  // At most five digits, so the number is exact; the parts are joined as text first all the same.
  const basisPoints = Number(`${match[1] ?? ''}${(match[2] ?? '').padEnd(2, '0')}`);
  return basisPoints <= 10000 ? basisPoints : null;
}

/** Basis points as a percentage for editing, without the sign (3333 → "33.33", 2550 → "25.5", 10000 → "100"). */
export function basisPointsToPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}
