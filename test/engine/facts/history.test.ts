// Table tests for the history facts (HIST-001..003): what each computes from a filing and its digest.

import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../src/engine/facts/index.js';
import { historyReason } from '../../../src/engine/facts/history.js';
import {
  digestHistory,
  emptyDigest,
  historyRecord,
  type HistoryDigest,
} from '../../../src/engine/history.js';
import type { Filing } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';

const filing = (id: string, start: string, end: string, extra: Record<string, unknown> = {}): Filing =>
  makeFiling({ '/filingId': id, '/period': { start, end }, ...extra });
const shares = (start: string, end: string, ...values: (number | undefined)[]) =>
  values.map((v, i) => ({
    publishedAt: i === 0 ? end : start,
    periodStart: start,
    periodEnd: end,
    ...(v === undefined ? {} : { perMemberShareCny: v }),
  }));
const fact = (id: string, f: Filing, history: HistoryDigest, params: Record<string, unknown> = {}) =>
  FACTS.get(id)!.compute(f, params, { asOf: f.period.end, history });

const me = filing('me', '2021-06-16', '2021-06-30', {
  '/members': { active: 700000, activeAtPeriodStart: 700000 },
  '/disclosures': shares('2021-06-16', '2021-06-30', 2, 2),
});
const digestOf = (...fs: Filing[]) => digestHistory(me, fs.map(historyRecord), 180);

describe('historyGap', () => {
  it.each<[string, Filing[], Record<string, unknown> | null]>([
    ['no history', [], null],
    [
      'touching',
      [filing('a', '2021-06-01', '2021-06-15')],
      { latestFilingId: 'a', daysBetween: 1, unfiledFrom: null, unfiledThrough: null, unfiledDays: 0 },
    ],
    [
      'one day unfiled',
      [filing('a', '2021-06-01', '2021-06-14')],
      { daysBetween: 2, unfiledFrom: '2021-06-15', unfiledThrough: '2021-06-15', unfiledDays: 1 },
    ],
    [
      'the latest decides',
      [filing('b', '2021-06-01', '2021-06-10'), filing('a', '2021-05-01', '2021-05-31')],
      { latestFilingId: 'b', latestEnd: '2021-06-10', unfiledDays: 5 },
    ],
  ])('%s', (_name, history, expected) => {
    const v = fact('historyGap', me, digestOf(...history));
    if (expected === null) expect(v).toBeNull();
    else expect(v).toMatchObject({ filingId: 'me', period: me.period, ...expected });
  });
});

describe('historyReference', () => {
  it('names the reference filing and the window, or null', () => {
    expect(fact('historyReference', me, emptyDigest())).toBeNull();
    expect(fact('historyReference', me, digestOf(filing('old', '2020-12-01', '2020-12-31')))).toBeNull();
    expect(fact('historyReference', me, digestOf(filing('r', '2020-12-20', '2021-01-01')))).toEqual({
      referenceFilingId: 'r',
      referencePeriod: { start: '2020-12-20', end: '2021-01-01' },
      referenceEnd: '2021-01-01',
      referenceMembersActive: 2000000,
      windowDays: 180,
    });
  });
});

describe('historyMemberLoss', () => {
  const ref = (active: number) =>
    filing('r', '2021-01-01', '2021-01-15', { '/members': { active, activeAtPeriodStart: active } });
  it.each<[number, boolean, number]>([
    [1000000, false, 0.3],
    [999999, false, 0.299999299999],
    [1000001, true, 0.300000699999],
    [500000, false, -0.4],
  ])('reference %i, 700,000 now: exceeds %s', (active, exceeds, lossRate) => {
    const v = fact('historyMemberLoss', me, digestOf(ref(active)), { max: 0.3 }) as Record<
      string,
      number | boolean
    >;
    expect(v.exceeds).toBe(exceeds);
    expect(v.lossMembers).toBe(active - 700000);
    expect(v.lossRate).toBeCloseTo(lossRate, 9);
    expect(v).toMatchObject({
      referenceFilingId: 'r',
      referenceMembersActive: active,
      membersActive: 700000,
      max: 0.3,
    });
  });
  it('is null without a reference', () =>
    expect(fact('historyMemberLoss', me, emptyDigest(), { max: 0.3 })).toBeNull());
});

describe('historyShareGrowth', () => {
  const ref = (...values: (number | undefined)[]) =>
    filing('r', '2021-01-01', '2021-01-15', {
      '/disclosures': shares('2021-01-01', '2021-01-15', ...values),
    });
  it.each<[string, Filing, Filing, Record<string, unknown>]>([
    [
      'exactly twice',
      me,
      ref(1, 1),
      {
        comparable: true,
        exceeds: false,
        growth: 2,
        meanPerMemberShareCny: 2,
        referenceMeanPerMemberShareCny: 1,
      },
    ],
    [
      'above twice',
      filing('me', '2021-06-16', '2021-06-30', {
        '/disclosures': shares('2021-06-16', '2021-06-30', 2, 2.01),
      }),
      ref(1, 1),
      { exceeds: true, growth: 2.005 },
    ],
    [
      'exact where floats are not (0.1, 0.2, 0.3 against 0.1)',
      filing('me', '2021-06-16', '2021-06-30', {
        '/disclosures': shares('2021-06-16', '2021-06-30', 0.1, 0.2, 0.3),
      }),
      ref(0.1),
      { exceeds: false, growth: 2 },
    ],
    [
      'a disclosure without a share is skipped',
      me,
      ref(1, undefined),
      { referenceDisclosures: 1, exceeds: false },
    ],
    [
      'a reference mean of 0 is not comparable',
      me,
      ref(0),
      { comparable: false, exceeds: false, growth: null },
    ],
    [
      'no share in the reference period',
      me,
      ref(),
      { comparable: false, referenceMeanPerMemberShareCny: null },
    ],
  ])('%s', (_name, subject, reference, expected) => {
    const v = fact('historyShareGrowth', subject, digestHistory(subject, [historyRecord(reference)], 180), {
      factor: 2,
    });
    expect(v).toMatchObject({ referenceFilingId: 'r', factor: 2, ...expected });
  });
});

describe('historyReason', () => {
  it('says why a history rule is not applicable', () => {
    expect(historyReason('historyGap', emptyDigest())).toBe('no_earlier_filing');
    expect(historyReason('historyMemberLoss', digestOf(filing('old', '2020-12-01', '2020-12-31')))).toBe(
      'no_earlier_filing_in_window',
    );
    expect(historyReason('historyGap', digestOf(filing('old', '2020-12-01', '2020-12-31')))).toBeNull();
    expect(historyReason('historyShareGrowth', digestOf(filing('r', '2021-01-01', '2021-01-15')))).toBeNull();
    expect(historyReason('memberChangeRate', emptyDigest())).toBeNull();
  });
});
