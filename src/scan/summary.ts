// The running summary of a scan: totals, per platform and per rule, built incrementally in constant memory.

import type { Status, Verdict } from '../engine/report-model.js';
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
}

export class SummaryBuilder {
  private readonly s: ScanSummary;
  private readonly counts: StatusCounts[];

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
  }

  /** The summary with platforms and rules in sorted order, so equal scans print equal bytes. */
  result(): ScanSummary {
    const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { ...this.s, byPlatform: sortKeys(this.s.byPlatform), byRule: sortKeys(this.s.byRule) };
  }
}
