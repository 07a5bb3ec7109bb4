// Options shared by every command: --rules, --lang, --fail-on, with their checks.

import { Option } from 'commander';
import { ComplianceError, formatProblem } from '../errors.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../rules/load.js';
import type { Lang, RuleSet } from '../rules/types.js';
import { FAIL_ON, type FailOn } from './exit.js';
import { CliExit } from './output.js';

export interface CommonOptions {
  rules?: string;
  lang: Lang;
  failOn: FailOn;
}

export const rulesOption = () => new Option('--rules <dir>', 'rule folder (default: the bundled pack)');
export const langOption = () => new Option('--lang <lang>', 'language of titles, messages and remediation').choices(['en', 'zh']).default('en');
export const failOnOption = () =>
  new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity fails').choices([...FAIL_ON]).default('minor');

/** Loads the rule set named by --rules (or the bundled one); a broken one is exit 2 with every problem. */
export function ruleSetFrom(opts: { rules?: string }): RuleSet {
  try {
    return loadRuleSet(opts.rules ?? BUNDLED_RULES_DIR);
  } catch (e) {
    if (e instanceof ComplianceError) throw new CliExit(2, e.problems.map(formatProblem));
    throw e;
  }
}
