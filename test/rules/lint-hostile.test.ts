// Lint against hostile rule files: names from an object's prototype are unknown names, and no shape of YAML makes the linter throw.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { operatorEvaluator, parseOperator } from '../../src/engine/operators.js';
import { bindParams, parametersOn } from '../../src/engine/epochs.js';
import { ComplianceError } from '../../src/errors.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import { makeFiling } from '../support/filing-factory.js';
import { inlineSources, ruleDoc, ruleSetOf, yaml, type InlineRuleSet } from '../support/rule-sets.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { judgeReport } from '../../src/report/render.js';

const PROTOTYPE_NAMES = ['__proto__', 'valueOf', 'toString', 'constructor', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

function problemsOf(spec: InlineRuleSet) {
  try {
    ruleSetOf(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    return (e as ComplianceError).problems;
  }
  throw new Error('expected the rule set to be refused');
}

const COUNT = { fact: 'count', params: { of: 'products' } };

describe('names from the prototype chain', () => {
  it.each(PROTOTYPE_NAMES)('an operator %s is unknown, alone or with decorators', (name) => {
    expect(parseOperator(name)).toBeNull();
    expect(parseOperator(`not:${name}`)).toBeNull();
    expect(parseOperator(`${name}:equal`)).toBeNull();
    expect(() => operatorEvaluator(name)).toThrow(/unknown operator/);
    for (const operator of [name, `not:${name}`, `${name}:equal`]) {
      const problems = problemsOf({ rules: [ruleDoc({ when: { ...COUNT, operator, value: 1 } })] });
      expect(problems).toContainEqual(
        expect.objectContaining({ code: 'rule_lint_error', pointer: '/when/operator', file: 'test-001.yaml', line: expect.any(Number) }),
      );
    }
  });

  it.each(PROTOTYPE_NAMES)('a fact %s is unknown', (name) => {
    const problems = problemsOf({ rules: [ruleDoc({ when: { fact: name, operator: 'notNull' } })] });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'rule_lint_error', pointer: '/when/fact', line: expect.any(Number) }));
  });

  it.each(PROTOTYPE_NAMES)('a parameter %s is unknown unless parameters.yaml declares it', (name) => {
    const problems = problemsOf({
      rules: [ruleDoc({ when: { ...COUNT, operator: 'greaterThan', value: { param: name } } })],
      parameters: { cap: [{ from: '2009-10-01', value: 1 }] },
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'rule_lint_error', pointer: '/when/value', message: `unknown parameter ${name}` }),
    );
  });

  it.each(PROTOTYPE_NAMES)('a test filing %s is not a fixture', (name) => {
    const problems = problemsOf({
      rules: [ruleDoc({ tests: [{ name: 't', filing: name, expect: 'pass' }] })],
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'rule_lint_error', pointer: '/tests/0/filing' }));
  });

  it('binds parameters from own values only: a parameter named __proto__ is an ordinary one', () => {
    const declared = JSON.parse(
      '{"__proto__": [{"from": "2000-01-01", "value": {"polluted": 1}}], "cap": [{"from": "2000-01-01", "value": 3}]}',
    );
    const values = parametersOn(declared, '2020-01-01');
    expect(Object.hasOwn(values, '__proto__')).toBe(true);
    expect((values as Record<string, unknown>).polluted).toBeUndefined();
    expect(bindParams({ param: 'toString' }, values)).toBeUndefined();
    expect(bindParams({ param: 'cap' }, values)).toBe(3);
  });
});

/** Odd values to put where a rule expects something else. */
const odd = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '__proto__', 'toString', 'constructor', '{{', '{{ x }}', 'not:', ':', '::equal'),
  fc.constantFrom([], {}, [[]], [{}], { param: 'toString' }, { param: '__proto__' }, { fact: 'count' }, { all: [] }, { any: {} }, { not: [] }),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Paths into a rule document where an odd value goes. */
const SPOTS: (string | number)[][] = [
  ['id'], ['title'], ['title', 'en'], ['family'], ['severity'], ['mode'], ['citation'], ['citation', 'source'],
  ['effective'], ['effective', 'from'], ['effective', 'until'], ['when'], ['when', 'fact'], ['when', 'operator'],
  ['when', 'params'], ['when', 'params', 'field'], ['when', 'params', 'max'], ['when', 'value'], ['when', 'path'],
  ['when', 'name'], ['when', 'priority'], ['appliesWhen'], ['message'], ['message', 'en'], ['remediation'], ['tests'],
  ['tests', 0], ['tests', 0, 'filing'], ['tests', 0, 'expect'], ['tests', 0, 'set'], ['tests', 0, 'history'],
  ['when', 'all'], ['when', 'not'],
];

function setAt(doc: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = doc;
  for (const seg of path.slice(0, -1)) {
    if (cur[seg] === null || typeof cur[seg] !== 'object') cur[seg] = typeof seg === 'number' ? [] : {};
    cur = cur[seg] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

describe('lint never throws', () => {
  it('answers any odd rule shape with located problems or a rule set, never an exception of its own', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...SPOTS), odd), { minLength: 1, maxLength: 4 }),
        fc.option(fc.dictionary(fc.constantFrom('cap', 'toString', '__proto__', 'x'), odd, { maxKeys: 2 })),
        fc.option(fc.oneof(odd, fc.array(fc.dictionary(fc.constantFrom('rule', 'from', 'until', 'reason', 'toString'), odd)))),
        fc.option(odd),
        (edits, parameters, waivers, whole) => {
          const doc = ruleDoc({ tests: [{ name: 't', expect: 'pass' }] });
          for (const [path, value] of edits) setAt(doc, path, structuredClone(value));
          // sometimes the whole rule file is something else altogether
          const sources = inlineSources({ rules: [whole === null ? doc : { id: 'TEST-001' }] });
          if (whole !== null) sources.rules[0]!.text = yaml(whole);
          if (parameters) sources.parameters = { file: 'parameters.yaml', text: yaml(parameters) };
          if (waivers !== null) sources.waivers = { file: 'waivers.yaml', text: yaml(waivers) };
          try {
            // what lints clean must also judge: a published rule set is compiled and run at once
            const ruleSet = parseRuleSet(sources, REGISTRIES);
            expect(judgeReport(new Judge(ruleSet), makeFiling()).findings.length).toBeGreaterThan(0);
          } catch (e) {
            if (!(e instanceof ComplianceError)) throw e;
            for (const p of e.problems) {
              expect(p.file).toBeDefined();
              expect(p.message).not.toMatch(/TypeError|is not a function|Cannot read/);
            }
          }
        },
      ),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 1500) },
    );
  });
});

describe('citation links', () => {
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.org/a', 'vbscript:x'])(
    'refuses %s (http and https only)',
    (url) => {
      const problems = problemsOf({ rules: [ruleDoc({ citation: { source: { en: 'test', zh: '测试' }, url } })] });
      expect(problems).toContainEqual(expect.objectContaining({ code: 'rule_schema_error', pointer: '/citation/url', file: 'test-001.yaml' }));
    },
  );

  it.each(['https://example.org/a', 'http://www.gov.cn/x?y=1', 'HTTPS://EXAMPLE.ORG/'])('accepts %s', (url) => {
    expect(ruleSetOf({ rules: [ruleDoc({ citation: { source: { en: 'test', zh: '测试' }, url } })] }).rules[0]!.citation.url).toBe(url);
  });
});

describe('rule size (DESIGN §8 revision 3)', () => {
  const leaf = { fact: 'count', params: { of: 'products' }, operator: 'greaterThan', value: 0 };
  it('refuses a rule of more than 1,000 conditions as rule_too_large, before validating or linting it', () => {
    const big = ruleDoc({ when: { any: Array.from({ length: 2000 }, () => leaf) } });
    const t0 = performance.now();
    const problems = problemsOf({ rules: [big] });
    const refused = performance.now() - t0;
    expect(problems).toEqual([expect.objectContaining({ code: 'rule_too_large', file: 'test-001.yaml', pointer: '/when', message: expect.stringMatching(/2000 conditions.*1000/) })]);
    // the same rule at the limit is linted in full; refusing the large one costs less than linting it
    const atLimit = ruleDoc({ when: { any: Array.from({ length: 1000 }, () => leaf) } });
    expect(ruleSetOf({ rules: [atLimit] }).rules).toHaveLength(1);
    const t1 = performance.now();
    ruleSetOf({ rules: [atLimit] });
    expect(refused).toBeLessThan((performance.now() - t1) * 5 + 50);
  });

  it('counts the conditions of appliesWhen and when together', () => {
    const problems = problemsOf({
      rules: [ruleDoc({ appliesWhen: { all: Array.from({ length: 600 }, () => leaf) }, when: { not: { any: Array.from({ length: 401 }, () => leaf) } } })],
    });
    expect(problems.map((p) => p.code)).toEqual(['rule_too_large']);
  });

  it('refuses a rule file over 256 KiB before parsing it', () => {
    const sources = inlineSources({ rules: [ruleDoc()] });
    sources.rules[0]!.text += `\n# ${'x'.repeat(256 * 1024)}\n`;
    try {
      parseRuleSet(sources, REGISTRIES);
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as ComplianceError).problems).toEqual([expect.objectContaining({ code: 'rule_too_large', file: 'test-001.yaml', line: 1 })]);
    }
  });
});
