// Range questions over a platform's sorted history, answered without walking a window: the record with the
// most members in a range (HIST-002's peak) and the next record whose mean share is above 0 (the reference).

/**
 * Built once per sorted history, in O(n) time and 12 bytes a record: a segment tree of the record with the
 * most members (ties: the smaller index, the earlier in (period.end, filingId) order) and, for each index,
 * the first index at or after it whose own mean share is above 0.
 * @example const r = new HistoryRanges(n, (i) => members[i], (i) => positive[i]); r.peakIn(lo, hi)
 */
export class HistoryRanges {
  private readonly tree: Int32Array;
  private readonly nextPositive: Int32Array;

  constructor(
    private readonly n: number,
    private readonly members: (i: number) => number,
    positive: (i: number) => boolean,
  ) {
    this.tree = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) this.tree[n + i] = i;
    for (let i = n - 1; i > 0; i--) this.tree[i] = this.better(this.tree[2 * i]!, this.tree[2 * i + 1]!);
    this.nextPositive = new Int32Array(n + 1);
    this.nextPositive[n] = n;
    for (let i = n - 1; i >= 0; i--) this.nextPositive[i] = positive(i) ? i : this.nextPositive[i + 1]!;
  }

  /** Of two indices, the one with more members; on a tie the smaller index. */
  private better(a: number, b: number): number {
    const ma = this.members(a);
    const mb = this.members(b);
    return mb > ma || (mb === ma && b < a) ? b : a;
  }

  /** The index with the most members among lo..hi−1 (ties: the smallest), in O(log n); −1 when the range is empty. */
  peakIn(lo: number, hi: number): number {
    let best = -1;
    const take = (i: number) => (best = best < 0 ? i : this.better(best, i));
    for (let l = lo + this.n, r = hi + this.n; l < r; l >>= 1, r >>= 1) {
      if (l & 1) take(this.tree[l++]!);
      if (r & 1) take(this.tree[--r]!);
    }
    return best;
  }

  /** The first index at or after `lo` whose mean share is above 0, in O(1); n when there is none. */
  firstPositiveFrom(lo: number): number {
    return lo >= this.n ? this.n : this.nextPositive[lo]!;
  }
}
