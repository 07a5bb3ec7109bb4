// validLicences, hasValidLicence, uncoveredProducts, licenceCover and licenceCovers: validity windows (both ends inclusive),
// open-ended licences, types, the licence holder (schema 2) and renewals.

import { describe, expect, it } from 'vitest';
import type { Filing, Licence } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue, pointers } from '../../support/facts.js';

// the base filing is as of 2021-06-30
const lic = (over: Partial<Licence>): Licence => ({
  type: 'mutual-insurance',
  number: 'L-1',
  issuer: 'CBIRC',
  validFrom: '2016-06-01',
  validUntil: null,
  holderUscc: '91330100MA27Y5LH96',
  ...over,
});
const withLicences = (...licences: Licence[]) => makeFiling({ '/licenses': licences });

describe('validLicences and hasValidLicence', () => {
  it.each<[string, Licence[], Record<string, unknown>, string[]]>([
    ['an open-ended mutual-insurance licence', [lic({})], {}, ['/licenses/0']],
    ['an insurance licence', [lic({ type: 'insurance' })], {}, ['/licenses/0']],
    ['no licence', [], {}, []],
    ['validUntil on the as-of date', [lic({ validUntil: '2021-06-30' })], {}, ['/licenses/0']],
    ['validUntil the day before', [lic({ validUntil: '2021-06-29' })], {}, []],
    ['validUntil the day after', [lic({ validUntil: '2021-07-01' })], {}, ['/licenses/0']],
    ['validFrom on the as-of date', [lic({ validFrom: '2021-06-30' })], {}, ['/licenses/0']],
    ['validFrom the day after', [lic({ validFrom: '2021-07-01' })], {}, []],
    ['validFrom the day before', [lic({ validFrom: '2021-06-29' })], {}, ['/licenses/0']],
    [
      'a one-day licence on the as-of date',
      [lic({ validFrom: '2021-06-30', validUntil: '2021-06-30' })],
      {},
      ['/licenses/0'],
    ],
    ['a payment licence (default types)', [lic({ type: 'payment' })], {}, []],
    ['an insurance-agency licence (default types)', [lic({ type: 'insurance-agency' })], {}, []],
    ['an "other" licence (default types)', [lic({ type: 'other' })], {}, []],
    ['a payment licence asked for', [lic({ type: 'payment' })], { types: ['payment'] }, ['/licenses/0']],
    ['a mutual-insurance licence when only insurance is asked for', [lic({})], { types: ['insurance'] }, []],
    [
      'a mix: expired, payment, valid, future, valid',
      [
        lic({ validUntil: '2020-01-01' }),
        lic({ type: 'payment' }),
        lic({ type: 'insurance' }),
        lic({ validFrom: '2022-01-01' }),
        lic({ validUntil: '2030-01-01' }),
      ],
      {},
      ['/licenses/2', '/licenses/4'],
    ],
  ])('%s', (_name, licences, params, expected) => {
    const filing = withLicences(...licences);
    expect(pointers(factValue('validLicences', filing, params))).toEqual(expected);
    expect(factValue('hasValidLicence', filing, params)).toBe(expected.length > 0);
  });

  it('names each valid licence with its pointer, type, number and window', () => {
    const filing = withLicences(
      lic({ type: 'insurance', number: 'CBIRC-7', validFrom: '2020-01-01', validUntil: '2022-01-01' }),
    );
    expect(factValue('validLicences', filing)).toEqual([
      {
        pointer: '/licenses/0',
        type: 'insurance',
        number: 'CBIRC-7',
        holderUscc: '91330100MA27Y5LH96',
        validFrom: '2020-01-01',
        validUntil: '2022-01-01',
      },
    ]);
  });

  it('judges as of the date it is given, not the clock', () => {
    const filing = withLicences(lic({ validUntil: '2021-06-30' }));
    expect(factValue('hasValidLicence', filing, {}, '2021-06-30')).toBe(true);
    expect(factValue('hasValidLicence', filing, {}, '2021-07-01')).toBe(false);
  });
});

const OPERATOR = '91330100MA27Y5LH96';
const INSURER = '91330100MAAY4CL126';

describe('the licence holder', () => {
  it("counts only the operator's licences in schema 2, and reads a schema 1 licence as the operator's", () => {
    const partner = withLicences(lic({ holderUscc: INSURER }));
    expect(factValue('validLicences', partner)).toEqual([]);
    expect(factValue('hasValidLicence', partner)).toBe(false);
    expect(pointers(factValue('validLicences', partner, { heldBy: 'anyone' }))).toEqual(['/licenses/0']);
    const v1 = makeFiling({ '/schemaVersion': 1, '/licenses': [{ type: 'mutual-insurance', number: 'L', issuer: 'CBIRC', validFrom: '2016-06-01', validUntil: null }] });
    expect(factValue('hasValidLicence', v1)).toBe(true);
    expect((factValue('validLicences', v1) as { holderUscc: string }[])[0]!.holderUscc).toBe(OPERATOR);
  });
});

describe('uncoveredProducts', () => {
  const agency = (over: Partial<Licence> = {}) => lic({ type: 'insurance-agency', holderUscc: OPERATOR, ...over });
  const insurer = (over: Partial<Licence> = {}) => lic({ holderUscc: INSURER, ...over });
  const sold = (licences: Licence[], product: Record<string, unknown>) =>
    makeFiling({ '/licenses': licences, ...Object.fromEntries(Object.entries(product).map(([k, v]) => [`/products/0/${k}`, v])) });
  const insuranceBy = (u: string | null) => ({ kind: 'insurance', underwriterUscc: u });

  it.each<[string, Filing, string[]]>([
    ['the operator holds a valid licence', sold([lic({ holderUscc: OPERATOR })], {}), []],
    ['no licence at all', sold([], {}), ['/products/0']],
    ["only a partner's licence", sold([insurer()], {}), ['/products/0']],
    ['an agency selling a licensed insurer’s insurance product', sold([agency(), insurer()], insuranceBy(INSURER)), []],
    ['an agency’s mutual-aid product', sold([agency(), insurer()], { underwriterUscc: INSURER }), ['/products/0']],
    ['an underwriter with no licence listed', sold([agency()], insuranceBy(INSURER)), ['/products/0']],
    ["the underwriter's licence expired", sold([agency(), insurer({ validUntil: '2021-06-29' })], insuranceBy(INSURER)), ['/products/0']],
    ["the underwriter's licence valid through period.end", sold([agency(), insurer({ validUntil: '2021-06-30' })], insuranceBy(INSURER)), []],
    ["the agency licence expired", sold([agency({ validUntil: '2021-06-29' }), insurer()], insuranceBy(INSURER)), ['/products/0']],
    ['an agency licence held by someone else', sold([agency({ holderUscc: INSURER }), insurer()], insuranceBy(INSURER)), ['/products/0']],
    ['no underwriter named', sold([agency(), insurer()], insuranceBy(null)), ['/products/0']],
    ["the underwriter's payment licence", sold([agency(), insurer({ type: 'payment' })], insuranceBy(INSURER)), ['/products/0']],
  ])('%s', (_name, filing, expected) => {
    expect(pointers(factValue('uncoveredProducts', filing))).toEqual(expected);
  });

  it('keeps only the kinds asked for', () => {
    const filing = makeFiling({ '/licenses': [] });
    expect(pointers(factValue('uncoveredProducts', filing, { kinds: ['insurance'] }))).toEqual([]);
    expect(pointers(factValue('uncoveredProducts', filing, { kinds: ['mutual-aid'] }))).toEqual(['/products/0']);
  });

  it('never takes an underwriter from a schema 1 filing', () => {
    const filing = makeFiling({ '/schemaVersion': 1, '/licenses': [], '/products/0/kind': 'insurance' });
    expect(pointers(factValue('uncoveredProducts', filing))).toEqual(['/products/0']);
  });
});

describe('licenceCover', () => {
  const own = (over: Partial<Licence>) => lic({ holderUscc: OPERATOR, ...over });
  const daysLeft = (...licences: Licence[]) => {
    const v = factValue('licenceCover', withLicences(...licences)) as { daysLeft: number } | null;
    return v === null ? null : v.daysLeft;
  };

  it.each<[string, Licence[], number | null]>([
    ['no licence', [], null],
    ['an open-ended licence', [own({})], null],
    ['an expired licence only', [own({ validUntil: '2021-06-29' })], null],
    ['a licence ending on the as-of date', [own({ validUntil: '2021-06-30' })], 0],
    ['a licence ending in 90 days', [own({ validUntil: '2021-09-28' })], 90],
    ['the latest of two dated licences', [own({ validUntil: '2021-07-15' }), own({ type: 'insurance', validUntil: '2022-06-30' })], 365],
    ['a dated and an open-ended licence', [own({ validUntil: '2021-07-15' }), own({ type: 'insurance' })], null],
    ['a renewal starting the day after the end', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-16', validUntil: '2021-12-31' })], 184],
    ['a renewal starting two days after the end', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-17', validUntil: '2021-12-31' })], 15],
    ['an overlapping renewal', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-01', validUntil: '2021-12-31' })], 184],
    ['an open-ended renewal', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-16', validUntil: null })], null],
    ['an open-ended licence after a gap', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-08-01', validUntil: null })], 15],
    [
      'a chain of renewals, listed out of order',
      [own({ validFrom: '2021-09-01', validUntil: '2022-06-30' }), own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-16', validUntil: '2021-08-31' })],
      365,
    ],
    ['a renewal ending before the cover does not shorten it', [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-01', validUntil: '2021-07-10' })], 15],
    ["a partner's renewal", [own({ validUntil: '2021-07-15' }), lic({ holderUscc: INSURER, validFrom: '2021-07-16', validUntil: null })], 15],
    ['a payment renewal', [own({ validUntil: '2021-07-15' }), own({ type: 'payment', validFrom: '2021-07-16', validUntil: null })], 15],
    ['an agency renewal', [own({ validUntil: '2021-07-15' }), own({ type: 'insurance-agency', validFrom: '2021-07-16', validUntil: null })], 15],
  ])('%s → %s', (_name, licences, expected) => {
    expect(daysLeft(...licences)).toBe(expected);
  });

  it('names the licences that make the cover and its end', () => {
    const v = factValue('licenceCover', withLicences(own({ validUntil: '2021-07-15' }), own({ number: 'L-2', validFrom: '2021-07-16', validUntil: '2021-12-31' })));
    expect(v).toMatchObject({ end: '2021-12-31', daysLeft: 184, licences: [{ pointer: '/licenses/0' }, { pointer: '/licenses/1', number: 'L-2' }] });
  });

  it('counts calendar days across a leap day', () => {
    const filing = makeFiling({
      '/period': { start: '2024-02-15', end: '2024-02-28' },
      '/licenses/0/validUntil': '2024-03-01',
    });
    expect((factValue('licenceCover', filing) as { daysLeft: number }).daysLeft).toBe(2);
  });
});

describe('licenceCovers (LIC-002, third edition: each kind reckoned apart)', () => {
  const own = (over: Partial<Licence>) => lic({ holderUscc: OPERATOR, ...over });
  const agency = (over: Partial<Licence>) => own({ type: 'insurance-agency', number: 'A-1', ...over });
  const covers = (params: Record<string, unknown>, ...licences: Licence[]) =>
    (factValue('licenceCovers', withLicences(...licences), params) as { licenceKind: string; daysLeft: number }[]).map(
      (c) => [c.licenceKind, c.daysLeft] as const,
    );

  it.each<[string, Licence[], (readonly [string, number])[]]>([
    ['no licence', [], []],
    ['an open-ended mutual-insurance licence', [own({})], []],
    ['an open-ended agency licence', [agency({})], []],
    ['an agency licence ending in 30 days', [agency({ validUntil: '2021-07-30' })], [['insurance-agency', 30]]],
    ['an expired agency licence', [agency({ validUntil: '2021-06-29' })], []],
    ["a partner's agency licence", [agency({ holderUscc: INSURER, validUntil: '2021-07-30' })], []],
    [
      'an open-ended insurance licence beside an agency licence ending in 15 days',
      [own({ type: 'insurance' }), agency({ validUntil: '2021-07-15' })],
      [['insurance-agency', 15]],
    ],
    [
      'an open-ended agency licence beside an insurance licence ending in 15 days',
      [own({ validUntil: '2021-07-15' }), agency({})],
      [['insurance', 15]],
    ],
    [
      'both kinds dated, insurance first',
      [agency({ validUntil: '2021-09-28' }), own({ validUntil: '2021-07-15' })],
      [['insurance', 15], ['insurance-agency', 90]],
    ],
    ['an agency licence renewed by an agency licence', [agency({ validUntil: '2021-07-15' }), agency({ number: 'A-2', validFrom: '2021-07-16', validUntil: '2022-06-30' })], [['insurance-agency', 365]]],
    ['an agency licence renewed open-ended', [agency({ validUntil: '2021-07-15' }), agency({ number: 'A-2', validFrom: '2021-07-16' })], []],
    ['an insurance licence does not renew an agency licence', [agency({ validUntil: '2021-07-15' }), own({ type: 'insurance', validFrom: '2021-07-16' })], [['insurance-agency', 15]]],
    ['an agency licence does not renew an insurance licence', [own({ validUntil: '2021-07-15' }), agency({ validFrom: '2021-07-16' })], [['insurance', 15]]],
    ['a payment licence is no kind of cover', [own({ type: 'payment', validUntil: '2021-07-15' })], []],
  ])('%s → %j', (_name, licences, expected) => {
    expect(covers({}, ...licences)).toEqual(expected);
  });

  it.each<[string, number, boolean]>([
    ['2021-09-27', 89, true],
    ['2021-09-28', 90, true],
    ['2021-09-29', 91, false],
    ['2021-06-30', 0, true],
  ])('warningDays 90: an agency cover ending %s (%d days) is listed: %s', (validUntil, days, listed) => {
    const v = factValue('licenceCovers', withLicences(agency({ validUntil })), { warningDays: 90 });
    expect(v).toEqual(listed ? [expect.objectContaining({ licenceKind: 'insurance-agency', daysLeft: days, warningDays: 90, end: validUntil })] : []);
  });

  it('names the licence that ends the cover and the chain that makes it', () => {
    const v = factValue('licenceCovers', withLicences(own({}), agency({ validUntil: '2021-07-15' }), agency({ number: 'A-2', validFrom: '2021-07-10', validUntil: '2021-08-31' })));
    expect(v).toMatchObject([{ pointer: '/licenses/2', licenceKind: 'insurance-agency', end: '2021-08-31', licences: [{ pointer: '/licenses/1' }, { pointer: '/licenses/2' }] }]);
  });

  it('agrees with the second edition\'s licenceCover on the insurance kind', () => {
    for (const licences of [[own({ validUntil: '2021-07-15' })], [own({})], [own({ validUntil: '2021-07-15' }), own({ validFrom: '2021-07-16', validUntil: '2021-12-31' })]]) {
      const old = factValue('licenceCover', withLicences(...licences)) as { daysLeft: number } | null;
      const now = covers({}, ...licences).find(([k]) => k === 'insurance');
      expect(now?.[1] ?? null).toBe(old === null ? null : old.daysLeft);
    }
  });
});
