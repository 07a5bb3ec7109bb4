// The history digest's fast answers against the definition (DESIGN §5.1 revision 3), on generated
// histories: the range index (peak, next positive mean) and the whole digest, from records and from the
// compact index, equal a plain reading of every record.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber } from '../../src/filing/dates.js';
import { dateOf, HistoryIndex } from '../../src/engine/history-index.js';
import { HistoryRanges } from '../../src/engine/history-range.js';
import {
  compareRecords,
  digestHistory,
  digestSorted,
  positiveMean,
  type HistoryDigest,
  type HistoryRecord,
} from '../../src/engine/history.js';
import { makeFiling } from '../support/filing-factory.js';

describe('dateOf', () => {
  it('writes every day number as the calendar does, before 1970 and across leap years', () => {
    for (let day = dayNumber('1899-12-25'); day <= dayNumber('2101-01-05'); day += 1)
      expect(dateOf(day)).toBe(addDays('1970-01-01', day));
    for (const date of ['0000-03-01', '1600-02-29', '2000-02-29', '2024-02-29', '9999-12-31'])
      expect(dateOf(dayNumber(date))).toBe(date);
  });
});

describe('HistoryRanges', () => {
  it('answers the peak of every range and the next positive mean as a walk over the records does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ members: fc.integer({ min: 0, max: 5 }), positive: fc.boolean() }), {
          maxLength: 40,
        }),
        (xs) => {
          const r = new HistoryRanges(
            xs.length,
            (i) => xs[i]!.members,
            (i) => xs[i]!.positive,
          );
          for (let lo = 0; lo <= xs.length; lo++) {
            let next = lo;
            while (next < xs.length && !xs[next]!.positive) next++;
            expect(r.firstPositiveFrom(lo)).toBe(next);
            for (let hi = lo; hi <= xs.length; hi++) {
              let best = -1;
              for (let i = lo; i < hi; i++) if (best < 0 || xs[i]!.members > xs[best]!.members) best = i;
              expect(r.peakIn(lo, hi)).toBe(best);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The digest by the definition: every record read, nothing indexed. */
function plainDigest(
  subject: {
    filingId: string;
    platform: { id: string };
    period: { start: string; end: string };
    supersedes?: string | null;
  },
  records: readonly HistoryRecord[],
  windows: readonly number[],
): HistoryDigest {
  const mine = records.filter((r) => r.platformId === subject.platform.id);
  const superseded = new Set(mine.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])));
  if (subject.supersedes) superseded.add(subject.supersedes);
  const sorted = mine.filter((r) => !superseded.has(r.filingId)).sort(compareRecords);
  const once = sorted.filter(
    (r, i) =>
      i === 0 ||
      !(
        r.filingId === sorted[i - 1]!.filingId &&
        r.period.start === sorted[i - 1]!.period.start &&
        r.period.end === sorted[i - 1]!.period.end
      ),
  );
  const history = once.filter((r) => r.period.start < subject.period.start);
  if (history.length === 0) return { summary: null, latest: null, earliest: null, windows: [] };
  const end = dayNumber(subject.period.end);
  return {
    summary: {
      filings: history.length,
      from: history.map((r) => r.period.start).sort()[0]!,
      through: history.at(-1)!.period.end,
    },
    latest: history.at(-1)!,
    earliest: history[0]!,
    windows: [...new Set(windows)]
      .sort((a, b) => a - b)
      .map((days) => {
        const inWindow = history.filter((r) => end - dayNumber(r.period.end) <= days);
        let peak: HistoryRecord | null = null;
        for (const r of inWindow) if (peak === null || r.membersActive > peak.membersActive) peak = r;
        return {
          days,
          first: inWindow[0] ?? null,
          peak,
          reference: inWindow.find((r) => positiveMean(r.shares)) ?? null,
        };
      }),
  };
}

describe('the history digest', () => {
  const subject = makeFiling({ '/filingId': 'me', '/period': { start: '2021-06-16', end: '2021-06-30' } });
  const recordArb = fc
    .record({
      end: fc.integer({ min: -500, max: 60 }).map((d) => addDays('2021-06-16', d)),
      days: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 400 })),
      id: fc.constantFrom('a', 'B', 'c', 'me', '10', '9'),
      supersedes: fc.option(fc.constantFrom('a', 'B', 'c', 'x'), { freq: 5 }),
      other: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      members: fc.integer({ min: 0, max: 4 }),
      shares: fc.constantFrom(
        { count: 0, sum: '0' },
        { count: 1, sum: '0' },
        { count: 2, sum: '0.3' },
        { count: 1, sum: '12345678901234567.89' },
      ),
    })
    .map((g): HistoryRecord => ({
      filingId: g.id,
      platformId: g.other ? 'other' : 'base-mutual',
      period: { start: addDays(g.end, -g.days), end: g.end },
      supersedes: g.supersedes === g.id ? null : g.supersedes,
      membersActive: g.members,
      shares: g.shares,
    }));

  it('from records and from the compact index, equals the definition', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 3 }),
        fc.option(fc.constantFrom('a', 'B'), { freq: 3 }),
        (records, windows, corrects) => {
          const me = { ...subject, supersedes: corrects };
          const expected = plainDigest(me, records, windows);
          expect(digestHistory(me, records, windows)).toEqual(expected);
          // the compact index's sorted view, as a scan reads it
          const index = new HistoryIndex();
          for (const r of records) index.add(r);
          expect(digestSorted(index.seal().platform('base-mutual'), me, windows)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
