// How each schema version is read (licence holders, underwriters), that the hand-written types match the
// schema's fields, and that the test generators make valid filings of both versions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import type { Disclosure, Filing, Licence, Product } from '../../src/filing/types.js';
import { filingProblems } from '../../src/filing/validate.js';
import {
  heldByOperator,
  isRetired,
  licenceHolder,
  productUnderwriter,
  SCHEMA_1_RETIRED_FROM,
} from '../../src/filing/versions.js';
import { filingArb } from '../support/arbitrary-filing.js';
import { makeFilingV1, makeFilingV2, makeUscc, toSchema1, toSchema2 } from '../support/filing-factory.js';

const OPERATOR = '91330100MA27Y5LH96';
const PARTNER = '91110000802100433B';

describe('licenceHolder and heldByOperator', () => {
  it('read a schema 1 licence as the operator’s', () => {
    const f = makeFilingV1();
    expect(licenceHolder(f, f.licenses[0]!)).toBe(OPERATOR);
    expect(heldByOperator(f, f.licenses[0]!)).toBe(true);
  });

  it('read a schema 2 licence as its holder’s', () => {
    const f = makeFilingV2({ '/licenses/0/holderUscc': PARTNER });
    expect(licenceHolder(f, f.licenses[0]!)).toBe(PARTNER);
    expect(heldByOperator(f, f.licenses[0]!)).toBe(false);
    const own = makeFilingV2();
    expect(heldByOperator(own, own.licenses[0]!)).toBe(true);
  });

  it('give a schema 2 licence without a holder (never valid) to nobody', () => {
    const f = makeFilingV2({ '/licenses/0/holderUscc': undefined });
    expect(licenceHolder(f, f.licenses[0]!)).toBeNull();
    expect(heldByOperator(f, f.licenses[0]!)).toBe(false);
  });
});

describe('productUnderwriter', () => {
  it.each<[string, 1 | 2, Record<string, unknown>, string | null]>([
    [
      'an insurance product’s underwriter in schema 2',
      2,
      { '/products/0/kind': 'insurance', '/products/0/underwriterUscc': PARTNER },
      PARTNER,
    ],
    [
      'null when schema 2 says null',
      2,
      { '/products/0/kind': 'insurance', '/products/0/underwriterUscc': null },
      null,
    ],
    ['null when schema 2 says nothing', 2, { '/products/0/kind': 'insurance' }, null],
    ['null for a mutual-aid product, whatever it names', 2, { '/products/0/underwriterUscc': PARTNER }, null],
    ['null in schema 1', 1, { '/products/0/kind': 'insurance' }, null],
  ])('gives %s', (_name, version, overrides, expected) => {
    const f = version === 1 ? makeFilingV1(overrides) : makeFilingV2(overrides);
    expect(productUnderwriter(f, f.products[0]!)).toBe(expected);
  });
});

describe('isRetired', () => {
  it.each<[unknown, string, boolean]>([
    [1, '2026-12-31', false],
    [1, SCHEMA_1_RETIRED_FROM, true],
    [1, '2027-01-02', true],
    [2, '2027-01-01', false],
    [2, '2030-01-01', false],
  ])('schema %s ending %s: %s', (version, end, expected) => {
    expect(isRetired(version, end)).toBe(expected);
  });
});

describe('the factories', () => {
  it('convert between versions both ways, each result valid', () => {
    const v2 = makeFilingV2({ '/products/0/underwriterUscc': PARTNER });
    const v1 = toSchema1(v2);
    expect(filingProblems(v1)).toEqual([]);
    expect(JSON.stringify(v1)).not.toMatch(
      /holderUscc|underwriterUscc|participatingMembers|borneByPlatformCny/,
    );
    const back = toSchema2(v1);
    expect(filingProblems(back)).toEqual([]);
    expect(back.licenses.map((l) => l.holderUscc)).toEqual(v1.licenses.map(() => OPERATOR));
  });

  it('makeUscc gives valid, distinct, repeatable codes', () => {
    const codes = [0, 1, 2, 42, 999_999_999].map((n) => makeUscc(n));
    expect(new Set(codes).size).toBe(codes.length);
    expect(makeUscc(42)).toBe(makeUscc(42));
    for (const code of codes)
      expect(
        filingProblems(makeFilingV2({ '/platform/operator/uscc': code, '/licenses/0/holderUscc': code })),
      ).toEqual([]);
  });

  it('filingArb makes valid filings of both versions, schema 1 only for periods before its retirement', () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(filingArb('prop'), (f) => {
        seen.add(f.schemaVersion);
        expect(filingProblems(f)).toEqual([]);
        if (f.schemaVersion === 1) expect(f.period.end < SCHEMA_1_RETIRED_FROM).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it.each([1, 2] as const)('filingArb({ version: %s }) keeps to that version', (version) => {
    fc.assert(
      fc.property(filingArb('v', { version }), (f) => {
        expect(f.schemaVersion).toBe(version);
        expect(filingProblems(f)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('filingArb reaches schema 2’s partner holders, underwriters and shares figures', () => {
    const sample = fc.sample(filingArb('s', { version: 2 }), 400);
    const licences = sample.flatMap((f) => f.licenses.map((l) => l.holderUscc === f.platform.operator.uscc));
    expect(licences).toContain(true);
    expect(licences).toContain(false);
    expect(sample.some((f) => f.products.some((p) => typeof p.underwriterUscc === 'string'))).toBe(true);
    expect(
      sample.some((f) =>
        f.disclosures.some((d) => (d.participatingMembers ?? 0) > 0 && d.borneByPlatformCny !== undefined),
      ),
    ).toBe(true);
    // the agency case: the operator's agency licence, and an insurance product its licensed partner underwrites
    const agencyCase = (f: Filing) =>
      f.licenses.some((l) => l.type === 'insurance-agency' && l.holderUscc === f.platform.operator.uscc) &&
      f.products.some(
        (p) =>
          p.kind === 'insurance' &&
          f.licenses.some(
            (l) =>
              l.holderUscc === p.underwriterUscc &&
              l.holderUscc !== f.platform.operator.uscc &&
              l.type !== 'payment',
          ),
      );
    expect(sample.filter(agencyCase).length).toBeGreaterThan(sample.length / 50);
  });
});

/** The keys of T, every one of them: the compiler refuses a list that misses or invents one. */
const allKeys =
  <T>() =>
  <const K extends readonly (keyof T)[]>(
    ...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)
  ) =>
    [...keys].sort();

type Schema = { properties: Record<string, unknown> };
const defs = filingSchema.definitions as unknown as Record<string, Schema>;
const fieldsOf = (s: Schema) => Object.keys(s.properties).sort();

describe('the types and the schema', () => {
  it.each<[string, string[], string[]]>([
    [
      'Filing',
      fieldsOf(filingSchema as unknown as Schema),
      allKeys<Filing>()(
        'schemaVersion',
        'filingId',
        'supersedes',
        'platform',
        'period',
        'submittedAt',
        'licenses',
        'products',
        'funds',
        'members',
        'disclosures',
        'marketing',
        'shutdown',
      ),
    ],
    [
      'Licence',
      fieldsOf(defs.license!),
      allKeys<Licence>()('type', 'number', 'issuer', 'validFrom', 'validUntil', 'holderUscc'),
    ],
    [
      'Product',
      fieldsOf(defs.product!),
      allKeys<Product>()(
        'id',
        'name',
        'kind',
        'registration',
        'waitingPeriodDays',
        'managementFeeRate',
        'payoutCapCny',
        'annualShareCapCny',
        'ageRange',
        'underwriterUscc',
      ),
    ],
    [
      'Disclosure',
      fieldsOf(defs.disclosure!),
      allKeys<Disclosure>()(
        'publishedAt',
        'periodStart',
        'periodEnd',
        'cases',
        'amountToShareCny',
        'perMemberShareCny',
        'managementFeeCny',
        'participatingMembers',
        'borneByPlatformCny',
      ),
    ],
  ])('%s has the same fields in both', (_name, schemaFields, typeFields) => {
    expect(typeFields).toEqual(schemaFields);
  });

  it('lists both versions', () => {
    expect(filingSchema.properties.schemaVersion).toEqual({ enum: [1, 2] });
  });
});
