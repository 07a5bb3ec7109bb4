// The registry of output formats (src/report/formats.ts) and the scan writers it gives: SARIF of a scan
// streamed (valid SARIF 2.1.0, the text JSON.stringify would give), HTML keeping only what it prints.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, outputFormat, ROUTE_FORMATS, routeFormat, SCAN_FORMAT_NAMES, type ScanWriter } from '../../src/report/formats.js';
import { formatScanHtml } from '../../src/report/html.js';
import { formatRulesetLine } from '../../src/report/scan-line.js';
import { renderReport } from '../../src/report/render.js';
import { judgeBatch, type ScanItem } from '../../src/scan/judge-item.js';
import { SummaryBuilder } from '../../src/scan/summary.js';
import { fixturePath } from '../support/fixtures.js';
import { goldenJudge } from '../support/golden-rules.js';
import { makeFiling } from '../support/filing-factory.js';

const judge = goldenJudge();
const ruleSet = judge.ruleSet;
const utf8 = new TextDecoder();

/** A scan of `items` in batches of 3 through `writer`, as the CLI drives it: start, each batch, end. */
function drive(writer: ScanWriter, items: ScanItem[]): string {
  const summary = new SummaryBuilder(ruleSet.version, ruleSet.rules.map((r) => r.id));
  let out = writer.start();
  for (let i = 0; i < items.length; i += 3) {
    const batch = judgeBatch(judge, items.slice(i, i + 3), 'en', writer.lines);
    for (const m of batch.metas) summary.add(m);
    const part = writer.batch(batch.out, batch.metas);
    out += typeof part === 'string' ? part : utf8.decode(part);
  }
  return out + writer.end(summary.result());
}

const items = (): ScanItem[] => [
  ...['xhb-2021-12b.yaml', 'golden-mixed.yaml'].map((f) => ({ source: f, text: readFileSync(fixturePath(f), 'utf8'), format: 'yaml' as const })),
  { source: 'bad.json', text: '{"broken": ', format: 'json' },
  ...[1, 2, 3].map((i) => ({ source: `f${i}.json`, text: JSON.stringify(makeFiling({ '/filingId': `f-${i}`, ...(i % 2 ? { '/licenses': [] } : {}) })), format: 'json' as const })),
];

describe('the registry of output formats', () => {
  it('names each format once, with its media type, and says which scans and report routes take', () => {
    expect(FORMAT_NAMES).toEqual(['table', 'json', 'ndjson', 'junit', 'sarif', 'html']);
    expect(new Set(FORMAT_NAMES.map((n) => outputFormat(n).mediaType)).size).toBe(FORMAT_NAMES.length);
    expect(SCAN_FORMAT_NAMES).toEqual(['table', 'ndjson', 'sarif', 'html']);
    expect(ROUTE_FORMATS.map((f) => f.mediaType)).toEqual(['application/json', 'application/sarif+json', 'text/html']);
    expect(routeFormat(false).name).toBe('json');
    expect(routeFormat('text/html').name).toBe('html');
    expect(() => outputFormat('constructor')).toThrow(/no output format/);
    expect(['sarif', 'ndjson'].every((n) => outputFormat(n).streams)).toBe(true);
  });

  it('ndjson: the ruleset line and scan lines, or whole reports with full', () => {
    const bulk = drive(outputFormat('ndjson').scan!.writer({ ruleSet, lang: 'en', full: false }), items()).split('\n');
    expect(bulk[0] + '\n').toBe(formatRulesetLine(ruleSet, 'en'));
    expect(JSON.parse(bulk[1]!)).toHaveProperty('passed');
    expect(JSON.parse(bulk[3]!)).toMatchObject({ type: 'invalid', source: 'bad.json' });
    expect(JSON.parse(bulk.at(-2)!)).toMatchObject({ type: 'summary', filings: 5, invalid: 1 });
    const full = drive(outputFormat('ndjson').scan!.writer({ ruleSet, lang: 'en', full: true }), items()).split('\n');
    expect(JSON.parse(full[0]!)).toMatchObject({ filingId: 'xhb-2021-12b' });
    expect(JSON.parse(full[0]!).findings).toHaveLength(ruleSet.rules.length);
  });

  it('sarif of a scan: every rule once in tool.driver, one result per shown finding, valid SARIF 2.1.0 in JSON.stringify’s layout', () => {
    const text = drive(outputFormat('sarif').scan!.writer({ ruleSet, lang: 'en', full: false }), items());
    const log = JSON.parse(text) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; properties: { filingId: string } }[]; properties: { summary: { filings: number } } }[];
    };
    expect(text).toBe(JSON.stringify(log, null, 2) + '\n');
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ruleSet.rules.map((r) => r.id));
    const reports = items()
      .filter((i) => i.source !== 'bad.json')
      .map((i) => JSON.parse(utf8.decode(judgeBatch(judge, [i], 'en', 'full').out)) as ReturnType<typeof renderReport>);
    const shown = reports.flatMap((r) => r.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable').map((f) => `${r.filingId} ${f.ruleId}`));
    expect(run.results.map((r) => `${r.properties.filingId} ${r.ruleId}`)).toEqual(shown);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.properties.summary.filings).toBe(5);
    const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(fixturePath('sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    (addFormatsPkg as unknown as (a: Ajv) => Ajv)(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // no filing: a log with no result
    const empty = drive(outputFormat('sarif').scan!.writer({ ruleSet, lang: 'zh', full: false }), []);
    expect(empty).toBe(JSON.stringify(JSON.parse(empty), null, 2) + '\n');
    expect(JSON.parse(empty).runs[0].results).toEqual([]);
  });

  it('html of a scan: the failures per platform and family from the status codes alone (no line is written)', () => {
    const writer = outputFormat('html').scan!.writer({ ruleSet, lang: 'en', full: false });
    expect(writer.lines).toBe('none');
    const page = drive(writer, items());
    const reports = items()
      .filter((i) => i.source !== 'bad.json')
      .map((i) => JSON.parse(utf8.decode(judgeBatch(judge, [i], 'en', 'full').out)) as ReturnType<typeof renderReport>);
    const failedByFamily: Record<string, Record<string, number>> = {};
    for (const r of reports)
      for (const f of r.findings) if (f.status === 'fail') ((failedByFamily[r.platformId] ??= {})[f.family] = (failedByFamily[r.platformId]?.[f.family] ?? 0) + 1);
    const summary = new SummaryBuilder(ruleSet.version, ruleSet.rules.map((r) => r.id));
    for (const i of items()) for (const m of judgeBatch(judge, [i], 'en', 'none').metas) summary.add(m);
    expect(page).toBe(formatScanHtml({ ...summary.result(), failedByFamily, families: [...new Set(ruleSet.rules.map((r) => r.family))] }, 'en'));
  });
});
