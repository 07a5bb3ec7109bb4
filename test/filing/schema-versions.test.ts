// Filing schema versions 1 and 2: each version's fields, every USCC, borneByPlatformCny, schema 1's retirement.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ComplianceError, formatProblem, type Problem } from '../../src/errors.js';
import { filingProblems, readFiling, validateFiling } from '../../src/filing/validate.js';
import { makeDocument, makeFilingV1, makeFilingV2, makeUscc } from '../support/filing-factory.js';

const OPERATOR = '91330100MA27Y5LH96';
const PARTNER = '91110000802100433B';

/** The error validateFiling throws for a document, or null when it is valid. */
function refusal(doc: unknown): ComplianceError | null {
  try {
    validateFiling(doc, 'filing.yaml');
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    return e as ComplianceError;
  }
}
const problemsOf = (doc: unknown): Problem[] => refusal(doc)?.problems ?? [];
const linesOf = (doc: unknown) => problemsOf(doc).map((p) => `${p.pointer}: ${p.message}`);
const v1 = (o: Record<string, unknown> = {}) => makeDocument(o, 1);
const v2 = (o: Record<string, unknown> = {}) => makeDocument(o, 2);

describe('schema versions 1 and 2', () => {
  it('accepts the base filing in either version', () => {
    expect(validateFiling(makeFilingV1()).schemaVersion).toBe(1);
    expect(validateFiling(makeFilingV2()).schemaVersion).toBe(2);
    expect(makeFilingV2().licenses[0]!.holderUscc).toBe(OPERATOR);
    expect(makeFilingV1().licenses[0]).not.toHaveProperty('holderUscc');
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'a licence held by a partner',
      {
        '/licenses/-': {
          type: 'insurance',
          number: 'X-1',
          issuer: 'CBIRC',
          holderUscc: PARTNER,
          validFrom: '2018-01-01',
          validUntil: null,
        },
      },
    ],
    ['a null underwriter', { '/products/0/underwriterUscc': null }],
    [
      'an underwriter on an insurance product',
      { '/products/0/kind': 'insurance', '/products/0/underwriterUscc': PARTNER },
    ],
    [
      'the underwriter DESIGN section 3 shows',
      { '/products/0/kind': 'insurance', '/products/0/underwriterUscc': '91330100MAAY4CL126' },
    ],
    ['an underwriter on a mutual-aid product (allowed, unused)', { '/products/0/underwriterUscc': PARTNER }],
    [
      'no participatingMembers or borneByPlatformCny',
      { '/disclosures/0/participatingMembers': undefined, '/disclosures/0/borneByPlatformCny': undefined },
    ],
    ['participatingMembers 0', { '/disclosures/0/participatingMembers': 0 }],
    ['borneByPlatformCny equal to amountToShareCny', { '/disclosures/0/borneByPlatformCny': 2376000 }],
    [
      'borneByPlatformCny without amountToShareCny',
      { '/disclosures/0/amountToShareCny': undefined, '/disclosures/0/borneByPlatformCny': 5 },
    ],
    [
      'a period ending 2027-01-01',
      { '/period': { start: '2026-12-20', end: '2027-01-01' }, '/submittedAt': '2027-01-02T09:00:00+08:00' },
    ],
  ])('accepts schema 2 with %s', (_name, overrides) => {
    expect(linesOf(v2(overrides))).toEqual([]);
  });

  it.each<[string, string, unknown]>([
    ['holderUscc', '/licenses/0/holderUscc', OPERATOR],
    ['underwriterUscc', '/products/0/underwriterUscc', PARTNER],
    ['participatingMembers', '/disclosures/0/participatingMembers', 2000000],
    ['borneByPlatformCny', '/disclosures/1/borneByPlatformCny', 0],
  ])(
    'refuses schema 2 field %s in a schema 1 filing as an unknown field, and only that',
    (_name, pointer, value) => {
      const problems = problemsOf(v1({ [pointer]: value }));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'filing_invalid', pointer, file: 'filing.yaml' });
      expect(problems[0]!.message).toMatch(/^unknown field/);
    },
  );

  it('refuses a schema 2 licence without holderUscc with one problem at its pointer', () => {
    expect(linesOf(v2({ '/licenses/0/holderUscc': undefined }))).toEqual([
      '/licenses/0/holderUscc: required field missing',
    ]);
  });

  it('reads a filing with no schemaVersion as schema 2, so a new filing learns what schema 2 asks', () => {
    const lines = linesOf(v1({ '/schemaVersion': undefined })).sort();
    expect(lines).toEqual([
      '/licenses/0/holderUscc: required field missing',
      '/schemaVersion: required field missing',
    ]);
  });

  it.each<[string, unknown]>([
    ['3', 3],
    ['"2" as text', '2'],
    ['0', 0],
  ])('refuses schemaVersion %s', (_name, value) => {
    expect(linesOf(v2({ '/schemaVersion': value }))).toEqual(['/schemaVersion: must be one of 1, 2']);
  });

  const badUsccs: [string, unknown, RegExp][] = [
    ['a wrong check digit', '91330100MA27Y5LH97', /check digit/],
    ['a letter GB 32100 excludes (I)', '91330100MA27Y5LHI6', /unified social credit code/],
    ['one character short', '91330100MA27Y5LH9', /unified social credit code/],
    ['lower case', '91330100ma27y5lh96', /unified social credit code/],
    ['a letter in the region code', '9133A100MA27Y5LH96', /unified social credit code/],
    ['a number', 913301001, /string/],
    ['an empty string', '', /unified social credit code/],
  ];
  const usccPlaces: [string, string, Record<string, unknown>][] = [
    ['platform.operator.uscc', '/platform/operator/uscc', {}],
    ['a licence holderUscc', '/licenses/0/holderUscc', {}],
    ['a product underwriterUscc', '/products/0/underwriterUscc', { '/products/0/kind': 'insurance' }],
  ];
  describe.each(usccPlaces)('%s', (_place, pointer, extra) => {
    it.each(badUsccs)('refuses %s, with one problem naming the pointer', (_name, value, message) => {
      // the operator's own code is also every licence's holder: change only the field under test
      const problems = problemsOf(v2({ ...extra, [pointer]: value }));
      expect(problems.map((p) => p.pointer)).toEqual([pointer]);
      expect(problems[0]!.message).toMatch(message);
      expect(problems[0]!.message).not.toMatch(/\^|\$|\[/); // no regular expression shown to people
    });

    it('accepts a generated valid code', () => {
      expect(linesOf(v2({ ...extra, [pointer]: makeUscc(42) }))).toEqual([]);
    });
  });

  it('checks the operator USCC in schema 1 too, and only it', () => {
    expect(linesOf(v1({ '/platform/operator/uscc': '91330100MA27Y5LH97' }))).toEqual([
      '/platform/operator/uscc: check digit does not match (GB 32100-2015)',
    ]);
  });

  it.each<[string, string, unknown, RegExp]>([
    ['participatingMembers below 0', '/disclosures/0/participatingMembers', -1, /must be >= 0/],
    ['participatingMembers not whole', '/disclosures/0/participatingMembers', 1.5, /integer/],
    ['participatingMembers as text', '/disclosures/0/participatingMembers', '2000000', /integer/],
    ['borneByPlatformCny below 0', '/disclosures/0/borneByPlatformCny', -0.01, /must be >= 0/],
    ['borneByPlatformCny as text', '/disclosures/0/borneByPlatformCny', '0', /number/],
    [
      'borneByPlatformCny one fen over amountToShareCny',
      '/disclosures/0/borneByPlatformCny',
      2376000.01,
      /must not exceed amountToShareCny/,
    ],
    [
      'borneByPlatformCny over a zero amountToShareCny',
      '/disclosures/0/borneByPlatformCny',
      1,
      /must not exceed amountToShareCny/,
    ],
  ])('refuses %s', (name, pointer, value, message) => {
    const overrides: Record<string, unknown> = { [pointer]: value };
    if (name.includes('zero')) overrides['/disclosures/0/amountToShareCny'] = 0;
    const problems = problemsOf(v2(overrides));
    expect(problems.map((p) => p.pointer)).toEqual([pointer]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('names both figures when borneByPlatformCny exceeds amountToShareCny', () => {
    expect(linesOf(v2({ '/disclosures/1/borneByPlatformCny': 2322000.5 }))).toEqual([
      '/disclosures/1/borneByPlatformCny: must not exceed amountToShareCny (2322000.5 is more than 2322000)',
    ]);
  });
});

describe("schema 1's retirement", () => {
  const ending = (end: string) => ({
    '/period': { start: '2026-12-20', end },
    '/submittedAt': `${end}T18:00:00+08:00`,
  });

  it('accepts schema 1 for a period ending 2026-12-31', () => {
    expect(problemsOf(v1(ending('2026-12-31')))).toEqual([]);
  });

  it.each(['2027-01-01', '2027-06-30', '2099-12-31'])(
    'refuses schema 1 for a period ending %s with schema_retired at /schemaVersion',
    (end) => {
      const err = refusal(v1(ending(end)))!;
      expect(err.code).toBe('schema_retired');
      // the message's key and values (msg) go along for the reader's language: matched, not listed
      expect(err.problems).toMatchObject([
        {
          code: 'schema_retired',
          pointer: '/schemaVersion',
          file: 'filing.yaml',
          message: `schema 1 is retired for periods ending on or after 2027-01-01 (this period ends ${end}): file it as schemaVersion 2`,
        },
      ]);
      expect(formatProblem(err.problems[0]!)).toMatch(
        /^filing\.yaml \/schemaVersion: .* \[schema_retired\]$/,
      );
    },
  );

  it('judges retirement by period.end alone, not period.start or submittedAt', () => {
    expect(
      problemsOf(
        v1({
          '/period': { start: '2026-12-31', end: '2026-12-31' },
          '/submittedAt': '2027-03-01T09:00:00+08:00',
        }),
      ),
    ).toEqual([]);
    expect(refusal(v1({ '/period': { start: '2026-12-01', end: '2027-01-01' } }))?.code).toBe(
      'schema_retired',
    );
  });

  it('says nothing of retirement when period.end is not a date (that is the problem to fix)', () => {
    expect(
      problemsOf(v1({ '/period': { start: '2026-12-20', end: '2027-02-30' } })).map((p) => [
        p.code,
        p.pointer,
      ]),
    ).toEqual([['filing_invalid', '/period/end']]);
  });

  it('gives retirement with every other problem at once; the whole refusal is then filing_invalid', () => {
    const err = refusal(
      v1({
        ...ending('2027-01-15'),
        '/licenses/0/holderUscc': OPERATOR,
        '/products/0/managementFeeRate': 1.5,
        '/disclosures/0/borneByPlatformCny': 0,
      }),
    )!;
    expect(err.code).toBe('filing_invalid');
    // retirement first: the fix that changes what the rest of the document must be
    expect(err.problems[0]).toMatchObject({ code: 'schema_retired', pointer: '/schemaVersion' });
    expect(
      err.problems
        .slice(1)
        .map((p) => [p.code, p.pointer])
        .sort(),
    ).toEqual([
      ['filing_invalid', '/disclosures/0/borneByPlatformCny'],
      ['filing_invalid', '/licenses/0/holderUscc'],
      ['filing_invalid', '/products/0/managementFeeRate'],
    ]);
  });
});

describe('several problems at once in schema 2', () => {
  it('names every problem by its pointer, each once', () => {
    const doc = v2({
      '/licenses/0/holderUscc': undefined,
      '/licenses/-': {
        type: 'insurance',
        number: 'X-1',
        issuer: 'CBIRC',
        holderUscc: '91110000802100433C',
        validFrom: '2018-01-01',
        validUntil: '2017-01-01',
      },
      '/products/0/underwriterUscc': 'not-a-uscc',
      '/products/0/managmentFeeRate': 0.08,
      '/disclosures/0/participatingMembers': -5,
      '/disclosures/1/borneByPlatformCny': 9e9,
      '/platform/operator/uscc': '91330100MA27Y5LH97',
    });
    const pointers = problemsOf(doc).map((p) => p.pointer);
    expect([...pointers].sort()).toEqual(
      [
        '/licenses/0/holderUscc',
        '/licenses/1/holderUscc',
        '/licenses/1/validUntil',
        '/products/0/underwriterUscc',
        '/products/0/managmentFeeRate',
        '/disclosures/0/participatingMembers',
        '/disclosures/1/borneByPlatformCny',
        '/platform/operator/uscc',
      ].sort(),
    );
    expect(problemsOf(doc).every((p) => p.code === 'filing_invalid')).toBe(true);
  });

  it('reads schema 2 from JSON and YAML alike', () => {
    const f = makeFilingV2({ '/products/0/underwriterUscc': null });
    expect(readFiling(JSON.stringify(f), 'a.json')).toEqual(f);
    expect(readFiling(stringify(f), 'a.yaml')).toEqual(f);
  });

  it('filingProblems gives each problem its code', () => {
    expect(filingProblems(v1({ '/period/end': '2027-01-01' })).map((p) => p.code)).toEqual([
      'schema_retired',
    ]);
    expect(filingProblems(v2({ '/licenses/0/holderUscc': undefined })).map((p) => p.code)).toEqual([
      'filing_invalid',
    ]);
  });
});
