// `npm run bench -- --profile`: where a scan's time goes, stage by stage, each timed alone over the corpus
// in the scan's own byte batches, in microseconds per filing (median of the rounds).

import { performance } from 'node:perf_hooks';
import { HistoryIndex, type HistoryEntry } from '../src/engine/history-index.js';
import { historyRecord } from '../src/engine/history.js';
import { Judge } from '../src/engine/index.js';
import { jsonDuplicateKey } from '../src/filing/json-error.js';
import type { Filing } from '../src/filing/types.js';
import { matchesFilingSchema, validateFiling } from '../src/filing/validate.js';
import { ByteWriter, writeReportLine, writeScanLine } from '../src/report/ndjson-bytes.js';
import type { Outcome } from '../src/engine/report-model.js';
import type { RuleSet } from '../src/rules/types.js';
import { digestOfEntry } from '../src/scan/history.js';
import { spread, type Spread } from './stats.js';
import { renderReport } from '../src/report/render.js';
import { renderScanLine } from '../src/report/scan-line.js';

/** The stages of a scan with history, in the order a filing meets them. */
export const STAGES = [
  ['decode', 'UTF-8 decoding of a batch and splitting it into lines'],
  ['parse', 'JSON.parse of each line'],
  ['duplicateKeys', 'the duplicate-key check of each line (part of reading JSON text)'],
  ['schema', 'the compiled ajv schema validator (what the floor runs)'],
  ['validate', 'the full validation: schema, calendar dates, USCC check digits, retirement'],
  ['historyIndex', 'the first pass: each filing\u2019s light record indexed (sealing included)'],
  ['historyDigest', 'each filing\u2019s history digest from the sealed index'],
  ['judge', 'the compiled rules, facts and findings: the outcome, no text'],
  ['render', 'the bulk scan line rendered: messages of the findings that do not pass, the rest by id'],
  ['write', 'the bulk scan line written as UTF-8'],
  ['renderFull', '--full: the whole report rendered (titles, citations, reasons of every finding)'],
  ['writeFull', '--full: the whole report line written as UTF-8'],
] as const;

export type Stage = (typeof STAGES)[number][0];

/** Times each stage over every batch; microseconds per filing, by stage. */
function once(batches: readonly Uint8Array[], judge: Judge, filings: number): Record<Stage, number> {
  const ms = Object.fromEntries(STAGES.map(([s]) => [s, 0])) as Record<Stage, number>;
  const decoder = new TextDecoder();
  const clock = <T>(stage: Stage, fn: () => T): T => {
    const t0 = performance.now();
    const out = fn();
    ms[stage] += performance.now() - t0;
    return out;
  };
  // the first pass: what the history index costs, with the parse and validation it needs timed apart
  const index = new HistoryIndex();
  const entries: HistoryEntry[] = [];
  for (const bytes of batches) {
    const lines = decoder
      .decode(bytes)
      .split('\n')
      .filter((l) => l !== '');
    const valid = lines.map((l) => validateFiling(JSON.parse(l)));
    clock('historyIndex', () => {
      for (const f of valid) entries.push(index.add(historyRecord(f)));
    });
  }
  clock('historyIndex', () => index.seal());
  let n = 0;
  let sink = 0;
  for (const bytes of batches) {
    const lines = clock('decode', () =>
      decoder
        .decode(bytes)
        .split('\n')
        .filter((l) => l !== ''),
    );
    const values = clock('parse', () => lines.map((l) => JSON.parse(l) as unknown));
    clock('duplicateKeys', () => {
      for (const l of lines) if (jsonDuplicateKey(l)) throw new Error('corpus filing has a duplicate key');
    });
    clock('schema', () => {
      for (const v of values) if (!matchesFilingSchema(v)) throw new Error('corpus filing invalid');
    });
    const valid = clock('validate', () => values.map((v) => validateFiling(v)));
    const digests = clock('historyDigest', () =>
      valid.map((_, i) => digestOfEntry(judge, index, entries[n + i]!)),
    );
    const outcomes: Outcome[] = clock('judge', () =>
      valid.map((f: Filing, i) => judge.outcome(f, { lang: 'en', historyDigest: digests[i]! })),
    );
    const scanLines = clock('render', () => outcomes.map((o) => renderScanLine(o, judge.ruleSet, 'en')));
    clock('write', () => {
      const w = new ByteWriter();
      for (const l of scanLines) writeScanLine(w, l);
      sink += w.result().length;
    });
    const reports = clock('renderFull', () => outcomes.map((o) => renderReport(o, judge.ruleSet, 'en')));
    clock('writeFull', () => {
      const w = new ByteWriter();
      for (const r of reports) writeReportLine(w, r);
      sink += w.result().length;
    });
    n += valid.length;
  }
  if (n !== filings || sink === 0) throw new Error('profile: not every filing was judged');
  return Object.fromEntries(STAGES.map(([s]) => [s, (ms[s] * 1000) / filings])) as Record<Stage, number>;
}

/** Each stage's microseconds per filing over `rounds` rounds: median and spread. */
export function profile(
  batches: readonly Uint8Array[],
  ruleSet: RuleSet,
  filings: number,
  rounds: number,
): Record<Stage, Spread> {
  const judge = new Judge(ruleSet);
  const runs: Record<Stage, number>[] = [];
  for (let r = 0; r < rounds; r++) runs.push(once(batches, judge, filings));
  return Object.fromEntries(
    STAGES.map(([s]) => [
      s,
      spread(
        runs.map((x) => x[s]),
        1,
      ),
    ]),
  ) as Record<Stage, Spread>;
}

/**
 * How many times a scan with history runs each stage per filing: the first pass decodes, parses, checks
 * keys, validates and indexes; the second decodes and parses again (validation not repeated), digests,
 * judges, renders and writes the bulk line. The schema validator runs inside `validate`; the whole
 * report's rendering and writing only with `--full` (in place of render and write).
 */
export const SCAN_PATH: Record<Stage, number> = {
  decode: 2,
  parse: 2,
  duplicateKeys: 1,
  schema: 0,
  validate: 1,
  historyIndex: 1,
  historyDigest: 1,
  judge: 1,
  render: 1,
  write: 1,
  renderFull: 0,
  writeFull: 0,
};

/** The profile as a table for people: each stage, its microseconds per filing and its share of the scan. */
export function profileTable(p: Record<Stage, Spread>): string {
  const scanStages = STAGES.map(([s]) => s);
  const total = scanStages.reduce((a, s) => a + p[s].median * SCAN_PATH[s], 0);
  const floor = p.decode.median + p.parse.median + p.schema.median;
  const rows = STAGES.map(([s, what]) => {
    const share =
      SCAN_PATH[s] === 0
        ? s === 'schema'
          ? '(in validate)'
          : '(--full only)'
        : `×${SCAN_PATH[s]} ${((p[s].median * SCAN_PATH[s] * 100) / total).toFixed(0)} %`;
    return `${s.padEnd(14)} ${p[s].median.toFixed(1).padStart(7)} µs  (${p[s].min.toFixed(1)}–${p[s].max.toFixed(1)})  ${share.padStart(13)}   ${what}`;
  });
  return [
    `stage          per filing  (min–max)     in a scan   what`,
    ...rows,
    `scan, summed   ${total.toFixed(1).padStart(7)} µs  → ${Math.round(1e6 / total)} filings/s in one thread`,
    `floor, summed  ${floor.toFixed(1).padStart(7)} µs  → ${Math.round(1e6 / floor)} filings/s (decode + parse + schema)`,
  ].join('\n');
}
