// Options shared by every command: --rules, --lang, --fail-on, with their checks.

import { statSync } from 'node:fs';
import { Option } from 'commander';
import { ComplianceError, formatProblem, formatProblemIn } from '../errors.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../rules/load.js';
import type { Lang, RuleSet } from '../rules/types.js';
import { FAIL_ON, type FailOn } from './exit.js';
import { CliExit } from './output.js';
import { REGISTRIES } from '../engine/registries.js';

export interface CommonOptions {
  rules?: string;
  lang: Lang;
  failOn: FailOn;
}

export const rulesOption = () => new Option('--rules <dir>', 'rule folder (default: the bundled pack)');
export const langOption = () =>
  new Option('--lang <lang>', 'language of titles, messages and remediation')
    .choices(['en', 'zh'])
    .default('en');
export const failOnOption = () =>
  new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity fails')
    .choices([...FAIL_ON])
    .default('minor');

/** Exit 2 naming the folder: it is missing, a file, or holds no rule (a rule set of nothing judges nothing). */
function notARuleFolder(dir: string): CliExit {
  let why = 'no such folder';
  try {
    why = statSync(dir).isDirectory()
      ? 'no rule files (*.yaml with an id) in this folder'
      : 'is a file: give the folder of rule files';
  } catch {
    // missing or unreadable: 'no such folder'
  }
  return new CliExit(2, [
    formatProblem({ code: 'usage_error', file: dir, message: `not a rule folder: ${why}` }),
  ]);
}

/** Loads the rule set named by --rules (or the bundled one); a broken one is exit 2 with every problem, in --lang. */
export function ruleSetFrom(opts: { rules?: string; lang?: Lang }): RuleSet {
  const dir = opts.rules ?? BUNDLED_RULES_DIR;
  let ruleSet: RuleSet;
  try {
    ruleSet = loadRuleSet(dir, REGISTRIES);
  } catch (e) {
    if (e instanceof ComplianceError && e.code === 'usage_error') throw notARuleFolder(dir);
    if (e instanceof ComplianceError) throw new CliExit(2, e.problems.map(formatProblemIn(opts.lang ?? 'en')));
    throw e;
  }
  if (ruleSet.rules.length === 0) throw notARuleFolder(dir);
  return ruleSet;
}
