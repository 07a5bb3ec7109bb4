// Exact decimals as scaled integers (DESIGN §4, revision 3): a filing's figures compared exactly as written,
// in BigInt, without a decimal library; one is reached for only where a figure must be divided for a reader.

import { Decimal } from 'decimal.js';

/** The decimal `m` × 10^−s: what a number as written is, exactly (`1194001.99` is 119400199 × 10^−2). */
export interface Exact {
  readonly m: bigint;
  readonly s: number;
}

// rounding as the readable figures have always been rounded (half to even, 12 significant digits)
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });

const POW10: bigint[] = [1n];
/** 10^k as a BigInt, kept once computed. */
function pow10(k: number): bigint {
  for (let i = POW10.length; i <= k; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[k]!;
}

/**
 * The exact decimal of a text such as `12.34`, `-0.005`, `1e-7` or `1.5E+3` (what `String(n)` and
 * a share sum's text look like).
 */
export function exactOf(text: string): Exact {
  let t = text;
  let exp = 0;
  const e = t.search(/[eE]/);
  if (e >= 0) {
    exp = Number(t.slice(e + 1));
    t = t.slice(0, e);
  }
  const point = t.indexOf('.');
  let s = 0;
  if (point >= 0) {
    s = t.length - point - 1;
    t = t.slice(0, point) + t.slice(point + 1);
  }
  s -= exp;
  let m = BigInt(t);
  if (s < 0) {
    m *= pow10(-s);
    s = 0;
  }
  return { m, s };
}

// parameters (caps, tolerances) and other recurring figures: their exact forms are kept, a few hundred at most
const recent = new Map<number, Exact>();

/** The exact decimal a number was written as: its shortest round-trip text (filing figures have at most 15 digits, §3). */
export function exact(n: number): Exact {
  if (Number.isSafeInteger(n)) return { m: BigInt(n), s: 0 };
  let x = recent.get(n);
  if (x === undefined) {
    x = exactOf(String(n));
    if (recent.size >= 512) recent.clear();
    recent.set(n, x);
  }
  return x;
}

/** `a` and `b` on one scale. */
function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.s === b.s) return [a.m, b.m, a.s];
  return a.s > b.s ? [a.m, b.m * pow10(a.s - b.s), a.s] : [a.m * pow10(b.s - a.s), b.m, b.s];
}

export function plus(a: Exact, b: Exact): Exact {
  const [x, y, s] = align(a, b);
  return { m: x + y, s };
}

export function minus(a: Exact, b: Exact): Exact {
  const [x, y, s] = align(a, b);
  return { m: x - y, s };
}

export function times(a: Exact, b: Exact): Exact {
  return { m: a.m * b.m, s: a.s + b.s };
}

export function abs(a: Exact): Exact {
  return a.m < 0n ? { m: -a.m, s: a.s } : a;
}

/** −1, 0 or 1 as `a` is below, equal to or above `b`. */
export function cmp(a: Exact, b: Exact): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (a: Exact): boolean => a.m === 0n;

/** `a` compared with `b` exactly as written: −1, 0 or 1. */
export function compareExact(a: number, b: number): number {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return Math.sign(a - b);
  return cmp(exact(a), exact(b));
}

/** The decimal text of `a`, without trailing zeros after the point (`12.50` → `12.5`). */
export function exactText(a: Exact): string {
  const neg = a.m < 0n;
  let digits = (neg ? -a.m : a.m).toString();
  if (a.s > 0) {
    digits = digits.padStart(a.s + 1, '0');
    const whole = digits.slice(0, digits.length - a.s);
    const frac = digits.slice(digits.length - a.s).replace(/0+$/, '');
    digits = frac ? `${whole}.${frac}` : whole;
  }
  return neg && digits !== '0' ? `-${digits}` : digits;
}

/** `a` rounded to `places` decimals, half to even. */
export function roundTo(a: Exact, places: number): Exact {
  if (a.s <= places) return a;
  return exactOf(new D(exactText(a)).toDecimalPlaces(places).toFixed());
}

/** A figure for evidence and messages, as a plain number rounded to 12 significant digits. */
export function readable(a: Exact): number {
  const text = exactText(a);
  return new D(text).toSignificantDigits(12).toNumber();
}

/**
 * A quotient for people to read, rounded to 12 significant digits so that no binary noise shows
 * (0.5 % stays 0.005, not 0.005000000000000001). Never used to decide a boundary.
 */
export function readableRatio(numerator: Exact, denominator: Exact): number | null {
  if (isZero(denominator)) return null;
  return new D(exactText(numerator)).div(new D(exactText(denominator))).toSignificantDigits(12).toNumber();
}
