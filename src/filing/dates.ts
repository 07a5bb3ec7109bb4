// Calendar dates as `YYYY-MM-DD` strings: validity and differences in whole days, never clock time.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const cache = new Map<string, number>();
const CACHE_LIMIT = 100_000;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 for a valid calendar date, or NaN when the string is not a real date. */
export function dayNumber(date: string): number {
  const hit = cache.get(date);
  if (hit !== undefined) return hit;
  let n = NaN;
  if (date.length === 10 && date[4] === '-' && date[7] === '-') {
    const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
    const m = digit(date, 5) * 10 + digit(date, 6);
    const d = digit(date, 8) * 10 + digit(date, 9);
    const allDigits = /^\d{4}-\d{2}-\d{2}$/.test(date);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (allDigits && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) n = daysFromCivil(y, m, d);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(date, n);
  return n;
}

/** True when `date` is a real calendar date such as 2024-02-29 (and not 2023-02-29). */
export function isCalendarDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

/** `to − from` in calendar days. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Adds `days` to a date. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}
