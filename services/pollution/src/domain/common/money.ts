// Money is an integer number of fen held as a bigint: protobuf-es gives int64 fields (xietong.common.v1.Money) as
// bigint and Prisma gives BigInt columns as bigint, so the value crosses every boundary without a conversion that
// could lose precision, and the type system keeps fen from being mixed with floating-point yuan.

/** An amount of CNY in fen (0.01 yuan). */
export type Fen = bigint;

/** Fen in one yuan. */
export const FEN_PER_YUAN = 100n;

/** Whole yuan as fen (`yuan(60_000_000)` = 6,000,000,000 fen). */
export function yuan(amount: number | bigint): Fen {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) throw new RangeError(`not a whole number of yuan: ${amount}`);
  return BigInt(amount) * FEN_PER_YUAN;
}

/** Formats fen as yuan with two decimals and thousands separators (`60,000,000.00`), for breakdowns. */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / FEN_PER_YUAN).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % FEN_PER_YUAN).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** One party's weight in a split. */
export interface ShareHolder {
  /** The party (a province code). */
  readonly province: string;
  /** Its share in basis points (1/10,000). */
  readonly shareBasisPoints: number;
}

/** One party's part of a split amount. */
export interface SharePart {
  /** The party. */
  readonly province: string;
  /** Its amount in fen. */
  readonly amountFen: Fen;
}

/**
 * Splits an amount of fen by basis-point shares so the parts sum exactly to the amount (largest remainder, the
 * Hamilton method): each party first gets the floor of its exact share, then the fen left over go one each to the
 * parties with the largest remainders; a tie goes to the larger share, then to the lower province code, so the
 * result never depends on input order. Shares must sum to 10,000 and the amount must not be negative.
 */
export function splitByShares(amountFen: Fen, holders: readonly ShareHolder[]): SharePart[] {
  if (amountFen < 0n) throw new RangeError('cannot split a negative amount');
  const total = holders.reduce((sum, h) => sum + h.shareBasisPoints, 0);
  if (total !== 10_000) throw new RangeError(`shares sum to ${total} basis points, not 10000`);
  const rows = holders.map((h) => {
    const exactNumerator = amountFen * BigInt(h.shareBasisPoints);
    return { holder: h, floor: exactNumerator / 10_000n, remainder: exactNumerator % 10_000n };
  });
  let leftover = amountFen - rows.reduce((sum, r) => sum + r.floor, 0n);
  const order = [...rows].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.holder.shareBasisPoints !== b.holder.shareBasisPoints) return b.holder.shareBasisPoints - a.holder.shareBasisPoints;
    return a.holder.province < b.holder.province ? -1 : a.holder.province > b.holder.province ? 1 : 0;
  });
  const extra = new Map<ShareHolder, bigint>();
  for (const row of order) {
    if (leftover === 0n) break;
    extra.set(row.holder, 1n);
    leftover -= 1n;
  }
  return rows.map((r) => ({ province: r.holder.province, amountFen: r.floor + (extra.get(r.holder) ?? 0n) }));
}
