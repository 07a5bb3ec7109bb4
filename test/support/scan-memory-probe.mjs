// Child process for the memory test (run with `node --expose-gc`): scans N generated filings in this
// thread (workers 0) with the built code, and prints the heap after GC at each checkpoint as JSON.
// Usage: node --expose-gc test/support/scan-memory-probe.mjs 10000,100000

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scan } from '../../dist/src/scan/index.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../../dist/src/rules/load.js';
import { REGISTRIES } from '../../dist/src/engine/registries.js';

const checkpoints = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const total = Math.max(...checkpoints);
const base = parse(readFileSync(new URL('../../rules/tests/base.yaml', import.meta.url), 'utf8'));

/** Varied filings: names, fees, balances, platforms and dates cycle, so every rule does some work. */
const names = ['信美互助计划', '相互保', '互助保險計劃', '环保互助', '互助\u200b保\u200d障', '大病互助计划'];
const texts = ['每月两次分摊，公开透明；本计划不承诺赔付', '承 诺赔付', '足额赔付', '案件全部公示'];
async function* items() {
  for (let i = 0; i < total; i++) {
    const f = JSON.parse(JSON.stringify(base));
    f.filingId = `mem-${i}`;
    f.platform.id = `platform-${i % 50}`;
    f.platform.name = names[i % names.length];
    f.products[0].managementFeeRate = [0.05, 0.08, 0.1][i % 3];
    f.marketing[0].text = texts[i % texts.length];
    f.funds.custodyBalanceCny = 1_000_000 - (i % 7) * 1000;
    if (i % 11 === 0) f.licenses = [];
    const text = i % 997 === 0 ? '{"not": "a filing"' : JSON.stringify(f);
    yield { source: `gen:${i + 1}`, text, format: 'json' };
  }
}

const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
const heap = {};
let count = 0;
let bytes = 0;
const started = Date.now();
const summary = await scan(items(), {
  ruleSet,
  workers: 0,
  onResult: (r) => {
    count++;
    bytes += r.line.length;
    if (checkpoints.includes(count)) {
      globalThis.gc();
      globalThis.gc();
      heap[count] = process.memoryUsage().heapUsed;
    }
  },
});
process.stdout.write(
  JSON.stringify({
    heap,
    count,
    bytes,
    filings: summary.filings,
    invalid: summary.invalid,
    ms: Date.now() - started,
  }) + '\n',
);
