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
import { checkHistories, cycleSaid } from '../../scan/history-input.js';
import type { Filing } from '../../filing/types.js';
import { judgeReport, judgeReferenceReport } from '../../report/render.js';
import type { SupersedesCycle } from '../../engine/supersedes.js';

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
      const checked = await checkHistories(judge, sources.map((s) => s.filing as Filing), opts.history).catch((e: Error) => {
        throw usage(`--history: ${e.message}`);
      });
      let histories = checked.digests;
      // a correction loop is an invalid input (DESIGN §3): a FILE in one keeps its place as `invalid`,
      // a loop among --history's filings is named too; exit 2 either way
      if (checked.loops.length > 0) {
        const named = new Set<SupersedesCycle>();
        const kept: typeof sources = [];
        const keptHistories: typeof histories = [];
        const moved = new Map<number, number>();
        sources.forEach((s, i) => {
          if (checked.looped.has(i)) return;
          moved.set(i, kept.length);
          kept.push(s);
          keptHistories.push(histories[i]!);
        });
        places.forEach((p, k) => {
          if (typeof p !== 'number') return;
          const loop = checked.looped.get(p);
          if (!loop) {
            places[k] = moved.get(p)!;
            return;
          }
          named.add(loop);
          const problem: Problem = { code: 'supersedes_cycle', ...cycleSaid(loop), pointer: '/supersedes', file: sources[p]!.uri };
          places[k] = invalidEntry(sources[p]!.uri, [problem], opts.lang);
          problems.push(formatProblemIn(opts.lang)(problem));
        });
        for (const loop of checked.loops) {
          if (!named.has(loop)) problems.push(formatProblemIn(opts.lang)({ code: 'supersedes_cycle', ...cycleSaid(loop), file: opts.history ?? 'input' }));
        }
        sources.splice(0, sources.length, ...kept);
        histories = keptHistories;
      }
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
