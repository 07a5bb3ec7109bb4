// `npm run bench [-- --json] [--count N] [--disclosures D] [--rss-filings N]`: the floor, the baseline and
// the scan measured side by side on one in-memory corpus, printed as ratios; exits non-zero when the
// baseline and the scan disagree on any rule of any filing, or the corpus misses a status of a rule.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Judge } from '../src/engine/index.js';
import { matchesFilingSchema, validateFiling } from '../src/filing/validate.js';
import { loadRuleSet } from '../src/rules/load.js';
import { ndjsonBatches, scanNdjson, type ItemMeta } from '../src/scan/index.js';
import { CODE_STATUS } from '../src/scan/judge-item.js';
import { baselineEngine, baselineFailures, baselineHistory, baselineHistoryIndex, baselineRecord, type BaselineRecord } from './baseline.js';
import { HistoryIndex } from '../src/engine/history-index.js';
import { indexNdjson, type ScanHistory } from '../src/scan/history.js';
import { corpus } from './corpus.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
}

const asJson = process.argv.includes('--json');
const count = arg('count', 20_000);
const disclosures = arg('disclosures', 24);
const rssFilings = arg('rss-filings', 1_000_000);
const ruleCount = arg('rules', 18);
const log = (s: string) => process.stderr.write(s + '\n');

const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function timed(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The corpus as `compliance scan -` reads it: NDJSON bytes in 64 KiB chunks. */
function* chunks(bytes: Buffer): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
}
async function* asAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}

/** Peak resident memory of `corpus | compliance scan - --format ndjson`, output discarded. */
function peakRss(filings: number): Promise<number> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const gen = spawn(process.execPath, [`${root}dist/bench/corpus.js`, '--count', String(filings), '--disclosures', String(disclosures), '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const scanner = spawn(process.execPath, [`${root}dist/src/cli/main.js`, 'scan', '-', '--format', 'ndjson', '--workers', '2', '--fail-on', 'none', '--no-progress'], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    gen.stdout.pipe(scanner.stdin);
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
      if (code !== 0 && code !== 1 && code !== 2) reject(new Error(`scan exited ${code}`));
      else resolve(Math.round(peakKb / 1024));
    });
  });
}

async function main(): Promise<void> {
  // --rules N keeps the first N rules (by id) on both sides, to show how cost grows with rules
  const full = loadRuleSet();
  const ruleSet = { ...full, rules: full.rules.slice(0, ruleCount) };
  const kept = new Set(ruleSet.rules.map((r) => r.id));
  log(`corpus: ${count} filings with ${disclosures} disclosures each`);
  // only the bytes are kept: the runs below all read them, as `compliance scan -` reads its input
  const ndjson = Buffer.from([...corpus(count, 1, disclosures)].join('\n') + '\n');

  // floor: read the same NDJSON bytes and validate against the schema, nothing else
  const lineTexts = async function* (): AsyncGenerator<string> {
    for await (const { bytes } of ndjsonBatches(asAsync(chunks(ndjson)))) {
      for (const text of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n')) if (text !== '') yield text;
    }
  };
  const floorMs = await timed(async () => {
    for await (const l of lineTexts()) if (!matchesFilingSchema(JSON.parse(l))) throw new Error('corpus filing invalid');
  });

  // baseline: a first pass gathering each platform's light records (history), then read, validate and
  // judge with plain json-rules-engine, the history handed in as a runtime fact
  const engine = baselineEngine(kept);
  const baseline: string[][] = [];
  const baselineMs = await timed(async () => {
    const records = new Map<string, BaselineRecord[]>();
    for await (const l of lineTexts()) {
      const f = validateFiling(JSON.parse(l));
      const list = records.get(f.platform.id) ?? records.set(f.platform.id, []).get(f.platform.id)!;
      list.push(baselineRecord(f));
    }
    const index = baselineHistoryIndex(records);
    for await (const l of lineTexts()) {
      const f = validateFiling(JSON.parse(l));
      baseline.push(await baselineFailures(engine, f, baselineHistory(index, f)));
    }
  });

  // the project's scan path, end to end, in the main thread: NDJSON bytes in, report lines out
  const judge = new Judge(ruleSet);
  const scanned: string[][] = [];
  const statusSeen = new Map<string, Set<string>>();
  const ids = ruleSet.rules.map((r) => r.id);
  let sink = 0;
  const onBatch = (out: Uint8Array, metas: readonly ItemMeta[]) => {
    sink += out.length;
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
  // with history, as `compliance scan FILE` does: the first pass that indexes the input counts in the time
  const withHistory = async (): Promise<ScanHistory> => {
    const index = new HistoryIndex();
    const subjects = await indexNdjson(ndjsonBatches(asAsync(chunks(ndjson))), 'corpus', index);
    index.seal();
    return { index, subjects };
  };
  const scanMs = await timed(async () => {
    await scanNdjson(asAsync(chunks(ndjson)), 'corpus', { ruleSet, workers: 0, judge, onBatch, history: await withHistory() });
  });
  let lines2 = 0;
  const scan2Ms = await timed(async () => {
    await scanNdjson(asAsync(chunks(ndjson)), 'corpus', { ruleSet, workers: 2, onBatch: (out, metas) => void (lines2 += metas.length, (sink += out.length)), history: await withHistory() });
  });

  let disagreements = 0;
  for (let i = 0; i < count; i++) {
    if (baseline[i]!.join() !== scanned[i]!.join()) {
      disagreements++;
      if (disagreements <= 5) log(`disagreement on filing ${i}: baseline [${baseline[i]!.join(', ')}] scan [${scanned[i]!.join(', ')}]`);
    }
  }
  const missing: string[] = [];
  for (const r of ruleSet.rules) {
    const seen = statusSeen.get(r.id) ?? new Set();
    for (const s of ['pass', 'fail', 'not-applicable']) if (!seen.has(s)) missing.push(`${r.id} never ${s}`);
  }

  log(`measuring peak RSS over ${rssFilings} filings piped into \`compliance scan -\` …`);
  const peakRssMb = rssFilings > 0 ? await peakRss(rssFilings) : 0;

  const floorPerSec = perSec(count, floorMs);
  const baselinePerSec = perSec(count, baselineMs);
  const scanPerSec = perSec(count, scanMs);
  const scan2PerSec = perSec(lines2, scan2Ms);
  const result = {
    filings: count,
    disclosuresPerFiling: disclosures,
    rules: ruleSet.rules.length,
    floorPerSec,
    baselinePerSec,
    scanPerSec,
    scan2PerSec,
    ratioToFloor: Number((scanPerSec / floorPerSec).toFixed(3)),
    speedupVsBaseline: Number((scanPerSec / baselinePerSec).toFixed(2)),
    workerScaling: Number((scan2PerSec / scanPerSec).toFixed(2)),
    peakRssMb,
    rssFilings,
    disagreements,
    corpusGaps: missing,
  };
  if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    process.stdout.write(
      [
        `floor     ${floorPerSec}/s   (JSON.parse + validation)`,
        `baseline  ${baselinePerSec}/s   (+ plain json-rules-engine)`,
        `scan      ${scanPerSec}/s   (workers 0)   ratioToFloor ${result.ratioToFloor}   speedupVsBaseline ${result.speedupVsBaseline}`,
        `scan ×2   ${scan2PerSec}/s   (workers 2)   workerScaling ${result.workerScaling}`,
        `peak RSS  ${peakRssMb} MB over ${rssFilings} filings`,
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
