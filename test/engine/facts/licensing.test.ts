// validLicences, hasValidLicence and licenceDaysLeft: validity windows (both ends inclusive), open-ended, types.

import { describe, expect, it } from 'vitest';
import type { Licence } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue, pointers } from '../../support/facts.js';

// the base filing is as of 2021-06-30
const lic = (over: Partial<Licence>): Licence => ({
  type: 'mutual-insurance',
  number: 'L-1',
  issuer: 'CBIRC',
  validFrom: '2016-06-01',
  validUntil: null,
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

describe('licenceDaysLeft', () => {
  it.each<[string, Licence[], Record<string, unknown>, number | null]>([
    ['no licence', [], {}, null],
    ['an open-ended licence', [lic({})], {}, null],
    ['an expired licence only', [lic({ validUntil: '2021-06-29' })], {}, null],
    ['a licence ending on the as-of date', [lic({ validUntil: '2021-06-30' })], {}, 0],
    ['a licence ending the next day', [lic({ validUntil: '2021-07-01' })], {}, 1],
    ['a licence ending in 89 days', [lic({ validUntil: '2021-09-27' })], {}, 89],
    ['a licence ending in 90 days', [lic({ validUntil: '2021-09-28' })], {}, 90],
    ['a licence ending in 91 days', [lic({ validUntil: '2021-09-29' })], {}, 91],
    [
      'the latest of two dated licences',
      [lic({ validUntil: '2021-07-15' }), lic({ type: 'insurance', validUntil: '2022-06-30' })],
      {},
      365,
    ],
    [
      'a dated and an open-ended licence',
      [lic({ validUntil: '2021-07-15' }), lic({ type: 'insurance' })],
      {},
      null,
    ],
    [
      'an expired licence beside a dated one',
      [lic({ validUntil: '2021-01-01' }), lic({ validUntil: '2021-07-10' })],
      {},
      10,
    ],
    ['a dated payment licence (not counted)', [lic({ type: 'payment', validUntil: '2021-07-15' })], {}, null],
    [
      'a dated payment licence asked for',
      [lic({ type: 'payment', validUntil: '2021-07-15' })],
      { types: ['payment'] },
      15,
    ],
    [
      'an open-ended payment licence beside a dated insurance one',
      [lic({ type: 'payment' }), lic({ type: 'insurance', validUntil: '2021-07-15' })],
      {},
      15,
    ],
  ])('%s → %s', (_name, licences, params, expected) => {
    expect(factValue('licenceDaysLeft', withLicences(...licences), params)).toBe(expected);
  });

  it('counts calendar days across a leap day', () => {
    const filing = makeFiling({
      '/period': { start: '2024-02-15', end: '2024-02-28' },
      '/licenses/0/validUntil': '2024-03-01',
    });
    expect(factValue('licenceDaysLeft', filing)).toBe(2);
  });
});
