// Reproducibility: the same filing gives the same bytes, whatever the clock, the judge instance, the
// input format or the evaluator (fast path or json-rules-engine); --explain traces every condition.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyRecord, type HistoryRecord } from '../../src/engine/history.js';
import { Judge } from '../../src/engine/index.js';
import type { Filing } from '../../src/filing/types.js';
import { readFiling } from '../../src/filing/validate.js';
import type { ConditionTrace } from '../../src/engine/report-model.js';
import { makeFiling } from '../support/filing-factory.js';
import { fixtureFiling, fixturePath } from '../support/fixtures.js';
import { expectValidReport } from '../support/report-schema.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const judge = new Judge(bundledRuleSet());
const base = makeFiling().products[0]!;

/** Filings that between them make every rule of the pack pass, fail and (where it can) not apply. */
const VARIETY: [string, Filing][] = [
  ['the base filing', makeFiling()],
  ['the DESIGN example', fixtureFiling('xhb-2021-12b.yaml')],
  ['an unlicensed 相互保', makeFiling({ '/licenses': [], '/platform/name': '相互保' })],
  ['a traditional 保險 product name', makeFiling({ '/licenses': [], '/products/0/name': '互助保險計劃' })],
  ['zero-width 保障', makeFiling({ '/licenses': [], '/products/0/name': '互助\u200b保\u200d障' })],
  [
    'restricted marketing',
    makeFiling({
      '/licenses': [],
      '/marketing': [
        { channel: 'ad', publishedAt: '2021-06-01', text: '承 诺赔付' },
        { channel: 'app', publishedAt: '2021-06-02', text: '保费低' },
      ],
    }),
  ],
  ['a licence expiring in 30 days', makeFiling({ '/licenses/0/validUntil': '2021-07-30' })],
  [
    'no custody account, pre-collection',
    makeFiling({
      '/funds': {
        collectionModel: 'pre-collection',
        custody: { bank: null, segregated: false, accountOpenedAt: null },
        preCollectedBalanceCny: 10,
        ledgerBalanceCny: 100,
        custodyBalanceCny: 0,
      },
    }),
  ],
  ['both balances 0', makeFiling({ '/funds/ledgerBalanceCny': 0, '/funds/custodyBalanceCny': 0 })],
  [
    'products over the fee cap and under the waiting period',
    makeFiling({
      '/products': [
        { ...base, managementFeeRate: 0.1, waitingPeriodDays: 30, registration: null },
        { ...base, id: 'b', managementFeeRate: 0.12 },
      ],
    }),
  ],
  ['no products', makeFiling({ '/products': [] })],
  ['a round whose fee exceeds the cap on the aid', makeFiling({ '/disclosures/0/managementFeeCny': 192000, '/disclosures/0/amountToShareCny': 2400000 })],
  ['shares that do not add up', makeFiling({ '/disclosures/1/perMemberShareCny': 2 })],
  ['a filing submitted 40 days late', makeFiling({ '/submittedAt': '2021-08-09T09:00:00+08:00' })],
  ['a blank custody bank', makeFiling({ '/funds/custody/bank': '\u3000' })],
  [
    'a shrinking membership below the floor',
    makeFiling({ '/members': { active: 500_000, activeAtPeriodStart: 900_000 } }),
  ],
  ['no members at the start', makeFiling({ '/members': { active: 0, activeAtPeriodStart: 0 } })],
  [
    'late and incomplete disclosures with a gap',
    makeFiling({
      '/period/start': '2021-06-01',
      '/disclosures': [{ publishedAt: '2021-06-30', periodStart: '2021-06-01', periodEnd: '2021-06-10' }],
    }),
  ],
  [
    'a hasty shutdown',
    makeFiling({
      '/shutdown': {
        announcedAt: '2021-06-20',
        effectiveAt: '2021-06-25',
        transitionCover: false,
        outstandingClaimsPlan: true,
      },
    }),
  ],
  [
    'an orderly shutdown',
    makeFiling({
      '/shutdown': {
        announcedAt: '2021-05-20',
        effectiveAt: '2021-06-30',
        transitionCover: true,
        outstandingClaimsPlan: true,
        claimsWindowDays: 180,
      },
    }),
  ],
  [
    'before 2017-02-15',
    makeFiling({
      '/licenses': [],
      '/period': { start: '2016-12-01', end: '2016-12-15' },
      '/disclosures': [],
    }),
  ],
  [
    'before 2009-10-01',
    makeFiling({
      '/licenses': [],
      '/period': { start: '2009-09-01', end: '2009-09-30' },
      '/disclosures': [],
    }),
  ],
  [
    'on 2017-02-22, when FUND-001 starts',
    makeFiling({
      '/period': { start: '2017-02-08', end: '2017-02-22' },
      '/disclosures': [],
      '/funds/custody/bank': null,
    }),
  ],
];

/** Filings judged with a history (DESIGN §5.1), which the history rules need to fail. */
const earlier = makeFiling({
  '/filingId': 'base-2021-05b',
  '/period': { start: '2021-05-16', end: '2021-05-31' },
  '/members/active': 10_000_000,
  '/disclosures': [{ publishedAt: '2021-05-31', periodStart: '2021-05-16', periodEnd: '2021-05-31', perMemberShareCny: 0.1 }],
});
const WITH_HISTORY: [string, Filing, HistoryRecord[]][] = [
  [
    'a gap, a fall in members and a rise in shares since May (a year of filings before it: past the ramp-up)',
    makeFiling(),
    [historyRecord(makeFiling({ '/filingId': 'base-2020-05a', '/period': { start: '2020-05-01', end: '2020-05-15' } })), historyRecord(earlier)],
  ],
  ['a history with nothing earlier', makeFiling(), [historyRecord(makeFiling({ '/filingId': 'later', '/period': { start: '2021-07-01', end: '2021-07-15' } }))]],
];

afterEach(() => {
  vi.useRealTimers();
});

describe('reproducible reports', () => {
  it('gives the same bytes for the same filing twice, and from a new judge', () => {
    for (const [, filing] of VARIETY) {
      const once = JSON.stringify(judgeReport(judge, filing));
      expect(JSON.stringify(judgeReport(judge, structuredClone(filing)))).toBe(once);
      expect(JSON.stringify(judgeReport(new Judge(bundledRuleSet()), filing))).toBe(once);
    }
  });

  it('does not depend on the clock', async () => {
    const filing = fixtureFiling('xhb-2021-12b.yaml');
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2021-12-16T00:00:00Z'));
    const then = JSON.stringify(judgeReport(new Judge(bundledRuleSet()), filing));
    const thenReference = JSON.stringify(await judgeReferenceReport(new Judge(bundledRuleSet()), filing));
    vi.setSystemTime(new Date('2035-01-01T00:00:00Z'));
    expect(JSON.stringify(judgeReport(new Judge(bundledRuleSet()), filing))).toBe(then);
    expect(thenReference).toBe(then);
  });

  it('gives the same report for a filing read from YAML and from JSON', () => {
    const yamlFiling = fixtureFiling('xhb-2021-12b.yaml');
    const jsonFiling = readFiling(JSON.stringify(yamlFiling), 'xhb.json');
    expect(JSON.stringify(judgeReport(judge, jsonFiling))).toBe(JSON.stringify(judgeReport(judge, yamlFiling)));
    expect(readFileSync(fixturePath('xhb-2021-12b.yaml'), 'utf8')).toMatch(/^schemaVersion: 1/);
  });

  it('makes every status of the pack appear across the variety (the comparisons below mean something)', () => {
    const seen = new Set([
      ...VARIETY.flatMap(([, f]) => judgeReport(judge, f).findings.map((x) => `${x.ruleId}:${x.status}`)),
      ...WITH_HISTORY.flatMap(([, f, history]) => judgeReport(judge, f, { history }).findings.map((x) => `${x.ruleId}:${x.status}`)),
    ]);
    for (const rule of bundledRuleSet().rules) {
      expect(seen.has(`${rule.id}:pass`) || seen.has(`${rule.id}:not-applicable`), rule.id).toBe(true);
      expect(seen.has(`${rule.id}:fail`), `${rule.id} never fails`).toBe(true);
    }
  });
});

describe('judge() and judgeReference() agree', () => {
  it.each(WITH_HISTORY)('on %s, with its history', async (_name, filing, history) => {
    const fast = judgeReport(judge, filing, { history });
    expectValidReport(fast);
    expect(JSON.stringify(await judgeReferenceReport(judge, filing, { history }))).toBe(JSON.stringify(fast));
  });

  it.each(VARIETY)('on %s, in en and zh', async (_name, filing) => {
    for (const lang of ['en', 'zh'] as const) {
      const fast = judgeReport(judge, filing, { lang });
      expectValidReport(fast);
      expect(JSON.stringify(await judgeReferenceReport(judge, filing, { lang }))).toBe(JSON.stringify(fast));
    }
  });
});

function leaves(t: ConditionTrace | undefined): ConditionTrace[] {
  if (!t) return [];
  if ('all' in t) return t.all.flatMap(leaves);
  if ('any' in t) return t.any.flatMap(leaves);
  if ('not' in t) return leaves(t.not);
  return [t];
}

describe('explain', () => {
  it('traces every condition of every rule in force: fact, operator, value, fact value and result', async () => {
    const filing = fixtureFiling('xhb-2021-12b.yaml');
    const report = await judgeReferenceReport(judge, filing, { explain: true });
    expectValidReport(report);
    const inForce = report.findings.filter((f) => f.reason !== 'not in force');
    expect(inForce.length).toBeGreaterThan(0);
    for (const f of inForce) {
      const ls = leaves(f.explain?.when);
      expect(ls.length, f.ruleId).toBeGreaterThan(0);
      for (const l of ls) {
        expect(l).toHaveProperty('fact');
        expect(l).toHaveProperty('operator');
        expect(l).toHaveProperty('factValue');
      }
      expect(
        ls.some((l) => typeof (l as { result?: boolean }).result === 'boolean'),
        f.ruleId,
      ).toBe(true);
    }
    const lic = report.findings.find((f) => f.ruleId === 'LIC-001')!;
    expect(leaves(lic.explain!.when)).toContainEqual(
      expect.objectContaining({ fact: 'validLicences', operator: 'isEmpty', factValue: [], result: true }),
    );
  });

  it('does not change the verdict or statuses', async () => {
    for (const [, filing] of VARIETY) {
      const plain = judgeReport(judge, filing);
      const explained = await judgeReferenceReport(judge, filing, { explain: true });
      expect(explained.findings.map((f) => f.status)).toEqual(plain.findings.map((f) => f.status));
    }
  });
});
