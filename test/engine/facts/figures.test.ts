// balanceDiscrepancy, memberChangeRate, shutdownNoticeDays, count, the plain filing and asOf facts, and the third edition's
// custodyAccount, preCollection, activeMembers, shutdownNotice, claimsWindow and submissionDelay's early and late.

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

describe('custodyAccount (FUND-001, third edition)', () => {
  const P = { bankTerms: ['银行', 'bank'], nonBankTerms: ['基金会', '公益'] };
  const custody = (over: Record<string, unknown>) =>
    factValue('custodyAccount', makeFiling(Object.fromEntries(Object.entries(over).map(([k, v]) => [`/funds/custody/${k}`, v]))), P) as Record<string, unknown>;

  it.each<[string | null, boolean, boolean, string | null]>([
    ['某商业银行', false, true, null],
    ['  某商业银行 ', false, true, null],
    ['某商業銀行', false, true, null],
    ['某 银\u200b行', false, true, null],
    ['China Merchants BANK', false, true, null],
    ['Bank of Somewhere', false, true, null],
    ['某', false, false, null],
    ['无', false, false, null],
    ['某信托有限公司', false, false, null],
    ['某公益基金会', false, false, '基金会'],
    ['某银行慈善基金会', false, true, '基金会'],
    ['某银行公益信托', false, true, '公益'],
    [null, true, false, null],
    ['  ', true, false, null],
    ['\u200b\ufe0f', true, false, null],
  ])('bank %j → blank %s, namesBank %s, nonBankTerm %j', (bank, blank, namesBank, nonBankTerm) => {
    expect(custody({ bank })).toMatchObject({ bank, blank, namesBank, nonBankTerm });
  });

  it.each<[string | null, boolean]>([
    ['2021-06-29', false],
    ['2021-06-30', false],
    ['2021-07-01', true],
    [null, false],
  ])('an account opened on %j is opened after the as-of date: %s', (accountOpenedAt, after) => {
    expect(custody({ accountOpenedAt })).toMatchObject({ accountOpenedAt, openedAfterAsOf: after });
  });

  it('noAccount only when there is no bank, no segregation and no opening date', () => {
    expect(custody({ bank: null, segregated: false, accountOpenedAt: null }).noAccount).toBe(true);
    expect(custody({ bank: null, segregated: true, accountOpenedAt: null }).noAccount).toBe(false);
    expect(custody({ bank: null, segregated: false, accountOpenedAt: '2018-10-01' }).noAccount).toBe(false);
    expect(custody({}).noAccount).toBe(false);
  });

  it('without nonBankTerms no name is a foundation', () => {
    expect(factValue('custodyAccount', makeFiling({ '/funds/custody/bank': '某公益基金会' }), { bankTerms: ['银行'] })).toMatchObject({ nonBankTerm: null, namesBank: false });
  });
});

describe('preCollection (FUND-002)', () => {
  it.each<[string, number, boolean, boolean]>([
    ['post-event-sharing', 0, false, false],
    ['post-event-sharing', 0.01, false, true],
    ['pre-collection', 0, true, false],
    ['pre-collection', 3_000_000, true, true],
  ])('%s with %d yuan → preCollectionModel %s, balanceAboveMax %s', (collectionModel, preCollectedBalanceCny, model, above) => {
    const v = factValue('preCollection', makeFiling({ '/funds/collectionModel': collectionModel, '/funds/preCollectedBalanceCny': preCollectedBalanceCny }), { maxBalanceCny: 0 });
    expect(v).toEqual({ collectionModel, preCollectionModel: model, preCollectedBalanceCny, maxBalanceCny: 0, balanceAboveMax: above });
  });

  it('compares the balance with the limit exactly (0.1 + 0.2 against 0.3)', () => {
    const v = (balance: number) => (factValue('preCollection', makeFiling({ '/funds/preCollectedBalanceCny': balance }), { maxBalanceCny: 0.3 }) as { balanceAboveMax: boolean }).balanceAboveMax;
    expect(v(0.3)).toBe(false);
    expect(v(0.31)).toBe(true);
  });
});

describe('activeMembers (MEM-001)', () => {
  it.each<[number, boolean]>([
    [99_999, true],
    [100_000, false],
    [100_001, false],
    [0, true],
  ])('%d active members against a floor of 100,000 → below: %s', (active, below) => {
    expect(factValue('activeMembers', makeFiling({ '/members/active': active }), { floor: 100_000 })).toEqual({ active, floor: 100_000, belowFloor: below });
  });
});

describe('shutdownNotice and claimsWindow (EXIT-001, EXIT-003)', () => {
  const shutdown = (over: Record<string, unknown> = {}) =>
    makeFiling({ '/shutdown': { announcedAt: '2021-06-20', effectiveAt: '2021-07-20', transitionCover: true, outstandingClaimsPlan: true, ...over } });

  it.each<[string, number, boolean]>([
    ['2021-07-19', 29, true],
    ['2021-07-20', 30, false],
    ['2021-07-21', 31, false],
    ['2021-06-20', 0, true],
  ])('effective %s → %d days of notice, short: %s', (effectiveAt, days, short) => {
    expect(factValue('shutdownNotice', shutdown({ effectiveAt }), { minDays: 30 })).toEqual({ announcedAt: '2021-06-20', effectiveAt, days, minDays: 30, short });
  });

  it.each<[number | undefined, boolean, boolean]>([
    [179, true, true],
    [180, true, false],
    [181, true, false],
    [0, true, true],
    [undefined, false, false],
  ])('a claims window of %s days → stated %s, short %s', (claimsWindowDays, stated, short) => {
    const v = factValue('claimsWindow', shutdown(claimsWindowDays === undefined ? {} : { claimsWindowDays }), { minDays: 180 });
    expect(v).toEqual({ days: claimsWindowDays ?? null, minDays: 180, stated, short });
  });

  it('both are null without a shutdown', () => {
    expect(factValue('shutdownNotice', makeFiling(), { minDays: 30 })).toBeNull();
    expect(factValue('claimsWindow', makeFiling(), { minDays: 180 })).toBeNull();
  });
});

describe('submissionDelay: early and late (FILE-001, third edition)', () => {
  it.each<[string, number, boolean, boolean, number]>([
    ['2021-06-29T18:00:00+08:00', -1, false, true, 1],
    ['2021-06-30T18:00:00+08:00', 0, false, false, 0],
    ['2021-07-15T09:00:00+08:00', 15, false, false, 0],
    ['2021-07-16T09:00:00+08:00', 16, true, false, 0],
    ['2021-06-30T00:30:00+08:00', 0, false, false, 0],
  ])('%s → %d days, late %s, early %s', (submittedAt, days, late, early, daysEarly) => {
    expect(factValue('submissionDelay', makeFiling({ '/submittedAt': submittedAt }), { maxDays: 15 })).toMatchObject({ days, late, early, daysEarly, maxDays: 15 });
  });

  it('without maxDays it says nothing of late', () => {
    expect(factValue('submissionDelay', makeFiling())).not.toHaveProperty('late');
  });
});
