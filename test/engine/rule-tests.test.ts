// `rules test` semantics: each rule's own cases judged, exact expectations, and condition coverage.

import { describe, expect, it } from 'vitest';
import { applySet, runRuleTests } from '../../src/engine/rule-tests.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet, ruleDoc, ruleSetOf } from '../support/rule-sets.js';

const FEE = {
  fact: 'productsAbove',
  params: { field: 'managementFeeRate', max: 0.08 },
  operator: 'notEmpty',
};

describe('runRuleTests', () => {
  it('passes on the bundled pack, with full condition coverage', async () => {
    const result = await runRuleTests(bundledRuleSet());
    expect(result.cases.filter((c) => !c.ok)).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.ok).toBe(true);
    // every rule ships cases, pass and fail among them
    for (const rule of bundledRuleSet().rules) {
      const expects = new Set(result.cases.filter((c) => c.ruleId === rule.id).map((c) => c.expect));
      expect([...expects], rule.id).toEqual(expect.arrayContaining(['pass', 'fail']));
    }
  });

  it.each<[string, { set?: Record<string, unknown>; expect: string }, string]>([
    [
      'a case expecting pass that fails',
      { set: { '/products/0/managementFeeRate': 0.09 }, expect: 'pass' },
      'fail',
    ],
    ['a case expecting fail that passes', { set: {}, expect: 'fail' }, 'pass'],
    ['a case expecting not-applicable that passes', { set: {}, expect: 'not-applicable' }, 'pass'],
    [
      'a case whose filing is invalid',
      { set: { '/products/0/managementFeeRate': 2 }, expect: 'fail' },
      'invalid',
    ],
    ['a case setting a path with no parent', { set: { '/nothing/here': 1 }, expect: 'pass' }, 'invalid'],
  ])('reports %s', async (_name, tc, actual) => {
    const ruleSet = ruleSetOf({
      rules: [
        ruleDoc({
          when: FEE,
          tests: [
            { name: 'pass', expect: 'pass' },
            { name: 'fail', set: { '/products/0/managementFeeRate': 0.1 }, expect: 'fail' },
            { name: 'the case', ...tc },
          ],
        }),
      ],
    });
    const result = await runRuleTests(ruleSet);
    expect(result.ok).toBe(false);
    expect(result.cases.map((c) => c.ok)).toEqual([true, true, false]);
    expect(result.cases[2]).toMatchObject({ ruleId: 'TEST-001', index: 2, actual, ok: false });
  });

  it('reports a condition never seen both true and false as a gap', async () => {
    const ruleSet = ruleSetOf({
      rules: [
        ruleDoc({
          when: { all: [FEE, { fact: 'hasValidLicence', operator: 'equal', value: true }] },
          tests: [
            { name: 'pass', expect: 'pass' },
            { name: 'fail', set: { '/products/0/managementFeeRate': 0.1 }, expect: 'fail' },
          ],
        }),
      ],
    });
    const result = await runRuleTests(ruleSet);
    expect(result.cases.every((c) => c.ok)).toBe(true);
    expect(result.gaps).toEqual([
      expect.objectContaining({
        ruleId: 'TEST-001',
        pointer: '/when/all/1',
        seenTrue: true,
        seenFalse: false,
      }),
    ]);
    expect(result.ok).toBe(false);
  });

  it('passes when every case holds and every condition was seen both ways', async () => {
    const ruleSet = ruleSetOf({
      rules: [
        ruleDoc({
          when: FEE,
          tests: [
            { name: 'pass', expect: 'pass' },
            { name: 'fail', set: { '/products/0/managementFeeRate': 0.1 }, expect: 'fail' },
          ],
        }),
      ],
    });
    expect((await runRuleTests(ruleSet)).ok).toBe(true);
  });
});

describe('applySet', () => {
  it('sets by pointer on a copy, appends with -, and leaves the base alone', () => {
    const base = makeFiling();
    const out = applySet(base, {
      '/products/0/name': '相互保',
      '/licenses/-': { type: 'payment' },
      '/platform/operator/name': 'x',
    }) as typeof base;
    expect(out.products[0]!.name).toBe('相互保');
    expect(out.licenses).toHaveLength(2);
    expect(out.platform.operator.name).toBe('x');
    expect(base).toEqual(makeFiling());
  });

  it.each([['/missing/child'], ['']])('refuses %j', (pointer) => {
    expect(() => applySet(makeFiling(), { [pointer]: 1 })).toThrow();
  });
});
