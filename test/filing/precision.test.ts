// Numbers as written (DESIGN §3 revision 3): more than 15 significant digits is number_too_precise at its pointer; money and counts bounded.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ComplianceError, type Problem } from '../../src/errors.js';
import { parseFilingText } from '../../src/filing/parse.js';
import { significantDigits, tooPrecise } from '../../src/filing/precision.js';
import { filingProblems } from '../../src/filing/validate.js';
import { makeFiling } from '../support/filing-factory.js';

function refusal(text: string, source = 'f.json'): Problem[] {
  try {
    parseFilingText(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    expect((e as ComplianceError).code).toBe('filing_invalid');
    return (e as ComplianceError).problems;
  }
  throw new Error('expected a refusal');
}

/** The base filing as JSON text with one figure written as `literal`. */
function withLiteral(pointer: string, literal: string): string {
  const f = makeFiling() as unknown as Record<string, unknown>;
  const path = pointer.slice(1).split('/');
  let at = f as Record<string, unknown>;
  for (const seg of path.slice(0, -1)) at = at[seg] as Record<string, unknown>;
  at[path.at(-1)!] = '@@';
  return JSON.stringify(f, null, 2).replace('"@@"', literal);
}

describe('significantDigits', () => {
  it.each([
    ['0', 0],
    ['7.46', 3],
    ['0.0800', 1],
    ['0.08000000000000000000', 1],
    ['120', 3],
    ['1.50e3', 2],
    ['-0.000123', 3],
    ['1194001.99', 9],
    ['1194001.989999999999999999', 25],
    ['1.7976931348623157e308', 17],
    ['123456789012345', 15],
    ['1234567890123456', 16],
    ['100000000000000000', 18],
  ])('%s has %i', (literal, n) => {
    expect(significantDigits(literal)).toBe(n);
    expect(tooPrecise(literal)).toBe(n > 15);
  });
});

describe('a JSON filing', () => {
  it.each([
    ['/disclosures/0/perMemberShareCny', '1.7976931348623157e308'],
    ['/funds/ledgerBalanceCny', '1194001.989999999999999999'],
    ['/members/active', '75000000.0000000000000001'],
    ['/products/0/managementFeeRate', '0.0800000000000000001'],
  ])('refuses %s written as %s: number_too_precise at its pointer, line and column', (pointer, literal) => {
    const text = withLiteral(pointer, literal);
    const problems = refusal(text);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'number_too_precise', pointer, file: 'f.json', line: expect.any(Number), column: expect.any(Number) }),
    ]);
    const p = problems[0]!;
    const line = text.split('\n')[p.line! - 1]!;
    expect(line.slice(p.column! - 1)).toMatch(new RegExp(`^${literal.replace(/[.+]/g, '\\$&')}`));
    expect(p.message).toContain(literal);
    expect(p.message).not.toMatch(/DecimalError|TypeError|Invalid argument|NaN/);
  });

  it('accepts 15 significant digits, and zeros after the point that say nothing more', () => {
    for (const literal of ['1194001.99', '123456789012.345', '0.08000000000000000000', '7.460']) {
      expect(() => parseFilingText(withLiteral('/funds/ledgerBalanceCny', literal), 'f.json')).not.toThrow();
    }
  });

  it('ignores long digit runs inside strings', () => {
    const f = makeFiling() as { licenses: unknown[] };
    const text = JSON.stringify({ ...f, note: '12345678901234567890.5' });
    expect(() => parseFilingText(text, 'f.json')).not.toThrow();
  });

  it('names every over-precise number at once', () => {
    const f = makeFiling() as unknown as Record<string, unknown>;
    const text = JSON.stringify(f).replace(/"ledgerBalanceCny":\s*[\d.]+/, '"ledgerBalanceCny":1.00000000000000001').replace(/"custodyBalanceCny":\s*[\d.]+/, '"custodyBalanceCny":2.00000000000000001');
    expect(refusal(text).map((p) => p.pointer)).toEqual(['/funds/ledgerBalanceCny', '/funds/custodyBalanceCny']);
  });
});

describe('a YAML filing', () => {
  /** The base filing as YAML text with the ledger balance written as `literal`. */
  const yamlWith = (literal: string) => stringify(makeFiling()).replace(/ledgerBalanceCny: [\d.]+/, `ledgerBalanceCny: ${literal}`);

  it.each(['1194001.989999999999999999', '1.7976931348623157e+308', '0.0800000000000000001'])('refuses %s as number_too_precise at its pointer, line and column', (literal) => {
    const text = yamlWith(literal);
    const problems = refusal(text, 'f.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'number_too_precise', pointer: '/funds/ledgerBalanceCny', file: 'f.yaml' })]);
    const p = problems[0]!;
    expect(text.split('\n')[p.line! - 1]!.slice(p.column! - 1)).toBe(literal);
  });

  it('accepts what a double holds, and long text that is not a number', () => {
    expect(() => parseFilingText(yamlWith('1194001.99'), 'f.yaml')).not.toThrow();
    expect(() => parseFilingText(yamlWith('0.08000000000000000000'), 'f.yaml')).not.toThrow();
    const quoted = stringify({ ...makeFiling(), note: '12345678901234567890.5' });
    expect(() => parseFilingText(quoted, 'f.yaml')).not.toThrow();
  });
});

describe('bounds', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reaches into any field
  type Json = Record<string, any>;
  const at = (mutate: (f: Json) => void) => {
    const f = makeFiling() as Json;
    mutate(f);
    return filingProblems(f).map((p) => [p.pointer, p.message]);
  };
  it('money lies in 0..10,000,000,000,000 (10 万亿元)', () => {
    expect(at((f) => (f.funds.ledgerBalanceCny = 10_000_000_000_000))).toEqual([]);
    expect(at((f) => (f.funds.ledgerBalanceCny = 10_000_000_000_000.01))).toEqual([['/funds/ledgerBalanceCny', 'must be <= 10000000000000']]);
    expect(at((f) => (f.disclosures[0].perMemberShareCny = 1e308))).toEqual([['/disclosures/0/perMemberShareCny', 'must be <= 10000000000000']]);
    expect(at((f) => (f.disclosures[0].perMemberShareCny = Infinity))).toEqual([['/disclosures/0/perMemberShareCny', 'must be number']]);
  });
  it('counts are integers in 0..999,999,999,999,999', () => {
    expect(at((f) => (f.members.active = 999_999_999_999_999))).toEqual([]);
    expect(at((f) => (f.members.active = 1_000_000_000_000_000))).toEqual([['/members/active', 'must be <= 999999999999999']]);
    expect(at((f) => (f.products[0].waitingPeriodDays = 1e300))).toEqual([['/products/0/waitingPeriodDays', 'must be <= 999999999999999']]);
  });
});
