// Judging one shard of an asynchronous scan: its stored filings, each with its platform's stored
// history, by the rule-set version the scan was asked with; the output written once, in one transaction.

import type { EngineAt } from '../app/judges.js';
import { platformHistory, sortedArray } from '../engine/history.js';
import { scan, type ScanItem, type ScanSummary } from '../scan/index.js';
import type { Store } from '../store/types.js';


/** What became of one shard. */
export type ShardOutcome = 'recorded' | 'already-recorded' | 'skipped';

/**
 * Judges shard `shard` of scan `scanId` and records it. A cancelled, failed or missing scan is
 * skipped (its shards not yet taken are never judged); a shard recorded already (a retry after a
 * worker died) is judged again but counted once.
 */
export async function judgeShard(store: Store, engineAt: (version: string) => Promise<EngineAt | null>, scanId: string, shard: number): Promise<ShardOutcome> {
  const record = await store.getScan(scanId);
  if (!record || record.state === 'cancelled' || record.state === 'failed') return 'skipped';
  const keys = await store.shardKeys(scanId, shard);
  if (!keys) return 'skipped';
  const engine = await engineAt(record.rulesetVersion);
  if (!engine) {
    await store.failScan(scanId, `rule-set version ${record.rulesetVersion} is not stored`);
    return 'skipped';
  }
  await store.startScan(scanId);
  const docs = await store.documentsByKeys(keys);
  // each platform's history, read once per shard: its current stored filings as light records
  const histories = new Map<string, ReturnType<typeof sortedArray>>();
  for (const platformId of new Set(docs.map((d) => d.platformId))) {
    histories.set(platformId, sortedArray(platformHistory(await store.historyRecords(platformId))));
  }
  const empty = sortedArray([]);
  const items: ScanItem[] = docs.map((d) => ({ source: d.filingId, text: d.parsedJson, format: 'json' }));
  const lines: string[] = [];
  const summary: ScanSummary = await scan(items, {
    ruleSet: engine.ruleSet,
    judge: engine.judge,
    workers: 0,
    lang: record.lang,
    history: { index: { platform: (id) => histories.get(id) ?? empty } },
    onResult: (r) => {
      lines.push(r.line);
    },
  });
  const ndjson = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  const recorded = await store.completeShard(scanId, shard, { filings: summary.filings + summary.invalid, summary: JSON.stringify(summary), ndjson });
  return recorded ? 'recorded' : 'already-recorded';
}
