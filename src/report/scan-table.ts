// The scan summary as text in --lang: totals, then per platform, then per rule (`compliance scan --format table`).

import type { Lang } from '../rules/types.js';
import { columns } from './table.js';
import type { WatchEntry } from '../engine/watchlist.js';
import { formatWatchlist } from './watchlist.js';
import type { Status, Verdict } from '../engine/report-model.js';

/** What the table reads of a scan's summary (src/scan/summary.ts builds it; the core names only its shape). */
export interface ScanSummaryView {
  ruleset: string;
  filings: number;
  invalid: number;
  verdicts: Record<Verdict, number>;
  byPlatform: Record<string, { filings: number; pass: number; fail: number; error: number }>;
  byRule: Record<string, Record<Status, number>>;
  /** The watchlist (DESIGN §5.1): what a supervisor reads first. */
  watchlist?: readonly WatchEntry[];
}
type ScanSummary = ScanSummaryView;

const n = (x: number): string => x.toLocaleString('en-US');

const W = {
  en: {
    head: (s: ScanSummary) =>
      `${n(s.filings)} filings judged (${n(s.verdicts.pass)} pass, ${n(s.verdicts.fail)} fail, ${n(s.verdicts.error)} error), ${n(s.invalid)} invalid; rule set ${s.ruleset}`,
    platforms: ['PLATFORM', 'FILINGS', 'PASS', 'FAIL', 'ERROR'],
    rules: ['RULE', 'FAIL', 'PASS', 'N/A', 'ADVISORY', 'WAIVED', 'ERROR'],
  },
  zh: {
    head: (s: ScanSummary) =>
      `共判定${n(s.filings)}份报送（通过${n(s.verdicts.pass)}份，不通过${n(s.verdicts.fail)}份，无法判定${n(s.verdicts.error)}份），无效${n(s.invalid)}份；规则集 ${s.ruleset}`,
    platforms: ['平台', '报送数', '通过', '不通过', '无法判定'],
    rules: ['规则', '不合规', '合规', '不适用', '观察（审计模式）', '已豁免', '无法判定'],
  },
} as const;

/** The summary as tables in `lang`: the watchlist first, then per platform, then per rule. */
export function formatScanSummary(s: ScanSummary, lang: Lang = 'en'): string {
  const w = W[lang];
  const platforms = columns(
    [...w.platforms],
    Object.entries(s.byPlatform).map(([id, p]) => [id, n(p.filings), n(p.pass), n(p.fail), n(p.error)]),
  );
  const rules = columns(
    [...w.rules],
    Object.entries(s.byRule).map(([id, r]) => [id, n(r.fail), n(r.pass), n(r['not-applicable']), n(r.advisory), n(r.waived), n(r.error)]),
  );
  const watch = s.watchlist ? [formatWatchlist(s.watchlist, lang).trimEnd(), ''] : [];
  return [w.head(s), '', ...watch, platforms, '', rules, ''].join('\n');
}
