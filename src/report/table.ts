// The human-readable table: per filing, the verdict, then every finding that is not a plain pass.

import type { Lang, Severity } from '../rules/types.js';
import type { Finding, Report } from '../engine/report-model.js';

/** The words of the table in each report language: headings, status and severity words, the summary. */
const WORDS: Record<Lang, {
  status: Record<Finding['status'], string>;
  verdict: Record<Report['verdict'], string>;
  severity: Record<Severity, string>;
  header: [string, string, string, string];
  head: (r: Report) => string;
  allPass: string;
  basis: string;
  waived: (w: NonNullable<Finding['waiver']>) => string;
  history: (h: NonNullable<Report['history']>) => string;
}> = {
  en: {
    status: { fail: 'FAIL', error: 'ERROR', advisory: 'ADVISORY', waived: 'WAIVED', pass: 'pass', 'not-applicable': 'n/a' },
    verdict: { fail: 'FAIL', error: 'ERROR', pass: 'PASS' },
    severity: { critical: 'critical', major: 'major', minor: 'minor', info: 'info' },
    header: ['RULE', 'STATUS', 'SEVERITY', 'FINDING'],
    head: (r) => {
      const s = r.summary;
      return `${r.filingId} (${r.platformId}) as of ${r.asOf}: ${WORDS.en.verdict[r.verdict]}  —  ${n(s.failed)} failed, ${n(s.passed)} passed, ${n(s.notApplicable)} n/a, ${n(s.advisory)} advisory, ${n(s.waived)} waived, ${n(s.error)} error`;
    },
    allPass: 'every rule in force passes',
    basis: 'Basis and remediation:',
    waived: (w) => `waived until ${w.until}: ${w.reason} (${w.reference})`,
    history: (h) => `history: ${n(h.filings)} earlier ${h.filings === 1 ? 'filing' : 'filings'}, ${h.from} to ${h.through}`,
  },
  zh: {
    status: { fail: '不合规', error: '无法判定', advisory: '观察（审计模式）', waived: '已豁免', pass: '合规', 'not-applicable': '不适用' },
    verdict: { fail: '不通过', error: '无法判定', pass: '通过' },
    severity: { critical: '严重', major: '重大', minor: '一般', info: '提示' },
    header: ['规则', '结果', '严重程度', '说明'],
    head: (r) => {
      const s = r.summary;
      return `${r.filingId}（${r.platformId}），报告期截止日${r.asOf}：${WORDS.zh.verdict[r.verdict]}  —  不合规${n(s.failed)}项，合规${n(s.passed)}项，不适用${n(s.notApplicable)}项，观察（审计模式）${n(s.advisory)}项，已豁免${n(s.waived)}项，无法判定${n(s.error)}项`;
    },
    allPass: '所有生效规则均合规',
    basis: '依据与整改要求：',
    waived: (w) => `豁免至${w.until}：${w.reason}（${w.reference}）`,
    history: (h) => `历史报送：${n(h.filings)}期，${h.from}至${h.through}`,
  },
};

/** A count with thousands separators. */
function n(x: number): string {
  return x.toLocaleString('en-US');
}

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

/** One block per report, in the report's language; `verbose` lists passes and not-applicable findings too. */
export function formatTable(reports: readonly Report[], opts: { verbose?: boolean } = {}): string {
  const blocks = reports.map((r) => {
    const w = WORDS[r.lang] ?? WORDS.en;
    const zh = r.lang === 'zh';
    const head = w.head(r);
    const shown = r.findings.filter((f) => opts.verbose || (f.status !== 'pass' && f.status !== 'not-applicable'));
    const rows = shown.map((f) => [
      f.ruleId,
      w.status[f.status],
      w.severity[f.severity],
      f.status === 'not-applicable' ? `${f.title}${zh ? `（${f.reason}）` : ` (${f.reason})`}` : (f.message ?? f.title),
    ]);
    const body = rows.length > 0 ? columns(w.header, rows) : w.allPass;
    const cite = shown
      .filter((f) => f.status === 'fail' || f.status === 'waived' || f.status === 'advisory')
      .map((f) => `  ${f.ruleId}${zh ? '：' : ': '}${f.citation.source}${f.citation.article ? `${zh ? '，' : ', '}${f.citation.article}` : ''}${f.remediation ? `\n    → ${f.remediation}` : ''}${f.waiver ? `\n    ${w.waived(f.waiver)}` : ''}`);
    const history = r.history ? [w.history(r.history)] : [];
    return [head, ...history, '', body, ...(cite.length > 0 ? ['', w.basis, ...cite] : [])].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
