// Property: whatever text a rule, parameters or waivers file holds, the loader answers with a RuleSet
// or a ComplianceError with located problems, never another exception.

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FACTS } from '../../src/engine/facts/index.js';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../../src/engine/operators.js';
import { ComplianceError } from '../../src/errors.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import type { RuleSetSources } from '../../src/rules/types.js';
import { ruleArb as validRuleArb, TEST_PARAMETERS } from '../support/arbitrary-rule.js';
import { ruleDoc, RULES_DIR } from '../support/rule-sets.js';
import { REGISTRIES } from '../../src/engine/registries.js';

const read = (f: string) => readFileSync(join(RULES_DIR, f), 'utf8');
const NAME_RULE = read('name-001.yaml');
// What stands beside the random file is kept small: each run parses it again, and it is the random
// file the property is about. The parameters the generators name (and NAME-001 uses), the bundled
// values; a second rule whose id the generators may take (duplicate ids); fixtures the linter only
// looks up by name.
const PARAMETERS = (() => {
  const all = parse(read('parameters.yaml')) as Record<string, unknown>;
  return stringify(Object.fromEntries(['managementFeeCap', 'nameTerms', 'nameAllow', 'memberFloor'].map((k) => [k, all[k]])));
})();
const NEIGHBOUR = stringify(ruleDoc({ id: 'NAME-001' }));
const FIXTURE = 'schemaVersion: 2\n';

function sources(rule: string, parameters = PARAMETERS, waivers: string | null = null): RuleSetSources {
  return {
    rules: [{ file: 'random.yaml', text: rule }, { file: 'name-001.yaml', text: NEIGHBOUR }],
    parameters: { file: 'parameters.yaml', text: parameters },
    waivers: waivers === null ? null : { file: 'waivers.yaml', text: waivers },
    extra: [
      { file: 'tests/base.yaml', text: FIXTURE },
      { file: 'tests/base-v1.yaml', text: FIXTURE },
    ],
  };
}

/** The property: a RuleSet, or a ComplianceError whose every problem has a code and a file. */
function loadsOrRefuses(src: RuleSetSources): void {
  try {
    const ruleSet = parseRuleSet(src, REGISTRIES);
    expect(ruleSet.version).toMatch(/^sha256:/);
  } catch (e) {
    if (!(e instanceof ComplianceError)) throw new Error(`not a ComplianceError: ${String(e)}`, { cause: e });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.code).toMatch(/^rule_((parse|schema|lint)_error|too_large)$/);
      expect(typeof p.file).toBe('string');
      expect(p.line ?? 1).toBeGreaterThan(0);
    }
  }
}

const yamlOf = (v: unknown) => stringify(v, { aliasDuplicateObjects: false }) ?? '';

const paramRef = fc.constantFrom(...['managementFeeCap', 'nameTerms', 'nameAllow', 'memberFloor', 'nope'].map((param) => ({ param })));
const operatorArb = fc.oneof(
  fc.constantFrom(...OPERATOR_NAMES),
  fc.tuple(fc.array(fc.constantFrom(...DECORATOR_NAMES), { maxLength: 2 }), fc.constantFrom(...OPERATOR_NAMES)).map(([d, o]) => [...d, o].join(':')),
  fc.string({ maxLength: 12 }),
);
const pathArb = fc.oneof(
  fc.constantFrom('funds.custody.segregated', 'products[0].name', 'ratio', 'lossRate', 'members.active', '$.products[?(@.x)]', 'a..b', '__proto__', 'constructor.name', 'products.length'),
  fc.string({ maxLength: 12 }),
);
const leafArb = fc.record(
  {
    fact: fc.oneof(fc.constantFrom(...FACTS.keys()), fc.string({ maxLength: 10 })),
    operator: operatorArb,
    value: fc.oneof(fc.anything({ maxDepth: 2 }), paramRef),
    params: fc.oneof(
      fc.dictionary(fc.constantFrom('types', 'terms', 'allow', 'field', 'max', 'min', 'maxDays', 'of', 'kinds', 'fields', 'x'), fc.oneof(fc.anything({ maxDepth: 2 }), paramRef), { maxKeys: 3 }),
      fc.anything({ maxDepth: 1 }),
    ),
    path: pathArb,
    name: fc.oneof(fc.constantFrom('products', 'a.b'), fc.string({ maxLength: 8 })),
    priority: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant('high')),
  },
  { requiredKeys: ['fact', 'operator'] },
);
/** Leaves that pass the rule schema, so the linter (not the schema) has to judge them. */
const schemaValidLeafArb = fc.record(
  {
    fact: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FACTS.keys()) }, { weight: 1, arbitrary: fc.constantFrom('nope', 'Filing') }),
    operator: operatorArb.filter((o) => o.length > 0),
    value: fc.oneof(fc.constantFrom(0, 0.08, 90, true, false, null, 'pre-collection', [1, 2]), paramRef, fc.anything({ maxDepth: 1 })),
    params: fc.oneof(
      fc.constantFrom({}, { types: ['insurance'] }, { terms: ['保'] }, { field: 'managementFeeRate', max: 0.08 }, { maxDays: 16 }, { of: 'products' }, { kinds: ['mutual-aid'] }),
      fc.dictionary(fc.constantFrom('types', 'terms', 'allow', 'field', 'max', 'min', 'maxDays', 'of', 'kinds', 'fields'), fc.oneof(fc.anything({ maxDepth: 1 }), paramRef), { maxKeys: 2 }),
    ),
    path: pathArb.filter((p) => p.length > 0),
    name: fc.constantFrom('products', 'a.b', 'x'),
    priority: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ['fact', 'operator'] },
);
const { condition } = fc.letrec((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 1, arbitrary: leafArb },
    { weight: 3, arbitrary: schemaValidLeafArb },
    { weight: 1, arbitrary: fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ not: tie('condition') }) },
  ),
}));
const ruleArb = fc
  .record(
    {
      id: fc.constantFrom('TEST-001', 'TEST-001', 'NAME-001', 'bad id'),
      effective: fc.record({ from: fc.constantFrom('2017-02-15', '2009-01-01', '2017-02-30', '2030-01-01'), until: fc.constantFrom(null, '2016-01-01', '2030-01-01', '2017-13-01') }),
      appliesWhen: fc.oneof(fc.constant(null), condition),
      when: condition,
      message: fc.record({ en: fc.constantFrom('{{name}}', '{{platform}} {{more}}', '{{x}}', '{{ratio}}', 'plain'), zh: fc.constantFrom('{{name}}', '中文', '{{members.active}}') }),
      mode: fc.constantFrom('enforce', 'audit', 'audit', 'strict'),
      tests: fc.array(fc.record({ name: fc.constant('case'), expect: fc.constantFrom('pass', 'fail', 'not-applicable'), set: fc.dictionary(fc.constantFrom('/licenses', '/x'), fc.anything({ maxDepth: 1 })), filing: fc.constantFrom('tests/base.yaml', 'missing.yaml') }, { requiredKeys: ['name', 'expect'] }), { maxLength: 2 }),
    },
    { requiredKeys: ['when', 'id', 'effective', 'message', 'mode'] },
  )
  .map((overrides) => ruleDoc(overrides));

/** Random single-character edits of a real rule file. */
const mutatedRule = fc
  .array(fc.tuple(fc.nat(NAME_RULE.length), fc.nat(3), fc.constantFrom('', ':', '{', '}', '[', ']', '&', '*', '!', '- ', '\n', ' ', '#', '"', "'", '|', '>', '%', '@', '\t', 'x', '保')), { minLength: 1, maxLength: 4 })
  .map((edits) => edits.reduce((text, [at, drop, insert]) => text.slice(0, at) + insert + text.slice(at + drop), NAME_RULE));

describe('parseRuleSet on random input', () => {
  it('answers any YAML document (fc.anything, stringified) with a RuleSet or a ComplianceError', () => {
    fc.assert(fc.property(fc.anything(), (v) => loadsOrRefuses(sources(yamlOf(v)))), { numRuns: 300 });
  });

  it('answers random strings with a RuleSet or a ComplianceError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom(...'{}[]:-&*!|>#"\'\n \t?,') })), (text) => loadsOrRefuses(sources(text))),
      { numRuns: 300 },
    );
  });

  it('answers rule-shaped documents with random conditions with a RuleSet or a ComplianceError', () => {
    fc.assert(fc.property(ruleArb, (doc) => loadsOrRefuses(sources(yamlOf(doc)))), { numRuns: 400 });
  });

  it('answers a real rule file with random edits with a RuleSet or a ComplianceError', () => {
    fc.assert(fc.property(mutatedRule, (text) => loadsOrRefuses(sources(text))), { numRuns: 300 });
  });

  it('answers random parameters and waivers files with a RuleSet or a ComplianceError', () => {
    const doc = fc.oneof(fc.anything().map(yamlOf), fc.string());
    fc.assert(
      fc.property(doc, doc, (parameters, waivers) => loadsOrRefuses(sources(NAME_RULE.replace('id: NAME-001', 'id: TEST-001'), parameters, waivers))),
      { numRuns: 300 },
    );
  });

  it('loads every lint-clean random rule (the generator the engine differential uses)', () => {
    const parameters = yamlOf(TEST_PARAMETERS);
    fc.assert(
      fc.property(fc.array(validRuleArb(1), { minLength: 1, maxLength: 1 }), ([doc]) => {
        const ruleSet = parseRuleSet(sources(yamlOf(doc), parameters), REGISTRIES);
        expect(ruleSet.rules.map((r) => r.id)).toContain('TEST-001');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a YAML alias bomb quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const started = Date.now();
    let error: unknown;
    try {
      parseRuleSet(sources(bomb), REGISTRIES);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComplianceError);
    expect((error as ComplianceError).code).toBe('rule_parse_error');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
