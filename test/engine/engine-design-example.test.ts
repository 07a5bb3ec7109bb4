// The example of DESIGN sections 3 and 6: the 相互宝 filing of December 2021 judged by the bundled pack.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import type { Report } from '../../src/engine/report-model.js';
import { fixtureFiling } from '../support/fixtures.js';
import { expectValidReport } from '../support/report-schema.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

describe('the DESIGN example (test/fixtures/xhb-2021-12b.yaml)', () => {
  const judge = new Judge(bundledRuleSet());
  const filing = fixtureFiling('xhb-2021-12b.yaml');
  const report = judgeReport(judge, filing);

  it('fails, with the summary of DESIGN section 6', () => {
    expect(report).toMatchObject({
      filingId: 'xhb-2021-12b',
      platformId: 'xianghubao',
      asOf: '2021-12-15',
      lang: 'en',
      verdict: 'fail',
    });
    expect(report.ruleset).toEqual({ version: bundledRuleSet().version, rules: 25 });
    expect(report.summary).toEqual({
      failed: 2,
      passed: 14,
      notApplicable: 9,
      advisory: 0,
      waived: 0,
      error: 0,
      bySeverity: { critical: 1, major: 1, minor: 0, info: 0 },
    });
  });

  it('fails LIC-001 with the evidence DESIGN section 6 shows', () => {
    const lic = report.findings.find((f) => f.ruleId === 'LIC-001');
    expect(lic).toMatchObject({
      status: 'fail',
      severity: 'critical',
      family: 'licensing',
      evidence: {
        validLicences: [],
        products: [expect.objectContaining({ pointer: '/products/0', kind: 'mutual-aid' })],
      },
      citation: { source: expect.any(String) },
    });
    expect(lic!.message).toEqual(expect.any(String));
    expect(lic!.remediation).toEqual(expect.any(String));
  });

  it('has one finding per rule, ordered by rule id', () => {
    const ids = report.findings.map((f) => f.ruleId);
    expect(ids).toEqual(bundledRuleSet().rules.map((r) => r.id));
    expect(ids).toEqual([...ids].sort());
  });

  it('gives every failure a message, remediation and evidence naming the offending item', () => {
    for (const f of report.findings.filter((x) => x.status === 'fail')) {
      expect(f.message).not.toMatch(/\{\{|\}\}/);
      expect(JSON.stringify(f.evidence)).toMatch(/"pointer":"\//);
    }
  });

  it.each(['en', 'zh'] as const)(
    'validates against schemas/report.schema.json (%s, fast path and reference with --explain)',
    async (lang) => {
      const fast = judgeReport(judge, filing, { lang });
      const reference = await judgeReferenceReport(judge, filing, { lang });
      const explained = await judgeReferenceReport(judge, filing, { lang, explain: true });
      expectValidReport(fast);
      expectValidReport(reference);
      expectValidReport(explained);
      expect(fast.lang).toBe(lang);
      expect(JSON.stringify(reference)).toBe(JSON.stringify(fast));
    },
  );

  it('writes titles, messages and remediation in Chinese for lang zh', () => {
    const zh: Report = judgeReport(judge, filing, { lang: 'zh' });
    const lic = zh.findings.find((f) => f.ruleId === 'LIC-001')!;
    for (const text of [lic.title, lic.message!, lic.remediation!]) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.summary).toEqual(report.summary);
  });
});
