// Child process for the history memory test (run with `node --expose-gc`): scans N generated filings of
// 50 platforms' half-month series with histories (a first pass indexes them, as a folder scan does), in
// this thread, with the built code; prints the heap after GC once the last report is out, and the index size.
// Usage: node --expose-gc test/support/history-memory-probe.mjs 100000

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scan } from '../../dist/src/scan/index.js';
import { indexItems } from '../../dist/src/scan/history.js';
import { HistoryIndex } from '../../dist/src/engine/history-index.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../../dist/src/rules/load.js';
import { REGISTRIES } from '../../dist/src/engine/registries.js';

const total = Number(process.argv[2] ?? '10000');
const base = parse(readFileSync(new URL('../../rules/tests/base.yaml', import.meta.url), 'utf8'));
const DAY = 86_400_000;
const day = (n) => new Date(Date.UTC(2001, 0, 1) + n * DAY).toISOString().slice(0, 10);

/** 50 platforms, each a series of half-month periods from 2001 on (one in 13 never filed), interleaved. */
function* items() {
  for (let i = 0; i < total; i++) {
    const k = Math.floor(i / 50);
    if (k % 13 === 5) continue;
    const f = JSON.parse(JSON.stringify(base));
    f.filingId = `mem-${i}`;
    f.platform.id = `platform-${i % 50}`;
    f.period = { start: day(k * 15), end: day(k * 15 + 14) };
    f.submittedAt = `${day(k * 15 + 15)}T09:00:00+08:00`;
    f.members = { active: 2_000_000 - (k % 40) * 20_000, activeAtPeriodStart: 2_000_000 };
    f.disclosures = [{ publishedAt: f.period.end, periodStart: f.period.start, periodEnd: f.period.end, cases: 3, perMemberShareCny: 1 + (k % 9) / 10 }];
    const text = i % 997 === 0 ? '{"not": "a filing"' : JSON.stringify(f);
    yield { source: `gen:${i + 1}`, text, format: 'json' };
  }
}

const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
const started = Date.now();
const index = new HistoryIndex();
const subjects = await indexItems(items(), index);
index.seal();
let count = 0;
let withHistory = 0;
let heap = 0;
const expected = subjects.length;
const summary = await scan(items(), {
  ruleSet,
  workers: 0,
  history: { index, subjects },
  onResult: (r) => {
    count++;
    if (r.kind === 'report' && !r.line.includes('"history":null')) withHistory++;
    if (count === expected) {
      globalThis.gc();
      globalThis.gc();
      heap = process.memoryUsage().heapUsed;
    }
  },
});
process.stdout.write(JSON.stringify({ heap, count, indexed: index.size, withHistory, filings: summary.filings, invalid: summary.invalid, ms: Date.now() - started }) + '\n');
