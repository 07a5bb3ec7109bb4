// A small frozen rule set for the golden report files: every status appears (fail, pass, not-applicable
// both ways, advisory, waived, error), independent of the bundled pack so goldens change only with formats.

import { FACTS, type Fact } from '../../src/engine/facts/index.js';
import { Judge } from '../../src/engine/index.js';
import type { RuleSet } from '../../src/rules/types.js';
import { ruleDoc, ruleSetOf } from './rule-sets.js';

const text = (en: string, zh: string) => ({ en, zh });

export function goldenRuleSet(): RuleSet {
  return ruleSetOf({
    rules: [
      ruleDoc({
        id: 'FEE-001',
        title: text('Management fee within the cap', '管理费率不超过上限'),
        family: 'product',
        severity: 'major',
        citation: { source: text('supervisory expectation', '监管预期'), article: text('fee cap', '管理费上限'), note: text('golden test', '测试用说明') },
        appliesWhen: { fact: 'count', params: { of: 'products' }, operator: 'greaterThan', value: 0 },
        when: {
          fact: 'productsAbove',
          params: { field: 'managementFeeRate', max: { param: 'feeCap' } },
          operator: 'notEmpty',
        },
        message: text(
          'Product "{{name}}" keeps {{value}} of each round, above {{limit}}',
          '产品“{{name}}”管理费率{{value}}，高于{{limit}}',
        ),
        remediation: text('Lower the fee to the cap', '将费率降至上限以内'),
      }),
      ruleDoc({
        id: 'LIC-901',
        title: text('Licensed operation', '持牌经营'),
        family: 'licensing',
        severity: 'critical',
        citation: { source: text('Insurance Law', '保险法'), article: text('art. 6', '第六条') },
        appliesWhen: {
          fact: 'productsOfKind',
          params: { kinds: ['mutual-aid', 'insurance'] },
          operator: 'notEmpty',
        },
        when: {
          all: [
            {
              fact: 'productsOfKind',
              params: { kinds: ['mutual-aid', 'insurance'] },
              operator: 'notEmpty',
              name: 'products',
            },
            { fact: 'validLicences', operator: 'isEmpty' },
          ],
        },
        message: text(
          'Product "{{name}}" ({{kind}}) is offered without a licence',
          '产品“{{name}}”（{{kind}}）无牌经营',
        ),
        remediation: text('Obtain a licence', '取得牌照'),
      }),
      ruleDoc({
        id: 'NAME-901',
        title: text('No 保 in names', '名称不得含“保”'),
        family: 'naming',
        severity: 'minor',
        mode: 'audit',
        citation: { source: text('2016 notice', '2016年通知') },
        when: {
          fact: 'restrictedNameTerms',
          params: { terms: ['保', '保险'], allow: ['环保'] },
          operator: 'notEmpty',
        },
        message: text('Name "{{name}}" uses "{{term}}"', '名称“{{name}}”使用“{{term}}”'),
        remediation: text('Rename', '更名'),
      }),
      ruleDoc({
        id: 'MEM-901',
        title: text('Enough members', '会员人数充足'),
        family: 'members',
        severity: 'info',
        citation: { source: text('observed practice', '观察到的做法') },
        when: { fact: 'filing', path: 'members.active', operator: 'lessThan', value: 1000000 },
        message: text('{{members.active}} active members', '活跃会员{{members.active}}人'),
        remediation: text('Grow or merge', '扩大规模或合并'),
      }),
      ruleDoc({
        id: 'OLD-001',
        title: text('A rule no longer in force', '已失效规则'),
        family: 'funds',
        severity: 'major',
        citation: { source: text('repealed', '已废止') },
        effective: { from: '2009-10-01', until: '2010-12-31' },
        when: { fact: 'filing', path: 'funds.custody.segregated', operator: 'equal', value: true },
      }),
      ruleDoc({
        id: 'EXIT-901',
        title: text('Notice before closing', '停止运营前提前通知'),
        family: 'exit',
        severity: 'critical',
        citation: { source: text('practice', '做法') },
        appliesWhen: { fact: 'filing', path: 'shutdown', operator: 'notNull' },
        when: { fact: 'shutdownNoticeDays', operator: 'lessThan', value: 30 },
        message: text('{{shutdownNoticeDays}} days of notice', '提前{{shutdownNoticeDays}}天通知'),
        remediation: text('Give 30 days', '提前30天通知'),
      }),
      ruleDoc({
        id: 'FUND-901',
        title: text('Segregated custody', '资金隔离存管'),
        family: 'funds',
        severity: 'critical',
        citation: { source: text('expectation', '监管预期'), url: 'https://example.org/custody' },
        when: { fact: 'filing', path: 'funds.custody.segregated', operator: 'equal', value: false },
        message: text("Members' money is not segregated", '会员资金未隔离'),
        remediation: text('Open a segregated account', '开立隔离账户'),
      }),
    ],
    parameters: { feeCap: [{ from: '2009-10-01', value: 0.08 }] },
    waivers: [
      {
        platform: 'golden-platform',
        rule: 'MEM-901',
        reason: 'merger under way',
        reference: 'CBIRC-2022-1',
        from: '2022-01-01',
        until: '2022-06-30',
      },
    ],
  });
}

/** The golden judge: shutdownNoticeDays fails for filings that have a shutdown, so EXIT-901 shows `error`. */
export function goldenJudge(): Judge {
  const facts: ReadonlyMap<string, Fact> = new Map([
    ...FACTS,
    [
      'shutdownNoticeDays',
      {
        ...FACTS.get('shutdownNoticeDays')!,
        compute: () => {
          throw new Error('shutdown calendar unavailable');
        },
      },
    ],
  ]);
  return new Judge(goldenRuleSet(), facts);
}
