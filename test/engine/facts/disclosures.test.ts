// disclosureGaps (the cadence of DESIGN section 5), disclosuresMissing, lateDisclosures and untimelyDisclosures.

import { describe, expect, it } from 'vitest';
import { cadencePoints } from '../../../src/engine/facts/disclosures.js';
import type { Disclosure } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue, pointers } from '../../support/facts.js';

const d = (publishedAt: string, over: Partial<Disclosure> = {}): Disclosure => ({
  publishedAt,
  periodStart: publishedAt,
  periodEnd: publishedAt,
  cases: 1,
  amountToShareCny: 1,
  perMemberShareCny: 1,
  managementFeeCny: 1,
  ...over,
});
const filingWith = (start: string, end: string, disclosures: Disclosure[]) =>
  makeFiling({ '/period': { start, end }, '/disclosures': disclosures });

describe('cadencePoints', () => {
  it.each<[string, string, string, Disclosure[], string[]]>([
    [
      'period.start is the anchor when nothing was published before',
      '2021-06-01',
      '2021-06-30',
      [d('2021-06-15')],
      ['2021-06-01', '2021-06-15', '2021-06-30'],
    ],
    [
      'the latest disclosure before period.start is the anchor',
      '2021-06-16',
      '2021-06-30',
      [d('2021-05-31'), d('2021-06-15'), d('2021-06-30')],
      ['2021-06-15', '2021-06-30', '2021-06-30'],
    ],
    [
      'no disclosures: period.start and period.end',
      '2021-06-16',
      '2021-06-30',
      [],
      ['2021-06-16', '2021-06-30'],
    ],
    [
      'a disclosure on period.start is inside the period',
      '2021-06-16',
      '2021-06-30',
      [d('2021-06-16')],
      ['2021-06-16', '2021-06-16', '2021-06-30'],
    ],
    [
      'disclosures after period.end are left out',
      '2021-06-16',
      '2021-06-30',
      [d('2021-07-01'), d('2021-06-20')],
      ['2021-06-16', '2021-06-20', '2021-06-30'],
    ],
    [
      'taken by publishedAt, not list order',
      '2021-06-01',
      '2021-06-30',
      [d('2021-06-25'), d('2021-05-20'), d('2021-06-10'), d('2021-05-28')],
      ['2021-05-28', '2021-06-10', '2021-06-25', '2021-06-30'],
    ],
  ])('%s', (_name, start, end, disclosures, dates) => {
    expect(cadencePoints(filingWith(start, end, disclosures)).map((p) => p.date)).toEqual(dates);
  });
});

describe('disclosureGaps', () => {
  const gaps = (start: string, end: string, disclosures: Disclosure[], maxDays = 16) =>
    factValue('disclosureGaps', filingWith(start, end, disclosures), { maxDays });

  it('the base filing (anchor 15 days before period.end) has no gap', () => {
    expect(factValue('disclosureGaps', makeFiling(), { maxDays: 16 })).toEqual([]);
    expect(factValue('disclosureGaps', makeFiling(), { maxDays: 15 })).toEqual([]);
  });

  it('names the point that closes a gap, with from, to, days and maxDays', () => {
    expect(factValue('disclosureGaps', makeFiling(), { maxDays: 14 })).toEqual([
      { pointer: '/disclosures/1', from: '2021-06-15', to: '2021-06-30', days: 15, maxDays: 14 },
    ]);
  });

  it.each<[string, string, string, Disclosure[], string[]]>([
    ['no disclosures, 16 days from period.start', '2021-06-14', '2021-06-30', [], []],
    ['no disclosures, 17 days from period.start', '2021-06-13', '2021-06-30', [], ['/period/end']],
    [
      '16 days between two disclosures',
      '2021-06-01',
      '2021-06-30',
      [d('2021-06-01'), d('2021-06-17'), d('2021-06-30')],
      [],
    ],
    [
      '17 days between two disclosures',
      '2021-06-01',
      '2021-06-30',
      [d('2021-06-01'), d('2021-06-18'), d('2021-06-30')],
      ['/disclosures/1'],
    ],
    [
      '16 days from an anchor before period.start',
      '2021-06-16',
      '2021-06-30',
      [d('2021-05-31'), d('2021-06-16'), d('2021-06-30')],
      [],
    ],
    [
      '17 days from an anchor before period.start',
      '2021-06-16',
      '2021-06-30',
      [d('2021-05-30'), d('2021-06-16'), d('2021-06-30')],
      ['/disclosures/1'],
    ],
    [
      '16 days from the last disclosure to period.end',
      '2021-06-16',
      '2021-07-16',
      [d('2021-06-15'), d('2021-06-30')],
      [],
    ],
    [
      '17 days from the last disclosure to period.end',
      '2021-06-30',
      '2021-07-17',
      [d('2021-06-30')],
      ['/period/end'],
    ],
    [
      'a disclosure after period.end does not close a gap',
      '2021-06-01',
      '2021-06-30',
      [d('2021-05-31'), d('2021-07-01')],
      ['/period/end'],
    ],
    [
      'every gap named',
      '2021-06-01',
      '2021-07-31',
      [d('2021-06-01'), d('2021-06-20'), d('2021-07-10')],
      ['/disclosures/1', '/disclosures/2', '/period/end'],
    ],
    [
      'gaps judged by publishedAt whatever the order',
      '2021-06-01',
      '2021-06-30',
      [d('2021-06-30'), d('2021-06-15'), d('2021-05-31')],
      [],
    ],
  ])('%s', (_name, start, end, disclosures, expected) => {
    expect(pointers(gaps(start, end, disclosures))).toEqual(expected);
  });

  it('16 days from the last disclosure to period.end is not a gap, 17 is', () => {
    expect(pointers(gaps('2021-06-20', '2021-07-16', [d('2021-06-30')]))).toEqual([]);
    expect(pointers(gaps('2021-06-20', '2021-07-17', [d('2021-06-30')]))).toEqual(['/period/end']);
  });

  it('follows maxDays', () => {
    expect(pointers(gaps('2021-06-01', '2021-06-30', [d('2021-06-10')], 20))).toEqual([]);
    expect(pointers(gaps('2021-06-01', '2021-06-30', [d('2021-06-10')], 19))).toEqual(['/period/end']);
    expect(pointers(gaps('2021-06-01', '2021-06-30', [d('2021-06-10')], 9))).toEqual(['/period/end']);
    expect(pointers(gaps('2021-06-01', '2021-06-30', [d('2021-06-10')], 8))).toEqual([
      '/disclosures/0',
      '/period/end',
    ]);
  });
});

describe('disclosuresMissing', () => {
  const partial = (...missing: (keyof Disclosure)[]) => {
    const x = d('2021-06-15');
    for (const k of missing) delete x[k];
    return x;
  };

  it.each<[string, Disclosure[], Record<string, unknown>, { pointer: string; missing: string[] }[]]>([
    ['complete disclosures', [d('2021-06-15'), d('2021-06-30')], {}, []],
    ['no disclosures', [], {}, []],
    [
      'each figure missing',
      [partial('cases'), d('2021-06-30'), partial('amountToShareCny', 'managementFeeCny')],
      {},
      [
        { pointer: '/disclosures/0', missing: ['cases'] },
        { pointer: '/disclosures/2', missing: ['amountToShareCny', 'managementFeeCny'] },
      ],
    ],
    [
      'only its dates',
      [partial('cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny')],
      {},
      [
        {
          pointer: '/disclosures/0',
          missing: ['cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny'],
        },
      ],
    ],
    [
      'only the fields asked for',
      [partial('cases'), partial('perMemberShareCny')],
      { fields: ['perMemberShareCny'] },
      [{ pointer: '/disclosures/1', missing: ['perMemberShareCny'] }],
    ],
  ])('%s', (_name, disclosures, params, expected) => {
    const items = factValue('disclosuresMissing', makeFiling({ '/disclosures': disclosures }), params) as {
      pointer: string;
      missing: string[];
    }[];
    expect(items.map(({ pointer, missing }) => ({ pointer, missing }))).toEqual(expected);
  });

  it('counts a zero figure as present', () => {
    expect(
      factValue(
        'disclosuresMissing',
        makeFiling({ '/disclosures': [d('2021-06-15', { cases: 0, managementFeeCny: 0 })] }),
      ),
    ).toEqual([]);
  });
});

describe('lateDisclosures', () => {
  it.each<[number, boolean]>([
    [0, false],
    [4, false],
    [5, false],
    [6, true],
    [30, true],
  ])('published %d days after periodEnd → late: %s', (days, late) => {
    const filing = makeFiling({
      '/disclosures': [
        d('2021-06-20', {
          periodStart: '2021-06-01',
          periodEnd: `2021-06-${String(20 - days).padStart(2, '0')}`,
        }),
      ],
    });
    if (days === 30)
      filing.disclosures[0] = d('2021-06-20', { periodStart: '2021-05-01', periodEnd: '2021-05-21' });
    const items = factValue('lateDisclosures', filing, { maxDays: 5 });
    expect(pointers(items)).toEqual(late ? ['/disclosures/0'] : []);
    if (late)
      expect(items).toEqual([expect.objectContaining({ publishedAt: '2021-06-20', days, maxDays: 5 })]);
  });

  it('a disclosure published before its periodEnd is not late', () => {
    expect(
      factValue(
        'lateDisclosures',
        makeFiling({
          '/disclosures': [d('2021-06-10', { periodStart: '2021-06-01', periodEnd: '2021-06-15' })],
        }),
        { maxDays: 0 },
      ),
    ).toEqual([]);
  });
});

describe('untimelyDisclosures (DISC-003, third edition)', () => {
  // published 2021-06-20; its periodEnd moves around it
  const at = (periodEnd: string) =>
    makeFiling({ '/disclosures': [d('2021-06-20', { periodStart: '2021-05-01', periodEnd })] });

  it.each<[string, number, boolean, boolean]>([
    ['2021-06-22', -2, false, true],
    ['2021-06-21', -1, false, true],
    ['2021-06-20', 0, false, false],
    ['2021-06-19', 1, false, false],
    ['2021-06-15', 5, false, false],
    ['2021-06-14', 6, true, false],
  ])('periodEnd %s (published %d days after it) → late %s, early %s', (periodEnd, days, late, early) => {
    const items = factValue('untimelyDisclosures', at(periodEnd), { maxDays: 5 });
    if (!late && !early) expect(items).toEqual([]);
    else
      expect(items).toEqual([
        { pointer: '/disclosures/0', periodEnd, publishedAt: '2021-06-20', days, maxDays: 5, late, early, daysEarly: early ? -days : 0 },
      ]);
  });

  it('lists every untimely disclosure, in filing order, and leaves lateDisclosures as it was', () => {
    const filing = makeFiling({
      '/disclosures': [
        d('2021-06-20', { periodStart: '2021-06-01', periodEnd: '2021-06-25' }),
        d('2021-06-21', { periodStart: '2021-06-01', periodEnd: '2021-06-21' }),
        d('2021-06-30', { periodStart: '2021-06-01', periodEnd: '2021-06-10' }),
      ],
    });
    expect(pointers(factValue('untimelyDisclosures', filing, { maxDays: 5 }))).toEqual(['/disclosures/0', '/disclosures/2']);
    expect(pointers(factValue('lateDisclosures', filing, { maxDays: 5 }))).toEqual(['/disclosures/2']);
  });

  it('with maxDays 0 only the day itself is timely', () => {
    expect(pointers(factValue('untimelyDisclosures', at('2021-06-19'), { maxDays: 0 }))).toEqual(['/disclosures/0']);
    expect(pointers(factValue('untimelyDisclosures', at('2021-06-20'), { maxDays: 0 }))).toEqual([]);
  });
});
