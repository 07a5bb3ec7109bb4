// productsOfKind, productsMissing, productsAbove and productsBelow, limits at N−1, N and N+1.

import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue, pointers } from '../../support/facts.js';

const product = (over: Partial<Product>): Product => ({ ...makeFiling().products[0]!, ...over });
const withProducts = (...ps: Partial<Product>[]) =>
  makeFiling({ '/products': ps.map((p, i) => product({ id: `p${i}`, ...p })) });

describe('productsOfKind', () => {
  const filing = withProducts({ kind: 'mutual-aid' }, { kind: 'insurance' }, { kind: 'mutual-aid' });
  it.each<[string, Record<string, unknown>, string[]]>([
    ['every kind by default', {}, ['/products/0', '/products/1', '/products/2']],
    ['mutual-aid', { kinds: ['mutual-aid'] }, ['/products/0', '/products/2']],
    ['insurance', { kinds: ['insurance'] }, ['/products/1']],
    ['both', { kinds: ['mutual-aid', 'insurance'] }, ['/products/0', '/products/1', '/products/2']],
  ])('%s', (_name, params, expected) => {
    expect(pointers(factValue('productsOfKind', filing, params))).toEqual(expected);
  });

  it('is empty without products, and names id, name and kind', () => {
    expect(factValue('productsOfKind', makeFiling({ '/products': [] }))).toEqual([]);
    expect(factValue('productsOfKind', makeFiling())).toEqual([
      { pointer: '/products/0', id: 'critical-illness', name: '大病互助计划', kind: 'mutual-aid' },
    ]);
  });
});

describe('productsMissing', () => {
  const filing = withProducts(
    { registration: null },
    {},
    { registration: null, annualShareCapCny: null },
    { annualShareCapCny: null },
  );
  it.each<[string, string[]]>([
    ['registration', ['/products/0', '/products/2']],
    ['annualShareCapCny', ['/products/2', '/products/3']],
  ])('%s', (field, expected) => {
    const items = factValue('productsMissing', filing, { field }) as { field: string }[];
    expect(pointers(items)).toEqual(expected);
    expect(items.every((i) => i.field === field)).toBe(true);
  });
});

describe('productsAbove', () => {
  it.each<[string, number, number, boolean]>([
    ['managementFeeRate', 0.0799, 0.08, false],
    ['managementFeeRate', 0.08, 0.08, false],
    ['managementFeeRate', 0.0801, 0.08, true],
    ['managementFeeRate', 1, 0.08, true],
    ['payoutCapCny', 300000, 300000, false],
    ['payoutCapCny', 300001, 300000, true],
    ['waitingPeriodDays', 181, 180, true],
    ['annualShareCapCny', 189, 188, true],
  ])('%s %d above %d → %s', (field, value, max, above) => {
    const filing = withProducts({ [field]: value });
    const items = factValue('productsAbove', filing, { field, max });
    expect(pointers(items)).toEqual(above ? ['/products/0'] : []);
    if (above)
      expect(items).toEqual([
        {
          pointer: '/products/0',
          id: 'p0',
          name: '大病互助计划',
          kind: 'mutual-aid',
          field,
          value,
          limit: max,
          [field]: value,
        },
      ]);
  });

  it('never counts a null annual share cap as above', () => {
    expect(
      factValue('productsAbove', withProducts({ annualShareCapCny: null }), {
        field: 'annualShareCapCny',
        max: -1,
      }),
    ).toEqual([]);
  });

  it('lists every product above, in order', () => {
    const filing = withProducts(
      { managementFeeRate: 0.1 },
      { managementFeeRate: 0.08 },
      { managementFeeRate: 0.12 },
    );
    expect(pointers(factValue('productsAbove', filing, { field: 'managementFeeRate', max: 0.08 }))).toEqual([
      '/products/0',
      '/products/2',
    ]);
  });
});

describe('productsBelow', () => {
  it.each<[string, number, number, boolean]>([
    ['waitingPeriodDays', 89, 90, true],
    ['waitingPeriodDays', 90, 90, false],
    ['waitingPeriodDays', 91, 90, false],
    ['waitingPeriodDays', 0, 90, true],
    ['managementFeeRate', 0, 0, false],
    ['payoutCapCny', 99999, 100000, true],
  ])('%s %d below %d → %s', (field, value, min, below) => {
    const items = factValue('productsBelow', withProducts({ [field]: value }), { field, min });
    expect(pointers(items)).toEqual(below ? ['/products/0'] : []);
    if (below) expect(items).toEqual([expect.objectContaining({ field, value, limit: min, [field]: value })]);
  });

  it('never counts a null annual share cap as below', () => {
    expect(
      factValue('productsBelow', withProducts({ annualShareCapCny: null }), {
        field: 'annualShareCapCny',
        min: 1e9,
      }),
    ).toEqual([]);
  });
});
