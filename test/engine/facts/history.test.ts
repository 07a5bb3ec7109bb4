// Table tests for the history facts (HIST-001..004, DESIGN §5.1 revision 3): what each computes from a
// filing and its digest, at and beside every boundary, and the reasons a history rule is not applicable.

import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../src/engine/facts/index.js';
import { DEFAULT_WINDOW_DAYS, historyReason, historyWindowOf } from '../../../src/engine/facts/history.js';
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
const members = (active: number) => ({ '/members': { active, activeAtPeriodStart: active } });
const fact = (id: string, f: Filing, history: HistoryDigest, params: Record<string, unknown> = {}) =>
  FACTS.get(id)!.compute(f, params, { asOf: f.period.end, history });

const me = filing('me', '2021-06-16', '2021-06-30', {
  ...members(700000),
  '/disclosures': shares('2021-06-16', '2021-06-30', 2, 2),
});
const WINDOWS = [180, 365];
const digestOf = (subject: Filing, ...fs: Filing[]) => digestHistory(subject, fs.map(historyRecord), WINDOWS);
/** A filing long before the others, so that a reference after 2020-06-15 is past the 365-day ramp-up. */
const first = filing('first', '2019-06-01', '2019-06-15');

describe('historyGap', () => {
  it.each<[string, Filing[], Record<string, unknown> | null]>([
    ['no history', [], null],
    [
      'touching',
      [filing('a', '2021-06-01', '2021-06-15')],
      {
        latestFilingId: 'a',
        lastCoveredDay: '2021-06-15',
        daysBetween: 1,
        unfiledFrom: null,
        unfiledThrough: null,
        unfiledDays: 0,
      },
    ],
    [
      'one day unfiled',
      [filing('a', '2021-06-01', '2021-06-14')],
      { daysBetween: 2, unfiledFrom: '2021-06-15', unfiledThrough: '2021-06-15', unfiledDays: 1 },
    ],
    [
      'an earlier-starting filing overlapping by a day covers the day before',
      [filing('a', '2021-06-01', '2021-06-16')],
      { latestFilingId: 'a', daysBetween: 0, unfiledFrom: null, unfiledThrough: null, unfiledDays: 0 },
    ],
    [
      'one running past this filing covers it too',
      [filing('a', '2021-01-01', '2021-12-31')],
      { latestFilingId: 'a', lastCoveredDay: '2021-12-31', daysBetween: -198, unfiledDays: 0 },
    ],
    [
      'the latest period.end of the union decides, whatever the order',
      [
        filing('b', '2021-06-01', '2021-06-10'),
        filing('long', '2021-04-01', '2021-06-12'),
        filing('a', '2021-05-01', '2021-05-31'),
      ],
      {
        latestFilingId: 'long',
        latestPeriod: { start: '2021-04-01', end: '2021-06-12' },
        lastCoveredDay: '2021-06-12',
        unfiledDays: 3,
      },
    ],
    ['a filing starting the same day is no history', [filing('same', '2021-06-16', '2021-06-20')], null],
  ])('%s', (_name, history, expected) => {
    const v = fact('historyGap', me, digestOf(me, ...history));
    if (expected === null) expect(v).toBeNull();
    else expect(v).toMatchObject({ filingId: 'me', period: me.period, ...expected });
  });
});

describe('historyReference', () => {
  it("names the window's earliest filing, 180 days when the condition gives no window", () => {
    expect(fact('historyReference', me, emptyDigest())).toBeNull();
    expect(fact('historyReference', me, digestOf(me, filing('old', '2020-12-01', '2020-12-31')))).toBeNull();
    const d = digestOf(me, filing('r', '2020-12-20', '2021-01-01'), filing('s', '2021-02-01', '2021-02-15'));
    expect(fact('historyReference', me, d)).toEqual({
      referenceFilingId: 'r',
      referencePeriod: { start: '2020-12-20', end: '2021-01-01' },
      referenceEnd: '2021-01-01',
      referenceMembersActive: 2000000,
      windowDays: 180,
    });
    expect(
      fact('historyReference', me, digestOf(me, filing('old', '2020-12-01', '2020-12-31')), {
        windowDays: 365,
      }),
    ).toMatchObject({
      referenceFilingId: 'old',
      windowDays: 365,
    });
  });
});

describe('historyMemberLoss', () => {
  const peak = (active: number, end = '2021-01-15') => filing('p', '2021-01-01', end, members(active));
  it.each<[number, boolean, number]>([
    // 700,000 now against a peak of 823,529 / 823,530 / 823,531: the 15 % edge is 823,529.41…
    [823529, false, 0.149999939286],
    [823530, true, 0.150000607142],
    [500000, false, -0.4],
  ])('peak %d, 700,000 now: exceeds %s', (active, exceeds, lossRate) => {
    const v = fact('historyMemberLoss', me, digestOf(me, peak(active)), {
      max: 0.15,
      windowDays: 365,
    }) as Record<string, number | boolean>;
    expect(v.exceeds).toBe(exceeds);
    expect(v.lossRate).toBeCloseTo(lossRate, 6);
    expect(v).toMatchObject({
      peakFilingId: 'p',
      peakMembersActive: active,
      membersActive: 700000,
      max: 0.15,
      windowDays: 365,
    });
  });

  it('is exact at the boundary: 850,000 against 1,000,000 is a loss of exactly 15 %', () => {
    const f = filing('me', '2021-06-16', '2021-06-30', members(850000));
    const at = (active: number) =>
      fact('historyMemberLoss', f, digestOf(f, peak(active)), { max: 0.15, windowDays: 365 }) as Record<
        string,
        unknown
      >;
    expect(at(1000000)).toMatchObject({ exceeds: false, lossMembers: 150000, lossRate: 0.15 });
    expect(at(1000001).exceeds).toBe(true);
    expect(at(999999).exceeds).toBe(false);
  });

  it('takes the peak of the window: the most members, ties the earlier period.end, then the smaller filingId', () => {
    const d = digestHistory(
      me,
      [
        filing('late', '2021-05-01', '2021-05-15', members(1000000)),
        filing('h-a', '2021-02-01', '2021-02-15', members(1000000)),
        filing('h-B', '2021-02-01', '2021-02-15', members(1000000)),
        filing('small', '2021-01-01', '2021-01-15', members(800000)),
        filing('out', '2020-06-01', '2020-06-15', members(9000000)),
      ].map(historyRecord),
      [60, 365],
    );
    expect(fact('historyMemberLoss', me, d, { max: 0.15, windowDays: 365 })).toMatchObject({
      peakFilingId: 'h-B',
      peakPeriod: { start: '2021-02-01', end: '2021-02-15' },
      peakEnd: '2021-02-15',
      lossMembers: 300000,
      exceeds: true,
    });
    // the window shorter than the peak's distance: the next most
    expect(fact('historyMemberLoss', me, d, { max: 0.15, windowDays: 60 })).toMatchObject({
      peakFilingId: 'late',
    });
  });

  it('is null without a filing in the window, and fails on a digest without its window', () => {
    expect(fact('historyMemberLoss', me, emptyDigest(), { max: 0.15, windowDays: 365 })).toBeNull();
    expect(
      fact('historyMemberLoss', me, digestOf(me, peak(1, '2020-06-29')), { max: 0.15, windowDays: 365 }),
    ).toBeNull();
    expect(() => fact('historyMemberLoss', me, digestOf(me, peak(1)), { max: 0.15, windowDays: 90 })).toThrow(
      /90-day window/,
    );
  });
});

describe('historyShareGrowth', () => {
  const ref = (...values: (number | undefined)[]) =>
    filing('r', '2021-01-01', '2021-01-15', {
      '/disclosures': shares('2021-01-01', '2021-01-15', ...values),
    });
  const params = { factor: 2, windowDays: 180, rampUpDays: 365 };
  it.each<[string, Filing, Filing[], Record<string, unknown>]>([
    [
      'exactly twice',
      me,
      [first, ref(1, 1)],
      {
        comparable: true,
        exceeds: false,
        growth: 2,
        meanPerMemberShareCny: 2,
        referenceMeanPerMemberShareCny: 1,
        rampUp: false,
      },
    ],
    [
      'above twice',
      filing('me', '2021-06-16', '2021-06-30', {
        '/disclosures': shares('2021-06-16', '2021-06-30', 2, 2.01),
      }),
      [first, ref(1, 1)],
      { exceeds: true, growth: 2.005 },
    ],
    [
      'below twice',
      filing('me', '2021-06-16', '2021-06-30', {
        '/disclosures': shares('2021-06-16', '2021-06-30', 2, 1.99),
      }),
      [first, ref(1, 1)],
      { exceeds: false, growth: 1.995 },
    ],
    [
      'exact where floats are not (0.1, 0.2, 0.3 against 0.1)',
      filing('me', '2021-06-16', '2021-06-30', {
        '/disclosures': shares('2021-06-16', '2021-06-30', 0.1, 0.2, 0.3),
      }),
      [first, ref(0.1)],
      { exceeds: false, growth: 2 },
    ],
    [
      'a disclosure without a share is skipped',
      me,
      [first, ref(1, undefined)],
      { referenceDisclosures: 1, exceeds: false },
    ],
    [
      'without a share of its own it is not comparable',
      filing('me', '2021-06-16', '2021-06-30', { '/disclosures': [] }),
      [first, ref(1)],
      { comparable: false, exceeds: false, growth: null, meanPerMemberShareCny: null, disclosures: 0 },
    ],
    [
      'the ramp-up: the earliest filing ended 364 days before the reference',
      me,
      [filing('e', '2020-01-03', '2020-01-17'), ref(1)],
      { earliestFilingId: 'e', historyDays: 364, rampUpDays: 365, rampUp: true },
    ],
    [
      'past the ramp-up: exactly 365 days',
      me,
      [filing('e', '2020-01-02', '2020-01-16'), ref(1)],
      {
        earliestFilingId: 'e',
        earliestPeriod: { start: '2020-01-02', end: '2020-01-16' },
        historyDays: 365,
        rampUp: false,
      },
    ],
    [
      'the reference alone is a ramp-up',
      me,
      [ref(1)],
      { earliestFilingId: 'r', historyDays: 0, rampUp: true },
    ],
  ])('%s', (_name, subject, history, expected) => {
    const v = fact('historyShareGrowth', subject, digestOf(subject, ...history), params);
    expect(v).toMatchObject({ referenceFilingId: 'r', factor: 2, windowDays: 180, ...expected });
  });

  it('takes the earliest filing of the window whose mean is above 0 as the reference', () => {
    const zero = filing('zero', '2020-12-20', '2021-01-05', {
      '/disclosures': shares('2020-12-20', '2021-01-05', 0),
    });
    const none = filing('none', '2021-01-06', '2021-01-10', { '/disclosures': [] });
    const d = digestOf(
      me,
      first,
      zero,
      none,
      ref(1),
      filing('later', '2021-03-01', '2021-03-15', { '/disclosures': shares('2021-03-01', '2021-03-15', 5) }),
    );
    expect(fact('historyShareGrowth', me, d, params)).toMatchObject({
      referenceFilingId: 'r',
      referenceEnd: '2021-01-15',
    });
    // none with a share above 0 in the window: null
    expect(fact('historyShareGrowth', me, digestOf(me, first, zero, none), params)).toBeNull();
  });

  it('without rampUpDays (a rule set written before revision 3) there is no guard, and the window is 180 days', () => {
    expect(fact('historyShareGrowth', me, digestOf(me, ref(1)), { factor: 2 })).toMatchObject({
      rampUpDays: null,
      rampUp: false,
      windowDays: DEFAULT_WINDOW_DAYS,
    });
  });
});

describe('historySpiral', () => {
  const params = { factor: 1.3, minLossRate: 0.05, windowDays: 365, rampUpDays: 365 };
  const reference = filing('r', '2020-07-01', '2020-07-15', {
    ...members(1000000),
    '/disclosures': shares('2020-07-01', '2020-07-15', 1),
  });
  const now = (share: number, active: number) =>
    filing('me', '2021-06-16', '2021-06-30', {
      ...members(active),
      '/disclosures': shares('2021-06-16', '2021-06-30', share),
    });
  it.each<[number, number, boolean, boolean]>([
    [1.31, 949999, true, true],
    [1.3, 949999, false, true],
    [1.2999, 949999, false, true],
    [1.3001, 950000, true, false],
    [1.5, 950001, true, false],
    [1, 1000001, false, false],
  ])('share %d, %d members: shareGrew %s, membersFell %s', (share, active, shareGrew, membersFell) => {
    const f = now(share, active);
    const v = fact('historySpiral', f, digestOf(f, first, reference), params);
    expect(v).toMatchObject({
      referenceFilingId: 'r',
      referencePeriod: { start: '2020-07-01', end: '2020-07-15' },
      referenceMembersActive: 1000000,
      referenceMeanPerMemberShareCny: 1,
      meanPerMemberShareCny: share,
      membersActive: active,
      lossMembers: 1000000 - active,
      factor: 1.3,
      minLossRate: 0.05,
      windowDays: 365,
      rampUp: false,
      comparable: true,
      shareGrew,
      membersFell,
    });
  });

  it('compares members with the reference, not with the peak of the window', () => {
    const f = now(2, 949999);
    const peak = filing('peak', '2020-12-01', '2020-12-15', {
      ...members(5000000),
      '/disclosures': shares('2020-12-01', '2020-12-15', 1),
    });
    expect(fact('historySpiral', f, digestOf(f, first, reference, peak), params)).toMatchObject({
      referenceFilingId: 'r',
      membersFell: true,
      lossRate: 0.050001,
    });
  });

  it('a reference with no members loses none (no division)', () => {
    const f = now(2, 10);
    const empty = filing('r', '2020-07-01', '2020-07-15', {
      ...members(0),
      '/disclosures': shares('2020-07-01', '2020-07-15', 1),
    });
    expect(fact('historySpiral', f, digestOf(f, first, empty), params)).toMatchObject({
      membersFell: false,
      lossRate: null,
      lossMembers: -10,
    });
  });

  it('is null without a history or a reference, and gives rampUp as HIST-003 does', () => {
    expect(fact('historySpiral', me, emptyDigest(), params)).toBeNull();
    expect(
      fact(
        'historySpiral',
        me,
        digestOf(
          me,
          filing('old', '2020-06-01', '2020-06-15', {
            '/disclosures': shares('2020-06-01', '2020-06-15', 1),
          }),
        ),
        params,
      ),
    ).toBeNull();
    expect(fact('historySpiral', me, digestOf(me, reference), params)).toMatchObject({
      rampUp: true,
      historyDays: 0,
    });
  });
});

describe('historyReason', () => {
  const share = { factor: 2, windowDays: 180, rampUpDays: 365 };
  const spiral = { factor: 1.3, minLossRate: 0.05, windowDays: 365, rampUpDays: 365 };
  const withShare = (id: string, start: string, end: string) =>
    filing(id, start, end, { '/disclosures': shares(start, end, 1) });
  it.each<[string, string, Record<string, unknown> | undefined, Filing[], string | null]>([
    ['no history', 'historyGap', undefined, [], 'no_earlier_filing'],
    [
      'a history: the gap is for HIST-001 to judge',
      'historyGap',
      undefined,
      [filing('old', '2020-01-01', '2020-01-15')],
      null,
    ],
    [
      'no history, a window fact',
      'historyMemberLoss',
      { max: 0.15, windowDays: 365 },
      [],
      'no_earlier_filing',
    ],
    [
      'nothing in the window',
      'historyMemberLoss',
      { max: 0.15, windowDays: 365 },
      [filing('old', '2020-06-01', '2020-06-15')],
      'no_earlier_filing_in_window',
    ],
    [
      'a filing in the window',
      'historyMemberLoss',
      { max: 0.15, windowDays: 365 },
      [filing('r', '2021-01-01', '2021-01-15')],
      null,
    ],
    [
      'a filing of the window without a share',
      'historyShareGrowth',
      share,
      [filing('r', '2021-01-01', '2021-01-15', { '/disclosures': [] })],
      'no_earlier_filing_in_window',
    ],
    [
      'a reference, too soon after the first filing',
      'historyShareGrowth',
      share,
      [withShare('r', '2021-01-01', '2021-01-15')],
      'ramp_up',
    ],
    [
      'a reference past the ramp-up',
      'historyShareGrowth',
      share,
      [first, withShare('r', '2021-01-01', '2021-01-15')],
      null,
    ],
    [
      'the spiral, in its ramp-up',
      'historySpiral',
      spiral,
      [withShare('r', '2020-07-01', '2020-07-15')],
      'ramp_up',
    ],
    [
      'the spiral, past it',
      'historySpiral',
      spiral,
      [first, withShare('r', '2020-07-01', '2020-07-15')],
      null,
    ],
    [
      'the spiral without a reference',
      'historySpiral',
      spiral,
      [filing('old', '2020-06-01', '2020-06-15')],
      'no_earlier_filing_in_window',
    ],
    [
      'no guard without rampUpDays',
      'historyShareGrowth',
      { factor: 2 },
      [withShare('r', '2021-01-01', '2021-01-15')],
      null,
    ],
    ['another fact', 'memberChangeRate', undefined, [], null],
  ])('%s', (_name, factId, params, history, code) => {
    expect(historyReason(factId, params, digestOf(me, ...history))).toBe(code);
  });
});

describe('historyWindowOf', () => {
  it('gives the window of each window fact (180 when not given), null for the others', () => {
    expect(historyWindowOf('historyMemberLoss', { max: 0.15, windowDays: 365 })).toBe(365);
    expect(historyWindowOf('historySpiral', { windowDays: 0 })).toBe(0);
    expect(historyWindowOf('historyShareGrowth', { factor: 2 })).toBe(180);
    expect(historyWindowOf('historyReference', undefined)).toBe(180);
    expect(historyWindowOf('historyGap', {})).toBeNull();
    expect(historyWindowOf('count', { windowDays: 5 })).toBeNull();
  });
});
