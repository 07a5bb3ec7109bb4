// `compliance check FILE…`: judge filings and print their reports.

import { Command, Option } from 'commander';
import { Judge } from '../../engine/index.js';
import { ComplianceError, formatProblemIn, type Problem } from '../../errors.js';
import { inLanguage, type MessageLang } from '../../messages/index.js';
import { readFiling } from '../../filing/validate.js';
import { FORMAT_NAMES, outputFormat, type FormatEntry, type Report } from '../../report/index.js';
import { exitCodeFor, EXIT_INVALID } from '../exit.js';
import { failOnOption, langOption, ruleSetFrom, rulesOption, type CommonOptions } from '../options.js';
import { usage, write } from '../output.js';
import { io, setExitCode, warn } from '../io.js';
import { readFilingText } from '../../scan/input.js';
import type { InvalidEntry } from '../../report/entries.js';
import { checkHistories } from '../../scan/history-input.js';
import type { Filing } from '../../filing/types.js';
import { judgeReport, judgeReferenceReport } from '../../report/render.js';

interface CheckOptions extends CommonOptions {
  format: string;
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
    .addOption(new Option('--format <format>', 'output format').choices([...FORMAT_NAMES]).default('table'))
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
      // the format says what it needs (src/report/formats.ts): every FILE in its place, the file's
      // text for SARIF's regions, the parsed filing for the values HTML shows
      const format = outputFormat(opts.format);
      const judged = (i: number): FormatEntry => {
        const s = sources[i]!;
        return {
          report: reports[i]!,
          file: s.uri,
          ...(format.needs.text ? { text: s.text } : {}),
          ...(format.needs.filing ? { filing: s.filing } : {}),
        };
      };
      const entries: FormatEntry[] = format.needs.entries ? places.map((p) => (typeof p === 'number' ? judged(p) : p)) : reports.map((_, i) => judged(i));
      if (entries.length > 0) await write(format.reports(entries, { lang: opts.lang, verbose: opts.verbose ?? false, explain: opts.explain ?? false }));
      for (const line of problems) warn(line);
      setExitCode(problems.length > 0 ? EXIT_INVALID : exitCodeFor(reports, opts.failOn));
    });
}
