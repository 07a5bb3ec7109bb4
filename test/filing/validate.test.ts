// Filing validation: the schema (all problems at once, each with its pointer) and the semantic checks.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ComplianceError } from '../../src/errors.js';
import { filingProblems, readFiling, validateFiling } from '../../src/filing/validate.js';
import { BASE_FILING_PATH, makeDocument, makeFiling } from '../support/filing-factory.js';

/** The problems validateFiling throws for a document (empty when it is valid). */
function problemsOf(doc: unknown): ComplianceError['problems'] {
  try {
    validateFiling(doc, 'filing.yaml');
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    expect((e as ComplianceError).code).toBe('filing_invalid');
    return (e as ComplianceError).problems;
  }
}

const pointersOf = (doc: unknown) => [...new Set(problemsOf(doc).map((p) => p.pointer))].sort();

describe('validateFiling', () => {
  it('accepts the compliant base filing and returns it', () => {
    const f = makeFiling();
    expect(validateFiling(f)).toBe(f);
    expect(filingProblems(f)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a typo in a product field', { '/products/0/managmentFeeRate': 0.08 }, ['/products/0/managmentFeeRate']],
    ['an unknown top-level field', { '/extra': true }, ['/extra']],
    ['an unknown field in a licence', { '/licenses/0/expires': '2030-01-01' }, ['/licenses/0/expires']],
    ['an unknown field in a disclosure', { '/disclosures/1/casess': 3 }, ['/disclosures/1/casess']],
    [
      'an unknown age band',
      { '/members/ageBands': { '0-17': 0, '18-39': 0, '40-59': 0, '60+': 0, '80+': 0 } },
      ['/members/ageBands/80+'],
    ],
    ['a fee above 1', { '/products/0/managementFeeRate': 1.0001 }, ['/products/0/managementFeeRate']],
    ['a negative fee', { '/products/0/managementFeeRate': -0.01 }, ['/products/0/managementFeeRate']],
    ['a negative balance', { '/funds/ledgerBalanceCny': -1 }, ['/funds/ledgerBalanceCny']],
    ['a fractional member count', { '/members/active': 1.5 }, ['/members/active']],
    ['a number as text', { '/members/active': '75000000' }, ['/members/active']],
    ['a missing required section', { '/funds': undefined }, ['/funds']],
    ['a missing required field', { '/products/0/kind': undefined }, ['/products/0/kind']],
    ['an unknown product kind', { '/products/0/kind': 'p2p' }, ['/products/0/kind']],
    ['an unknown licence type', { '/licenses/0/type': 'banking' }, ['/licenses/0/type']],
    ['a schema version that does not exist', { '/schemaVersion': 3 }, ['/schemaVersion']],
    ['a filingId with a space', { '/filingId': 'base 2021' }, ['/filingId']],
    ['a platform id that is not a slug', { '/platform/id': 'Base_Mutual' }, ['/platform/id']],
    ['an empty name', { '/platform/name': '' }, ['/platform/name']],
    ['submittedAt that is not a timestamp', { '/submittedAt': '2021-07-01' }, ['/submittedAt']],
    ['2023-02-29 as period.end', { '/period': { start: '2023-02-20', end: '2023-02-29' } }, ['/period/end']],
    ['2021-13-01 as a licence date', { '/licenses/0/validFrom': '2021-13-01' }, ['/licenses/0/validFrom']],
    [
      '2021-04-31 as a disclosure date',
      { '/disclosures/0/publishedAt': '2021-04-31' },
      ['/disclosures/0/publishedAt'],
    ],
    [
      'a registration date that is not a date',
      { '/products/0/registration/date': '2019-02-30' },
      ['/products/0/registration/date'],
    ],
    [
      'a marketing date that is not a date',
      { '/marketing/0/publishedAt': '2021-02-29' },
      ['/marketing/0/publishedAt'],
    ],
    [
      'a shutdown date that is not a date',
      {
        '/shutdown': {
          announcedAt: '2021-06-31',
          effectiveAt: '2021-07-31',
          transitionCover: true,
          outstandingClaimsPlan: true,
        },
      },
      ['/shutdown/announcedAt'],
    ],
    ['a date in another format', { '/period/end': '2021/06/30' }, ['/period/end']],
    [
      'period.start after period.end',
      { '/period': { start: '2021-07-01', end: '2021-06-30' } },
      ['/period/start'],
    ],
    ['validUntil before validFrom', { '/licenses/0/validUntil': '2016-05-31' }, ['/licenses/0/validUntil']],
    [
      'a disclosure periodStart after its periodEnd',
      { '/disclosures/0/periodStart': '2021-06-16' },
      ['/disclosures/0/periodStart'],
    ],
    [
      'an age range upside down',
      { '/products/0/ageRange': { min: 60, max: 59 } },
      ['/products/0/ageRange/min'],
    ],
    [
      'a USCC whose check digit is wrong',
      { '/platform/operator/uscc': '91330100MA27Y5LH97' },
      ['/platform/operator/uscc'],
    ],
    [
      'a USCC with a letter GB 32100 excludes',
      { '/platform/operator/uscc': '91330100MA27Y5LHI6' },
      ['/platform/operator/uscc'],
    ],
    [
      'a USCC one character short',
      { '/platform/operator/uscc': '91330100MA27Y5LH9' },
      ['/platform/operator/uscc'],
    ],
  ])('rejects %s, naming the pointer', (_name, overrides, pointers) => {
    expect(pointersOf(makeDocument(overrides))).toEqual(pointers);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a fee of exactly 1', { '/products/0/managementFeeRate': 1 }],
    ['a fee of 0', { '/products/0/managementFeeRate': 0 }],
    ['2024-02-29, a leap day', { '/period': { start: '2024-02-15', end: '2024-02-29' } }],
    ['a one-day period', { '/period': { start: '2021-06-30', end: '2021-06-30' } }],
    [
      'a licence valid for one day',
      { '/licenses/0/validFrom': '2021-06-30', '/licenses/0/validUntil': '2021-06-30' },
    ],
    ['a disclosure of one day', { '/disclosures/0/periodStart': '2021-06-15' }],
    [
      'no licences, products, disclosures or marketing',
      { '/licenses': [], '/products': [], '/disclosures': [], '/marketing': undefined },
    ],
    [
      'a shutdown without claimsWindowDays',
      {
        '/shutdown': {
          announcedAt: '2021-06-01',
          effectiveAt: '2021-07-01',
          transitionCover: true,
          outstandingClaimsPlan: true,
        },
      },
    ],
    ['no custody account', { '/funds/custody': { bank: null, segregated: false, accountOpenedAt: null } }],
    ['supersedes absent', { '/supersedes': undefined }],
    ['supersedes naming a filing', { '/supersedes': 'base-2021-06a' }],
    ['a null annual share cap', { '/products/0/annualShareCapCny': null }],
    ['a null registration', { '/products/0/registration': null }],
    [
      'a disclosure with only its dates',
      { '/disclosures/0': { publishedAt: '2021-06-15', periodStart: '2021-06-01', periodEnd: '2021-06-15' } },
    ],
    ['another valid USCC', { '/platform/operator/uscc': '91110000802100433B' }],
  ])('accepts %s', (_name, overrides) => {
    expect(problemsOf(makeDocument(overrides))).toEqual([]);
  });

  it('reports every problem at once, schema and semantics together', () => {
    const doc = makeDocument({
      '/products/0/managmentFeeRate': 0.08,
      '/products/0/waitingPeriodDays': -1,
      '/period': { start: '2021-07-01', end: '2021-06-30' },
      '/licenses/0/validUntil': '2015-01-01',
      '/disclosures/1/periodEnd': '2021-02-29',
      '/platform/operator/uscc': '91330100MA27Y5LH97',
      '/members/active': 'many',
    });
    const problems = problemsOf(doc);
    expect(problems.every((p) => p.code === 'filing_invalid' && p.file === 'filing.yaml')).toBe(true);
    expect([...new Set(problems.map((p) => p.pointer))].sort()).toEqual(
      [
        '/products/0/managmentFeeRate',
        '/products/0/waitingPeriodDays',
        '/period/start',
        '/licenses/0/validUntil',
        '/disclosures/1/periodEnd',
        '/platform/operator/uscc',
        '/members/active',
      ].sort(),
    );
  });

  it('names an unknown field "unknown field", as DESIGN section 3 shows', () => {
    const [p] = problemsOf(makeDocument({ '/products/0/managmentFeeRate': 0.08 }));
    expect(p).toMatchObject({ code: 'filing_invalid', pointer: '/products/0/managmentFeeRate' });
    expect(p!.message).toMatch(/unknown field/);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a list', []],
    ['a string', 'filing'],
    ['an empty object', {}],
  ])('rejects %s as a whole document without throwing anything but filing_invalid', (_name, doc) => {
    expect(problemsOf(doc).length).toBeGreaterThan(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown field inside shutdown',
      {
        '/shutdown': {
          announcedAt: '2021-06-01',
          effectiveAt: '2021-07-01',
          transitionCover: true,
          outstandingClaimsPlan: true,
          claimsWindwoDays: 180,
        },
      },
      '/shutdown/claimsWindwoDays',
    ],
    [
      'an unknown field inside a registration',
      { '/products/0/registration/numbr': 'x' },
      '/products/0/registration/numbr',
    ],
    [
      'a missing field inside shutdown',
      { '/shutdown': { announcedAt: '2021-06-01', transitionCover: true, outstandingClaimsPlan: true } },
      '/shutdown/effectiveAt',
    ],
  ])('names %s by its own pointer', (_name, overrides, pointer) => {
    expect(pointersOf(makeDocument(overrides))).toEqual([pointer]);
  });
});

describe('readFiling', () => {
  it('reads the same filing from JSON and from YAML', () => {
    const f = makeFiling();
    const json = readFiling(JSON.stringify(f), 'a.json');
    const yaml = readFiling(stringify(f), 'a.yaml');
    const original = readFiling(readFileSync(BASE_FILING_PATH, 'utf8'), 'base.yaml');
    expect(original).toEqual(f);
    expect(json).toEqual(f);
    expect(yaml).toEqual(f);
  });

  it('throws filing_invalid naming the source file', () => {
    const text = JSON.stringify(makeDocument({ '/products/0/managementFeeRate': 2 }));
    expect(() => readFiling(text, 'bad.json')).toThrow(ComplianceError);
    try {
      readFiling(text, 'bad.json');
    } catch (e) {
      expect((e as ComplianceError).problems).toEqual([
        expect.objectContaining({
          code: 'filing_invalid',
          file: 'bad.json',
          pointer: '/products/0/managementFeeRate',
        }),
      ]);
    }
  });
});
