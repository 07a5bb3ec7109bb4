// Exact decimals as scaled integers: the numbers as written, compared and combined without rounding.

import fc from 'fast-check';
import { Decimal as Base } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { abs, cmp, compareExact, exact, exactOf, exactText, minus, plus, readable, readableRatio, roundTo, times } from '../../src/engine/exact.js';

// a reference with room for every digit of the sums and products below
const Decimal = Base.clone({ precision: 1000 });

describe('exact', () => {
  it.each([
    [1194001.99, 119400199n, 2],
    [0.08, 8n, 2],
    [1e-7, 1n, 7],
    [1.5e21, 1500000000000000000000n, 0],
    [-0.005, -5n, 3],
    [75000000, 75000000n, 0],
  ])('%s is %s × 10^-%s', (n, m, s) => {
    const x = exact(n);
    expect(x.m * 10n ** BigInt(Math.max(0, s - x.s))).toBe(m * 10n ** BigInt(Math.max(0, x.s - s)));
    expect(exactText(x)).toBe(new Decimal(String(n)).toFixed());
  });

  it('compares at a boundary exactly: 1,200,002.00 against 1,194,001.99 differ by exactly 0.5 %', () => {
    const ledger = exact(1200002);
    const custody = exact(1194001.99);
    const difference = abs(minus(ledger, custody));
    expect(exactText(difference)).toBe('6000.01');
    // 0.5 % of the larger is 6000.01: not beyond the tolerance
    expect(cmp(difference, times(ledger, exact(0.005)))).toBe(0);
    // the binary doubles would say otherwise
    expect(Math.abs(1200002 - 1194001.99) > 1200002 * 0.005).toBe(true);
  });

  it('agrees with decimal.js on sums, differences, products and comparisons of numbers as written', () => {
    const figure = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((d) => Number(d.toPrecision(12))),
    );
    fc.assert(
      fc.property(figure, figure, (a, b) => {
        const [x, y] = [new Decimal(String(a)), new Decimal(String(b))];
        expect(exactText(plus(exact(a), exact(b)))).toBe(x.plus(y).toFixed());
        expect(exactText(minus(exact(a), exact(b)))).toBe(x.minus(y).toFixed());
        expect(exactText(times(exact(a), exact(b)))).toBe(x.times(y).toFixed());
        expect(compareExact(a, b)).toBe(x.cmp(y));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads share sums written as text, and rounds for readers only', () => {
    expect(exactText(exactOf('15.50'))).toBe('15.5');
    expect(exactText(exactOf('1E+3'))).toBe('1000');
    expect(exactText(roundTo(exactOf('12.345'), 2))).toBe('12.34'); // half to even
    expect(exactText(roundTo(exactOf('12.355'), 2))).toBe('12.36');
    expect(readable(exactOf('0.1234567890123456'))).toBe(0.123456789012);
    expect(readableRatio(exactOf('6000.01'), exactOf('1200002'))).toBe(0.005);
    expect(readableRatio(exactOf('1'), exactOf('3'))).toBe(0.333333333333);
    expect(readableRatio(exactOf('1'), exactOf('0'))).toBeNull();
  });
});
