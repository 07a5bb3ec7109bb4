// The running summary of a scan: totals, per platform and per rule, built incrementally in constant memory.

import type { Status, Verdict } from '../engine/report-model.js';
import { compareWatchEntries, type WatchEntry } from '../engine/watchlist.js';
import { CODE_STATUS, CODE_VERDICT, type ItemMeta } from './judge-item.js';

type StatusCounts = Record<Status, number>;
const zero = (): StatusCounts => ({ fail: 0, pass: 0, 'not-applicable': 0, advisory: 0, waived: 0, error: 0 });

export interface ScanSummary {
  type: 'summary';
  ruleset: string;
  filings: number;
  invalid: number;
  verdicts: Record<Verdict, number>;
  byPlatform: Record<string, { filings: number; pass: number; fail: number; error: number }>;
  byRule: Record<string, StatusCounts>;
  /** The watchlist (DESIGN §5.1): from each platform's latest filing of the input, by level, then members. */
  watchlist: WatchEntry[];
}

/** Each platform's latest filing so far and its watchlist entry: what partial summaries are merged by. */
export type WatchLatest = Record<string, { asOf: string; filingId: string; entry: WatchEntry | null }>;

/** The latest of two filings of a platform: the later period.end, then the larger id (as history orders them). */
function later(a: { asOf: string; filingId: string }, b: { asOf: string; filingId: string }): boolean {
  return a.asOf !== b.asOf ? a.asOf > b.asOf : a.filingId > b.filingId;
}

/** Merges `b` into `a` (each platform's latest wins) and answers `a`. */
export function mergeWatchLatest(a: WatchLatest, b: WatchLatest): WatchLatest {
  for (const [platformId, v] of Object.entries(b)) {
    const held = Object.hasOwn(a, platformId) ? a[platformId] : undefined;
    if (!held || later(v, held)) a[platformId] = v;
  }
  return a;
}

/** The watchlist of the latest filings. */
export function watchlistOf(latest: WatchLatest): WatchEntry[] {
  return Object.values(latest)
    .flatMap((v) => (v.entry ? [v.entry] : []))
    .sort(compareWatchEntries);
}

export class SummaryBuilder {
  private readonly s: Omit<ScanSummary, 'watchlist'>;
  private readonly counts: StatusCounts[];
  private readonly latest: WatchLatest = {};

  /** `ruleIds` in rule-set order: the order of the status codes in each item's meta. */
  constructor(
    ruleset: string,
    private readonly ruleIds: readonly string[],
  ) {
    this.s = { type: 'summary', ruleset, filings: 0, invalid: 0, verdicts: { pass: 0, fail: 0, error: 0 }, byPlatform: {}, byRule: {} };
    this.counts = ruleIds.map((id) => (this.s.byRule[id] = zero()));
  }

  add(m: ItemMeta): void {
    if ('source' in m) {
      this.s.invalid++;
      return;
    }
    const verdict = CODE_VERDICT[m.codes[0]!]!;
    this.s.filings++;
    this.s.verdicts[verdict]++;
    const p = (this.s.byPlatform[m.platformId] ??= { filings: 0, pass: 0, fail: 0, error: 0 });
    p.filings++;
    p[verdict]++;
    for (let i = 1; i < m.codes.length; i++) this.counts[i - 1]![CODE_STATUS[m.codes[i]!]!]++;
    mergeWatchLatest(this.latest, { [m.platformId]: { asOf: m.asOf, filingId: m.filingId, entry: m.watch ?? null } });
  }

  /** The summary with platforms and rules in sorted order, so equal scans print equal bytes. */
  result(): ScanSummary {
    const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { ...this.s, byPlatform: sortKeys(this.s.byPlatform), byRule: sortKeys(this.s.byRule), watchlist: watchlistOf(this.latest) };
  }

  /** A shard's partial summary: the summary with each platform's latest filing, for the job's sum to merge. */
  partial(): ScanSummary & { watchLatest: WatchLatest } {
    return { ...this.result(), watchLatest: this.latest };
  }
}
