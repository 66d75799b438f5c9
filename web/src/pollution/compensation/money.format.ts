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
