// `compliance scan PATH`: judge a folder, an NDJSON file or stdin in bulk, with workers and a progress bar.

import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { scan, scanNdjson, type ItemMeta } from '../../scan/index.js';
import { countItems, isNdjsonFile, pathItems } from '../../scan/sources.js';
import { scanHistoryFor } from '../../scan/history-input.js';
import { createReadStream } from 'node:fs';
import type { ScanSummary } from '../../scan/summary.js';
import { atOrAbove, EXIT_FINDINGS, EXIT_INVALID, EXIT_OK } from '../exit.js';
import { failOnOption, langOption, ruleSetFrom, rulesOption, type CommonOptions } from '../options.js';
import { usage, write } from '../output.js';
import { io, setExitCode, warn, type Io } from '../io.js';
import { pathProblem } from '../../scan/input.js';
import type { RuleSet } from '../../rules/types.js';
import { outputFormat, SCAN_FORMAT_NAMES } from '../../report/formats.js';

interface ScanOptions extends CommonOptions {
  format: string;
  full?: boolean;
  workers: string;
  progress?: boolean;
  history?: string;
}

function exitCode(s: ScanSummary, ruleSet: RuleSet, failOn: CommonOptions['failOn']): number {
  if (s.invalid > 0) return EXIT_INVALID;
  const severity = new Map(ruleSet.rules.map((r) => [r.id, r.severity]));
  for (const [id, counts] of Object.entries(s.byRule)) {
    if (counts.error > 0) return EXIT_FINDINGS;
    if (counts.fail > 0 && atOrAbove(severity.get(id) ?? 'info', failOn)) return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/**
 * The progress bar on a terminal: with the total, a percentage and an ETA when the input can be counted
 * first (a folder or a file), with the rate alone for stdin. Values: `update(count, { invalid, rate })`.
 */
async function progressBar(path: string, stream: Io['stderr']): Promise<cliProgress.SingleBar> {
  const total = path === '-' ? null : await countItems(path).catch(() => null);
  const format =
    total === null
      ? 'judging {value} filings | {invalid} invalid | {rate}/s'
      : 'judging {bar} {percentage} % | {value}/{total} filings | {invalid} invalid | {rate}/s | ETA {eta_formatted}';
  const bar = new cliProgress.SingleBar(
    { stream: stream as NodeJS.WritableStream, format, fps: 5, etaBuffer: 50, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0, { invalid: 0, rate: 0 });
  return bar;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description('judge every filing in a folder (recursive), an NDJSON file, or - (NDJSON on stdin)')
    .argument('<path>', 'folder, NDJSON file, or -')
    .addOption(
      new Option('--format <format>', 'ndjson: a ruleset line, one scan line per filing, then a summary line; table: the summary')
        .choices([...SCAN_FORMAT_NAMES])
        .default('table'),
    )
    .option('--full', 'ndjson: each filing\'s whole report per line (no ruleset line)')
    .option('--workers <n>', 'worker threads (0 = judge in the main thread)', String(availableParallelism()))
    .option('--no-progress', 'never show the progress bar')
    .option('--history <path>', 'a folder or NDJSON file of earlier filings, added to the history each filing gets from the rest of the input (for -, the only history)')
    .addOption(rulesOption())
    .addOption(langOption())
    .addOption(failOnOption())
    .action(async (path: string, opts: ScanOptions) => {
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw usage(`--workers must be an integer from 0 to 64, not ${opts.workers}`);
      const format = outputFormat(opts.format);
      if (opts.full && !format.scan?.full) throw usage(`--full is for --format ndjson, not ${opts.format}`);
      const ruleSet = ruleSetFrom(opts);
      // the format's writer (src/report/formats.ts) says what each filing's line is and writes as batches come
      const writer = format.scan!.writer({ ruleSet, lang: opts.lang, full: opts.full === true });
      const { stdin, stderr } = io();
      const bar = opts.progress !== false && stderr.isTTY ? await progressBar(path, stderr) : null;
      const started = Date.now();
      let count = 0;
      let invalid = 0;
      const invalidLines: string[] = [];
      // invalid items: lines of the output itself (ndjson), else on stderr after it
      const invalidToStderr = !format.scan!.carriesInvalid;
      let headWritten = false;
      const onBatch = (out: Uint8Array, metas: readonly ItemMeta[]): Promise<void> | void => {
        count += metas.length;
        for (const m of metas) {
          if (!('source' in m)) continue;
          invalid++;
          if (invalidToStderr && invalidLines.length < 100) {
            invalidLines.push(...m.errors.map((e) => `${m.source}${e.pointer ? ` ${e.pointer}` : e.line ? `:${e.line}:${e.column}` : ''}: ${e.message} [${e.code}]`));
          }
        }
        bar?.update(count, { invalid, rate: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
        // what comes first (the ruleset line, SARIF's head) once there is something to judge: an input
        // with no filing writes nothing but its usage error
        if (metas.length === 0) return;
        const head = headWritten ? '' : writer.start();
        headWritten = true;
        const body = writer.batch(out, metas);
        if (head !== '') void write(head);
        if (body.length > 0) return write(body);
      };
      const options: Parameters<typeof scan>[1] = { ruleSet, workers, lang: opts.lang, lines: writer.lines, onBatch };
      let summary: ScanSummary;
      try {
        // each filing's history (DESIGN §5.1, §7): a first pass indexes the input and --history PATH
        const history = await scanHistoryFor(path, opts.history, workers);
        if (history) options.history = history;
        // NDJSON streams go to the workers as raw bytes; folders and single filings as parsed items
        if (path === '-') summary = await scanNdjson(stdin, 'stdin', options);
        else if (isNdjsonFile(path)) summary = await scanNdjson(createReadStream(path), path, options);
        else summary = await scan(pathItems(path), options);
      } catch (e) {
        bar?.stop();
        // a file system error in words, never its raw ENOENT/EACCES text
        throw usage((e as NodeJS.ErrnoException).code !== undefined ? `${path}: ${pathProblem(e)}` : (e as Error).message);
      }
      bar?.update(count, { invalid, rate: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
      bar?.stop();
      if (summary.filings + summary.invalid === 0) {
        throw usage(`${path === '-' ? 'stdin' : path}: no filing to judge (a folder of .json, .yaml or .ndjson filings, an NDJSON file, or - for NDJSON on stdin)`);
      }
      // the summary closes the output, in the format's way
      await write(writer.end(summary));
      for (const l of invalidLines) warn(l);
      setExitCode(exitCode(summary, ruleSet, opts.failOn));
    });
}
