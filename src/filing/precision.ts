// Numbers as written: how many significant digits a literal has, and which literals of a filing hold more than a double does (DESIGN §3).

import { say, type Said } from '../messages/index.js';

/** The most significant digits a filing's number may be written with: what a double holds exactly. */
export const MAX_SIGNIFICANT_DIGITS = 15;

/**
 * The significant digits of a decimal literal as written: its mantissa's digits without leading
 * zeros, and without trailing zeros after a decimal point (`0.0800` has 1, `120` has 3, `1.50e3` 2).
 * @example significantDigits('1194001.989999999999999999') // → 25
 */
export function significantDigits(literal: string): number {
  let end = literal.length;
  const e = literal.search(/[eE]/);
  if (e >= 0) end = e;
  const start = literal.charCodeAt(0) === 45 || literal.charCodeAt(0) === 43 ? 1 : 0;
  const point = literal.indexOf('.', start);
  if (point >= 0 && point < end) {
    // trailing zeros after the point say nothing more
    while (end > point + 1 && literal.charCodeAt(end - 1) === 48) end--;
    if (end === point + 1) end = point;
  }
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = literal.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (digits > 0 || c !== 48) digits++;
  }
  return digits;
}

/** True for a literal written with more than MAX_SIGNIFICANT_DIGITS digits. */
export function tooPrecise(literal: string): boolean {
  return literal.length > MAX_SIGNIFICANT_DIGITS && significantDigits(literal) > MAX_SIGNIFICANT_DIGITS;
}

/** The message for an over-precise literal (its English words, and its key and values for another language). */
export function precisionSaid(literal: string): Said {
  return say('filing.too_precise', { literal, digits: significantDigits(literal), max: MAX_SIGNIFICANT_DIGITS });
}
