// A compact index of many filings' light history records, by platform: what a scan or `check --history`
// keeps instead of the filings themselves, answering each filing's history digest in O(log n).

import { compareFlat, type HistoryRecord, type HistorySubject, type SortedHistory } from './history.js';

/** One indexed filing: a flat object (no nested ones), its dates and platform id shared with every other entry. */
export interface HistoryEntry {
  readonly platformId: string;
  readonly filingId: string;
  readonly start: string;
  readonly end: string;
  readonly supersedes: string | null;
  readonly membersActive: number;
  readonly count: number;
  readonly sum: string;
}

/** A platform's entries once sealed: sorted, superseded ones removed, with the running earliest start. */
class PlatformHistory implements SortedHistory {
  constructor(
    private readonly entries: readonly HistoryEntry[],
    private readonly minStarts: readonly string[],
  ) {}

  get length(): number {
    return this.entries.length;
  }

  endAt(i: number): string {
    return this.entries[i]!.end;
  }

  minStartThrough(i: number): string {
    return this.minStarts[i]!;
  }

  recordAt(i: number): HistoryRecord {
    const e = this.entries[i]!;
    return {
      filingId: e.filingId,
      platformId: e.platformId,
      period: { start: e.start, end: e.end },
      supersedes: e.supersedes,
      membersActive: e.membersActive,
      shares: { count: e.count, sum: e.sum },
    };
  }
}

const EMPTY = new PlatformHistory([], []);

/**
 * Light records of many valid filings, grouped by platform. Add them all, `seal()`, then ask each
 * filing's digest with the window in force on its period.end.
 * @example const index = new HistoryIndex(); index.add(historyRecord(f)); judge.digestSorted(f, index.seal().platform(f.platform.id))
 */
export class HistoryIndex {
  private readonly open = new Map<string, HistoryEntry[]>();
  private readonly superseded = new Map<string, Set<string>>();
  private sealed: Map<string, PlatformHistory> | null = null;
  // dates, platform ids and share sums repeat across filings: one string each
  private readonly strings = new Map<string, string>();
  private count = 0;

  private intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size < 200_000) this.strings.set(s, s);
    return s;
  }

  /** How many records were added. */
  get size(): number {
    return this.count;
  }

  /** Adds a valid filing's record; returns the entry (a scan keeps it as the subject of that item). */
  add(r: HistoryRecord): HistoryEntry {
    if (this.sealed) throw new Error('the history index is sealed');
    const platformId = this.intern(r.platformId);
    const entry: HistoryEntry = {
      platformId,
      filingId: r.filingId,
      start: this.intern(r.period.start),
      end: this.intern(r.period.end),
      supersedes: r.supersedes,
      membersActive: r.membersActive,
      count: r.shares.count,
      sum: this.intern(r.shares.sum),
    };
    let list = this.open.get(platformId);
    if (!list) {
      list = [];
      this.open.set(platformId, list);
    }
    list.push(entry);
    if (r.supersedes !== null) {
      let set = this.superseded.get(platformId);
      if (!set) {
        set = new Set();
        this.superseded.set(platformId, set);
      }
      set.add(r.supersedes);
    }
    this.count++;
    return entry;
  }

  /** Sorts each platform's entries by (period.end, filingId) and leaves out the superseded ones. */
  seal(): this {
    if (this.sealed) return this;
    this.sealed = new Map();
    for (const [platformId, list] of this.open) {
      const gone = this.superseded.get(platformId);
      const kept = gone ? list.filter((e) => !gone.has(e.filingId)) : list;
      kept.sort((a, b) =>
        compareFlat(
          a.end,
          a.filingId,
          a.start,
          a.membersActive,
          a.count,
          a.sum,
          b.end,
          b.filingId,
          b.start,
          b.membersActive,
          b.count,
          b.sum,
        ),
      );
      // the same filing given twice (the input and --history) counts once, as in platformHistory
      const once = kept.filter(
        (e, i) =>
          i === 0 ||
          !(
            e.filingId === kept[i - 1]!.filingId &&
            e.start === kept[i - 1]!.start &&
            e.end === kept[i - 1]!.end
          ),
      );
      const minStarts: string[] = [];
      let min = '';
      for (const [i, e] of once.entries()) {
        if (i === 0 || e.start < min) min = e.start;
        minStarts.push(min);
      }
      this.sealed.set(platformId, new PlatformHistory(once, minStarts));
    }
    this.open.clear();
    this.superseded.clear();
    this.strings.clear();
    return this;
  }

  /** A platform's sorted history (empty when the index has none of its filings). */
  platform(platformId: string): SortedHistory {
    if (!this.sealed) this.seal();
    return this.sealed!.get(platformId) ?? EMPTY;
  }
}

/** The subject of an indexed entry: its filingId and period. */
export function entrySubject(e: HistoryEntry): HistorySubject {
  return { filingId: e.filingId, period: { start: e.start, end: e.end } };
}
