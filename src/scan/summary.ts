// The running summary of a scan: totals, per platform and per rule, built incrementally in constant memory.

import type { Status, Verdict } from '../report/types.js';

/** What the summary needs from one judged filing (kept small so workers can send it cheaply). */
export interface JudgedMeta {
  platformId: string;
  verdict: Verdict;
  /** Rule id → status, in the report's order. */
  statuses: [string, Status][];
}

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
}

export class SummaryBuilder {
  private readonly s: ScanSummary;

  constructor(ruleset: string) {
    this.s = { type: 'summary', ruleset, filings: 0, invalid: 0, verdicts: { pass: 0, fail: 0, error: 0 }, byPlatform: {}, byRule: {} };
  }

  addJudged(m: JudgedMeta): void {
    this.s.filings++;
    this.s.verdicts[m.verdict]++;
    const p = (this.s.byPlatform[m.platformId] ??= { filings: 0, pass: 0, fail: 0, error: 0 });
    p.filings++;
    p[m.verdict]++;
    for (const [rule, status] of m.statuses) (this.s.byRule[rule] ??= zero())[status]++;
  }

  addInvalid(): void {
    this.s.invalid++;
  }

  /** The summary with platforms and rules in sorted order, so equal scans print equal bytes. */
  result(): ScanSummary {
    const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { ...this.s, byPlatform: sortKeys(this.s.byPlatform), byRule: sortKeys(this.s.byRule) };
  }
}
