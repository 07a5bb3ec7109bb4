// Status precedence of DESIGN section 5, first match wins: not in force → not-applicable; appliesWhen
// false → not-applicable; a fact failed → error; when false → pass; audit → advisory; waiver → waived; fail.

import { describe, expect, it } from 'vitest';
import { FACTS, type Fact } from '../../src/engine/facts/index.js';
import { Judge } from '../../src/engine/index.js';
import type { Filing } from '../../src/filing/types.js';
import type { Report } from '../../src/engine/report-model.js';
import { makeFiling } from '../support/filing-factory.js';
import { expectValidReport } from '../support/report-schema.js';
import { ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

/** A facts map where `shutdownNoticeDays` throws, so a rule that uses it cannot be judged. */
const THROWING: ReadonlyMap<string, Fact> = new Map([
  ...FACTS,
  [
    'shutdownNoticeDays',
    {
      ...FACTS.get('shutdownNoticeDays')!,
      compute: () => {
        throw new Error('disk on fire');
      },
    },
  ],
]);

const TRUE = { fact: 'count', params: { of: 'products' }, operator: 'greaterThan', value: 0 };
const FALSE = { fact: 'count', params: { of: 'products' }, operator: 'greaterThan', value: 100 };
const THROWS = { fact: 'shutdownNoticeDays', operator: 'isNull' };
const WAIVER = {
  platform: 'base-mutual',
  rule: 'TEST-001',
  reason: 'transition',
  reference: 'CBIRC-2021-7',
  from: '2021-06-30',
  until: '2021-06-30',
};

interface Case {
  name: string;
  rule: Record<string, unknown>;
  waivers?: Record<string, unknown>[];
  status: string;
  reason?: string;
}

// the base filing is as of 2021-06-30
const CASES: Case[] = [
  {
    name: 'not yet in force (from the next day), whatever else holds',
    rule: { effective: { from: '2021-07-01', until: null }, appliesWhen: THROWS, when: THROWS },
    status: 'not-applicable',
    reason: 'not in force',
  },
  {
    name: 'no longer in force (until the day before)',
    rule: { effective: { from: '2017-02-15', until: '2021-06-29' }, when: TRUE },
    status: 'not-applicable',
    reason: 'not in force',
  },
  {
    name: 'in force on its first day',
    rule: { effective: { from: '2021-06-30', until: null }, when: TRUE },
    status: 'fail',
  },
  {
    name: 'in force on its last day',
    rule: { effective: { from: '2017-02-15', until: '2021-06-30' }, when: TRUE },
    status: 'fail',
  },
  {
    name: 'appliesWhen false before a failing fact in when',
    rule: { appliesWhen: FALSE, when: THROWS },
    status: 'not-applicable',
    reason: 'nothing to judge',
  },
  {
    name: 'appliesWhen false before audit and a waiver',
    rule: { appliesWhen: FALSE, when: TRUE, mode: 'audit' },
    waivers: [WAIVER],
    status: 'not-applicable',
    reason: 'nothing to judge',
  },
  { name: 'a fact failing in appliesWhen', rule: { appliesWhen: THROWS, when: TRUE }, status: 'error' },
  { name: 'a fact failing in when', rule: { appliesWhen: TRUE, when: THROWS }, status: 'error' },
  {
    name: 'a fact failing beside a true condition',
    rule: { when: { any: [TRUE, THROWS] } },
    status: 'error',
  },
  {
    name: 'a fact failing before audit mode and a waiver',
    rule: { when: THROWS, mode: 'audit' },
    waivers: [WAIVER],
    status: 'error',
  },
  {
    name: 'when false, in audit mode and waived',
    rule: { when: FALSE, mode: 'audit' },
    waivers: [WAIVER],
    status: 'pass',
  },
  {
    name: 'when true in audit mode, waived too',
    rule: { when: TRUE, mode: 'audit' },
    waivers: [WAIVER],
    status: 'advisory',
  },
  { name: 'when true and waived', rule: { when: TRUE }, waivers: [WAIVER], status: 'waived' },
  { name: 'when true', rule: { when: TRUE }, status: 'fail' },
  { name: 'when true, appliesWhen true', rule: { appliesWhen: TRUE, when: TRUE }, status: 'fail' },
];

async function judgeBoth(
  rule: Record<string, unknown>,
  waivers: Record<string, unknown>[] = [],
  filing: Filing = makeFiling(),
): Promise<Report> {
  const judge = new Judge(
    ruleSetOf({
      rules: [ruleDoc({ message: { en: 'Broken on {{asOf}}', zh: '{{asOf}}违规' }, ...rule })],
      waivers,
    }),
    THROWING,
  );
  const fast = judgeReport(judge, filing);
  const reference = await judgeReferenceReport(judge, filing);
  expect(JSON.stringify(reference)).toBe(JSON.stringify(fast));
  expectValidReport(fast);
  return fast;
}

describe('status precedence', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await judgeBoth(c.rule, c.waivers);
    const [finding] = report.findings;
    expect(finding!.status).toBe(c.status);
    if (c.reason) {
      expect(finding!.reason).toBe(c.reason);
      expect(finding!.reasonCode).toBe(c.reason.replaceAll(' ', '_'));
    } else expect(finding!.reason).toBeUndefined();
  });

  it('an error finding names the fact and the code, and makes the verdict error', async () => {
    const report = await judgeBoth({ when: THROWS });
    expect(report.verdict).toBe('error');
    expect(report.summary).toMatchObject({ error: 1, failed: 0 });
    expect(report.findings[0]!.error).toEqual({
      code: 'eval_fact_error',
      fact: 'shutdownNoticeDays',
      message: 'disk on fire',
    });
  });

  it('a failure outweighs an error in the verdict', async () => {
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({ id: 'TEST-001', when: THROWS, message: { en: 'x', zh: 'x' } }),
          ruleDoc({ id: 'TEST-002', when: TRUE, message: { en: 'x', zh: 'x' } }),
        ],
      }),
      THROWING,
    );
    const report = judgeReport(judge, makeFiling());
    expect(report.findings.map((f) => f.status)).toEqual(['error', 'fail']);
    expect(report.verdict).toBe('fail');
  });

  it('a failing fact does not stop the other rules from being judged', async () => {
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({ id: 'TEST-001', when: THROWS, message: { en: 'x', zh: 'x' } }),
          ruleDoc({ id: 'TEST-002', when: FALSE, message: { en: 'x', zh: 'x' } }),
        ],
      }),
      THROWING,
    );
    const report = judgeReport(judge, makeFiling());
    expect(report.findings.map((f) => f.status)).toEqual(['error', 'pass']);
    expect(report.verdict).toBe('error');
  });

  it('advisory and waived findings do not fail the verdict, and bySeverity counts failures only', async () => {
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({ id: 'TEST-001', severity: 'critical', when: TRUE, mode: 'audit' }),
          ruleDoc({ id: 'TEST-002', severity: 'critical', when: TRUE }),
          ruleDoc({ id: 'TEST-003', severity: 'minor', when: FALSE }),
        ],
        waivers: [{ ...WAIVER, rule: 'TEST-002' }],
      }),
    );
    const report = judgeReport(judge, makeFiling({ '/products/0/managementFeeRate': 0.1 }));
    expect(report.findings.map((f) => f.status)).toEqual(['advisory', 'waived', 'pass']);
    expect(report.verdict).toBe('pass');
    expect(report.summary).toEqual({
      failed: 0,
      passed: 1,
      notApplicable: 0,
      advisory: 1,
      waived: 1,
      error: 0,
      bySeverity: { critical: 0, major: 0, minor: 0, info: 0 },
    });
    expect(report.findings[0]!.mode).toBe('audit');
    expect(report.findings[1]!.waiver).toEqual({
      reason: 'transition',
      reference: 'CBIRC-2021-7',
      until: '2021-06-30',
    });
  });
});

describe('waivers', () => {
  // a waiver covers filings whose period.end is within from..until, both ends inclusive
  it.each<[string, Record<string, unknown>, string]>([
    ['from and until on period.end', {}, 'waived'],
    ['ending on period.end', { from: '2021-01-01', until: '2021-06-30' }, 'waived'],
    ['starting on period.end', { from: '2021-06-30', until: '2021-12-31' }, 'waived'],
    ['ending the day before period.end', { from: '2021-01-01', until: '2021-06-29' }, 'fail'],
    ['starting the day after period.end', { from: '2021-07-01', until: '2021-12-31' }, 'fail'],
    ['covering period.start but not period.end', { from: '2021-06-01', until: '2021-06-20' }, 'fail'],
    ['for another platform', { platform: 'xianghubao' }, 'fail'],
    ['for another rule', { rule: 'TEST-002' }, 'fail'],
  ])('a waiver %s → %s', async (_name, over, status) => {
    const judge = new Judge(
      ruleSetOf({
        rules: [ruleDoc({ id: 'TEST-001', when: TRUE }), ruleDoc({ id: 'TEST-002', when: FALSE })],
        waivers: [{ ...WAIVER, ...over }],
      }),
    );
    const filing = makeFiling();
    expect(judgeReport(judge, filing).findings[0]!.status).toBe(status);
    expect((await judgeReferenceReport(judge, filing)).findings[0]!.status).toBe(status);
  });
});
