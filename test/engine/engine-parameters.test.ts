// Parameters with effective dates: a filing is judged by the value in force on its period.end.

import { describe, expect, it } from 'vitest';
import { bindParams, inForce, parametersOn } from '../../src/engine/epochs.js';
import { Judge } from '../../src/engine/index.js';
import { makeFiling } from '../support/filing-factory.js';
import { ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const PARAMETERS = {
  feeCap: [
    { from: '2009-10-01', value: 0.08 },
    { from: '2021-07-01', value: 0.05 },
  ],
};
const RULE = ruleDoc({
  effective: { from: '2017-02-15', until: null },
  when: {
    fact: 'productsAbove',
    params: { field: 'managementFeeRate', max: { param: 'feeCap' } },
    operator: 'notEmpty',
  },
  message: { en: 'Fee {{value}} above {{limit}}', zh: '费率{{value}}高于{{limit}}' },
});

describe('parametersOn', () => {
  it.each<[string, number | undefined]>([
    ['2009-09-30', undefined],
    ['2009-10-01', 0.08],
    ['2021-06-30', 0.08],
    ['2021-07-01', 0.05],
    ['2030-01-01', 0.05],
  ])('on %s feeCap is %s', (asOf, value) => {
    expect(parametersOn(PARAMETERS, asOf).feeCap).toBe(value);
  });

  it('takes the latest value in force whatever the list order', () => {
    expect(
      parametersOn(
        {
          x: [
            { from: '2021-07-01', value: 2 },
            { from: '2009-10-01', value: 1 },
          ],
        },
        '2022-01-01',
      ).x,
    ).toBe(2);
  });
});

describe('bindParams and inForce', () => {
  it('replaces { param } references deeply and leaves the rest', () => {
    expect(
      bindParams(
        { a: { param: 'x' }, b: [{ param: 'y' }, 3], c: { param: 'x', other: 1 } },
        { x: 1, y: [2] },
      ),
    ).toEqual({ a: 1, b: [[2], 3], c: { param: 'x', other: 1 } });
  });

  it.each<[string, string | null, string, boolean]>([
    ['2017-02-15', null, '2017-02-14', false],
    ['2017-02-15', null, '2017-02-15', true],
    ['2017-02-15', '2021-06-30', '2021-06-30', true],
    ['2017-02-15', '2021-06-30', '2021-07-01', false],
  ])('a rule from %s until %s is in force on %s: %s', (from, until, asOf, expected) => {
    const rule = ruleSetOf({ rules: [ruleDoc({ effective: { from, until } })] }).rules[0]!;
    expect(inForce(rule, asOf)).toBe(expected);
  });
});

describe('judging with a parameter that changes value', () => {
  const judge = new Judge(ruleSetOf({ rules: [RULE], parameters: PARAMETERS }));
  const filingOn = (end: string, fee: number) =>
    makeFiling({ '/period': { start: end, end }, '/disclosures': [], '/products/0/managementFeeRate': fee });

  it.each<[string, number, string]>([
    ['2021-06-30', 0.06, 'pass'],
    ['2021-06-30', 0.08, 'pass'],
    ['2021-06-30', 0.0801, 'fail'],
    ['2021-07-01', 0.05, 'pass'],
    ['2021-07-01', 0.0501, 'fail'],
    ['2021-07-01', 0.06, 'fail'],
    ['2022-01-01', 0.06, 'fail'],
    ['2017-02-15', 0.06, 'pass'],
  ])('as of %s a fee of %d is %s (fast path and reference alike)', async (end, fee, status) => {
    const filing = filingOn(end, fee);
    expect(judgeReport(judge, filing).findings[0]!.status).toBe(status);
    expect((await judgeReferenceReport(judge, filing)).findings[0]!.status).toBe(status);
  });

  it('uses the limit in force in the evidence and the message', () => {
    const report = judgeReport(judge, filingOn('2021-07-01', 0.06));
    expect(report.findings[0]!.message).toBe('Fee 6 % above 5 %');
    expect(report.findings[0]!.evidence).toEqual({
      productsAbove: [expect.objectContaining({ pointer: '/products/0', value: 0.06, limit: 0.05 })],
    });
  });

  it('gives the same answers whatever order the epochs are first asked about', () => {
    const fresh = new Judge(ruleSetOf({ rules: [RULE], parameters: PARAMETERS }));
    const later = judgeReport(fresh, filingOn('2021-07-01', 0.06));
    const earlier = judgeReport(fresh, filingOn('2021-06-30', 0.06));
    expect([earlier.findings[0]!.status, later.findings[0]!.status]).toEqual(['pass', 'fail']);
  });
});
