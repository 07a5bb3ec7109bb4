// `npm run bench:workers [-- --json] [--count N] [--max N]`: the worker-scaling sweep (issue 19) — the file
// scan with the bulk scan line at N = 1, 2, 4, … up to the machine's cores, each N's rate, its ratio to
// N = 1 and the main thread's CPU per filing, with the machine printed. Identical output at every N is
// the scan's own contract (test/scan); this measures how far the curve goes and what bends it.

import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { REGISTRIES } from '../src/engine/registries.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../src/rules/load.js';
import { scanHistoryFor } from '../src/scan/history-input.js';
import { scanNdjson } from '../src/scan/index.js';
import { corpusFile } from './corpus-file.js';
import { loadNow, machine, mainThreadCpuMs } from './stats.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} must be a positive number`);
  return Math.floor(v);
}

/** 1, 2, 4, … below `max`, then `max` itself. */
export function sweepCounts(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n < max; n *= 2) out.push(n);
  out.push(max);
  return out;
}

async function main(): Promise<void> {
  const host = machine();
  const count = arg('count', 100_000);
  const max = arg('max', host.cores);
  const asJson = process.argv.includes('--json');
  const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
  const file = await corpusFile(count, 24, 200);
  process.stderr.write(`machine: ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAtStart.join(' ')}\n`);
  const rows: { workers: number; perSec: number; ratio: number; mainThreadUsPerFiling: number; load: number }[] = [];
  for (const workers of sweepCounts(max)) {
    // the whole command's work: the first pass (on as many threads) and the judging pass
    const t0 = performance.now();
    const cpu0 = mainThreadCpuMs();
    const history = await scanHistoryFor(file, undefined, workers);
    let n = 0;
    await scanNdjson(createReadStream(file, { highWaterMark: 65536 }), file, {
      ruleSet,
      workers,
      lines: 'scan',
      startInline: false,
      onBatch: (_out, metas) => void (n += metas.length),
      ...(history ? { history } : {}),
    });
    const cpu1 = mainThreadCpuMs();
    const perSec = Math.round((n / (performance.now() - t0)) * 1000);
    rows.push({ workers, perSec, ratio: rows.length === 0 ? 1 : Number((perSec / rows[0]!.perSec).toFixed(2)), mainThreadUsPerFiling: Math.round(((cpu1.ms - cpu0.ms) * 1000) / n), load: loadNow() });
    process.stderr.write(`workers ${workers}: ${perSec}/s (load ${loadNow()})\n`);
  }
  if (asJson) process.stdout.write(JSON.stringify({ filings: count, machine: host, sweep: rows }) + '\n');
  else {
    process.stdout.write('| workers | filings/s | × one worker | main thread µs/filing | load |\n|---|---|---|---|---|\n');
    for (const r of rows) process.stdout.write(`| ${r.workers} | ${r.perSec.toLocaleString('en-US')} | ${r.ratio} | ${r.mainThreadUsPerFiling} | ${r.load} |\n`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) await main();
