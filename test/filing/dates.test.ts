// Calendar dates: real dates only, differences in whole days.

import { describe, expect, it } from 'vitest';
import { addDays, dateOfDay, dayNumber, daysBetween, isCalendarDate } from '../../src/filing/dates.js';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2021-04-31', false],
    ['2021-12-31', true],
    ['2021-13-01', false],
    ['2021-00-10', false],
    ['2021-01-00', false],
    ['2021-1-01', false],
    ['2021-01-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (date, ok) => {
    expect(isCalendarDate(date)).toBe(ok);
  });
});

describe('daysBetween and addDays', () => {
  it.each([
    ['2021-12-28', '2022-01-28', 31],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2021-06-30', '2021-06-30', 0],
    ['2021-06-30', '2021-06-29', -1],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });
});

describe('dateOfDay', () => {
  const viaDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

  it('writes every day of years 0000 to 9999 as Date does, and back through dayNumber', () => {
    for (let day = dayNumber('0000-01-01'); day <= dayNumber('9999-12-31'); day += 1 + (Math.abs(day) % 37)) {
      expect(dateOfDay(day)).toBe(viaDate(day));
      expect(dayNumber(dateOfDay(day))).toBe(day);
    }
    for (const date of ['1970-01-01', '1969-12-31', '2000-02-29', '2100-03-01', '0000-01-01', '9999-12-31'])
      expect(dateOfDay(dayNumber(date))).toBe(date);
  });

  it('leaves what is outside those years, or no whole day, to Date', () => {
    for (const day of [dayNumber('0000-01-01') - 1, dayNumber('9999-12-31') + 1]) expect(dateOfDay(day)).toBe(viaDate(day));
    expect(dateOfDay(0.5)).toBe(viaDate(0.5));
    expect(() => dateOfDay(Number.NaN)).toThrow(RangeError);
    expect(() => addDays('not a date', 1)).toThrow(RangeError);
  });
});
