// Report formats: golden output for table, json, ndjson and junit of two fixed filings
// (`UPDATE_GOLDEN=1 npx vitest run test/report` rewrites test/golden/ after a deliberate change).

import { describe, expect, it } from 'vitest';
import { formatReports } from '../../src/report/index.js';
import { formatExplain } from '../../src/report/explain.js';
import { formatJson } from '../../src/report/json.js';
import { columns, displayWidth } from '../../src/report/table.js';
import type { Report } from '../../src/engine/report-model.js';
import { fixtureFiling } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { goldenJudge } from '../support/golden-rules.js';
import { expectValidReport } from '../support/report-schema.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const judge = goldenJudge();
const filings = [fixtureFiling('xhb-2021-12b.yaml'), fixtureFiling('golden-mixed.yaml')];
const reports = (lang: 'en' | 'zh'): Report[] => filings.map((f) => judgeReport(judge, f, { lang }));

// the formats that need nothing but the reports (sarif and html: test/report/sarif-html.test.ts)
const FILES = {
  table: 'reports.table.txt',
  json: 'reports.json',
  ndjson: 'reports.ndjson',
  junit: 'reports.junit.xml',
} as const;

describe('report formats (golden files)', () => {
  it('the golden reports show every status', () => {
    const statuses = new Set(reports('en').flatMap((r) => r.findings.map((f) => f.status)));
    expect([...statuses].sort()).toEqual(['advisory', 'error', 'fail', 'not-applicable', 'pass', 'waived']);
  });

  it.each(Object.keys(FILES).map((f) => [f as keyof typeof FILES] as const))('%s', (format) => {
    expectGolden(FILES[format], formatReports(reports('en'), format));
  });

  it.each(['table', 'json'] as const)('%s in Chinese', (format) => {
    expectGolden(
      `reports.zh.${format === 'table' ? 'table.txt' : 'json'}`,
      formatReports(reports('zh'), format),
    );
  });

  it('table --verbose lists passing and not-applicable rules too', () => {
    const out = formatReports(reports('en'), 'table', { verbose: true });
    expectGolden('reports.verbose.table.txt', out);
    expect(out).toMatch(/FUND-901\s+pass/);
    expect(out).toMatch(/OLD-001\s+n\/a/);
  });

  it('table --verbose in Chinese: headings, status and severity words, reasons in Chinese', () => {
    const out = formatReports(reports('zh'), 'table', { verbose: true });
    expectGolden('reports.zh.verbose.table.txt', out);
    expect(out).toMatch(/^规则\s+结果\s+严重程度\s+说明$/m);
    expect(out).toMatch(/FUND-901\s+合规/);
    expect(out).toMatch(/OLD-001\s+不适用\s+\S+\s+.*（不在生效期内）/);
    expect(out).not.toMatch(/\b(FAIL|pass|n\/a|critical|major|minor|info|RULE|STATUS)\b/);
  });
});

describe('--explain as text (golden files)', () => {
  it.each(['en', 'zh'] as const)('%s', async (lang) => {
    const explained = await Promise.all(filings.map((f) => judgeReferenceReport(judge, f, { lang, explain: true })));
    const text = formatExplain(explained);
    expectGolden(`reports.explain.${lang}.txt`, text);
    expect(text).toContain(lang === 'zh' ? '不适用原因：不在生效期内（not_in_force）' : 'not applicable: not in force (not_in_force)');
  });
});

describe('report format properties', () => {
  it('json is one report alone and an array for several, each valid against the schema', () => {
    const [one] = reports('en');
    const single = JSON.parse(formatJson([one!])) as Report;
    expectValidReport(single);
    const many = JSON.parse(formatReports(reports('zh'), 'json')) as Report[];
    expect(many).toHaveLength(2);
    many.forEach(expectValidReport);
  });

  it('ndjson is one valid report per line, in order', () => {
    const lines = formatReports(reports('en'), 'ndjson').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Report).filingId)).toEqual(filings.map((f) => f.filingId));
    lines.forEach((l) => expectValidReport(JSON.parse(l)));
  });

  it('junit escapes what XML needs escaped and counts per status', () => {
    const xml = formatReports(reports('en'), 'junit');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(xml).toContain('相互保 &lt;Beta&gt; &amp; &quot;Co&quot;');
    for (const m of xml.matchAll(/="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
    const r = reports('en');
    const total = r.reduce((n, x) => n + x.findings.length, 0);
    expect(xml).toContain(
      `tests="${total}" failures="${r[0]!.summary.failed + r[1]!.summary.failed}" errors="${r[0]!.summary.error + r[1]!.summary.error}"`,
    );
    expect((xml.match(/<testcase /g) ?? []).length).toBe(total);
  });

  it('table columns line up with Chinese text (wide characters count twice)', () => {
    expect(displayWidth('相互宝')).toBe(6);
    expect(displayWidth('ABC')).toBe(3);
    expect(displayWidth('（另有2项）')).toBe(11);
    const lines = columns(
      ['PLATFORM', 'N'],
      [
        ['相互宝', '1'],
        ['ab', '22'],
        ['互助保險計劃', '3'],
      ],
    ).split('\n');
    const secondColumn = lines.map((l) => displayWidth(l.slice(0, l.search(/\S+$/))));
    expect(new Set(secondColumn)).toEqual(new Set([14]));
    expect(lines[1]).toBe('------------  --');
  });
});

describe('the table\'s history line', () => {
  const withHistory = (filings: number): Report => ({ ...reports('en')[0]!, history: { filings, from: '2021-01-01', through: '2021-11-30' } });

  it('counts earlier filings in words a reader expects: 1 filing, 2 filings', () => {
    expect(formatReports([withHistory(1)], 'table')).toContain('history: 1 earlier filing, 2021-01-01 to 2021-11-30');
    expect(formatReports([withHistory(2)], 'table')).toContain('history: 2 earlier filings, 2021-01-01 to 2021-11-30');
    expect(formatReports([withHistory(2)], 'table')).not.toContain('(s)');
  });
});
