// `compliance check FILE…`: judge filings and print their reports.

import { Command, Option } from 'commander';
import { Judge } from '../../engine/index.js';
import { ComplianceError, formatProblemIn, type Problem } from '../../errors.js';
import { inLanguage, type MessageLang } from '../../messages/index.js';
import { readFiling } from '../../filing/validate.js';
import { FORMATS, formatReports, type Format, type Report } from '../../report/index.js';
import { exitCodeFor, EXIT_INVALID } from '../exit.js';
import { failOnOption, langOption, ruleSetFrom, rulesOption, type CommonOptions } from '../options.js';
import { usage, write } from '../output.js';
import { io, setExitCode, warn } from '../io.js';
import { readFilingText } from '../../scan/input.js';
import { formatEntriesJson, formatEntriesNdjson, type Entry, type InvalidEntry } from '../../report/entries.js';
import { formatJunit } from '../../report/junit.js';
import { checkHistories } from '../../scan/history-input.js';
import type { Filing } from '../../filing/types.js';
import { formatHtml } from '../../report/html.js';
import { formatSarif } from '../../report/sarif.js';
import { formatExplain } from '../../report/explain.js';
import { judgeReport, judgeReferenceReport } from '../../report/render.js';

interface CheckOptions extends CommonOptions {
  format: Format | 'sarif' | 'html';
  explain?: boolean;
  verbose?: boolean;
  history?: string;
}

/**
 * A FILE that is no valid filing, as its entry: the problems without the file each one repeats, their
 * messages in `lang` (without the key and values they were made from).
 */
function invalidEntry(source: string, problems: readonly Problem[], lang: MessageLang): InvalidEntry {
  return { type: 'invalid', source, errors: problems.map((p) => inLanguage(p, lang)).map(({ file: _file, ...rest }) => rest) };
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
      // every FILE keeps its place: its report, or its `invalid` entry (DESIGN §7)
      const places: (number | InvalidEntry)[] = [];
      for (const file of files) {
        const uri = file === '-' ? 'stdin' : file;
        const read = await readFilingText(file, io().stdin);
        try {
          if (!read.ok) throw new ComplianceError(read.problem.code, [read.problem]);
          const filing = readFiling(read.text, uri);
          places.push(sources.length);
          sources.push({ uri, text: read.text, filing });
        } catch (e) {
          if (!(e instanceof ComplianceError)) throw e;
          places.push(invalidEntry(uri, e.problems, opts.lang));
          problems.push(...e.problems.map(formatProblemIn(opts.lang)));
        }
      }
      // each filing's history (DESIGN §5.1): the valid filings of --history PATH and the other FILEs
      const histories = await checkHistories(judge, sources.map((s) => s.filing as Filing), opts.history).catch((e: Error) => {
        throw usage(`--history: ${e.message}`);
      });
      for (const [i, s] of sources.entries()) {
        const filing = s.filing as Filing;
        const historyDigest = histories[i]!;
        reports.push(opts.explain ? await judgeReferenceReport(judge, filing, { lang: opts.lang, explain: true, historyDigest }) : judgeReport(judge, filing, { lang: opts.lang, historyDigest }));
      }
      const entries: Entry[] = places.map((p) => (typeof p === 'number' ? reports[p]! : p));
      if (opts.format === 'json' || opts.format === 'ndjson' || opts.format === 'junit') {
        // the machine formats hold every FILE, an invalid one in its place
        await write(opts.format === 'json' ? formatEntriesJson(entries) : opts.format === 'ndjson' ? formatEntriesNdjson(entries) : formatJunit(entries));
      } else if (reports.length > 0) {
        const explainTable = opts.explain && opts.format === 'table';
        // sarif and html need each filing's source (regions, pointed values): src/report/{sarif,html}.ts
        if (opts.format === 'sarif') await write(formatSarif(reports.map((report, i) => ({ report, source: sources[i] }))));
        else if (opts.format === 'html') await write(formatHtml(reports.map((report, i) => ({ report, filing: sources[i]!.filing, source: sources[i]!.uri })), opts.lang));
        else await write(formatReports(reports, opts.format, { verbose: opts.verbose }));
        if (explainTable) await write('\n' + formatExplain(reports));
      }
      for (const line of problems) warn(line);
      setExitCode(problems.length > 0 ? EXIT_INVALID : exitCodeFor(reports, opts.failOn));
    });
}
