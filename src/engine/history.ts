// A filing's history (DESIGN §5.1, revision 3): light records of a platform's other filings that start before
// it, and the digest the history facts read (latest and earliest filings, each window's peak and reference).

import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import { exact, exactOf, exactText, plus } from './exact.js';
import { HistoryRanges } from './history-range.js';

/**
 * What the history rules need of one filing, so adapters can index many filings without keeping them.
 * `shares` sums, exactly, the `perMemberShareCny` of the disclosures published within the filing's own
 * period that give one (HIST-003 compares the means of these).
 */
export interface HistoryRecord {
  filingId: string;
  platformId: string;
  period: { start: string; end: string };
  /** The filingId of this platform's filing it corrects, if any: that one leaves every history. */
  supersedes: string | null;
  membersActive: number;
  shares: { count: number; sum: string };
}

/** The report's `history`: how many filings made it, the earliest `period.start` and the latest `period.end`. */
export interface HistorySummary {
  filings: number;
  from: string;
  through: string;
}

/**
 * One history rule's window (DESIGN §5.1 revision 3): the history filings whose `period.end` is at most
 * `days` before this filing's, and the filings the rules compare against in it. Every choice breaks
 * ties on `period.end` by the earlier, then by the smaller filingId in code-point order.
 */
export interface HistoryWindow {
  days: number;
  /** The window's earliest filing by `period.end`; null when the window holds none. */
  first: HistoryRecord | null;
  /** The filing with the most `members.active` (HIST-002's reference). */
  peak: HistoryRecord | null;
  /** The earliest filing whose own mean share exists and is above 0 (HIST-003's and HIST-004's reference). */
  reference: HistoryRecord | null;
}

/**
 * What the facts see of a filing's history: a handful of light records, whatever the history's length,
 * so a scan hands it to a worker as a small structured-cloneable value.
 */
export interface HistoryDigest {
  /** null when the history is empty (none given, or none starting earlier). */
  summary: HistorySummary | null;
  /** The history filing with the latest `period.end` (ties: the larger filingId, the last in (end, id) order): the last day the history covers. */
  latest: HistoryRecord | null;
  /** The history filing with the earliest `period.end` (ties: the smaller filingId): where the ramp-up guard measures from. */
  earliest: HistoryRecord | null;
  /** One entry per window the rules in force ask for, by `days` ascending. */
  windows: HistoryWindow[];
}

/** The digest of an empty history. */
export function emptyDigest(): HistoryDigest {
  return { summary: null, latest: null, earliest: null, windows: [] };
}

/** The window of `days` in a digest, or undefined when the digest was made without it. */
export function windowOf(digest: HistoryDigest, days: number): HistoryWindow | undefined {
  return digest.windows.find((w) => w.days === days);
}

/** Whether a record's own mean share exists and is above 0 (its shares counted, their exact sum positive). */
export function positiveMean(shares: HistoryRecord['shares']): boolean {
  return shares.count > 0 && exactOf(shares.sum).m > 0n;
}

/** The light history record of a valid filing. */
export function historyRecord(filing: Filing): HistoryRecord {
  const start = dayNumber(filing.period.start);
  const end = dayNumber(filing.period.end);
  let count = 0;
  let sum = exact(0);
  for (const d of filing.disclosures) {
    if (d.perMemberShareCny === undefined) continue;
    const day = dayNumber(d.publishedAt);
    if (day < start || day > end) continue;
    count++;
    sum = plus(sum, exact(d.perMemberShareCny));
  }
  return {
    filingId: filing.filingId,
    platformId: filing.platform.id,
    period: { start: filing.period.start, end: filing.period.end },
    supersedes: filing.supersedes ?? null,
    membersActive: filing.members.active,
    shares: { count, sum: exactText(sum) },
  };
}

/** Code-point order of two strings (not locale order): what breaks ties on `period.end`. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** (period.end, filingId) order, the order a history is read in. */
export function compareRecords(a: HistoryRecord, b: HistoryRecord): number {
  return compareFlat(
    a.period.end,
    a.filingId,
    a.period.start,
    a.membersActive,
    a.shares.count,
    a.shares.sum,
    b.period.end,
    b.filingId,
    b.period.start,
    b.membersActive,
    b.shares.count,
    b.shares.sum,
  );
}

/**
 * (period.end, filingId) order, then the other fields, so that even the same id given twice with
 * different contents is read in one order whatever order the records came in: the report never
 * depends on the input's order.
 */
export function compareFlat(
  endA: string,
  idA: string,
  startA: string,
  membersA: number,
  countA: number,
  sumA: string,
  endB: string,
  idB: string,
  startB: string,
  membersB: number,
  countB: number,
  sumB: string,
): number {
  if (endA !== endB) return endA < endB ? -1 : 1;
  const byId = compareCodePoints(idA, idB);
  if (byId !== 0) return byId;
  if (startA !== startB) return startA < startB ? -1 : 1;
  if (membersA !== membersB) return membersA - membersB;
  if (countA !== countB) return countA - countB;
  return sumA === sumB ? 0 : sumA < sumB ? -1 : 1;
}

/**
 * The records that can be a history on one platform: valid filings (the caller's job), minus those
 * another record names in `supersedes`, sorted by (period.end, filingId); the same filing given twice
 * (same id and period, say in a scan's input and in `--history`) counts once.
 */
export function platformHistory(records: readonly HistoryRecord[]): HistoryRecord[] {
  const superseded = new Set<string>();
  for (const r of records) if (r.supersedes !== null) superseded.add(r.supersedes);
  const sorted = records.filter((r) => !superseded.has(r.filingId)).sort(compareRecords);
  return sorted.filter((r, i) => i === 0 || !sameFiling(sorted[i - 1]!, r));
}

/** The same filing twice: one id within a platform, with the same period. */
export function sameFiling(
  a: { filingId: string; period: { start: string; end: string } },
  b: { filingId: string; period: { start: string; end: string } },
): boolean {
  return a.filingId === b.filingId && a.period.end === b.period.end && a.period.start === b.period.start;
}

/** The subject of a digest: the filing being judged, or its light record. */
export interface HistorySubject {
  filingId: string;
  period: { start: string; end: string };
  /** The filing it corrects, if any: that one is no history of it, as if it were superseded already. */
  supersedes?: string | null;
}

/**
 * A platform's history sorted by (period.end, filingId), superseded records removed, as a digest
 * reads it: an array of records, or a scan's compact index. Dates are day numbers (days since 1970-01-01).
 */
export interface SortedHistory {
  readonly length: number;
  /** The filingId of the i-th record. */
  idAt(i: number): string;
  /** `period.start` of the i-th record, as a day number. */
  startDayAt(i: number): number;
  /** `period.end` of the i-th record, as a day number. */
  endDayAt(i: number): number;
  /** `members.active` of the i-th record. */
  membersAt(i: number): number;
  /** Whether the i-th record's own mean share exists and is above 0. */
  positiveMeanAt(i: number): boolean;
  /** The longest period among the records (`period.end − period.start`, in days; 0 when there are none). */
  readonly maxSpanDays: number;
  /** The earliest `period.start` among the records ('' when there are none). */
  readonly minStart: string;
  /** The i-th record as a light record. */
  recordAt(i: number): HistoryRecord;
  /** The record with the most members among i in lo..hi−1 (ties: the smallest i); −1 when the range is empty. */
  peakIn(lo: number, hi: number): number;
  /** The first i at or after `lo` whose own mean share is above 0; `length` when there is none. */
  firstPositiveFrom(lo: number): number;
}

/** A sorted array of records as a `SortedHistory`. */
export function sortedArray(sorted: readonly HistoryRecord[]): SortedHistory {
  const starts = sorted.map((r) => dayNumber(r.period.start));
  const ends = sorted.map((r) => dayNumber(r.period.end));
  const positive = sorted.map((r) => positiveMean(r.shares));
  let maxSpanDays = 0;
  let minStart = '';
  for (const [i, r] of sorted.entries()) {
    maxSpanDays = Math.max(maxSpanDays, ends[i]! - starts[i]!);
    if (i === 0 || r.period.start < minStart) minStart = r.period.start;
  }
  const ranges = new HistoryRanges(
    sorted.length,
    (i) => sorted[i]!.membersActive,
    (i) => positive[i]!,
  );
  return {
    length: sorted.length,
    idAt: (i) => sorted[i]!.filingId,
    startDayAt: (i) => starts[i]!,
    endDayAt: (i) => ends[i]!,
    membersAt: (i) => sorted[i]!.membersActive,
    positiveMeanAt: (i) => positive[i]!,
    maxSpanDays,
    minStart,
    recordAt: (i) => sorted[i]!,
    peakIn: (lo, hi) => ranges.peakIn(lo, hi),
    firstPositiveFrom: (lo) => ranges.firstPositiveFrom(lo),
  };
}

/** A sorted history without some of its records (`kept` the indices left, in order). */
function keptOf(sorted: SortedHistory, kept: readonly number[]): SortedHistory {
  let maxSpanDays = 0;
  let earliest = -1;
  for (const i of kept) {
    maxSpanDays = Math.max(maxSpanDays, sorted.endDayAt(i) - sorted.startDayAt(i));
    if (earliest < 0 || sorted.startDayAt(i) < sorted.startDayAt(earliest)) earliest = i;
  }
  const minStart = earliest < 0 ? '' : sorted.recordAt(earliest).period.start;
  const ranges = new HistoryRanges(
    kept.length,
    (j) => sorted.membersAt(kept[j]!),
    (j) => sorted.positiveMeanAt(kept[j]!),
  );
  return {
    length: kept.length,
    idAt: (j) => sorted.idAt(kept[j]!),
    startDayAt: (j) => sorted.startDayAt(kept[j]!),
    endDayAt: (j) => sorted.endDayAt(kept[j]!),
    membersAt: (j) => sorted.membersAt(kept[j]!),
    positiveMeanAt: (j) => sorted.positiveMeanAt(kept[j]!),
    maxSpanDays,
    minStart,
    recordAt: (j) => sorted.recordAt(kept[j]!),
    peakIn: (lo, hi) => ranges.peakIn(lo, hi),
    firstPositiveFrom: (lo) => ranges.firstPositiveFrom(lo),
  };
}

/** The sorted history without the filing a correction names (a view, made only when it is there). */
function withoutCorrected(sorted: SortedHistory, corrected: string | null | undefined): SortedHistory {
  if (corrected === null || corrected === undefined) return sorted;
  const kept: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (sorted.idAt(i) !== corrected) kept.push(i);
  return kept.length === sorted.length ? sorted : keptOf(sorted, kept);
}

/** The number of leading indices in 0..n for which `below` holds (`below` true on a prefix only). */
function countBelow(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One window of a history: the records ending before the subject starts are the prefix 0..k−1 (a range
 * question from the window's first), then come the `overlapping` ones (ending later, starting earlier).
 */
function windowIn(
  h: SortedHistory,
  record: (i: number) => HistoryRecord | null,
  k: number,
  overlapping: readonly number[],
  days: number,
  earliestEnd: number,
): HistoryWindow {
  const lo = countBelow(k, (i) => h.endDayAt(i) < earliestEnd);
  // an overlapping record may end before the window when the window is shorter than the subject
  const late = overlapping.filter((i) => h.endDayAt(i) >= earliestEnd);
  const first = lo < k ? lo : (late[0] ?? -1);
  let peak = h.peakIn(lo, k);
  // strictly more: a tie keeps the earlier (period.end, filingId)
  for (const i of late) if (peak < 0 || h.membersAt(i) > h.membersAt(peak)) peak = i;
  const positive = h.firstPositiveFrom(lo);
  const reference = positive < k ? positive : (late.find((i) => h.positiveMeanAt(i)) ?? -1);
  return { days, first: record(first), peak: record(peak), reference: record(reference) };
}

/**
 * The digest of a filing's history from its platform's sorted history. The history is the records
 * starting before the subject starts: every record ending before that (a prefix, found in O(log n)),
 * and those ending later that overlap it (found among the records ending within the longest period of
 * the platform after it). Each window's first, peak and reference are range questions on the prefix
 * (`peakIn`, `firstPositiveFrom`), so a digest costs O(log n) and the few overlapping records.
 */
export function digestSorted(
  all: SortedHistory,
  subject: HistorySubject,
  windows: readonly number[],
): HistoryDigest {
  const h = withoutCorrected(all, subject.supersedes);
  const start = dayNumber(subject.period.start);
  const end = dayNumber(subject.period.end);
  const k = countBelow(h.length, (i) => h.endDayAt(i) < start);
  const overlapping: number[] = [];
  const lastEnd = start - 1 + h.maxSpanDays;
  for (let i = k; i < h.length && h.endDayAt(i) <= lastEnd; i++)
    if (h.startDayAt(i) < start) overlapping.push(i);
  const n = k + overlapping.length;
  if (n === 0) return emptyDigest();
  const at = (j: number) => (j < k ? j : overlapping[j - k]!);
  // the same record is often several windows' first, peak and reference: read once, shared
  const read = new Map<number, HistoryRecord>();
  const record = (i: number): HistoryRecord | null => {
    if (i < 0) return null;
    let r = read.get(i);
    if (!r) read.set(i, (r = h.recordAt(i)));
    return r;
  };
  const latest = record(at(n - 1))!;
  const days = [...new Set(windows)].sort((a, b) => a - b);
  return {
    // every record starts no earlier than the earliest start, and one of them starts before the subject
    summary: { filings: n, from: h.minStart, through: latest.period.end },
    latest,
    earliest: record(at(0)),
    windows: days.map((d) => windowIn(h, record, k, overlapping, d, end - d)),
  };
}

/**
 * The digest of a filing's history from any records: those of other platforms, the filing itself and
 * superseded ones are left out, the rest ordered; only those starting before the filing starts count.
 * `windows` are the days of the windows the rules ask for (`Judge.historyWindowsOn`).
 * @example const digest = digestHistory(filing, records.map(historyRecord), [180, 365])
 */
export function digestHistory(
  filing: Filing,
  records: readonly HistoryRecord[],
  windows: readonly number[],
): HistoryDigest {
  // the filing judged supersedes what it names (digestSorted leaves it out), as when it is among the records
  const mine = records.filter((r) => r.platformId === filing.platform.id);
  return digestSorted(sortedArray(platformHistory(mine)), filing, windows);
}
