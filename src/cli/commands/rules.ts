// `compliance rules lint|test|preview`: the supervisor's tools for writing and changing rules.

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Judge } from '../../engine/index.js';
import { previewChange } from '../../engine/preview.js';
import { historyRecord } from '../../engine/history.js';
import { formatPreview } from '../../report/preview.js';
import { runRuleTests } from '../../engine/rule-tests.js';
import { ComplianceError, formatProblemIn } from '../../errors.js';
import type { Filing } from '../../filing/types.js';
import { readFiling } from '../../filing/validate.js';
import { BUNDLED_RULES_DIR } from '../../rules/load.js';
import { EXIT_FINDINGS, EXIT_INVALID, EXIT_OK } from '../exit.js';
import { langOption, ruleSetFrom, rulesOption } from '../options.js';
import { write } from '../output.js';
import { setExitCode, warn } from '../io.js';

function lintCommand(): Command {
  return new Command('lint')
    .description('validate and lint a rule folder; every problem with file:line:column')
    .argument('[dir]', 'rule folder', BUNDLED_RULES_DIR)
    .action(async (dir: string) => {
      const ruleSet = ruleSetFrom({ rules: dir });
      await write(`${dir}: ${ruleSet.rules.length} rules, ${Object.keys(ruleSet.parameters).length} parameters, ${ruleSet.waivers.length} waivers: ok\nversion ${ruleSet.version}\n`);
    });
}

function testCommand(): Command {
  return new Command('test')
    .description("run every rule's own test cases; fail when a case fails or a condition was never seen both true and false")
    .argument('[dir]', 'rule folder', BUNDLED_RULES_DIR)
    .option('--rule <id...>', 'only these rules')
    .addOption(langOption())
    .action(async (dir: string, opts: { rule?: string[]; lang: 'en' | 'zh' }) => {
      const ruleSet = ruleSetFrom({ rules: dir });
      const result = await runRuleTests(ruleSet, { lang: opts.lang, ...(opts.rule ? { only: opts.rule } : {}) });
      const lines: string[] = [];
      for (const c of result.cases) {
        lines.push(`${c.ok ? 'ok  ' : 'FAIL'} ${c.ruleId} ${c.name}${c.ok ? '' : ` (${c.file} tests/${c.index}): expected ${c.expect}, got ${c.actual}${c.detail ? `: ${c.detail}` : ''}`}`);
      }
      for (const g of result.gaps) {
        lines.push(`GAP  ${g.ruleId} ${g.file} ${g.pointer}: condition never seen ${!g.seenTrue && !g.seenFalse ? 'true or false' : g.seenTrue ? 'false' : 'true'}`);
      }
      const failed = result.cases.filter((c) => !c.ok).length;
      lines.push(`${result.cases.length} cases, ${failed} failed, ${result.gaps.length} coverage gaps`);
      await write(lines.join('\n') + '\n');
      setExitCode(result.ok ? EXIT_OK : EXIT_FINDINGS);
    });
}

/** The preview as text in --lang (src/report/preview.ts): what changed in the rules, then per platform. */
export { formatPreview };

function previewCommand(): Command {
  return new Command('preview')
    .description('judge filings with the current rules and with a proposed rule folder, and print what changes')
    .requiredOption('--proposed <dir>', 'the proposed rule folder')
    .argument('<filings...>', 'filing files')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(rulesOption())
    .addOption(langOption())
    .action(async (files: string[], opts: { proposed: string; rules?: string; format: 'table' | 'json'; lang: 'en' | 'zh' }) => {
      const current = new Judge(ruleSetFrom(opts));
      const proposed = new Judge(ruleSetFrom({ rules: opts.proposed }));
      const filings: Filing[] = [];
      const problems: string[] = [];
      for (const file of files) {
        try {
          filings.push(readFiling(readFileSync(file, 'utf8'), file));
        } catch (e) {
          if (e instanceof ComplianceError) problems.push(...e.problems.map(formatProblemIn(opts.lang)));
          else problems.push(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} [usage_error]`);
        }
      }
      // as in check, each filing's history is the other filings given (DESIGN §5.1)
      const history = filings.map(historyRecord);
      const result = previewChange(current, proposed, filings.map((filing) => ({ filing, history })));
      await write(opts.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatPreview(result, opts.lang));
      for (const l of problems) warn(l + '\n');
      setExitCode(problems.length > 0 ? EXIT_INVALID : EXIT_OK);
    });
}

export function rulesCommand(): Command {
  return new Command('rules').description('lint, test and preview rule sets').addCommand(lintCommand()).addCommand(testCommand()).addCommand(previewCommand());
}
