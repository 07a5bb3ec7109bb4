// Judging one shard of an asynchronous scan: its stored filings, each with its platform's stored
// history, by the rule-set version the scan was asked with; the output written once, in one transaction.
// The filings are judged on a worker thread; this thread reads them in bounded batches and hands them
// over, in slices (src/scan/slice.ts), so a shard of any size never holds the service's event loop.

import type { EngineAt } from '../app/judges.js';
import { platformHistory, sortedArray } from '../engine/history.js';
import { scan, type ScanItem, type ScanSummary } from '../scan/index.js';
import { Slicer } from '../scan/slice.js';
import type { Store } from '../store/types.js';

/** What became of one shard. */
export type ShardOutcome = 'recorded' | 'already-recorded' | 'skipped';

/** Threads judging one shard: one per shard in flight, as many as judged in this thread before. */
export const SHARD_THREADS = 1;
/** Stored filings read from the store at a time: what this thread holds of the shard's input. */
const READ_BATCH = 256;

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
  const slicer = new Slicer();
  // each platform's history, read once per shard: its current stored filings as light records
  const histories = new Map<string, ReturnType<typeof sortedArray>>();
  for (const platformId of new Set(keys.map((k) => k.platformId))) {
    histories.set(platformId, sortedArray(platformHistory(await store.historyRecords(platformId))));
    await slicer.pause();
  }
  const empty = sortedArray([]);
  // the shard's stored filings, a batch of keys at a time, never all of them at once
  async function* items(): AsyncGenerator<ScanItem> {
    for (let i = 0; i < keys!.length; i += READ_BATCH) {
      // a stored filing was validated when it was stored: it is only parsed, not checked again
      for (const d of await store.documentsByKeys(keys!.slice(i, i + READ_BATCH))) yield { source: d.filingId, text: d.parsedJson, format: 'json', validated: true };
    }
  }
  // each batch's lines as the worker wrote them (UTF-8), decoded one batch at a time
  const parts: string[] = [];
  const summary: ScanSummary = await scan(items(), {
    ruleSet: engine.ruleSet,
    judge: engine.judge,
    workers: SHARD_THREADS,
    startInline: false,
    keepWarm: true,
    lang: record.lang,
    history: { index: { platform: (id) => histories.get(id) ?? empty } },
    partial: true,
    onBatch: (out) => {
      parts.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf8'));
    },
  });
  const ndjson = parts.join('');
  const recorded = await store.completeShard(scanId, shard, { filings: summary.filings + summary.invalid, summary: JSON.stringify(summary), ndjson });
  return recorded ? 'recorded' : 'already-recorded';
}
