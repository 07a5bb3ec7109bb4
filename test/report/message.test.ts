// Messages: placeholders filled from the first offending item, "(+N more)" when there are more.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { renderMessage } from '../../src/report/message.js';
import type { Product } from '../../src/filing/types.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet, ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const filing = makeFiling();
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ pointer: `/products/${i}`, name: `P${i}`, value: 0.1 + i / 100 }));

describe('renderMessage', () => {
  it.each<[string, Record<string, unknown>, 'en' | 'zh', string]>([
    ['Fee {{value}} on {{name}}', { productsAbove: items(1) }, 'en', 'Fee 0.1 on P0'],
    ['Fee {{value}} on {{name}}', { productsAbove: items(3) }, 'en', 'Fee 0.1 on P0 (+2 more)'],
    ['费率{{value}}：{{name}}', { productsAbove: items(2) }, 'zh', '费率0.1：P0（另有1项）'],
    ['{{name}} and {{more}} more', { productsAbove: items(3) }, 'en', 'P0 and 2 more'],
    [
      '{{platform}} ({{platformId}}, {{filingId}}) as of {{asOf}}',
      { productsAbove: items(3) },
      'en',
      '信美互助计划 (base-mutual, base-2021-06b) as of 2021-06-30',
    ],
    [
      'ratio {{ratio}} of {{ledgerBalanceCny}}',
      { balanceDiscrepancy: { ratio: 0.01, ledgerBalanceCny: 100 } },
      'en',
      'ratio 1 % of 100.00',
    ],
    ['{{members.active}} members', { 'members.active': 999 }, 'en', '999 members'],
    ['days left: {{licenceDaysLeft}}', { licenceDaysLeft: 0 }, 'en', 'days left: 0'],
    [
      'missing {{missing}}',
      { disclosuresMissing: [{ pointer: '/disclosures/0', missing: ['cases', 'managementFeeCny'] }] },
      'en',
      'missing cases, management fee',
    ],
    [
      '缺少{{missing}}',
      { disclosuresMissing: [{ pointer: '/disclosures/0', missing: ['cases', 'managementFeeCny'] }] },
      'zh',
      '缺少案例数、管理费',
    ],
    ['bank {{bank}}', { x: { bank: null } }, 'en', 'bank none'],
    ['存管银行：{{bank}}', { x: { bank: null } }, 'zh', '存管银行：无'],
    ['unknown {{nothing}}', {}, 'en', 'unknown none'],
    ['segregated: {{segregated}}', { x: { segregated: false } }, 'en', 'segregated: no'],
    ['是否隔离：{{segregated}}', { x: { segregated: true } }, 'zh', '是否隔离：是'],
    ['{{funds.collectionModel}}', { 'funds.collectionModel': 'pre-collection' }, 'zh', '事前预存'],
    ['{{funds.collectionModel}}', { 'funds.collectionModel': 'post-event-sharing' }, 'en', 'post-event sharing'],
    ['{{kind}}', { p: [{ pointer: '/products/0', kind: 'mutual-aid' }] }, 'zh', '互助计划'],
    ['{{kind}}', { p: [{ pointer: '/products/0', kind: 'insurance' }] }, 'zh', '保险产品'],
    ['{{channel}}', { m: [{ pointer: '/marketing/0', channel: 'weibo' }] }, 'zh', '微博'],
    ['{{channel}}', { m: [{ pointer: '/marketing/0', channel: '某论坛' }] }, 'zh', '某论坛'],
    ['{{differenceCny}}', { d: { differenceCny: 18766.33 } }, 'en', '18,766.33'],
    ['{{ledgerBalanceCny}}', { d: { ledgerBalanceCny: 1200002 } }, 'zh', '1,200,002.00'],
    ['{{perMemberShareCny}}', { d: { perMemberShareCny: 1.188 } }, 'en', '1.188'],
    ['{{aidCny}}', { d: { aidCny: 0.1 + 0.2 } }, 'en', '0.30'],
    ['{{ratio}}', { d: { ratio: 0.21739130434782608 } }, 'en', '21.74 %'],
    ['{{ratio}}', { d: { ratio: 0.0188 } }, 'zh', '1.88%'],
    ['{{feeRate}}', { d: { feeRate: 0.12 } }, 'en', '12 %'],
    ['{{lossRate}}', { d: { lossRate: 0.1 + 0.2 } }, 'en', '30 %'],
    ['{{ratio}}', { d: { ratio: 0.00001 } }, 'en', '0.001 %'],
    ['{{growth}}', { d: { growth: 2.3456789 } }, 'en', '2.35'],
    ['{{active}}', { d: { active: 3300000 } }, 'en', '3,300,000'],
    ['{{days}}', { d: { days: 17 } }, 'zh', '17'],
    ['{{limit}}', { p: [{ pointer: '/products/0', field: 'managementFeeRate', limit: 0.08 }] }, 'en', '8 %'],
    ['{{limit}}', { p: [{ pointer: '/products/0', field: 'waitingPeriodDays', limit: 90 }] }, 'en', '90'],
    ['{{submittedAt}}', { d: { submittedAt: '2021-07-01T09:00:00+08:00' } }, 'en', '2021-07-01 09:00 (UTC+08:00)'],
    ['{{x}}', { x: 0.1 + 0.2 }, 'en', '0.3'],
    ['bank: {{bank}}', { x: { bank: ' \u200b ' } }, 'zh', 'bank: 无'],
    ['{{lossRate}} > {{maxLossRate}}', { m: { lossRate: 0.300001, maxLossRate: 0.3 } }, 'en', '30.0001 % > 30 %'],
    // a figure just beyond its limit shows every place it has, never "just over" (DESIGN §5: 费率8.0000050%，超过上限8%)
    ['{{feeRate}} > {{cap}}', { m: [{ pointer: '/d/0', feeRate: 0.0800000045, cap: 0.08 }] }, 'en', '8.00000045 % > 8 %'],
    ['{{feeRate}}，上限{{cap}}', { m: [{ pointer: '/d/0', feeRate: 0.0799999955, cap: 0.08 }] }, 'zh', '7.99999955%，上限8%'],
    ['费率{{managementFeeRate}}，超过上限{{limit}}', { p: [{ pointer: '/products/0', field: 'managementFeeRate', managementFeeRate: 0.08000005, limit: 0.08 }] }, 'zh', '费率8.000005%，超过上限8%'],
    ['{{feeRate}} > {{cap}}', { m: [{ pointer: '/d/0', feeRate: 0.087, cap: 0.08 }] }, 'en', '8.7 % > 8 %'],
    // spaces inside the braces are allowed; a message is trimmed at both ends (a case's sentence may end in one)
    ['  {{ name }}  ', { productsAbove: items(1) }, 'en', 'P0'],
    // sections: which of a rule's cases applies (DESIGN §5: 未公告申请期 / 申请期7天，短于规定的180天)
    ...(
      [
        [null, '未公告申请期'],
        [7, '申请期7天，短于规定的180天'],
        [0, '申请期0天，短于规定的180天'],
      ] as const
    ).map(([days, text]): [string, Record<string, unknown>, 'en' | 'zh', string] => [
      '{{#days}}申请期{{days}}天，短于规定的{{minDays}}天{{/days}}{{^days}}未公告申请期{{/days}}',
      { claimsWindow: { days, minDays: 180 } },
      'zh',
      text,
    ]),
    ['{{#early}}early{{/early}}{{^early}}late{{/early}}', { d: { early: false } }, 'en', 'late'],
    ['{{#list}}some{{/list}}{{^list}}none{{/list}}', { d: { list: [] } }, 'en', 'none'],
    ['{{#bank}}bank {{bank}}{{/bank}}{{^bank}}no bank{{/bank}}', { d: { bank: ' ​' } }, 'en', 'no bank'],
    ['{{#a}}A{{^b}}, not B{{/b}}{{/a}}', { d: { a: true, b: false } }, 'en', 'A, not B'],
    ['{{#a}}A{{^b}}, not B{{/b}}{{/a}}', { d: { a: false, b: false } }, 'en', ''],
  ])('%j with %j (%s) → %j', (template, evidence, lang, text) => {
    expect(renderMessage(template, evidence, filing, lang)).toBe(text);
  });

  it('adds no "(+N more)" when the message does not use the list', () => {
    expect(renderMessage('{{platform}} breaks it', { productsAbove: items(3) }, filing, 'en')).toBe(
      '信美互助计划 breaks it',
    );
  });

  it('takes fields from the first list when two lists have the same fields', () => {
    expect(
      renderMessage('{{name}}', { a: items(2), b: [{ pointer: '/x', name: 'other' }] }, filing, 'en'),
    ).toBe('P0 (+1 more)');
  });
});

describe('messages in reports', () => {
  const product = (i: number, fee: number): Product => ({
    ...makeFiling().products[0]!,
    id: `p${i}`,
    name: `产品${i}`,
    managementFeeRate: fee,
  });
  const threeOver = makeFiling({
    '/products': [product(0, 0.08), product(1, 0.1), product(2, 0.12), product(3, 0.09)],
  });

  it('fills placeholders from the first offending item and counts the others', async () => {
    const judge = new Judge(
      ruleSetOf({
        rules: [
          ruleDoc({
            when: {
              fact: 'productsAbove',
              params: { field: 'managementFeeRate', max: 0.08 },
              operator: 'notEmpty',
            },
            message: {
              en: 'Fee {{value}} of "{{name}}" is above {{limit}}',
              zh: '"{{name}}"的管理费率{{value}}高于{{limit}}',
            },
          }),
        ],
      }),
    );
    expect(judgeReport(judge, threeOver).findings[0]!.message).toBe('Fee 10 % of "产品1" is above 8 % (+2 more)');
    expect(judgeReport(judge, threeOver, { lang: 'zh' }).findings[0]!.message).toBe(
      '"产品1"的管理费率10%高于8%（另有2项）',
    );
    expect((await judgeReferenceReport(judge, threeOver)).findings[0]!.message).toBe(
      'Fee 10 % of "产品1" is above 8 % (+2 more)',
    );
    expect(judgeReport(judge, makeFiling({ '/products/0/managementFeeRate': 0.1 })).findings[0]!.message).toBe(
      'Fee 10 % of "大病互助计划" is above 8 %',
    );
  });

  it('leaves no placeholder unfilled in any failing finding of the bundled pack', () => {
    const judge = new Judge(bundledRuleSet());
    const bad = makeFiling({
      '/licenses': [],
      '/platform/name': '相互保',
      '/products': [
        { ...product(0, 0.1), registration: null, waitingPeriodDays: 30 },
        { ...product(1, 0.2), registration: null, waitingPeriodDays: 30 },
      ],
      '/marketing': [{ channel: 'app', publishedAt: '2021-05-01', text: '承诺赔付' }],
      '/funds/custody': { bank: null, segregated: false, accountOpenedAt: null },
      '/funds/collectionModel': 'pre-collection',
      '/funds/custodyBalanceCny': 0,
      '/members': { active: 10, activeAtPeriodStart: 1000 },
      '/disclosures': [{ publishedAt: '2021-06-30', periodStart: '2021-05-01', periodEnd: '2021-05-20' }],
      '/shutdown': {
        announcedAt: '2021-06-20',
        effectiveAt: '2021-06-25',
        transitionCover: false,
        outstandingClaimsPlan: false,
      },
    });
    for (const lang of ['en', 'zh'] as const) {
      const report = judgeReport(judge, bad, { lang });
      const failed = report.findings.filter((f) => f.status === 'fail');
      expect(failed.length).toBeGreaterThan(10);
      for (const f of failed) {
        expect(f.message, f.ruleId).not.toMatch(/\{\{|\}\}|undefined|NaN/);
      }
    }
  });
});
