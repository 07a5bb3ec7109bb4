// Loading and linting rule folders: each broken file gives a ComplianceError with the right code,
// pointer and file:line:column; the bundled pack loads.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ComplianceError, formatProblem, type ErrorCode } from '../../src/errors.js';
import { loadRuleSet, readRuleSources } from '../../src/rules/load.js';
import { copyRules, edit, positionOf, removeTempDirs, RULES_DIR } from '../support/rule-sets.js';
import { REGISTRIES } from '../../src/engine/registries.js';

afterAll(removeTempDirs);

interface Expected {
  code: ErrorCode;
  file: string;
  /** The text whose first character the problem must point at. */
  marker: string;
  pointer?: string;
}

interface BrokenCase {
  name: string;
  /** Breaks the copy; returns nothing. */
  breakIt: (dir: string) => void;
  expected: Expected[];
}

const CASES: BrokenCase[] = [
  {
    name: 'a duplicate key',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'severity: critical\n', 'severity: critical\nseverity: major\n'),
    expected: [{ code: 'rule_parse_error', file: 'name-001.yaml', marker: 'severity: major' }],
  },
  {
    name: 'an anchor and an alias',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'family: naming\nseverity: critical\n', 'family: &fam naming\nseverity: critical\nmode: *fam\n'),
    expected: [
      { code: 'rule_parse_error', file: 'name-001.yaml', marker: 'naming\nseverity' },
      { code: 'rule_parse_error', file: 'name-001.yaml', marker: '*fam' },
    ],
  },
  {
    name: 'a YAML syntax error',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'effective: { from: 2017-02-15, until: null }', 'effective: { from: 2017-02-15, until: null'),
    // the parser notices the unclosed map where the next line starts
    expected: [{ code: 'rule_parse_error', file: 'name-001.yaml', marker: 'when:' }],
  },
  {
    name: 'a severity the schema does not know',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'severity: critical', 'severity: severe'),
    expected: [{ code: 'rule_schema_error', file: 'name-001.yaml', marker: 'severe', pointer: '/severity' }],
  },
  {
    name: 'an unknown field in a rule',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'severity: critical', 'severity: critical\nseverty: critical'),
    // an unknown field is placed at its key
    expected: [{ code: 'rule_schema_error', file: 'name-001.yaml', marker: 'severty:', pointer: '/severty' }],
  },
  {
    name: 'an unknown fact',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'fact: namesWithoutCover', 'fact: namesWithoutCovr'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: 'namesWithoutCovr', pointer: '/when/fact' }],
  },
  {
    name: 'an unknown operator',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'operator: notEmpty', 'operator: notEmptyy'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: 'notEmptyy', pointer: '/when/operator' }],
  },
  {
    name: 'an unknown decorator',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'operator: notEmpty', 'operator: maybe:notEmpty'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: 'maybe:notEmpty', pointer: '/when/operator' }],
  },
  {
    name: 'an unknown parameter',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), '{ param: nameTerms }', '{ param: nameTermz }'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: '{ param: nameTermz }', pointer: '/when/params/terms' }],
  },
  {
    name: 'a bad value in the params of a fact',
    breakIt: (dir) => void edit(join(dir, 'mkt-001.yaml'), 'types: [insurance, mutual-insurance, insurance-agency] }, operator: equal', 'types: [insurance, banking, insurance-agency] }, operator: equal'),
    expected: [{ code: 'rule_lint_error', file: 'mkt-001.yaml', marker: 'banking', pointer: '/when/all/1/params/types/1' }],
  },
  {
    name: 'an unknown param of a fact',
    breakIt: (dir) => void edit(join(dir, 'mkt-001.yaml'), 'params: { types: [insurance, mutual-insurance, insurance-agency] }', 'params: { types: [insurance, mutual-insurance, insurance-agency], colour: red }'),
    expected: [{ code: 'rule_lint_error', file: 'mkt-001.yaml', marker: 'red }', pointer: '/when/all/1/params/colour' }],
  },
  {
    name: 'a JSONPath filter as a path',
    breakIt: (dir) => void edit(join(dir, 'mem-002.yaml'), 'path: members.activeAtPeriodStart', "path: '$.products[?(@.x)]'"),
    expected: [{ code: 'rule_lint_error', file: 'mem-002.yaml', marker: "'$.products", pointer: '/appliesWhen/path' }],
  },
  {
    name: 'a path the filing does not have',
    breakIt: (dir) => void edit(join(dir, 'mem-002.yaml'), 'path: members.activeAtPeriodStart', 'path: members.activeAtPeriodStar'),
    expected: [{ code: 'rule_lint_error', file: 'mem-002.yaml', marker: 'members.activeAtPeriodStar,', pointer: '/appliesWhen/path' }],
  },
  {
    name: 'effective.until before effective.from',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'effective: { from: 2017-02-15, until: null }', 'effective: { from: 2017-02-15, until: 2017-02-14 }'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: '2017-02-14', pointer: '/effective/until' }],
  },
  {
    name: 'an effective date that is not a calendar date',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), 'effective: { from: 2017-02-15, until: null }', 'effective: { from: 2017-02-30, until: null }'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: '2017-02-30', pointer: '/effective/from' }],
  },
  {
    name: 'an unknown placeholder',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), `en: 'Name "{{name}}"`, `en: 'Name "{{nmae}}"`),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: `'Name "{{nmae}}"`, pointer: '/message/en' }],
  },
  {
    name: 'a waiver naming an unknown rule',
    breakIt: (dir) =>
      writeFileSync(
        join(dir, 'waivers.yaml'),
        '- platform: base-mutual\n  rule: NAME-001\n  reason: r\n  reference: ref\n  from: 2021-01-01\n  until: 2021-12-31\n- platform: base-mutual\n  rule: XXX-999\n  reason: r\n  reference: ref\n  from: 2021-01-01\n  until: 2021-12-31\n',
      ),
    expected: [{ code: 'rule_lint_error', file: 'waivers.yaml', marker: 'XXX-999', pointer: '/1/rule' }],
  },
  {
    name: 'a waiver ending before it starts',
    breakIt: (dir) =>
      writeFileSync(join(dir, 'waivers.yaml'), '- { platform: base-mutual, rule: NAME-001, reason: r, reference: ref, from: 2021-06-30, until: 2021-06-29 }\n'),
    expected: [{ code: 'rule_lint_error', file: 'waivers.yaml', marker: '2021-06-29', pointer: '/0/until' }],
  },
  {
    name: 'a duplicate rule id',
    breakIt: (dir) => cpSync(join(dir, 'name-001.yaml'), join(dir, 'zz-duplicate.yaml')),
    expected: [{ code: 'rule_lint_error', file: 'zz-duplicate.yaml', marker: 'NAME-001', pointer: '/id' }],
  },
  {
    name: 'a parameter date that is not a calendar date',
    breakIt: (dir) => void edit(join(dir, 'parameters.yaml'), 'managementFeeCap:\n  - { from: 2009-10-01', 'managementFeeCap:\n  - { from: 2009-02-30'),
    expected: [{ code: 'rule_lint_error', file: 'parameters.yaml', marker: '2009-02-30', pointer: '/managementFeeCap/0/from' }],
  },
  {
    name: 'a test case naming a filing that does not exist',
    breakIt: (dir) => void edit(join(dir, 'name-001.yaml'), '  - { name: the compliant base filing passes, expect: pass }', '  - { name: a missing filing, filing: tests/missing.yaml, expect: pass }'),
    expected: [{ code: 'rule_lint_error', file: 'name-001.yaml', marker: 'tests/missing.yaml', pointer: '/tests/0/filing' }],
  },
];

function loadError(dir: string): ComplianceError {
  try {
    loadRuleSet(dir, REGISTRIES);
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    return e as ComplianceError;
  }
  throw new Error('expected the broken rule folder to be refused');
}

describe('loadRuleSet on a broken copy of the bundled pack', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dir = copyRules();
    c.breakIt(dir);
    const e = loadError(dir);
    expect(e.code).toBe(c.expected[0]!.code);
    for (const x of c.expected) {
      const file = join(dir, x.file);
      const { line, column } = positionOf(readFileSync(file, 'utf8'), x.marker);
      const problem = { code: x.code, file, line, column, ...(x.pointer ? { pointer: x.pointer } : {}) };
      expect(e.problems).toContainEqual(expect.objectContaining(problem));
      expect(e.problems.map(formatProblem)).toContainEqual(expect.stringContaining(`${file}:${line}:${column}`));
    }
  });

  it('reports problems in several files together', () => {
    const dir = copyRules();
    edit(join(dir, 'name-001.yaml'), 'fact: namesWithoutCover', 'fact: namesWithoutCovr');
    edit(join(dir, 'mem-001.yaml'), 'severity: info', 'severity: trivial');
    const e = loadError(dir);
    const files = new Set(e.problems.map((p) => p.file));
    expect(files).toEqual(new Set([join(dir, 'name-001.yaml'), join(dir, 'mem-001.yaml')]));
    expect(new Set(e.problems.map((p) => p.code))).toEqual(new Set(['rule_lint_error', 'rule_schema_error']));
  });

  it('refuses a folder that does not exist with usage_error', () => {
    const e = loadError(join(RULES_DIR, 'no-such-folder'));
    expect(e.code).toBe('usage_error');
  });
});

describe('loadRuleSet on the bundled pack', () => {
  it('loads every rule file, sorted by id, with parameters and waivers', () => {
    const ruleSet = loadRuleSet(RULES_DIR, REGISTRIES);
    const sources = readRuleSources(RULES_DIR);
    expect(ruleSet.rules.length).toBe(sources.rules.length);
    expect(ruleSet.rules.length).toBeGreaterThan(0);
    const ids = ruleSet.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ruleSet.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(ruleSet.parameters).length).toBeGreaterThan(0);
    expect(ruleSet.fixtures['tests/base.yaml']).toBeDefined();
  });
});
