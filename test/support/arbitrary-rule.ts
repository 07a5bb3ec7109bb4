// fast-check arbitraries of rule documents that pass the linter: random condition trees (all/any/not,
// priorities, decorators) over leaves every fact accepts, to hold the fast path to json-rules-engine.

import fc from 'fast-check';
import { FACTS } from '../../src/engine/facts/index.js';
import { ruleDoc } from './rule-sets.js';

type Leaf = { fact: string; params?: Record<string, unknown>; path?: string };
export type Condition = Record<string, unknown>;

/** Leaves that name a fact with params it accepts (and a path where it has fields). */
export const LEAVES: readonly Leaf[] = [
  { fact: 'filing', path: 'members.active' },
  { fact: 'filing', path: 'members.activeAtPeriodStart' },
  { fact: 'filing', path: 'funds.custody.segregated' },
  { fact: 'filing', path: 'funds.collectionModel' },
  { fact: 'filing', path: 'funds.preCollectedBalanceCny' },
  { fact: 'filing', path: 'shutdown' },
  { fact: 'filing', path: 'shutdown.claimsWindowDays' },
  { fact: 'filing', path: 'shutdown.transitionCover' },
  { fact: 'filing', path: 'products' },
  { fact: 'filing', path: 'products.length' },
  { fact: 'filing', path: 'products[0].managementFeeRate' },
  { fact: 'filing', path: 'licenses.0.type' },
  { fact: 'filing', path: 'marketing' },
  { fact: 'asOf' },
  { fact: 'count', params: { of: 'products' } },
  { fact: 'count', params: { of: 'marketing' } },
  { fact: 'count', params: { of: 'disclosures' } },
  { fact: 'validLicences', params: {} },
  { fact: 'validLicences', params: { types: ['payment'] } },
  { fact: 'hasValidLicence', params: { types: ['insurance', 'mutual-insurance'] } },
  { fact: 'hasValidLicence' },
  { fact: 'licenceCover', params: {} },
  { fact: 'licenceCover', path: 'daysLeft' },
  { fact: 'uncoveredProducts', params: {} },
  { fact: 'validLicences', params: { heldBy: 'anyone' } },
  { fact: 'namesWithoutCover', params: { terms: { param: 'nameTerms' }, allow: { param: 'nameAllow' } } },
  { fact: 'feesOverCap', params: { cap: 0.08 } },
  { fact: 'shareMismatches', params: { tolerance: 0.01 } },
  { fact: 'disclosuresWith', params: { fields: ['managementFeeCny', 'amountToShareCny'] } },
  { fact: 'balanceDiscrepancy', params: { tolerance: 0.005 }, path: 'beyondTolerance' },
  { fact: 'memberChangeRate', params: { maxLossRate: 0.1 }, path: 'beyondLimit' },
  { fact: 'submissionDelay', params: { maxDays: 15 }, path: 'days' },
  { fact: 'filing', path: 'funds.custody.bank' },
  { fact: 'restrictedNameTerms', params: { terms: { param: 'nameTerms' }, allow: { param: 'nameAllow' } } },
  { fact: 'restrictedNameTerms', params: { terms: ['保险'] } },
  {
    fact: 'restrictedMarketingTerms',
    params: { terms: { param: 'marketingTerms' }, allow: { param: 'marketingAllow' } },
  },
  { fact: 'productsOfKind', params: { kinds: ['mutual-aid', 'insurance'] } },
  { fact: 'productsOfKind', params: { kinds: ['insurance'] } },
  { fact: 'productsMissing', params: { field: 'registration' } },
  { fact: 'productsMissing', params: { field: 'annualShareCapCny' } },
  { fact: 'productsAbove', params: { field: 'managementFeeRate', max: { param: 'managementFeeCap' } } },
  { fact: 'productsAbove', params: { field: 'managementFeeRate', max: { param: 'testCap' } } },
  { fact: 'productsBelow', params: { field: 'waitingPeriodDays', min: 90 } },
  { fact: 'balanceDiscrepancy', path: 'ratio' },
  { fact: 'balanceDiscrepancy', path: 'differenceCny' },
  { fact: 'balanceDiscrepancy' },
  { fact: 'disclosureGaps', params: { maxDays: { param: 'disclosureMaxGapDays' } } },
  { fact: 'disclosuresMissing' },
  { fact: 'disclosuresMissing', params: { fields: ['cases'] } },
  { fact: 'lateDisclosures', params: { maxDays: 5 } },
  { fact: 'memberChangeRate', path: 'lossRate' },
  { fact: 'memberChangeRate', path: 'change' },
  { fact: 'shutdownNoticeDays' },
  // the third edition's facts (issue 17)
  { fact: 'licenceCovers', params: {} },
  { fact: 'licenceCovers', params: { warningDays: 90 } },
  { fact: 'untimelyDisclosures', params: { maxDays: 5 } },
  { fact: 'custodyAccount', params: { bankTerms: ['银行', 'bank'], nonBankTerms: ['基金会', '公益'] }, path: 'namesBank' },
  { fact: 'custodyAccount', params: { bankTerms: ['银行'] }, path: 'nonBankTerm' },
  { fact: 'custodyAccount', params: { bankTerms: ['银行', 'bank'] } },
  { fact: 'preCollection', params: { maxBalanceCny: 0 }, path: 'balanceAboveMax' },
  { fact: 'activeMembers', params: { floor: 100_000 }, path: 'belowFloor' },
  { fact: 'shutdownNotice', params: { minDays: 30 }, path: 'days' },
  { fact: 'claimsWindow', params: { minDays: 180 }, path: 'short' },
  { fact: 'submissionDelay', params: { maxDays: 15 }, path: 'early' },
];

/** Parameters for generated rules: the bundled ones plus one with two dated values. */
export const TEST_PARAMETERS = {
  managementFeeCap: [{ from: '2009-10-01', value: 0.08 }],
  testCap: [
    { from: '2009-10-01', value: 0.08 },
    { from: '2021-01-01', value: 0.05 },
  ],
  nameTerms: [{ from: '2009-10-01', value: ['保', '保险', '保障'] }],
  nameAllow: [{ from: '2009-10-01', value: ['环保'] }],
  marketingTerms: [
    {
      from: '2009-10-01',
      value: ['承诺赔付', '足额赔付', '准备金', '政府监管', '保险创新', '互联网+保险', '保费'],
    },
  ],
  marketingAllow: [{ from: '2009-10-01', value: ['不承诺赔付'] }],
  disclosureMaxGapDays: [
    { from: '2009-10-01', value: 16 },
    { from: '2020-01-01', value: 14 },
  ],
};

const SCALARS = [
  0,
  1,
  -1,
  0.005,
  0.05,
  0.08,
  0.1,
  90,
  180,
  1_000_000,
  true,
  false,
  null,
  'pre-collection',
  'insurance',
  '2021-06-30',
  '保',
  { param: 'testCap' },
] as const;
const LISTS = [
  [0, 1],
  ['insurance', 'payment'],
  [true],
  [null, 0],
  ['pre-collection', 'post-event-sharing'],
  [],
] as const;

/** An operator and value that the linter accepts and no evaluator throws on, whatever the fact value. */
const operatorAndValue: fc.Arbitrary<{ operator: string; value?: unknown }> = fc.oneof(
  fc.record({ operator: fc.constantFrom('notEmpty', 'isEmpty', 'isNull', 'notNull', 'isBlank') }),
  fc.record({
    operator: fc.constantFrom(
      'equal',
      'notEqual',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'contains',
      'doesNotContain',
    ),
    value: fc.constantFrom(...SCALARS),
  }),
  fc.record({ operator: fc.constantFrom('in', 'notIn'), value: fc.constantFrom(...LISTS) }),
  fc.record({
    operator: fc.constantFrom('someValue:equal', 'everyValue:notEqual', 'someValue:lessThan'),
    value: fc.constantFrom(...LISTS),
  }),
  fc.record({
    operator: fc.constantFrom('swap:contains', 'swap:doesNotContain', 'swap:equal', 'swap:greaterThan'),
    value: fc.constantFrom(...SCALARS, ...LISTS),
  }),
);

const decorated = fc
  .tuple(
    fc.constantFrom('', '', '', 'not:', 'someFact:', 'everyFact:', 'not:someFact:', 'someFact:not:'),
    operatorAndValue,
  )
  .map(([prefix, ov]) => ({ ...ov, operator: prefix + ov.operator }));

export const leafArb: fc.Arbitrary<Condition> = fc
  .tuple(fc.constantFrom(...LEAVES), decorated, fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }))
  .map(([leaf, ov, priority]) => ({ ...leaf, ...ov, ...(priority === undefined ? {} : { priority }) }));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: leafArb },
    fc.record(
      {
        all: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
        priority: fc.integer({ min: 1, max: 2 }),
      },
      { requiredKeys: ['all'] },
    ),
    fc.record(
      {
        any: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
        priority: fc.integer({ min: 1, max: 2 }),
      },
      { requiredKeys: ['any'] },
    ),
    fc.record({ not: tie('tree') }),
  ),
}));
/** A condition tree of valid leaves. */
export const conditionArb = tree as fc.Arbitrary<Condition>;

/** The evidence keys of a condition tree's leaves: fact ids, and paths for the `filing` fact. */
function placeholdersOf(c: Condition, out: Set<string>): Set<string> {
  if (Array.isArray(c.all)) (c.all as Condition[]).forEach((k) => placeholdersOf(k, out));
  else if (Array.isArray(c.any)) (c.any as Condition[]).forEach((k) => placeholdersOf(k, out));
  else if (c.not) placeholdersOf(c.not as Condition, out);
  else out.add(c.fact === 'filing' ? String(c.path) : String(c.fact));
  return out;
}

/** A lint-clean rule with id `TEST-NNN`, random conditions, window, mode and appliesWhen. */
export function ruleArb(n: number): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      when: conditionArb,
      appliesWhen: fc.option(conditionArb, { nil: undefined, freq: 2 }),
      mode: fc.constantFrom('enforce', 'enforce', 'audit'),
      severity: fc.constantFrom('critical', 'major', 'minor', 'info'),
      from: fc.constantFrom('2009-10-01', '2017-02-15', '2021-01-01', '2021-06-30'),
      untilDays: fc.option(fc.constantFrom(0, 1, 365, 5000), { nil: null }),
      usePointer: fc.boolean(),
    })
    .map((r) => {
      const fields = [...placeholdersOf(r.when, new Set())];
      const until =
        r.untilDays === null
          ? null
          : new Date(Date.parse(`${r.from}T00:00:00Z`) + r.untilDays * 86_400_000).toISOString().slice(0, 10);
      const listFacts = fields.some((f) => FACTS.get(f)?.fields.includes('pointer'));
      const text = `{{platform}} ${fields.map((f) => `{{${f}}}`).join(' ')}${r.usePointer && listFacts ? ' {{pointer}}' : ''}`;
      return ruleDoc({
        id: `TEST-${String(n).padStart(3, '0')}`,
        severity: r.severity,
        mode: r.mode,
        effective: { from: r.from, until },
        ...(r.appliesWhen ? { appliesWhen: r.appliesWhen } : {}),
        when: r.when,
        message: { en: text, zh: text },
      });
    });
}

/** Waivers over the platforms that arbitrary filings use. */
export const waiversArb = (ruleIds: readonly string[]) =>
  fc.array(
    fc.record({
      platform: fc.constantFrom('xianghubao', 'shuidi', 'base-mutual'),
      rule: fc.constantFrom(...ruleIds),
      reason: fc.constant('test waiver'),
      reference: fc.constant('REF-1'),
      from: fc.constantFrom('2009-10-01', '2017-02-15', '2021-06-30'),
      until: fc.constantFrom('2021-06-30', '2030-12-31'),
    }),
    { maxLength: 2 },
  );
