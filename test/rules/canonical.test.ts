// The rule-set version: sha256 over the canonical rules, parameters and waivers; stable under
// formatting and key order, changed by any value that changes meaning.

import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { canonicalJson } from '../../src/rules/canonical.js';
import { readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import type { RuleSetSources, SourceFile } from '../../src/rules/types.js';
import { RULES_DIR } from '../support/rule-sets.js';
import { REGISTRIES } from '../../src/engine/registries.js';

/** Reverses the key order of every object, deeply. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

type Transform = (text: string) => string;
const mapSources = (src: RuleSetSources, t: Transform): RuleSetSources => {
  const f = (s: SourceFile): SourceFile => ({ ...s, text: t(s.text) });
  return { rules: src.rules.map(f), parameters: src.parameters && f(src.parameters), waivers: src.waivers && f(src.waivers), extra: src.extra };
};

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [2, { d: null, c: 'x' }] }, '{"a":[2,{"c":"x","d":null}],"b":1}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[undefined], '[null]'],
    ['保', '"保"'],
    [null, 'null'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });
});

describe('ruleSet.version', () => {
  const sources = readRuleSources(RULES_DIR);
  const version = parseRuleSet(sources, REGISTRIES).version;

  it.each<[string, Transform]>([
    ['comments and blank lines', (t) => `# a comment\n\n${t}\n# the end\n`],
    ['keys in reverse order', (t) => stringify(reverseKeys(parse(t)))],
    ['flow style throughout', (t) => stringify(parse(t), { collectionStyle: 'flow' })],
    ['block style throughout', (t) => stringify(parse(t), { collectionStyle: 'block', lineWidth: 0 })],
    ['JSON, which is YAML', (t) => JSON.stringify(parse(t), null, 4)],
  ])('is the same with %s', (_name, transform) => {
    expect(parseRuleSet(mapSources(sources, transform), REGISTRIES).version).toBe(version);
  });

  it('does not depend on the order of the rule files', () => {
    expect(parseRuleSet({ ...sources, rules: [...sources.rules].reverse() }, REGISTRIES).version).toBe(version);
  });

  it('does not depend on the file names or the test fixtures', () => {
    const renamed = { ...sources, rules: sources.rules.map((r, i) => ({ ...r, file: `renamed-${i}.yaml` })) };
    expect(parseRuleSet(renamed, REGISTRIES).version).toBe(version);
  });

  it('is the same when a default is written out (mode: enforce)', () => {
    const withMode = { ...sources, rules: sources.rules.map((r) => (/^mode:/m.test(r.text) ? r : { ...r, text: `${r.text}\nmode: enforce\n` })) };
    expect(parseRuleSet(withMode, REGISTRIES).version).toBe(version);
  });

  it.each<[string, (s: RuleSetSources) => RuleSetSources]>([
    ['a parameter value changes', (s) => ({ ...s, parameters: { ...s.parameters!, text: s.parameters!.text.replace(/managementFeeCap:\n(\s+)- \{ from: ([\d-]+), value: 0\.08 \}/, 'managementFeeCap:\n$1- { from: $2, value: 0.07 }') } })],
    ['a parameter gains a dated value', (s) => ({ ...s, parameters: { ...s.parameters!, text: `${s.parameters!.text}\nextraParameter:\n  - { from: 2022-01-01, value: 1 }\n` } })],
    ['a waiver is added', (s) => ({ ...s, waivers: { file: 'waivers.yaml', text: '- { platform: base-mutual, rule: NAME-001, reason: r, reference: ref, from: 2021-01-01, until: 2021-12-31 }\n' } })],
    ['a rule severity changes', (s) => ({ ...s, rules: s.rules.map((r) => (r.file === 'name-001.yaml' ? { ...r, text: r.text.replace('severity: critical', 'severity: major') } : r)) })],
    ['a rule message changes', (s) => ({ ...s, rules: s.rules.map((r) => (r.file === 'name-001.yaml' ? { ...r, text: r.text.replace('en: \'Name "{{name}}"', 'en: \'The name "{{name}}"') } : r)) })],
    ['a rule is removed', (s) => ({ ...s, rules: s.rules.filter((r) => r.file !== 'name-001.yaml') })],
  ])('changes when %s', (_name, change) => {
    const changed = change(sources);
    expect(changed).not.toEqual(sources);
    const v = parseRuleSet(changed, REGISTRIES).version;
    expect(v).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(v).not.toBe(version);
  });
});
