// `compliance check FILE…`: judge filings and print their reports.

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Judge } from '../../engine/index.js';
import { ComplianceError, formatProblem } from '../../errors.js';
import { readFiling } from '../../filing/validate.js';
import { FORMATS, formatReports, type Format, type Report } from '../../report/index.js';
import { exitCodeFor, EXIT_INVALID } from '../exit.js';
import { failOnOption, langOption, ruleSetFrom, rulesOption, type CommonOptions } from '../options.js';
import { usage, write } from '../output.js';
import { checkHistories } from '../../scan/history-input.js';
import type { Filing } from '../../filing/types.js';
import { formatHtml } from '../../report/html.js';
import { formatSarif } from '../../report/sarif.js';
import { formatExplain } from '../../report/explain.js';

interface CheckOptions extends CommonOptions {
  format: Format | 'sarif' | 'html';
  explain?: boolean;
  verbose?: boolean;
  history?: string;
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new ComplianceError('usage_error', [{ code: 'usage_error', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file }]);
  }
}

export function checkCommand(): Command {
  return new Command('check')
    .description('judge filings (JSON or YAML) and print their reports')
    .argument('<files...>', 'filing files, or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS, 'sarif', 'html']).default('table'))
    .option('--explain', "add json-rules-engine's result for every condition of every finding")
    .option('--verbose', 'table: list passing and not-applicable rules too')
    .option('--history <path>', 'a folder or NDJSON file of earlier filings: the history of each filing (the other FILEs count too)')
    .addOption(rulesOption())
    .addOption(langOption())
    .addOption(failOnOption())
    .action(async (files: string[], opts: CheckOptions) => {
      const judge = new Judge(ruleSetFrom(opts));
      const reports: Report[] = [];
      const sources: { uri: string; text: string; filing: unknown }[] = [];
      const problems: string[] = [];
      for (const file of files) {
        try {
          const text = readText(file);
          const filing = readFiling(text, file === '-' ? 'stdin' : file);
          sources.push({ uri: file === '-' ? 'stdin' : file, text, filing });
        } catch (e) {
          if (!(e instanceof ComplianceError)) throw e;
          problems.push(...e.problems.map(formatProblem));
        }
      }
      // each filing's history (DESIGN §5.1): the valid filings of --history PATH and the other FILEs
      const histories = await checkHistories(judge, sources.map((s) => s.filing as Filing), opts.history).catch((e: Error) => {
        throw usage(`--history: ${e.message}`);
      });
      for (const [i, s] of sources.entries()) {
        const filing = s.filing as Filing;
        const historyDigest = histories[i]!;
        reports.push(opts.explain ? await judge.judgeReference(filing, { lang: opts.lang, explain: true, historyDigest }) : judge.judge(filing, { lang: opts.lang, historyDigest }));
      }
      if (reports.length > 0) {
        const explainTable = opts.explain && opts.format === 'table';
        // sarif and html need each filing's source (regions, pointed values): src/report/{sarif,html}.ts
        if (opts.format === 'sarif') await write(formatSarif(reports.map((report, i) => ({ report, source: sources[i] }))));
        else if (opts.format === 'html') await write(formatHtml(reports.map((report, i) => ({ report, filing: sources[i]!.filing, source: sources[i]!.uri })), opts.lang));
        else await write(formatReports(reports, opts.format, { verbose: opts.verbose }));
        if (explainTable) await write('\n' + formatExplain(reports));
      }
      for (const line of problems) process.stderr.write(line + '\n');
      process.exitCode = problems.length > 0 ? EXIT_INVALID : exitCodeFor(reports, opts.failOn);
    });
}
