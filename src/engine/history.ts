// A filing's history (DESIGN §5.1): light records of a platform's earlier filings, and the digest the
// history facts read (the latest earlier filing, the reference filing in the window, the report's summary).

import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import { exact, exactText, plus } from './exact.js';

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

/** What the facts see of a filing's history. */
export interface HistoryDigest {
  /** null when the history is empty (none given, or none earlier). */
  summary: HistorySummary | null;
  /** The filing of the history with the latest `period.end` (ties: the larger filingId, the last in (end, id) order). */
  latest: HistoryRecord | null;
  /** The earliest filing of the history whose `period.end` is at most `windowDays` before this filing's. */
  reference: HistoryRecord | null;
  windowDays: number;
}

/** The default of the `historyWindowDays` parameter, used when a rule set does not define it. */
export const DEFAULT_HISTORY_WINDOW_DAYS = 180;

/** The digest of an empty history. */
export function emptyDigest(windowDays = DEFAULT_HISTORY_WINDOW_DAYS): HistoryDigest {
  return { summary: null, latest: null, reference: null, windowDays };
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

/** The sorted history without the filing a correction names (materialised only when it is there). */
function withoutCorrected(sorted: SortedHistory, corrected: string | null | undefined): SortedHistory {
  if (corrected === null || corrected === undefined) return sorted;
  const kept: HistoryRecord[] = [];
  let found = false;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted.recordAt(i);
    if (r.filingId === corrected) found = true;
    else kept.push(r);
  }
  return found ? sortedArray(kept) : sorted;
}

/**
 * A platform's history sorted by (period.end, filingId), superseded records removed, as a digest
 * reads it: an array of records, or a scan's compact index.
 */
export interface SortedHistory {
  readonly length: number;
  /** `period.end` of the i-th record. */
  endAt(i: number): string;
  /** The earliest `period.start` among records 0..i. */
  minStartThrough(i: number): string;
  /** The i-th record as a light record. */
  recordAt(i: number): HistoryRecord;
}

/** A sorted array of records as a `SortedHistory`. */
export function sortedArray(sorted: readonly HistoryRecord[]): SortedHistory {
  const minStarts = prefixMinStarts(sorted);
  return {
    length: sorted.length,
    endAt: (i) => sorted[i]!.period.end,
    minStartThrough: (i) => minStarts[i]!,
    recordAt: (i) => sorted[i]!,
  };
}

/**
 * The digest of a filing's history from its platform's sorted history, in O(log n): the history is
 * the prefix of records ending before the subject starts; the latest is its last record; the
 * reference is its first record ending at most `windowDays` before the subject's period.end.
 */
export function digestSorted(all: SortedHistory, subject: HistorySubject, windowDays: number): HistoryDigest {
  const sorted = withoutCorrected(all, subject.supersedes);
  const start = subject.period.start;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted.endAt(mid) < start) lo = mid + 1;
    else hi = mid;
  }
  const n = lo;
  if (n === 0) return emptyDigest(windowDays);
  const latest = sorted.recordAt(n - 1);
  const earliest = dayNumber(subject.period.end) - windowDays;
  lo = 0;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dayNumber(sorted.endAt(mid)) < earliest) lo = mid + 1;
    else hi = mid;
  }
  const reference = lo < n ? sorted.recordAt(lo) : null;
  return {
    summary: { filings: n, from: sorted.minStartThrough(n - 1), through: latest.period.end },
    latest,
    reference,
    windowDays,
  };
}

/**
 * The digest of a filing's history from any records: those of other platforms, the filing itself and
 * superseded ones are left out, the rest ordered; only those ending before the filing's start count.
 * @example const digest = digestHistory(filing, records.map(historyRecord), 180)
 */
export function digestHistory(
  filing: Filing,
  records: readonly HistoryRecord[],
  windowDays: number,
): HistoryDigest {
  // the filing judged supersedes what it names (digestSorted leaves it out), as when it is among the records
  const mine = records.filter((r) => r.platformId === filing.platform.id);
  return digestSorted(sortedArray(platformHistory(mine)), filing, windowDays);
}

/** Earliest `period.start` of records 0..i, for each i: answers a digest's `from` in O(1). */
export function prefixMinStarts(sorted: readonly HistoryRecord[]): string[] {
  const out: string[] = [];
  let min = '';
  for (const [i, r] of sorted.entries()) {
    if (i === 0 || r.period.start < min) min = r.period.start;
    out.push(min);
  }
  return out;
}
