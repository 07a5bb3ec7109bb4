// The scan summary table in the report language.

import { describe, expect, it } from 'vitest';
import { formatScanSummary } from '../../src/report/scan-table.js';
import type { ScanSummary } from '../../src/scan/summary.js';

const summary: ScanSummary = {
  type: 'summary',
  ruleset: 'sha256:' + '0'.repeat(64),
  filings: 12345,
  invalid: 1,
  verdicts: { pass: 12000, fail: 345, error: 0 },
  byPlatform: { xianghubao: { filings: 12345, pass: 12000, fail: 345, error: 0 } },
  byRule: { 'LIC-001': { fail: 345, pass: 12000, 'not-applicable': 0, advisory: 0, waived: 0, error: 0 } },
  watchlist: [
    {
      platformId: 'shuidi',
      name: '水滴互助',
      level: 2,
      rules: ['HIST-002', 'HIST-004'],
      filingId: 'sd-2019-09b',
      asOf: '2019-09-30',
      trend: { membersActive: [43_000_000, 20_000_000], meanPerMemberShareCny: [0.5, 1.5] },
    },
  ],
};

describe('the watchlist section', () => {
  it('comes first, in either language, with its trend and change', () => {
    const en = formatScanSummary(summary, 'en');
    expect(en.indexOf('Watchlist')).toBeLessThan(en.indexOf('PLATFORM'));
    expect(en).toMatch(/^2 +水滴互助 \(shuidi\) +sd-2019-09b \(2019-09-30\) +HIST-002, HIST-004 +43,000,000 → 20,000,000 \(-53\.49 %\) +0\.50 → 1\.50 \(\+200 %\)$/m);
    const zh = formatScanSummary(summary, 'zh');
    expect(zh).toMatch(/^预警名单$/m);
    expect(zh).toMatch(/HIST-002、HIST-004/);
    expect(formatScanSummary({ ...summary, watchlist: [] }, 'zh')).toMatch(/^预警名单为空。$/m);
  });
});

describe('formatScanSummary', () => {
  it('writes English headings and counts with separators', () => {
    const en = formatScanSummary(summary, 'en');
    expect(en).toMatch(/^12,345 filings judged \(12,000 pass, 345 fail, 0 error\), 1 invalid; rule set sha256:0{64}$/m);
    expect(en).toMatch(/^PLATFORM\s+FILINGS\s+PASS\s+FAIL\s+ERROR$/m);
  });
  it('writes Chinese headings and totals in a zh scan', () => {
    const zh = formatScanSummary(summary, 'zh');
    expect(zh).toMatch(/^共判定12,345份报送（通过12,000份，不通过345份，无法判定0份），无效1份；规则集 sha256:0{64}$/m);
    expect(zh).toMatch(/^平台\s+报送数\s+通过\s+不通过\s+无法判定$/m);
    expect(zh).toMatch(/^规则\s+不合规\s+合规\s+不适用\s+观察（审计模式）\s+已豁免\s+无法判定$/m);
    expect(zh).not.toMatch(/PLATFORM|RULE|FILINGS/);
  });
});
