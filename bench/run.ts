// `npm run bench [-- --json] [--rounds R] [--count N] [--disclosures D] [--rules N] [--platforms P]
// [--rss-filings N] [--profile]`: the floor, the baseline, the scan (the bulk scan line, DESIGN §7
// revision 3), the scan with --full and the scan on 2 workers measured in R interleaved rounds on one
// corpus, printed as medians with their spread and the machine, with the bulk line's bytes per filing
// and the main thread's CPU per filing in the 2-worker scan; exits non-zero when the baseline and the
// scan disagree on any rule of any filing, or the corpus misses a status of a rule. `--profile` times
// each stage of a scan alone instead.

import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Judge } from '../src/engine/index.js';
import { matchesFilingSchema, validateFiling } from '../src/filing/validate.js';
import { loadRuleSet, BUNDLED_RULES_DIR } from '../src/rules/load.js';
import { ndjsonBatches, scanNdjson, type ItemMeta } from '../src/scan/index.js';
import { CODE_STATUS } from '../src/scan/judge-item.js';
import {
  baselineEngine,
  baselineFailures,
  baselineHistory,
  baselineHistoryIndex,
  baselineRecord,
  type BaselineRecord,
} from './baseline.js';
import { scanHistoryFor } from '../src/scan/history-input.js';
import { profile, profileTable } from './profile.js';
import { corpusFile } from './corpus-file.js';
import { loadNow, machine, mainThreadCpuMs, show, spread, type Spread } from './stats.js';
import { REGISTRIES } from '../src/engine/registries.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
}

const asJson = process.argv.includes('--json');
// --filings is another name for --count
const count = arg('count', arg('filings', 100_000));
const rounds = Math.max(1, arg('rounds', 5));
const disclosures = arg('disclosures', 24);
const platforms = Math.max(1, arg('platforms', 200));
const rssFilings = arg('rss-filings', 1_000_000);
const ruleCount = arg('rules', 1000);
const log = (s: string) => process.stderr.write(s + '\n');

const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);

/**
 * Peak resident memory (VmHWM) of `compliance scan FILE --format ndjson --workers 2`: the file's first
 * pass indexes every filing's history, so the index is in the figure; the output is discarded.
 */
async function peakRss(filings: number): Promise<number> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const file = await corpusFile(filings, disclosures, platforms);
  return new Promise((resolve, reject) => {
    const scanner = spawn(
      process.execPath,
      [
        `${root}src/cli/main.js`,
        'scan',
        file,
        '--format',
        'ndjson',
        '--workers',
        '2',
        '--fail-on',
        'none',
        '--no-progress',
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${scanner.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has exited
      }
    }, 100);
    scanner.on('error', reject);
    scanner.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) reject(new Error(`scan exited ${code}`));
      else resolve(Math.round(peakKb / 1024));
    });
  });
}

/** The corpus's NDJSON bytes in the scan's own batches, for the profile. */
async function batchesOf(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const { bytes } of ndjsonBatches(chunks)) out.push(bytes);
  return out;
}

async function main(): Promise<void> {
  // --rules N keeps the first N rules (by id) on both sides, to show how cost grows with rules
  const full = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
  const ruleSet = { ...full, rules: full.rules.slice(0, ruleCount) };
  const kept = new Set(ruleSet.rules.map((r) => r.id));
  const host = machine();
  log(`machine: ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAtStart.join(' ')}`);
  log(
    `corpus: ${count} filings with ${disclosures} disclosures each over ${platforms} platforms; ${ruleSet.rules.length} rules`,
  );
  // the corpus as a file, read by every measurement as `compliance scan FILE` reads it (from the page
  // cache once warm): the scans call the very functions the command calls
  const file = await corpusFile(count, disclosures, platforms);
  const read = () => createReadStream(file, { highWaterMark: 65536 }) as AsyncIterable<Uint8Array>;

  if (process.argv.includes('--profile')) {
    const p = profile(await batchesOf(read()), ruleSet, count, rounds);
    if (asJson)
      process.stdout.write(
        JSON.stringify({
          filings: count,
          disclosuresPerFiling: disclosures,
          rules: ruleSet.rules.length,
          rounds,
          machine: host,
          microsecondsPerFiling: p,
        }) + '\n',
      );
    else process.stdout.write(profileTable(p) + '\n');
    return;
  }

  const lineTexts = async function* (): AsyncGenerator<string> {
    for await (const { bytes } of ndjsonBatches(read())) {
      for (const text of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        .toString('utf8')
        .split('\n'))
        if (text !== '') yield text;
    }
  };
  const engine = baselineEngine(kept);
  const judge = new Judge(ruleSet);
  const ids = ruleSet.rules.map((r) => r.id);
  // what the first round judged, compared rule by rule afterwards
  const baseline: string[][] = [];
  const scanned: string[][] = [];
  const statusSeen = new Map<string, Set<string>>();
  let sink = 0;
  // the bulk line's and the whole report's bytes, counted in the first round
  let bulkBytes = 0;
  let fullBytes = 0;
  // the main thread's CPU per filing in each round's 2-worker scan (µs), and how it was read
  const mainUs: number[] = [];
  let cpuSource = '';

  const measures: Record<string, (first: boolean) => Promise<number>> = {
    // the floor: read the same NDJSON bytes and run the schema validator, nothing else
    floor: async () => {
      let n = 0;
      for await (const l of lineTexts()) {
        if (!matchesFilingSchema(JSON.parse(l))) throw new Error('corpus filing invalid');
        n++;
      }
      return n;
    },
    // the baseline: a first pass gathering each platform's light records (history), then read, validate
    // and judge with plain json-rules-engine, the history handed in as a runtime fact
    baseline: async (first) => {
      const records = new Map<string, BaselineRecord[]>();
      for await (const l of lineTexts()) {
        const f = validateFiling(JSON.parse(l));
        const list = records.get(f.platform.id) ?? records.set(f.platform.id, []).get(f.platform.id)!;
        list.push(baselineRecord(f));
      }
      const index = baselineHistoryIndex(records);
      let n = 0;
      for await (const l of lineTexts()) {
        const f = validateFiling(JSON.parse(l));
        const failed = await baselineFailures(engine, f, baselineHistory(index, f));
        if (first) baseline.push(failed);
        n++;
      }
      return n;
    },
    // the project's scan path, end to end, in the main thread: NDJSON bytes in, bulk scan lines out
    // (`compliance scan FILE --format ndjson --workers 0`)
    scan: async (first) => {
      let n = 0;
      const onBatch = (out: Uint8Array, metas: readonly ItemMeta[]) => {
        sink += out.length;
        n += metas.length;
        if (!first) return;
        bulkBytes += out.length;
        for (const m of metas) {
          if ('source' in m) throw new Error(`corpus filing invalid: ${JSON.stringify(m.errors)}`);
          const failed: string[] = [];
          for (let i = 1; i < m.codes.length; i++) {
            const rule = ids[i - 1]!;
            const status = CODE_STATUS[m.codes[i]!]!;
            if (status === 'fail') failed.push(rule);
            if (!statusSeen.has(rule)) statusSeen.set(rule, new Set());
            statusSeen.get(rule)!.add(status);
          }
          scanned.push(failed.sort());
        }
      };
      // the history's first pass counts in the time, as in `compliance scan FILE`
      const history = (await scanHistoryFor(file, undefined, 0))!;
      await scanNdjson(read(), file, { ruleSet, workers: 0, judge, onBatch, history, lines: 'scan' });
      return n;
    },
    // the same with whole reports per line (`--full`), as every scan wrote before revision 3
    scanFull: async (first) => {
      let n = 0;
      const history = (await scanHistoryFor(file, undefined, 0))!;
      await scanNdjson(read(), file, {
        ruleSet,
        workers: 0,
        judge,
        history,
        lines: 'full',
        onBatch: (out, metas) => {
          n += metas.length;
          sink += out.length;
          if (first) fullBytes += out.length;
        },
      });
      return n;
    },
    // the same on 2 worker threads, their start-up included, as `compliance scan FILE --workers 2`
    scan2: async () => {
      let n = 0;
      // `compliance scan FILE --workers 2`: the first pass on as many threads as the scan
      const history = (await scanHistoryFor(file, undefined, 2))!;
      await scanNdjson(read(), file, {
        ruleSet,
        workers: 2,
        lines: 'scan',
        onBatch: (out, metas) => void ((n += metas.length), (sink += out.length)),
        history,
      });
      return n;
    },
    // the 2-worker scan again, the main thread's own CPU time read per thread around it, start-up
    // excluded: the main thread waits for its workers instead of judging the first batches itself
    // (which `compliance scan` does meanwhile, and scan2 above with it)
    scan2main: async () => {
      let n = 0;
      const cpu0 = mainThreadCpuMs();
      const history = (await scanHistoryFor(file, undefined, 2))!;
      await scanNdjson(read(), file, {
        ruleSet,
        workers: 2,
        lines: 'scan',
        startInline: false,
        onBatch: (out, metas) => void ((n += metas.length), (sink += out.length)),
        history,
      });
      const cpu1 = mainThreadCpuMs();
      mainUs.push(((cpu1.ms - cpu0.ms) * 1000) / n);
      cpuSource = cpu1.source;
      return n;
    },
  };
  const names = Object.keys(measures);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    // each round starts one later in the order, so that no measurement always follows the same one
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    const line: string[] = [];
    for (const name of order) {
      const t0 = performance.now();
      const n = await measures[name]!(r === 0);
      const ms = performance.now() - t0;
      if (n !== count) throw new Error(`${name} judged ${n} of ${count} filings`);
      rates[name]!.push(perSec(count, ms));
      line.push(`${name} ${perSec(count, ms)}/s`);
    }
    log(`round ${r + 1}/${rounds}: ${line.join(', ')} (load ${loadNow()})`);
  }

  let disagreements = 0;
  for (let i = 0; i < count; i++) {
    if (baseline[i]!.join() !== scanned[i]!.join()) {
      disagreements++;
      if (disagreements <= 5)
        log(
          `disagreement on filing ${i}: baseline [${baseline[i]!.join(', ')}] scan [${scanned[i]!.join(', ')}]`,
        );
    }
  }
  const missing: string[] = [];
  for (const r of ruleSet.rules) {
    const seen = statusSeen.get(r.id) ?? new Set();
    for (const s of ['pass', 'fail', 'not-applicable']) if (!seen.has(s)) missing.push(`${r.id} never ${s}`);
  }

  let peakRssMb = 0;
  if (rssFilings > 0) {
    log(
      `measuring peak RSS of \`compliance scan FILE --workers 2\` (history from the file) over ${rssFilings} filings …`,
    );
    peakRssMb = await peakRss(rssFilings);
  }

  // each round's ratios are of figures measured moments apart: their median is the ratio reported
  const per = (a: string, b: string) => rates[a]!.map((x, i) => x / rates[b]![i]!);
  const figures: Record<string, Spread> = {
    floorPerSec: spread(rates.floor!),
    baselinePerSec: spread(rates.baseline!),
    scanPerSec: spread(rates.scan!),
    scanFullPerSec: spread(rates.scanFull!),
    scan2PerSec: spread(rates.scan2!),
    ratioToFloor: spread(per('scan', 'floor'), 3),
    ratioToFloorFull: spread(per('scanFull', 'floor'), 3),
    speedupVsBaseline: spread(per('scan', 'baseline'), 2),
    workerScaling: spread(per('scan2', 'scan'), 2),
    mainThreadUsPerFiling: spread(mainUs, 1),
  };
  const medians = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.median]));
  const result = {
    filings: count,
    disclosuresPerFiling: disclosures,
    platforms,
    rules: ruleSet.rules.length,
    rounds,
    ...medians,
    bytesPerFiling: Math.round(bulkBytes / count),
    bytesPerFilingFull: Math.round(fullBytes / count),
    mainThreadCpu: cpuSource,
    peakRssMb,
    rssFilings,
    disagreements,
    corpusGaps: missing,
    spread: figures,
    machine: { ...host, loadAtEnd: loadNow() },
  };
  if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    const f = figures;
    process.stdout.write(
      [
        `${host.cpu}, ${host.cores} cores, Node ${host.node}; load at start ${host.loadAtStart.join(' ')}, at end ${result.machine.loadAtEnd}`,
        `${count} filings × ${disclosures} disclosures, ${ruleSet.rules.length} rules, ${rounds} rounds: median (min–max)`,
        `floor     ${show(f.floorPerSec!)}/s   (JSON.parse + schema validation)`,
        `baseline  ${show(f.baselinePerSec!)}/s   (plain json-rules-engine, history in a first pass)`,
        `scan      ${show(f.scanPerSec!)}/s   (workers 0, bulk scan line, history index pass included)`,
        `scan full ${show(f.scanFullPerSec!)}/s   (workers 0, --full: whole reports)`,
        `scan ×2   ${show(f.scan2PerSec!)}/s   (workers 2, bulk scan line)`,
        `ratioToFloor       ${show(f.ratioToFloor!)}   (target ≥ 0.4)`,
        `ratioToFloorFull   ${show(f.ratioToFloorFull!)}   (target ≥ 0.2)`,
        `speedupVsBaseline  ${show(f.speedupVsBaseline!)}   (target ≥ 5)`,
        `workerScaling      ${show(f.workerScaling!)}   (target ≥ 1.7)`,
        `bytes per filing   ${result.bytesPerFiling} (bulk line), ${result.bytesPerFilingFull} (--full)`,
        `main thread        ${show(f.mainThreadUsPerFiling!)} µs CPU per filing in the 2-worker scan (${cpuSource})`,
        `peak RSS  ${peakRssMb} MB over ${rssFilings} filings (target < 300)`,
        `disagreements ${disagreements}; corpus gaps ${missing.length === 0 ? 'none' : missing.join(', ')}`,
        '',
      ].join('\n'),
    );
  }
  if (disagreements > 0 || missing.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(2);
});
