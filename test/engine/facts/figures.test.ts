// balanceDiscrepancy, memberChangeRate, shutdownNoticeDays, count, and the plain filing and asOf facts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue } from '../../support/facts.js';

describe('balanceDiscrepancy', () => {
  it.each<[number, number, number, number | null]>([
    [1_000_000, 1_000_000, 0, 0],
    [1_000_000, 995_001, 4_999, 0.004999],
    [1_000_000, 995_000, 5_000, 0.005],
    [1_000_000, 994_999, 5_001, 0.005001],
    [995_000, 1_000_000, 5_000, 0.005],
    [1_000, 0, 1_000, 1],
    [0, 1_000, 1_000, 1],
    [0, 0, 0, null],
  ])(
    'ledger %d, custody %d → difference %d, ratio %s',
    (ledgerBalanceCny, custodyBalanceCny, differenceCny, ratio) => {
      const filing = makeFiling({
        '/funds/ledgerBalanceCny': ledgerBalanceCny,
        '/funds/custodyBalanceCny': custodyBalanceCny,
      });
      const v = factValue('balanceDiscrepancy', filing) as Record<string, number | null>;
      expect(v).toMatchObject({ ledgerBalanceCny, custodyBalanceCny, differenceCny });
      if (ratio === null) expect(v.ratio).toBeNull();
      else expect(v.ratio).toBeCloseTo(ratio, 12);
    },
  );

  it('compares the ratio exactly at the tolerance (5000 / 1000000 is 0.005, not above it)', () => {
    const v = factValue('balanceDiscrepancy', makeFiling({ '/funds/custodyBalanceCny': 995_000 })) as {
      ratio: number;
    };
    expect(v.ratio > 0.005).toBe(false);
    const w = factValue('balanceDiscrepancy', makeFiling({ '/funds/custodyBalanceCny': 994_999 })) as {
      ratio: number;
    };
    expect(w.ratio > 0.005).toBe(true);
  });
});

describe('memberChangeRate', () => {
  it.each<[number, number, number, number | null]>([
    [2_000_000, 2_000_000, 0, 0],
    [1_800_000, 2_000_000, -200_000, 0.1],
    [1_799_999, 2_000_000, -200_001, 0.1000005],
    [2_200_000, 2_000_000, 200_000, -0.1],
    [0, 2_000_000, -2_000_000, 1],
    [100, 0, 100, null],
    [0, 0, 0, null],
  ])('active %d, at start %d → change %d, lossRate %s', (active, activeAtPeriodStart, change, lossRate) => {
    const v = factValue(
      'memberChangeRate',
      makeFiling({ '/members/active': active, '/members/activeAtPeriodStart': activeAtPeriodStart }),
    ) as Record<string, number | null>;
    expect(v).toMatchObject({ active, activeAtPeriodStart, change });
    if (lossRate === null) expect(v.lossRate).toBeNull();
    else expect(v.lossRate).toBeCloseTo(lossRate, 12);
  });
});

describe('shutdownNoticeDays', () => {
  const shutdown = (announcedAt: string, effectiveAt: string) => ({
    announcedAt,
    effectiveAt,
    transitionCover: true,
    outstandingClaimsPlan: true,
  });
  it.each<[string, ReturnType<typeof shutdown> | null, number | null]>([
    ['no shutdown', null, null],
    ['相互宝: 2021-12-28 → 2022-01-28', shutdown('2021-12-28', '2022-01-28'), 31],
    ['29 days', shutdown('2021-06-01', '2021-06-30'), 29],
    ['30 days', shutdown('2021-06-01', '2021-07-01'), 30],
    ['the same day', shutdown('2021-06-01', '2021-06-01'), 0],
    ['effective before announced', shutdown('2021-06-05', '2021-06-01'), -4],
    ['across a leap day', shutdown('2024-02-28', '2024-03-01'), 2],
  ])('%s → %s', (_name, s, days) => {
    expect(factValue('shutdownNoticeDays', makeFiling({ '/shutdown': s }))).toBe(days);
  });
});

describe('count', () => {
  it.each<[string, Record<string, unknown>, number]>([
    ['licenses', {}, 1],
    ['licenses', { '/licenses': [] }, 0],
    ['products', {}, 1],
    ['disclosures', {}, 2],
    ['disclosures', { '/disclosures': [] }, 0],
    ['marketing', {}, 1],
    ['marketing', { '/marketing': undefined }, 0],
    ['marketing', { '/marketing': [] }, 0],
  ])('of %s with %j → %d', (of, overrides, n) => {
    expect(factValue('count', makeFiling(overrides), { of })).toBe(n);
  });
});

describe('filing and asOf', () => {
  it('filing is the filing itself', () => {
    const filing = makeFiling();
    expect(factValue('filing', filing)).toBe(filing);
  });

  it('asOf is the date judged as of', () => {
    expect(factValue('asOf', makeFiling())).toBe('2021-06-30');
    expect(factValue('asOf', makeFiling(), {}, '2020-01-01')).toBe('2020-01-01');
  });
});

describe('exact comparisons against a limit', () => {
  it('balanceDiscrepancy: 1,200,002.00 against 1,194,001.99 is exactly 0.5 % and not beyond it', () => {
    const at = (custody: number) =>
      (factValue('balanceDiscrepancy', makeFiling({ '/funds/ledgerBalanceCny': 1200002.0, '/funds/custodyBalanceCny': custody }), { tolerance: 0.005 }) as { beyondTolerance: boolean }).beyondTolerance;
    expect(at(1194001.99)).toBe(false);
    expect(at(1194001.98)).toBe(true);
    expect(at(1194002.0)).toBe(false);
  });

  it('balanceDiscrepancy: exact in fen at the boundary, one fen under and over (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), fc.constantFrom(-1, 0, 1), fc.boolean(), (k, delta, ledgerLarger) => {
        // larger = 200·k fen, so 0.5 % of it is exactly k fen
        const larger = 200 * k;
        const smaller = larger - k - delta;
        const [ledger, custody] = ledgerLarger ? [larger, smaller] : [smaller, larger];
        const v = factValue('balanceDiscrepancy', makeFiling({ '/funds/ledgerBalanceCny': ledger / 100, '/funds/custodyBalanceCny': custody / 100 }), { tolerance: 0.005 }) as { beyondTolerance: boolean };
        expect(v.beyondTolerance).toBe(delta > 0);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('memberChangeRate: a loss of exactly the limit is not beyond it', () => {
    const beyond = (start: number, active: number) =>
      (factValue('memberChangeRate', makeFiling({ '/members/activeAtPeriodStart': start, '/members/active': active }), { maxLossRate: 0.1 }) as { beyondLimit: boolean }).beyondLimit;
    expect(beyond(1000000, 900000)).toBe(false);
    expect(beyond(1000000, 899999)).toBe(true);
    // 0.1 × 3 is 0.30000000000000004 in binary floating point: exactness matters
    expect(beyond(30, 27)).toBe(false);
    expect(beyond(30, 26)).toBe(true);
  });

  it('submissionDelay: the date of submittedAt as written, never converted', () => {
    const delay = (submittedAt: string) => (factValue('submissionDelay', makeFiling({ '/submittedAt': submittedAt })) as { days: number }).days;
    expect(delay('2021-07-15T23:30:00-05:00')).toBe(15);
    expect(delay('2021-07-16T00:30:00+08:00')).toBe(16);
    expect(delay('2021-06-30T00:00:00Z')).toBe(0);
  });
});
