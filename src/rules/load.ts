// The only code that reads a rule folder from disk: rules/*.yaml, parameters.yaml, waivers.yaml, tests/**.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComplianceError } from '../errors.js';
import { say } from '../messages/index.js';
import { parseRuleSet } from './parse.js';
import type { Registries } from './registries.js';
import type { RuleSet, RuleSetSources, SourceFile } from './types.js';

/** The rule pack shipped with the package (`rules/` at the package root). */
export const BUNDLED_RULES_DIR = [new URL('../../rules/', import.meta.url), new URL('../../../rules/', import.meta.url)]
  .map((u) => fileURLToPath(u).replace(/[\\/]$/, ''))
  .find((d) => existsSync(join(d, 'parameters.yaml'))) ?? fileURLToPath(new URL('../../rules', import.meta.url));

const isYaml = (f: string) => /\.ya?ml$/i.test(f);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Reads a rule folder's files as text: the sources a RuleSet is built from (and a store keeps). */
export function readRuleSources(dir: string): RuleSetSources {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ComplianceError('usage_error', [{ code: 'usage_error', ...say('rules.folder_not_found', { dir }), file: dir }]);
  }
  const read = (path: string): SourceFile => ({ file: relative(dir, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
  const top = readdirSync(dir).filter(isYaml).sort();
  const special = new Set(['parameters.yaml', 'parameters.yml', 'waivers.yaml', 'waivers.yml']);
  const find = (names: string[]) => {
    const name = names.find((n) => top.includes(n));
    return name ? read(join(dir, name)) : null;
  };
  const testsDir = join(dir, 'tests');
  return {
    rules: top.filter((f) => !special.has(f)).map((f) => read(join(dir, f))),
    parameters: find(['parameters.yaml', 'parameters.yml']),
    waivers: find(['waivers.yaml', 'waivers.yml']),
    extra: existsSync(testsDir) ? walk(testsDir).filter(isYaml).map(read) : [],
  };
}

/**
 * Loads, validates and lints a rule folder against an engine's registries; throws a ComplianceError with every problem located.
 * @example const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES); // REGISTRIES: src/engine/registries.ts
 */
export function loadRuleSet(dir: string, registries: Registries): RuleSet {
  const sources = readRuleSources(dir);
  try {
    return parseRuleSet(sources, registries);
  } catch (e) {
    if (e instanceof ComplianceError) {
      // name files by their path as the user gave the folder, so editors can jump to them
      for (const p of e.problems) if (p.file !== undefined && !p.file.startsWith(dir)) p.file = join(dir, p.file);
    }
    throw e;
  }
}
