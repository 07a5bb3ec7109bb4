// Calendar dates as `YYYY-MM-DD` strings: validity and differences in whole days, never clock time.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The digit at `i`, or -1000 (poisoning any sum) when it is not a digit. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/**
 * Days since 1970-01-01 for a valid calendar date, or NaN when the string is not a real date.
 * Plain arithmetic on character codes: this runs several times per disclosure in bulk scans.
 */
export function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return NaN;
  return daysFromCivil(y, m, d);
}

/** True when `date` is a real calendar date such as 2024-02-29 (and not 2023-02-29). */
export function isCalendarDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

/** `to − from` in calendar days. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The `YYYY-MM-DD` of a day number (days since 1970-01-01), by Hinnant's civil_from_days: plain
 * arithmetic, as `dayNumber` is (building it through `Date` cost a scan ~6 µs a filing whose HIST-001
 * names unfiled days). A day outside the years 0000..9999 (never a valid filing's), or one that is no
 * whole number, goes through `Date` as before (which throws for NaN).
 */
export function dateOfDay(day: number): string {
  if (Number.isInteger(day)) {
    const z = day + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y >= 0 && y <= 9999) return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
  }
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Adds `days` to a date. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}
