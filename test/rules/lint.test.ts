// Lint on rule sets built in memory: what a schema cannot see, each refused with rule_lint_error at its pointer.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { ComplianceError } from '../../src/errors.js';
import { filingHasPath } from '../../src/rules/lint.js';
import { makeFiling } from '../support/filing-factory.js';
import { ruleDoc, ruleSetOf, type InlineRuleSet } from '../support/rule-sets.js';
import { judgeReport } from '../../src/report/render.js';

function lintError(spec: InlineRuleSet): ComplianceError {
  try {
    ruleSetOf(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    return e as ComplianceError;
  }
  throw new Error('expected the rule set to be refused');
}

const COUNT = { fact: 'count', params: { of: 'products' } };

describe('lint', () => {
  it.each<[string, Record<string, unknown>, InlineRuleSet['parameters'], string]>([
    ['in with a scalar value', { when: { ...COUNT, operator: 'in', value: 1 } }, undefined, '/when/value'],
    ['notIn with a parameter that is not a list', { when: { ...COUNT, operator: 'notIn', value: { param: 'cap' } } }, { cap: [{ from: '2009-10-01', value: 1 }] }, '/when/value'],
    ['a built-in operator without a value', { when: { ...COUNT, operator: 'greaterThan' } }, undefined, '/when'],
    ['a fact as value', { when: { ...COUNT, operator: 'equal', value: { fact: 'count', params: { of: 'licenses' } } } }, undefined, '/when/value'],
    ['a parameter with no value when the rule starts', { when: { ...COUNT, operator: 'greaterThan', value: { param: 'cap' } } }, { cap: [{ from: '2020-01-01', value: 1 }] }, '/when/value'],
    ['the filing fact without a path', { when: { fact: 'filing', operator: 'notNull' } }, undefined, '/when'],
    ['a path into a fact field it does not have', { when: { fact: 'balanceDiscrepancy', path: 'ratioo', operator: 'greaterThan', value: 0 } }, undefined, '/when/path'],
    ['a JSONPath script', { when: { fact: 'filing', path: '$..[(@.length-1)]', operator: 'notNull' } }, undefined, '/when/path'],
    ['a filter in brackets', { when: { fact: 'filing', path: "products[?(@.kind=='insurance')]", operator: 'notNull' } }, undefined, '/when/path'],
    ['params missing a required key', { when: { fact: 'productsAbove', params: { field: 'managementFeeRate' }, operator: 'notEmpty' } }, undefined, '/when/params/max'],
    ['an unknown fact inside appliesWhen', { appliesWhen: { fact: 'nothing', operator: 'notNull' }, when: { ...COUNT, operator: 'greaterThan', value: 0 } }, undefined, '/appliesWhen/fact'],
    ['an unknown operator under not', { when: { not: { ...COUNT, operator: 'bigger', value: 0 } } }, undefined, '/when/not/operator'],
    ['a placeholder of a fact the rule does not use', { when: { ...COUNT, operator: 'greaterThan', value: 0 }, message: { en: '{{ratio}}', zh: 'x' } }, undefined, '/message/en'],
    ['a section of a fact the rule does not use', { when: { ...COUNT, operator: 'greaterThan', value: 0 }, message: { en: 'x', zh: '{{#ratio}}y{{/ratio}}' } }, undefined, '/message/zh'],
    ['a section never closed', { when: { fact: 'memberChangeRate', path: 'lossRate', operator: 'greaterThan', value: 0.1 }, message: { en: '{{#lossRate}}lost', zh: 'x' } }, undefined, '/message/en'],
    ['a section closed by another name', { when: { fact: 'memberChangeRate', path: 'lossRate', operator: 'greaterThan', value: 0.1 }, message: { en: '{{#lossRate}}lost{{/change}}', zh: 'x' } }, undefined, '/message/en'],
  ])('refuses %s', (_name, over, parameters, pointer) => {
    const e = lintError({ rules: [ruleDoc(over)], ...(parameters ? { parameters } : {}) });
    expect(e.code).toBe('rule_lint_error');
    expect(e.problems).toContainEqual(expect.objectContaining({ code: 'rule_lint_error', pointer, file: 'test-001.yaml' }));
    for (const p of e.problems) expect(p.line).toBeGreaterThan(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ['in with a list', { when: { ...COUNT, operator: 'in', value: [0, 1] } }],
    ['a unary operator without a value', { when: { fact: 'validLicences', operator: 'isEmpty' } }],
    ['a decorated operator', { when: { fact: 'validLicences', operator: 'not:isEmpty' } }],
    ['a plain indexed path', { when: { fact: 'filing', path: 'products[0].name', operator: 'notNull' } }],
    ['a dotted index', { when: { fact: 'filing', path: 'products.0.registration.date', operator: 'notNull' } }],
    ['a path into a fact field', { when: { fact: 'memberChangeRate', path: 'lossRate', operator: 'greaterThan', value: 0.1 } }],
    ['a placeholder of a fact field', { when: { fact: 'memberChangeRate', path: 'lossRate', operator: 'greaterThan', value: 0.1 }, message: { en: '{{lossRate}} of {{activeAtPeriodStart}}', zh: '{{more}}' } }],
    ['sections, nested and inverted', { when: { fact: 'memberChangeRate', path: 'lossRate', operator: 'greaterThan', value: 0.1 }, message: { en: '{{#lossRate}}lost {{lossRate}}{{^change}} (none){{/change}}{{/lossRate}}{{^lossRate}}none at the start{{/lossRate}}', zh: '{{ #lossRate }}流失{{ /lossRate }}' } }],
  ])('accepts %s', (_name, over) => {
    expect(ruleSetOf({ rules: [ruleDoc(over)] }).rules).toHaveLength(1);
  });

  it.each<[string[], boolean]>([
    [['funds', 'custody', 'segregated'], true],
    [['products', '0', 'registration', 'date'], true],
    [['shutdown', 'claimsWindowDays'], true],
    [['products', 'length'], true],
    [['members', 'ageBands', '60+'], true],
    [['funds', 'custody', 'segregatd'], false],
    [['products', 'name'], false],
    [['constructor'], false],
    [['__proto__'], false],
  ])('filingHasPath(%j) is %s', (segments, ok) => {
    expect(filingHasPath(segments)).toBe(ok);
  });

  it.each<[string, unknown]>([
    ['not:in', 1],
    ['someValue:equal', 1],
    ['everyValue:notEqual', 'x'],
  ])('refuses %s with value %j, or judges without throwing', (operator, value) => {
    let ruleSet;
    try {
      ruleSet = ruleSetOf({ rules: [ruleDoc({ when: { ...COUNT, operator, value } })] });
    } catch (e) {
      expect((e as ComplianceError).code).toBe('rule_lint_error');
      return;
    }
    expect(judgeReport(new Judge(ruleSet), makeFiling()).findings).toHaveLength(1);
  });
});
