// The one scan orchestrator that the CLI and the HTTP service both call: items in, ordered lines out.

import { Judge } from '../engine/index.js';
import type { Lang, RuleSet } from '../rules/types.js';
import { judgeItem, type ItemResult, type ScanItem } from './judge-item.js';
import { WorkerPool } from './pool.js';
import { SummaryBuilder, type ScanSummary } from './summary.js';

export type { ScanItem, ItemResult } from './judge-item.js';
export type { ScanSummary } from './summary.js';

export interface ScanOptions {
  ruleSet: RuleSet;
  /** 0 judges in this thread. */
  workers: number;
  lang?: Lang;
  /** Called once per item, in input order. May return a promise to apply backpressure (a slow writer). */
  onResult: (result: ItemResult) => void | Promise<void>;
  /** Items per message to a worker. */
  batchSize?: number;
  /** Reuse a judge (the in-thread path); built from the rule set otherwise. */
  judge?: Judge;
}

/**
 * Judges every item, streaming results in input order; memory stays flat because at most a few
 * batches are in flight and nothing is kept but the summary counts.
 * @example const summary = await scan(pathItems('filings/'), { ruleSet, workers: 2, onResult: (r) => out.write(r.line + '\n') })
 */
export async function scan(items: AsyncIterable<ScanItem> | Iterable<ScanItem>, opts: ScanOptions): Promise<ScanSummary> {
  const lang = opts.lang ?? 'en';
  const summary = new SummaryBuilder(opts.ruleSet.version);
  const account = (r: ItemResult) => (r.kind === 'report' ? summary.addJudged(r.meta) : summary.addInvalid());
  if (opts.workers <= 0) {
    const judge = opts.judge ?? new Judge(opts.ruleSet);
    for await (const item of items) {
      const r = judgeItem(judge, item, lang);
      account(r);
      const wait = opts.onResult(r);
      if (wait) await wait;
    }
    return summary.result();
  }
  let pending: Promise<void> = Promise.resolve();
  const pool = new WorkerPool(opts.workers, opts.ruleSet.sources, lang, (results) => {
    for (const r of results) {
      account(r);
      const wait = opts.onResult(r);
      if (wait) pending = pending.then(() => wait);
    }
  });
  const size = opts.batchSize ?? 64;
  let batch: ScanItem[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        await pool.submit(batch);
        batch = [];
        await pending;
      }
    }
    if (batch.length > 0) await pool.submit(batch);
  } finally {
    await pool.close();
  }
  await pending;
  return summary.result();
}
