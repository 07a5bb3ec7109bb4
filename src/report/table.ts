// The human-readable table: per filing, the verdict, then every finding that is not a plain pass.

import type { Finding, Report } from './types.js';

const MARK: Record<Finding['status'], string> = {
  fail: 'FAIL',
  error: 'ERROR',
  advisory: 'ADVISORY',
  waived: 'WAIVED',
  pass: 'pass',
  'not-applicable': 'n/a',
};

/** Display width, counting CJK and other wide characters as two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Renders rows as aligned columns with a header rule. */
export function columns(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One block per report; `verbose` lists passes and not-applicable findings too. */
export function formatTable(reports: readonly Report[], opts: { verbose?: boolean } = {}): string {
  const blocks = reports.map((r) => {
    const s = r.summary;
    const head = `${r.filingId} (${r.platformId}) as of ${r.asOf}: ${r.verdict.toUpperCase()}  —  ${s.failed} failed, ${s.passed} passed, ${s.notApplicable} n/a, ${s.advisory} advisory, ${s.waived} waived, ${s.error} error`;
    const shown = r.findings.filter((f) => opts.verbose || (f.status !== 'pass' && f.status !== 'not-applicable'));
    const rows = shown.map((f) => [
      f.ruleId,
      MARK[f.status],
      f.severity,
      f.status === 'not-applicable' ? `${f.title} (${f.reason})` : (f.message ?? f.title),
    ]);
    const body = rows.length > 0 ? columns(['RULE', 'STATUS', 'SEVERITY', 'FINDING'], rows) : 'every rule in force passes';
    const cite = shown
      .filter((f) => f.status === 'fail' || f.status === 'waived' || f.status === 'advisory')
      .map((f) => `  ${f.ruleId}: ${f.citation.source}${f.citation.article ? `, ${f.citation.article}` : ''}${f.remediation ? `\n    → ${f.remediation}` : ''}${f.waiver ? `\n    waived until ${f.waiver.until}: ${f.waiver.reason} (${f.waiver.reference})` : ''}`);
    return [head, '', body, ...(cite.length > 0 ? ['', 'Basis and remediation:', ...cite] : [])].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
