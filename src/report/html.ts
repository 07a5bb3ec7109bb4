// HTML reports: one self-contained, printable page (inline CSS, no external asset) for check and for a scan's summary.

import type { Family, Lang, Severity } from '../rules/types.js';
import { readablePointer, readableValue } from './readable.js';
import { evidencePointers } from './sarif.js';
import type { Finding, Report, Status, Verdict } from '../engine/report-model.js';
import type { WatchEntry } from '../engine/watchlist.js';
import { WATCH_WORDS, watchRows } from './watchlist.js';

/** A report and, when known, the filing it judged (to show the values its evidence points at). */
export interface HtmlInput {
  report: Report;
  filing?: unknown;
  source?: string;
}

/** A scan's summary as the HTML page draws it: totals, and failures per platform and rule family. */
export interface ScanPage {
  ruleset: string;
  filings: number;
  invalid: number;
  verdicts: Record<Verdict, number>;
  byPlatform: Record<string, { filings: number; pass: number; fail: number; error: number }>;
  /** Failed findings per platform and family (absent: none). */
  failedByFamily: Record<string, Partial<Record<Family, number>>>;
  families: readonly Family[];
  /** The watchlist (DESIGN §5.1), drawn first. */
  watchlist?: readonly WatchEntry[];
}

/** The watchlist as a table, or a line saying it is empty (the text table's words, src/report/watchlist.ts). */
function watchlistHtml(entries: readonly WatchEntry[], lang: Lang): string {
  const w = WATCH_WORDS[lang];
  if (entries.length === 0) return `<h2>${esc(w.title)}</h2>\n<p>${esc(w.empty)}</p>`;
  const rows = watchRows(entries, lang)
    .map((r) => `<tr><td class="n">${esc(r[0]!)}</td><th scope="row">${esc(r[1]!)}</th>${r.slice(2).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>${esc(w.title)}</h2>
<table><thead><tr>${w.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

const T = {
  en: {
    report: 'Compliance report',
    scan: 'Compliance scan summary',
    filing: 'Filing',
    platform: 'Platform',
    asOf: 'As of',
    ruleset: 'Rule set',
    history: 'History',
    historyText: (n: number, from: string, through: string) =>
      `${n} earlier filing${n === 1 ? '' : 's'}, ${from} to ${through}`,
    verdict: 'Verdict',
    source: 'Source',
    summary: 'Summary',
    findings: 'Findings',
    others: 'Rules that pass or do not apply',
    rule: 'Rule',
    status: 'Status',
    severity: 'Severity',
    finding: 'Finding',
    where: 'Where in the filing',
    value: 'Value',
    basis: 'Legal basis',
    remediation: 'Remediation',
    waiver: 'Waived until',
    reason: 'Reason',
    none: 'none',
    yes: 'yes',
    no: 'no',
    filings: 'Filings',
    invalid: 'Invalid',
    failures: 'Failed findings by platform and rule family',
    legend: 'Each cell counts the failed findings of that family; darker is more.',
    allPass: 'Every rule in force passes.',
    count: (n: number) => `${n}`,
  },
  zh: {
    report: '合规检查报告',
    scan: '合规批量检查汇总',
    filing: '报送材料',
    platform: '平台',
    asOf: '报告期截止日',
    ruleset: '规则集',
    history: '历史',
    historyText: (n: number, from: string, through: string) => `早前报送${n}份，${from}至${through}`,
    verdict: '结论',
    source: '来源',
    summary: '汇总',
    findings: '发现的问题',
    others: '合规或不适用的规则',
    rule: '规则',
    status: '状态',
    severity: '严重程度',
    finding: '问题',
    where: '材料中的位置',
    value: '值',
    basis: '依据',
    remediation: '整改要求',
    waiver: '豁免至',
    reason: '理由',
    none: '无',
    yes: '是',
    no: '否',
    filings: '报送材料数',
    invalid: '无效',
    failures: '各平台各类规则不合规项',
    legend: '每格为该类规则的不合规项数，颜色越深越多。',
    allPass: '现行规则均合规。',
    count: (n: number) => `${n}`,
  },
} as const;

const STATUS: Record<Lang, Record<Status, string>> = {
  en: {
    fail: 'Fail',
    error: 'Error',
    advisory: 'Advisory',
    waived: 'Waived',
    pass: 'Pass',
    'not-applicable': 'Not applicable',
  },
  zh: {
    fail: '不合规',
    error: '无法判定',
    advisory: '观察（审计模式）',
    waived: '已豁免',
    pass: '合规',
    'not-applicable': '不适用',
  },
};
const SEVERITY: Record<Lang, Record<Severity, string>> = {
  en: { critical: 'critical', major: 'major', minor: 'minor', info: 'info' },
  zh: { critical: '严重', major: '重大', minor: '一般', info: '提示' },
};
const VERDICT: Record<Lang, Record<Verdict, string>> = {
  en: { pass: 'PASS', fail: 'FAIL', error: 'ERROR' },
  zh: { pass: '通过', fail: '不通过', error: '无法判定' },
};
/** Rule families in both languages (also used by the console). */
export const FAMILY: Record<Lang, Record<Family, string>> = {
  en: {
    licensing: 'Licensing',
    naming: 'Naming',
    marketing: 'Marketing',
    funds: 'Funds',
    disclosure: 'Disclosure',
    product: 'Product',
    members: 'Members',
    exit: 'Exit',
  },
  zh: {
    licensing: '牌照',
    naming: '名称',
    marketing: '宣传',
    funds: '资金',
    disclosure: '信息披露',
    product: '产品',
    members: '会员',
    exit: '退出',
  },
};

const ORDER: Status[] = ['fail', 'error', 'advisory', 'waived'];
const SEVERITY_ORDER: Severity[] = ['critical', 'major', 'minor', 'info'];

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const CSS = `
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #333;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 12px}dl.meta dt{font-weight:600}dl.meta dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:700;color:#fff}.v-fail{background:#a40000}.v-pass{background:#1d6b2f}.v-error{background:#7a4b00}
.s-fail{color:#a40000;font-weight:600}.s-error{color:#7a4b00;font-weight:600}.s-advisory{color:#1f4e8c}.s-waived{color:#555}
.finding{border:1px solid #bbb;border-left:6px solid #a40000;padding:8px 12px;margin:10px 0;break-inside:avoid}.finding.st-waived{border-left-color:#777}.finding.st-advisory{border-left-color:#1f4e8c}.finding.st-error{border-left-color:#7a4b00}
.finding p{margin:4px 0}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;background:#f3f3f3;padding:0 3px}
td.n{text-align:right}td.c0{background:#e8f4ea}td.c1{background:#fde0dc}td.c2{background:#f9b4aa}td.c3{background:#ef7d6d;color:#000}td.c4{background:#c0392b;color:#fff}
.note{color:#444;font-size:12px}
@media print{body{padding:0;max-width:none;font-size:11pt}h2{break-after:avoid}.finding{break-inside:avoid}th{background:#eee !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}td[class^=c]{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

function page(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** The value at a JSON pointer in a document, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let v: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = /^(0|[1-9]\d*)$/.test(seg) ? v[Number(seg)] : undefined;
    else if (v !== null && typeof v === 'object' && Object.hasOwn(v, seg))
      v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

function findingBlock(f: Finding, input: HtmlInput, lang: Lang): string {
  const t = T[lang];
  const c = f.citation;
  const pointers = evidencePointers(f.evidence);
  const where =
    pointers.length === 0
      ? ''
      : `<table><caption class="note">${esc(t.where)}</caption><thead><tr><th scope="col">${esc(t.where)}</th>${input.filing !== undefined ? `<th scope="col">${esc(t.value)}</th>` : ''}</tr></thead><tbody>${pointers
          .slice(0, 50)
          .map(
            (p) =>
              `<tr><td>${esc(readablePointer(p, lang))} <code>${esc(p || '/')}</code></td>${input.filing !== undefined ? `<td>${esc(readableValue(p, valueAt(input.filing, p), lang))}</td>` : ''}</tr>`,
          )
          .join('')}</tbody></table>`;
  const basis = [c.source, c.article].filter(Boolean).join(lang === 'zh' ? '，' : ', ');
  return `<section class="finding st-${f.status}" aria-label="${esc(f.ruleId)}">
<h3>${esc(f.ruleId)} — ${esc(f.title)}</h3>
<p><span class="s-${f.status}">${esc(STATUS[lang][f.status])}</span> · ${esc(t.severity)}: ${esc(SEVERITY[lang][f.severity])} · ${esc(FAMILY[lang][f.family])}</p>
${f.message ? `<p>${esc(f.message)}</p>` : ''}${f.error ? `<p>${esc(f.error.message)}</p>` : ''}
${where}
<p><strong>${esc(t.basis)}:</strong> ${esc(basis)}${c.url ? ` <span class="note">(${esc(c.url)})</span>` : ''}</p>
${c.note ? `<p class="note">${esc(c.note)}</p>` : ''}
${f.remediation ? `<p><strong>${esc(t.remediation)}:</strong> ${esc(f.remediation)}</p>` : ''}
${f.waiver ? `<p><strong>${esc(t.waiver)} ${esc(f.waiver.until)}:</strong> ${esc(f.waiver.reason)} (${esc(f.waiver.reference)})</p>` : ''}
</section>`;
}

function reportSection(input: HtmlInput, lang: Lang): string {
  const r = input.report;
  const t = T[lang];
  const s = r.summary;
  const shown = r.findings
    .filter((f) => ORDER.includes(f.status))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        (a.ruleId < b.ruleId ? -1 : 1),
    );
  const rest = r.findings.filter((f) => !ORDER.includes(f.status));
  const counts: [Status, number][] = [
    ['fail', s.failed],
    ['error', s.error],
    ['advisory', s.advisory],
    ['waived', s.waived],
    ['pass', s.passed],
    ['not-applicable', s.notApplicable],
  ];
  return `<article aria-label="${esc(`${t.filing} ${r.filingId}`)}">
<h2>${esc(t.filing)} ${esc(r.filingId)} <span class="verdict v-${r.verdict}">${esc(VERDICT[lang][r.verdict])}</span></h2>
<dl class="meta"><dt>${esc(t.platform)}</dt><dd>${esc(r.platformId)}</dd><dt>${esc(t.asOf)}</dt><dd>${esc(r.asOf)}</dd><dt>${esc(t.ruleset)}</dt><dd><code>${esc(r.ruleset.version)}</code> (${r.ruleset.rules})</dd>${r.history ? `<dt>${esc(t.history)}</dt><dd>${esc(t.historyText(r.history.filings, r.history.from, r.history.through))}</dd>` : ''}${input.source ? `<dt>${esc(t.source)}</dt><dd>${esc(input.source)}</dd>` : ''}</dl>
<table><caption class="note">${esc(t.summary)}</caption><thead><tr>${counts.map(([st]) => `<th scope="col">${esc(STATUS[lang][st])}</th>`).join('')}${SEVERITY_ORDER.map((sv) => `<th scope="col">${esc(STATUS[lang].fail)} · ${esc(SEVERITY[lang][sv])}</th>`).join('')}</tr></thead>
<tbody><tr>${counts.map(([, n]) => `<td class="n">${n}</td>`).join('')}${SEVERITY_ORDER.map((sv) => `<td class="n">${s.bySeverity[sv]}</td>`).join('')}</tr></tbody></table>
<h3>${esc(t.findings)}</h3>
${shown.length === 0 ? `<p>${esc(t.allPass)}</p>` : shown.map((f) => findingBlock(f, input, lang)).join('\n')}
<h3>${esc(t.others)}</h3>
<table><thead><tr><th scope="col">${esc(t.rule)}</th><th scope="col">${esc(t.status)}</th><th scope="col">${esc(t.finding)}</th></tr></thead><tbody>
${rest.map((f) => `<tr><td>${esc(f.ruleId)}</td><td>${esc(STATUS[lang][f.status])}</td><td>${esc(f.title)}${f.reason ? ` <span class="note">(${esc(f.reason)})</span>` : ''}</td></tr>`).join('\n')}
</tbody></table>
</article>`;
}

/**
 * Formats reports as one self-contained HTML page in `lang` (inline CSS, no script, no external
 * reference): per filing its verdict, summary, the findings that are not plain passes with the
 * pointed fields, legal basis and remediation, then the rules that pass or do not apply.
 * @example formatHtml([{ report, filing }], 'zh')
 */
export function formatHtml(
  inputs: readonly HtmlInput[],
  lang: Lang = inputs[0]?.report.lang ?? 'en',
): string {
  const t = T[lang];
  const title = inputs.length === 1 ? `${t.report} — ${inputs[0]!.report.filingId}` : t.report;
  return page(
    lang,
    title,
    `<h1>${esc(title)}</h1>\n<main>\n${inputs.map((i) => reportSection(i, lang)).join('\n')}\n</main>`,
  );
}

/** The shade class of a failure count: 0 green, then four steps of red up to the largest count. */
export function shade(n: number, max: number): string {
  if (n <= 0) return 'c0';
  if (max <= 1) return 'c4';
  return `c${Math.min(4, 1 + Math.floor(((n - 1) / (max - 1)) * 3.999))}`;
}

/** A scan's summary as one page: totals, then platforms × rule families coloured by failures. */
export function formatScanHtml(s: ScanPage, lang: Lang = 'en'): string {
  const t = T[lang];
  const platforms = Object.keys(s.byPlatform).sort();
  let max = 0;
  for (const p of platforms) for (const f of s.families) max = Math.max(max, s.failedByFamily[p]?.[f] ?? 0);
  const rows = platforms
    .map((p) => {
      const b = s.byPlatform[p]!;
      const cells = s.families
        .map((f) => {
          const n = s.failedByFamily[p]?.[f] ?? 0;
          return `<td class="n ${shade(n, max)}">${n}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(p)}</th><td class="n">${b.filings}</td><td class="n">${b.fail}</td>${cells}</tr>`;
    })
    .join('\n');
  const body = `<h1>${esc(t.scan)}</h1>
<main>
<dl class="meta"><dt>${esc(t.ruleset)}</dt><dd><code>${esc(s.ruleset)}</code></dd><dt>${esc(t.filings)}</dt><dd>${s.filings}</dd>
<dt>${esc(VERDICT[lang].pass)}</dt><dd>${s.verdicts.pass}</dd><dt>${esc(VERDICT[lang].fail)}</dt><dd>${s.verdicts.fail}</dd><dt>${esc(VERDICT[lang].error)}</dt><dd>${s.verdicts.error}</dd><dt>${esc(t.invalid)}</dt><dd>${s.invalid}</dd></dl>
${s.watchlist ? watchlistHtml(s.watchlist, lang) : ''}
<h2>${esc(t.failures)}</h2>
<p class="note">${esc(t.legend)}</p>
<table><thead><tr><th scope="col">${esc(t.platform)}</th><th scope="col">${esc(t.filings)}</th><th scope="col">${esc(VERDICT[lang].fail)}</th>${s.families.map((f) => `<th scope="col">${esc(FAMILY[lang][f])}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</main>`;
  return page(lang, t.scan, body);
}
