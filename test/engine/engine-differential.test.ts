// Differential: the compiled fast path must give json-rules-engine's report, finding for finding, on
// thousands of generated valid filings, for the bundled pack and for random lint-clean rule sets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTS, type Fact } from '../../src/engine/facts/index.js';
import { Judge } from '../../src/engine/index.js';
import { exact, exactOf, exactText, times } from '../../src/engine/exact.js';
import { historyRecord, type HistoryRecord } from '../../src/engine/history.js';
import type { Filing } from '../../src/filing/types.js';
import { filingProblems } from '../../src/filing/validate.js';
import type { Report } from '../../src/engine/report-model.js';
import { canonicalJson } from '../../src/rules/canonical.js';
import { addDays, filingArb } from '../support/arbitrary-filing.js';
import { ruleArb, TEST_PARAMETERS, waiversArb } from '../support/arbitrary-rule.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet, ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

/** A report without what the order of evaluation decides (evidence, messages, which failed fact is named), keys sorted. */
const withoutEvidence = (r: Report) =>
  canonicalJson({
    ...r,
    findings: r.findings.map(({ evidence: _e, message: _m, error, ...f }) => ({
      ...f,
      ...(error ? { error: error.code } : {}),
    })),
  });

/**
 * Judges with both evaluators (or records that both threw, with the same kind of error). With
 * `loose`, evidence and messages are left out.
 */
async function both(
  judge: Judge,
  filing: Filing,
  lang: 'en' | 'zh' = 'en',
  loose = false,
): Promise<[string, string]> {
  const text = loose ? withoutEvidence : (r: Report) => JSON.stringify(r);
  let fast: string;
  let reference: string;
  try {
    fast = text(judgeReport(judge, filing, { lang }));
  } catch (e) {
    fast = `threw ${(e as Error).name}`;
  }
  try {
    reference = text(await judgeReferenceReport(judge, filing, { lang }));
  } catch (e) {
    reference = `threw ${(e as Error).name}`;
  }
  return [fast, reference];
}

const usesPriority = (rules: unknown) => JSON.stringify(rules).includes('"priority"');

describe('fast path = json-rules-engine', () => {
  it('on 2,000 generated valid filings, every rule of the bundled pack', async () => {
    const judge = new Judge(bundledRuleSet());
    const seen = new Map<string, Set<string>>();
    await fc.assert(
      fc.asyncProperty(filingArb(), fc.constantFrom('en' as const, 'zh' as const), async (filing, lang) => {
        expect(filingProblems(filing)).toEqual([]);
        const [fast, reference] = await both(judge, filing, lang);
        expect(fast).toBe(reference);
        for (const f of (JSON.parse(fast) as Report).findings) {
          if (!seen.has(f.ruleId)) seen.set(f.ruleId, new Set());
          seen.get(f.ruleId)!.add(f.status);
        }
      }),
      { numRuns: 2000 },
    );
    // the generator reaches every rule's pass and fail, so the comparison covers every rule (the
    // history rules need a history: the test with histories below covers them)
    for (const rule of bundledRuleSet().rules.filter((r) => !r.id.startsWith('HIST-'))) {
      expect([...(seen.get(rule.id) ?? [])].sort(), rule.id).toEqual(
        expect.arrayContaining(['fail', 'pass']),
      );
    }
  });

  it('on random lint-clean rule sets (conditions, priorities, decorators, windows, audit, waivers)', async () => {
    const ruleSetArb = fc
      .integer({ min: 1, max: 3 })
      .chain((n) =>
        fc.tuple(
          fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i + 1))),
          waiversArb(Array.from({ length: n }, (_, i) => `TEST-00${i + 1}`)),
        ),
      );
    await fc.assert(
      fc.asyncProperty(
        ruleSetArb,
        fc.array(filingArb(), { minLength: 1, maxLength: 4 }),
        async ([rules, waivers], filings) => {
          const judge = new Judge(ruleSetOf({ rules, parameters: TEST_PARAMETERS, waivers }));
          for (const filing of filings) {
            const [fast, reference] = await both(judge, filing, 'en', usesPriority(rules));
            expect(fast).toBe(reference);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('on random rule sets where facts throw for some filings', async () => {
    const throwing: ReadonlyMap<string, Fact> = new Map([
      ...FACTS,
      [
        'shutdownNoticeDays',
        {
          ...FACTS.get('shutdownNoticeDays')!,
          compute: (f: Filing) => {
            if (f.shutdown) throw new Error('shutdown facts unavailable');
            return null;
          },
        },
      ],
      [
        'licenceCover',
        {
          ...FACTS.get('licenceCover')!,
          compute: (f: Filing) => {
            if (f.licenses.length > 1) throw new RangeError('too many licences');
            return 1;
          },
        },
      ],
      [
        'balanceDiscrepancy',
        {
          ...FACTS.get('balanceDiscrepancy')!,
          compute: (f: Filing) => {
            if (f.funds.ledgerBalanceCny > 5_000_000) throw new Error('ledger unreadable');
            return { ratio: 0 };
          },
        },
      ],
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(ruleArb(1), ruleArb(2)),
        fc.array(filingArb(), { minLength: 1, maxLength: 4 }),
        async (rules, filings) => {
          const judge = new Judge(ruleSetOf({ rules, parameters: TEST_PARAMETERS }), throwing);
          for (const filing of filings) {
            const [fast, reference] = await both(judge, filing, 'en', usesPriority(rules));
            expect(fast).toBe(reference);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  const product = makeFiling().products[0]!;
  const twoBadProducts = makeFiling({
    '/products': [
      { ...product, managementFeeRate: 0.1 },
      { ...product, id: 'b', registration: null },
    ],
  });

  it('gives the same evidence order and message when conditions have priorities', async () => {
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({
            when: {
              all: [
                { fact: 'productsMissing', params: { field: 'registration' }, operator: 'notEmpty' },
                {
                  fact: 'productsAbove',
                  params: { field: 'managementFeeRate', max: 0.08 },
                  operator: 'notEmpty',
                  priority: 2,
                },
              ],
            },
            message: { en: 'Product {{pointer}}', zh: '产品{{pointer}}' },
          }),
        ],
      }),
    );
    const fast = judgeReport(judge, twoBadProducts);
    const reference = await judgeReferenceReport(judge, twoBadProducts);
    expect(fast.findings[0]!.message).toBe(reference.findings[0]!.message);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  });

  it('names the same failed fact when two facts fail and conditions have priorities', async () => {
    const failing = (id: string): [string, Fact] => [
      id,
      {
        ...FACTS.get(id)!,
        compute: () => {
          throw new Error(`${id} failed`);
        },
      },
    ];
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({
            when: {
              any: [
                { fact: 'shutdownNoticeDays', operator: 'isNull' },
                { fact: 'licenceCover', operator: 'isNull', priority: 2 },
              ],
            },
          }),
        ],
      }),
      new Map([...FACTS, failing('shutdownNoticeDays'), failing('licenceCover')]),
    );
    const filing = makeFiling();
    const fast = judgeReport(judge, filing);
    const reference = await judgeReferenceReport(judge, filing);
    expect(fast.findings[0]!.error).toEqual(reference.findings[0]!.error);
  });
});

describe('fast path = json-rules-engine, with histories', () => {
  // light records around the subject: before, touching, overlapping (starting earlier, some running past
  // its end) and after its start; at and beside the 180- and 365-day window edges and far enough back for
  // the ramp-up guard; ties on period.end (a small id pool); superseded ones; another platform; member
  // counts and mean shares at, below and above the HIST-002, HIST-003 and HIST-004 boundaries
  const historyArb = (subject: Filing): fc.Arbitrary<HistoryRecord[]> => {
    const own = historyRecord(subject);
    const start = subject.period.start;
    const active = subject.members.active;
    const times10 = exactText(times(exactOf(own.shares.sum), exact(10)));
    const byLoss = (rate: number) => [
      fc.constant(Math.round(active / (1 - rate))),
      fc.constant(Math.ceil(active / (1 - rate))),
      fc.constant(Math.floor(active / (1 - rate))),
    ];
    const record = fc
      .record({
        // the end, as days after the subject's start (−1: the day before it) or before its end (a window edge)
        end: fc.oneof(
          fc.constantFrom(-1, -2, 0, 1).map((d) => addDays(start, d - 1)),
          fc.integer({ min: -400, max: 10 }).map((d) => addDays(start, d - 1)),
          // far enough back for the ramp-up guard (weighted: a history judged at all needs one)
          { weight: 3, arbitrary: fc.integer({ min: -800, max: -360 }).map((d) => addDays(start, d - 1)) },
          fc.constantFrom(-180, -181, -365, -366).map((d) => addDays(subject.period.end, d)),
        ),
        days: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })),
        id: fc.constantFrom('h-a', 'h-B', 'h-c', 'h-10', 'h-9'),
        supersedes: fc.option(fc.constantFrom('h-a', 'h-B', 'h-c'), { freq: 4 }),
        otherPlatform: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        members: fc.oneof(...byLoss(0.15), ...byLoss(0.05), fc.integer({ min: 0, max: 50_000_000 })),
        shares: fc.oneof(
          fc.constant({ count: 0, sum: '0' }),
          // half this filing's mean (twice: HIST-003's edge), the same, 1/1.3 of it (HIST-004's edge)
          fc.constant({ count: own.shares.count * 2, sum: own.shares.sum }),
          fc.constant({ count: own.shares.count, sum: own.shares.sum }),
          fc.constant({ count: own.shares.count * 13, sum: times10 }),
          // a third of it: beyond both edges
          { weight: 2, arbitrary: fc.constant({ count: own.shares.count * 3, sum: own.shares.sum }) },
          fc.constant({ count: 1, sum: '0' }),
          fc.record({ count: fc.integer({ min: 1, max: 4 }), sum: fc.integer({ min: 1, max: 10_000 }).map((n) => String(n / 100)) }),
        ),
      })
      .map(
        (g): HistoryRecord => ({
          filingId: g.id,
          platformId: g.otherPlatform ? 'someone-else' : subject.platform.id,
          period: { start: addDays(g.end, -g.days), end: g.end },
          supersedes: g.supersedes === g.id ? null : g.supersedes,
          membersActive: g.members,
          shares: g.shares,
        }),
      );
    return fc.array(record, { maxLength: 8 });
  };

  it('on 1,000 generated filings with generated histories, every rule of the bundled pack', async () => {
    const judge = new Judge(bundledRuleSet());
    const seen = new Map<string, Set<string>>();
    await fc.assert(
      fc.asyncProperty(
        filingArb().chain((f) => fc.tuple(fc.constant(f), historyArb(f))),
        async ([filing, history]) => {
          const fast = JSON.stringify(judgeReport(judge, filing, { history }));
          const reference = JSON.stringify(await judgeReferenceReport(judge, filing, { history }));
          expect(fast).toBe(reference);
          for (const f of (JSON.parse(fast) as Report).findings) {
            if (!f.ruleId.startsWith('HIST-')) continue;
            if (!seen.has(f.ruleId)) seen.set(f.ruleId, new Set());
            seen.get(f.ruleId)!.add(f.status === 'not-applicable' ? `not-applicable ${f.reasonCode}` : f.status);
          }
        },
      ),
      { numRuns: 1000 },
    );
    const window = ['fail', 'pass', 'not-applicable no_earlier_filing', 'not-applicable no_earlier_filing_in_window'];
    const share = [...window, 'not-applicable ramp_up', 'not-applicable nothing_to_judge'];
    expect([...(seen.get('HIST-001') ?? [])].sort()).toEqual(expect.arrayContaining(['fail', 'pass', 'not-applicable no_earlier_filing']));
    expect([...(seen.get('HIST-002') ?? [])].sort()).toEqual(expect.arrayContaining(window));
    for (const id of ['HIST-003', 'HIST-004']) expect([...(seen.get(id) ?? [])].sort(), id).toEqual(expect.arrayContaining(share));
  });
});
