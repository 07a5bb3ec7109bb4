// SARIF 2.1.0 (validated against the OASIS schema shipped in test/fixtures/sarif) and the self-contained HTML report.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatHtml, formatScanHtml, shade, valueAt } from '../../src/report/html.js';
import { evidencePointers, formatSarif, LEVEL } from '../../src/report/sarif.js';
import type { Report } from '../../src/engine/report-model.js';
import { parseYaml } from '../../src/yaml.js';
import { fixturePath } from '../support/fixtures.js';

// A hand-built report on a fixture filing, so these tests do not move when the rule pack does.
const FILE = 'golden-mixed.yaml';
const text = readFileSync(fixturePath(FILE), 'utf8');
const parsed = parseYaml(text);
if (!parsed.ok) throw new Error('fixture is not YAML');
const filing = parsed.doc.value;
const cite = { source: 'Insurance Law', article: 'art. 6' };
const report = (lang: 'en' | 'zh' = 'en'): Report => {
  const zh = lang === 'zh';
  const findings: Report['findings'] = [
    {
      ruleId: 'FEE-001',
      status: 'fail',
      severity: 'major',
      family: 'product',
      title: zh ? '管理费率不得超过上限' : 'Fee rate within the cap',
      message: zh ? '产品"抗癌计划"管理费率12 %，高于8 %' : 'Product "抗癌计划" fee rate 12 %, above 8 %',
      remediation: zh ? '将费率降至上限以内' : 'Lower the fee',
      evidence: {
        products: [
          { pointer: '/products/0/managementFeeRate', rate: 0.1 },
          { pointer: '/products/1/managementFeeRate', rate: 0.12 },
        ],
      },
      citation: { source: 'supervisory expectation, fee cap' },
    },
    {
      ruleId: 'LIC-001',
      status: 'fail',
      severity: 'critical',
      family: 'licensing',
      title: zh ? '无牌不得经营' : 'No licence, no business',
      message: zh ? '产品"少儿<互助>"无牌经营' : 'Product "少儿<互助>" without licence',
      remediation: zh ? '取得牌照' : 'Get a licence',
      evidence: { products: [{ pointer: '/products/2', kind: 'insurance' }] },
      citation: { ...cite, url: 'http://www.npc.gov.cn/example' },
    },
    {
      ruleId: 'MEM-001',
      status: 'waived',
      severity: 'info',
      family: 'members',
      title: zh ? '会员规模' : 'Members',
      message: zh ? '活跃会员900,000人' : '900,000 active members',
      remediation: zh ? '扩大规模' : 'Grow',
      evidence: { active: 900000, pointer: '/members/active' },
      citation: { source: 'observed practice' },
      waiver: { reason: 'merger under way', reference: 'CBIRC-2022-1', until: '2022-06-30' },
    },
    {
      ruleId: 'NAME-001',
      status: 'advisory',
      severity: 'minor',
      family: 'naming',
      mode: 'audit',
      title: zh ? '名称' : 'Name',
      message: zh ? '名称"相互保 <Beta> & "Co""使用"保"' : 'Name "相互保 <Beta> & "Co"" uses 保',
      remediation: zh ? '更名' : 'Rename',
      evidence: { pointer: '/platform/name' },
      citation: { source: '2016 notice' },
    },
    {
      ruleId: 'EXIT-001',
      status: 'error',
      severity: 'critical',
      family: 'exit',
      title: zh ? '退出' : 'Exit',
      error: { code: 'eval_fact_error', fact: 'shutdownNoticeDays', message: 'calendar unavailable' },
      citation: { source: 'observed' },
    },
    {
      ruleId: 'DISC-001',
      status: 'pass',
      severity: 'minor',
      family: 'disclosure',
      title: zh ? '披露' : 'Disclosure',
      citation: { source: 'observed' },
    },
    {
      ruleId: 'FUND-001',
      status: 'not-applicable',
      severity: 'critical',
      family: 'funds',
      title: zh ? '资金' : 'Funds',
      reason: 'nothing to judge',
      citation: { source: 'observed' },
    },
  ];
  return {
    filingId: 'golden-mixed-2022-01a',
    platformId: 'golden-platform',
    asOf: '2022-01-15',
    lang,
    ruleset: { version: 'sha256:0123', rules: findings.length },
    verdict: 'fail',
    summary: {
      failed: 2,
      passed: 1,
      notApplicable: 1,
      advisory: 1,
      waived: 1,
      error: 1,
      bySeverity: { critical: 1, major: 1, minor: 0, info: 0 },
    },
    findings,
  } as Report;
};

// the OASIS schema is draft-04; it uses no keyword whose meaning changed since (see test/fixtures/sarif/README.md)
const {
  $schema: _draft,
  id: _id,
  ...schema
} = JSON.parse(readFileSync(fixturePath('sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const addFormats = addFormatsPkg as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          shortDescription: { text: string };
          help?: { text: string };
          properties: { citation: { source: string } };
        }[];
      };
    };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      suppressions?: { status: string; justification: string }[];
      locations: {
        physicalLocation?: { region?: { startLine: number; startColumn: number } };
        logicalLocations: { fullyQualifiedName: string }[];
      }[];
    }[];
  }[];
}

describe('SARIF', () => {
  const log = JSON.parse(
    formatSarif([{ report: report(), source: { uri: `test/fixtures/${FILE}`, text } }]),
  ) as SarifLog;
  const run = log.runs[0]!;

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects a broken log (the validator can fail)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('has one result per finding that is not pass or not-applicable', () => {
    const r = report();
    const expected = r.findings
      .filter((f) => f.status !== 'pass' && f.status !== 'not-applicable')
      .map((f) => f.ruleId);
    expect(run.results.map((x) => x.ruleId)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
  });

  it('maps severity to level and carries title, citation and remediation in the rule descriptor', () => {
    const r = report();
    for (const f of r.findings.filter((x) => x.status === 'fail')) {
      const res = run.results.find((x) => x.ruleId === f.ruleId)!;
      expect(res.level).toBe(LEVEL[f.severity]);
      const rule = run.tool.driver.rules.find((x) => x.id === f.ruleId)!;
      expect(rule.shortDescription.text).toBe(f.title);
      expect(rule.properties.citation.source).toBe(f.citation.source);
      expect(rule.help?.text).toBe(f.remediation);
    }
    expect(LEVEL).toEqual({ critical: 'error', major: 'error', minor: 'warning', info: 'note' });
  });

  it('gives each evidence pointer as a logical location and its line and column in the file as a region', () => {
    const r = report();
    const f = r.findings.find(
      (x) => x.status === 'fail' && evidencePointers(x.evidence).some((p) => p.startsWith('/products/1')),
    )!;
    expect(f).toBeDefined();
    const res = run.results.find((x) => x.ruleId === f.ruleId)!;
    const loc = res.locations.find((l) =>
      l.logicalLocations[0]!.fullyQualifiedName.startsWith('/products/1'),
    )!;
    expect(loc).toBeDefined();
    const lines = text.split('\n');
    const line = loc.physicalLocation!.region!.startLine;
    // products/1 is the line that names 抗癌计划
    expect(lines[line - 1]).toContain('抗癌计划');
    expect(loc.physicalLocation!.region!.startColumn).toBeGreaterThan(1);
  });

  it('a JSON filing gets regions too (JSON read as YAML)', () => {
    const json = JSON.stringify(JSON.parse(JSON.stringify(filing)), null, 2);
    const out = JSON.parse(
      formatSarif([{ report: report(), source: { uri: 'a.json', text: json } }]),
    ) as SarifLog;
    const withRegion = out.runs[0]!.results.flatMap((r) => r.locations).filter(
      (l) => l.physicalLocation?.region,
    );
    expect(withRegion.length).toBeGreaterThan(0);
    const l = withRegion.find((x) => x.logicalLocations[0]!.fullyQualifiedName === '/members/active');
    if (l) expect(json.split('\n')[l.physicalLocation!.region!.startLine - 1]).toContain('"active"');
  });

  it('a waived finding is a suppression, accepted, with the waiver reason', () => {
    const waived = report().findings.filter((f) => f.status === 'waived');
    expect(waived.length).toBeGreaterThan(0);
    for (const w of waived) {
      const res = run.results.find((x) => x.ruleId === w.ruleId)!;
      expect(res.suppressions?.[0]?.status).toBe('accepted');
      expect(res.suppressions?.[0]?.justification).toContain(w.waiver!.reason);
    }
    const unsuppressed = run.results.filter((x) => !x.suppressions).map((x) => x.ruleId);
    expect(unsuppressed).not.toContain(waived[0]!.ruleId);
  });

  it('without a source there is no physical location', () => {
    const out = JSON.parse(formatSarif([{ report: report() }])) as SarifLog;
    expect(validateSarif(out) ? [] : validateSarif.errors).toEqual([]);
    expect(out.runs[0]!.results.flatMap((r) => r.locations).some((l) => l.physicalLocation)).toBe(false);
  });
});

describe('HTML report', () => {
  const externalRefs =
    /\b(?:src|href|action|srcset|poster|data)\s*=|url\(|@import|<script|<link|<iframe|<img/i;

  it.each(['en', 'zh'] as const)('is one self-contained page in %s with no external reference', (lang) => {
    const html = formatHtml([{ report: report(lang), filing }], lang);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
    expect(html).toMatch(/<style>[^]*@media print[^]*<\/style>/);
    expect(html).not.toMatch(externalRefs);
  });

  it('the no-external-reference check can fail', () => {
    expect('<link rel="stylesheet" href="https://cdn.example/x.css">').toMatch(externalRefs);
    expect('body{background:url(https://x)}').toMatch(externalRefs);
  });

  it('shows each failing finding with message, pointed value, citation and remediation, escaped', () => {
    const r = report('zh');
    const html = formatHtml([{ report: r, filing }], 'zh');
    expect(html).toContain('不合规');
    for (const f of r.findings.filter((x) => x.status === 'fail')) {
      expect(html).toContain(f.ruleId);
      const esc = (s: string) =>
        s
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;');
      if (f.message) expect(html).toContain(esc(f.message));
      if (f.remediation) expect(html).toContain(esc(f.remediation));
      expect(html).toContain(esc(f.citation.source));
    }
    expect(html).not.toContain('<Beta>');
    expect(html).toContain('&lt;Beta&gt;');
  });

  it('says the history a report was judged with, when it had one', () => {
    const withHistory = {
      ...report('zh'),
      history: { filings: 3, from: '2021-01-01', through: '2021-12-15' },
    } as Report;
    expect(formatHtml([{ report: withHistory }], 'zh')).toContain('早前报送3份，2021-01-01至2021-12-15');
    expect(formatHtml([{ report: { ...withHistory, history: null } as Report }], 'zh')).not.toContain(
      '早前报送',
    );
  });

  it('valueAt reads a JSON pointer without the prototype chain', () => {
    expect(valueAt({ a: [{ b: 1 }] }, '/a/0/b')).toBe(1);
    expect(valueAt({ a: 1 }, '/constructor')).toBeUndefined();
    expect(valueAt({ 'x/y': 2 }, '/x~1y')).toBe(2);
  });

  it('the scan page colours platforms × families by failures', () => {
    const html = formatScanHtml(
      {
        ruleset: 'sha256:abc',
        filings: 3,
        invalid: 0,
        verdicts: { pass: 1, fail: 2, error: 0 },
        byPlatform: {
          p1: { filings: 2, pass: 0, fail: 2, error: 0 },
          p2: { filings: 1, pass: 1, fail: 0, error: 0 },
        },
        failedByFamily: { p1: { licensing: 4, funds: 1 } },
        families: ['licensing', 'funds', 'naming'],
      },
      'zh',
    );
    expect(html).toContain('牌照');
    expect(html).toContain('<td class="n c4">4</td>');
    expect(html).toContain('<td class="n c1">1</td>');
    expect(html).toMatch(/<th scope="row">p2<\/th>(?:<td class="n[^"]*">\d+<\/td>)*<td class="n c0">0<\/td>/);
    expect(html).not.toMatch(externalRefs);
    expect(shade(0, 5)).toBe('c0');
    expect(shade(5, 5)).toBe('c4');
  });
});
