// Test helpers for rule sets: the bundled pack, temporary copies to break, and small rule sets built in memory.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadRuleSet } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import type { RuleSet, RuleSetSources } from '../../src/rules/types.js';
import { BASE_FILING_PATH, REPO_ROOT } from './filing-factory.js';
import { REGISTRIES } from '../../src/engine/registries.js';

/** The bundled rule pack folder (`rules/`). */
export const RULES_DIR = fileURLToPath(new URL('rules', REPO_ROOT));

let bundled: RuleSet | null = null;
/** The bundled rule pack, loaded once per test file. */
export function bundledRuleSet(): RuleSet {
  bundled ??= loadRuleSet(RULES_DIR, REGISTRIES);
  return bundled;
}

const temps: string[] = [];

/** A new empty temporary folder, removed by `removeTempDirs`. */
export function tempDir(prefix = 'compliance-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Removes every folder made by `tempDir` and `copyRules` (call in afterAll). */
export function removeTempDirs(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temporary copy of the bundled rule folder. */
export function copyRules(): string {
  const dir = tempDir('compliance-rules-');
  cpSync(RULES_DIR, dir, { recursive: true });
  return dir;
}

/** Replaces the first occurrence of `from` with `to` in a file, failing loudly when `from` is not there. */
export function edit(file: string, from: string, to: string): string {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  const out = text.replace(from, to);
  writeFileSync(file, out);
  return out;
}

/** 1-based line and column of the first occurrence of `marker` in `text`. */
export function positionOf(text: string, marker: string): { line: number; column: number } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** A minimal valid rule document, with overrides (shallow). */
export function ruleDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'TEST-001',
    title: { en: 'Test rule', zh: '测试规则' },
    family: 'product',
    severity: 'major',
    citation: { source: { en: 'test', zh: '测试' } },
    effective: { from: '2017-02-15', until: null },
    when: { fact: 'productsAbove', params: { field: 'managementFeeRate', max: 0.08 }, operator: 'notEmpty' },
    // common placeholders only, so the default stays valid whatever `when` a test gives
    message: {
      en: '{{platform}} breaks the test rule as of {{asOf}}',
      zh: '{{platform}}截至{{asOf}}违反测试规则',
    },
    remediation: { en: 'Lower the fee', zh: '降低费率' },
    ...overrides,
  };
}

/** YAML text of a value; a value used twice is written out twice (the loader refuses aliases). */
export const yaml = (value: unknown): string => stringify(value, { aliasDuplicateObjects: false });

export interface InlineRuleSet {
  rules: Record<string, unknown>[];
  parameters?: Record<string, { from: string; value: unknown }[]>;
  waivers?: Record<string, unknown>[];
}

/** The sources of a rule set written in memory (YAML text per document), with the bundled base fixture. */
export function inlineSources(spec: InlineRuleSet): RuleSetSources {
  return {
    rules: spec.rules.map((r, i) => ({
      file: `${String(r.id ?? `rule-${i}`).toLowerCase()}.yaml`,
      text: yaml(r),
    })),
    parameters: spec.parameters ? { file: 'parameters.yaml', text: yaml(spec.parameters) } : null,
    waivers: spec.waivers ? { file: 'waivers.yaml', text: yaml(spec.waivers) } : null,
    extra: [{ file: 'tests/base.yaml', text: readFileSync(BASE_FILING_PATH, 'utf8') }],
  };
}

/** A rule set built from documents in memory (through the real parser and linter). */
export function ruleSetOf(spec: InlineRuleSet): RuleSet {
  return parseRuleSet(inlineSources(spec), REGISTRIES);
}
