// Exact decimal arithmetic on numbers as written in a filing, so a value exactly at a boundary passes.

import { Decimal } from 'decimal.js';

// A JSON or YAML number such as 1194001.99 becomes the nearest binary double; its shortest round-trip
// text (String(n)) is the decimal that was written, which is what the boundary is compared against.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });

// parameters (caps, tolerances) recur in every filing: their decimals are kept, a few hundred at most
const recent = new Map<number, Decimal>();

/** The decimal a number was written as (its shortest round-trip text). */
export function dec(n: number): Decimal {
  let d = recent.get(n);
  if (d === undefined) {
    d = new D(String(n));
    if (recent.size >= 512) recent.clear();
    recent.set(n, d);
  }
  return d;
}

/** `a` compared with `b` exactly as written: -1, 0 or 1. */
export function compareExact(a: number, b: number): number {
  if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(a) && Number.isSafeInteger(b)) return Math.sign(a - b);
  return dec(a).cmp(dec(b));
}

/** The exact product of numbers as written. */
export function timesExact(...ns: number[]): Decimal {
  return ns.reduce<Decimal>((acc, n) => acc.times(dec(n)), new D(1));
}

/** The exact difference `a − b` of numbers as written. */
export function minusExact(a: number, b: number): Decimal {
  return dec(a).minus(dec(b));
}

/**
 * A quotient for people to read, rounded to 12 significant digits so that no binary noise shows
 * (0.5 % stays 0.005, not 0.005000000000000001). Never used to decide a boundary.
 * @example readableRatio(dec(6000.01), dec(1200002)) // → 0.00500000833
 */
export function readableRatio(numerator: Decimal, denominator: Decimal): number | null {
  if (denominator.isZero()) return null;
  return numerator.div(denominator).toSignificantDigits(12).toNumber();
}

/** A decimal as a plain number for evidence and messages, rounded to 12 significant digits. */
export function toReadable(d: Decimal): number {
  return d.toSignificantDigits(12).toNumber();
}

export type { Decimal };
