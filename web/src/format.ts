// Formatting for people: Beijing time (the supervisor's zone, labelled as such), today there, counts, changes, CSV.

/** The service's and the supervisor's time zone (China Standard Time, UTC+8, no daylight saving). */
export const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function pieces(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** An instant (RFC 3339) as `YYYY-MM-DD HH:mm:ss` in Beijing time; the text itself when it is not a time. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = pieces(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Today's date (`YYYY-MM-DD`) in Beijing, the day the service counts deadlines in. */
export function todayInBeijing(now: Date = new Date()): string {
  const p = pieces(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A count or amount with thousands separators (up to two decimals); — for none. */
export function figure(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v)
    ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v)
    : '—';
}

/** The relative change from `a` to `b` as a signed percentage with one decimal (`−0.7 %`), or null. */
export function changeOf(a: number | null | undefined, b: number | null | undefined): string | null {
  if (typeof a !== 'number' || typeof b !== 'number' || a === 0) return null;
  const pct = ((b - a) / a) * 100;
  const rounded = Math.round(pct * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded).toFixed(1)} %`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Rows as CSV text (RFC 4180, CRLF line ends), with a byte-order mark so a spreadsheet opens the Chinese
 * as UTF-8.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
