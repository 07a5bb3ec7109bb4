// A compact index of many filings' light history records, by platform: what a scan or `check --history`
// keeps instead of the filings themselves, answering each filing's history digest in O(log n).

import { dateOfDay, dayNumber } from '../filing/dates.js';
import { exactOf } from './exact.js';
import { compareFlat, type HistoryRecord, type HistorySubject, type SortedHistory } from './history.js';
import { HistoryRanges } from './history-range.js';
import type { SupersedesLink } from './supersedes.js';

/** An indexed filing: its number in the index (a scan keeps it per input item, not an object). */
export type HistoryEntry = number;

/** Entries per column block: columns grow a block at a time, never by doubling a whole array. */
const BLOCK = 1 << 14;

/** A numeric column in fixed blocks (typed arrays), so a million entries cost bytes, not objects. */
class Column<T extends Int32Array | Float64Array> {
  private readonly blocks: T[] = [];
  constructor(private readonly make: (n: number) => T) {}
  set(i: number, v: number): void {
    const b = i >>> 14;
    while (this.blocks.length <= b) this.blocks.push(this.make(BLOCK));
    this.blocks[b]![i & (BLOCK - 1)] = v;
  }
  get(i: number): number {
    return this.blocks[i >>> 14]![i & (BLOCK - 1)]!;
  }
}

/** The `YYYY-MM-DD` of a day number (days since 1970-01-01): plain arithmetic (src/filing/dates.ts). */
export const dateOf = dateOfDay;

/**
 * Light records of many valid filings, grouped by platform, in columns: per filing its id (a string),
 * platform, start and end (day numbers), members and share count (numbers), and the share sum (a
 * number when that reads back as the same decimal, else kept as text). Add them all, `seal()`, then
 * ask each filing's digest with the windows in force on its period.end.
 * @example const e = index.add(historyRecord(f)); index.seal(); judge.digestSorted(index.subject(e), index.platform(index.platformOf(e)))
 */
export class HistoryIndex {
  private readonly ids: string[] = [];
  private readonly platformNo = new Column((n) => new Int32Array(n));
  private readonly starts = new Column((n) => new Int32Array(n));
  private readonly ends = new Column((n) => new Int32Array(n));
  private readonly members = new Column((n) => new Float64Array(n));
  private readonly counts = new Column((n) => new Int32Array(n));
  private readonly sums = new Column((n) => new Float64Array(n));
  /** Share sums a double cannot give back as written, by entry. */
  private readonly sumTexts = new Map<number, string>();
  private readonly supersedes = new Map<number, string>();
  private readonly platforms: string[] = [];
  private readonly platformIndex = new Map<string, number>();
  private readonly open: number[][] = [];
  private sealed: PlatformHistory[] | null = null;

  /** How many records were added. */
  get size(): number {
    return this.ids.length;
  }

  /** Adds a valid filing's record; returns its entry (a scan keeps it as the subject of that item). */
  add(r: HistoryRecord): HistoryEntry {
    if (this.sealed) throw new Error('the history index is sealed');
    let p = this.platformIndex.get(r.platformId);
    if (p === undefined) {
      p = this.platforms.length;
      this.platforms.push(r.platformId);
      this.platformIndex.set(r.platformId, p);
      this.open.push([]);
    }
    const e = this.ids.length;
    this.ids.push(r.filingId);
    this.platformNo.set(e, p);
    this.starts.set(e, dayNumber(r.period.start));
    this.ends.set(e, dayNumber(r.period.end));
    this.members.set(e, r.membersActive);
    this.counts.set(e, r.shares.count);
    const sum = Number(r.shares.sum);
    this.sums.set(e, sum);
    if (String(sum) !== r.shares.sum) this.sumTexts.set(e, r.shares.sum);
    if (r.supersedes !== null) this.supersedes.set(e, r.supersedes);
    this.open[p]!.push(e);
    return e;
  }

  private sumOf(e: number): string {
    return this.sumTexts.get(e) ?? String(this.sums.get(e));
  }

  /** The light record of an entry, as it was added. */
  record(e: HistoryEntry): HistoryRecord {
    return {
      filingId: this.ids[e]!,
      platformId: this.platforms[this.platformNo.get(e)]!,
      period: { start: dateOf(this.starts.get(e)), end: dateOf(this.ends.get(e)) },
      supersedes: this.supersedes.get(e) ?? null,
      membersActive: this.members.get(e),
      shares: { count: this.counts.get(e), sum: this.sumOf(e) },
    };
  }

  /** The entries that name a filing they correct, as links: what a correction loop is sought in. */
  supersedesLinks(): (SupersedesLink & { entry: HistoryEntry })[] {
    return [...this.supersedes].map(([e, supersedes]) => ({ entry: e, platformId: this.platformOf(e), filingId: this.ids[e]!, supersedes }));
  }

  /** The platform of an entry. */
  platformOf(e: HistoryEntry): string {
    return this.platforms[this.platformNo.get(e)]!;
  }

  /** The subject of an entry: its filingId and period, for its own digest. */
  subject(e: HistoryEntry): HistorySubject {
    return {
      filingId: this.ids[e]!,
      period: { start: dateOf(this.starts.get(e)), end: dateOf(this.ends.get(e)) },
    };
  }

  private compare = (a: number, b: number): number =>
    compareFlat(
      dateOf(this.ends.get(a)),
      this.ids[a]!,
      dateOf(this.starts.get(a)),
      this.members.get(a),
      this.counts.get(a),
      this.sumOf(a),
      dateOf(this.ends.get(b)),
      this.ids[b]!,
      dateOf(this.starts.get(b)),
      this.members.get(b),
      this.counts.get(b),
      this.sumOf(b),
    );

  /**
   * Sorts each platform's entries by (period.end, filingId, …), leaves out those another entry of the
   * platform names in `supersedes`, and counts the same filing given twice once.
   */
  seal(): this {
    if (this.sealed) return this;
    const gone = this.platforms.map(() => new Set<string>());
    for (const [e, id] of this.supersedes) gone[this.platformNo.get(e)]!.add(id);
    this.sealed = this.open.map((list, p) => {
      const kept = gone[p]!.size > 0 ? list.filter((e) => !gone[p]!.has(this.ids[e]!)) : list;
      // ends first as numbers (cheap), the full order only among equal ends
      kept.sort((a, b) => this.ends.get(a) - this.ends.get(b) || this.compare(a, b));
      const once = kept.filter(
        (e, i) =>
          i === 0 ||
          !(
            this.ids[e] === this.ids[kept[i - 1]!] &&
            this.starts.get(e) === this.starts.get(kept[i - 1]!) &&
            this.ends.get(e) === this.ends.get(kept[i - 1]!)
          ),
      );
      const order = Int32Array.from(once);
      let min = 0;
      let maxSpan = 0;
      for (let i = 0; i < order.length; i++) {
        const s = this.starts.get(order[i]!);
        if (i === 0 || s < min) min = s;
        maxSpan = Math.max(maxSpan, this.ends.get(order[i]!) - s);
      }
      return new PlatformHistory(this, order, order.length === 0 ? '' : dateOf(min), maxSpan);
    });
    this.open.length = 0;
    return this;
  }

  /** A platform's sorted history (empty when the index has none of its filings). */
  platform(platformId: string): SortedHistory {
    if (!this.sealed) this.seal();
    const p = this.platformIndex.get(platformId);
    return p === undefined ? EMPTY : this.sealed![p]!;
  }

  /** `period.end` of an entry as a day number (for the sorted views). */
  endDay(e: number): number {
    return this.ends.get(e);
  }

  /** `period.start` of an entry as a day number. */
  startDay(e: number): number {
    return this.starts.get(e);
  }

  /** `members.active` of an entry. */
  membersOf(e: number): number {
    return this.members.get(e);
  }

  /** The filingId of an entry. */
  idOf(e: number): string {
    return this.ids[e]!;
  }

  /** Whether an entry's own mean share exists and is above 0 (its share sum read exactly when kept as text). */
  positiveMean(e: number): boolean {
    if (this.counts.get(e) === 0) return false;
    const text = this.sumTexts.get(e);
    return text === undefined ? this.sums.get(e) > 0 : exactOf(text).m > 0n;
  }
}

/** A platform's entries once sealed, in order, with their earliest start, longest period and range index. */
class PlatformHistory implements SortedHistory {
  private readonly ranges: HistoryRanges;

  constructor(
    private readonly index: HistoryIndex | null,
    private readonly order: Int32Array,
    readonly minStart: string,
    readonly maxSpanDays: number,
  ) {
    this.ranges = new HistoryRanges(
      order.length,
      (i) => this.membersAt(i),
      (i) => this.positiveMeanAt(i),
    );
  }

  peakIn(lo: number, hi: number): number {
    return this.ranges.peakIn(lo, hi);
  }

  firstPositiveFrom(lo: number): number {
    return this.ranges.firstPositiveFrom(lo);
  }

  get length(): number {
    return this.order.length;
  }

  idAt(i: number): string {
    return this.index!.idOf(this.order[i]!);
  }

  startDayAt(i: number): number {
    return this.index!.startDay(this.order[i]!);
  }

  endDayAt(i: number): number {
    return this.index!.endDay(this.order[i]!);
  }

  membersAt(i: number): number {
    return this.index!.membersOf(this.order[i]!);
  }

  positiveMeanAt(i: number): boolean {
    return this.index!.positiveMean(this.order[i]!);
  }

  recordAt(i: number): HistoryRecord {
    return this.index!.record(this.order[i]!);
  }
}

const EMPTY = new PlatformHistory(null, new Int32Array(0), '', 0);
