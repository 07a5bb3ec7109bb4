// Asynchronous scans of stored filings (DESIGN §8, §10): asked for, cut into shards, queued; their
// status, summary so far and results; cancelled. Shared by the HTTP service and the CLI.

import { randomBytes } from 'node:crypto';
import type { Lang } from '../rules/types.js';
import type { ScanSummary } from '../scan/index.js';
import { SummaryBuilder } from '../scan/summary.js';
import { sumSummaries } from '../queue/summary.js';
import type { ShardQueue } from '../queue/types.js';
import type { FilingKey, ScanRecord, ScanState } from '../store/scan-types.js';
import type { Store } from '../store/types.js';
import type { EngineAt } from './judges.js';

/** Filings per shard when the request does not say (`--shard-size`). */
export const DEFAULT_SHARD_SIZE = 1000;

/** What a client sees of a scan (`GET /v1/scans/{id}`). */
export interface ScanView {
  id: string;
  state: ScanState;
  shards: { done: number; total: number };
  /** Filings judged so far. */
  filings: number;
  /** The summary so far: the sum of the done shards' summaries. */
  summary: ScanSummary & { id: string };
  rulesetVersion: string;
  platforms: string[] | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  error?: string;
}

/** A scan id: `scan_` and 16 hex characters. */
export function newScanId(): string {
  return `scan_${randomBytes(8).toString('hex')}`;
}

/**
 * Cuts filing keys, ordered by platform then period, into shards of whole platforms (DESIGN §10
 * revision 3): platforms are added to a shard while it stays within `shardSize`; a platform larger
 * than `shardSize` has shards of its own, split into ranges of periods. So each shard reads each of
 * its platforms' histories once, and most platforms are read by one shard only.
 */
export function shardsByPlatform(keys: readonly FilingKey[], shardSize: number): FilingKey[][] {
  const shards: FilingKey[][] = [];
  let current: FilingKey[] = [];
  for (let i = 0; i < keys.length; ) {
    let end = i;
    while (end < keys.length && keys[end]!.platformId === keys[i]!.platformId) end++;
    const platform = keys.slice(i, end);
    i = end;
    if (current.length > 0 && current.length + platform.length > shardSize) {
      shards.push(current);
      current = [];
    }
    if (platform.length <= shardSize) {
      current.push(...platform);
      continue;
    }
    for (let j = 0; j < platform.length; j += shardSize) shards.push(platform.slice(j, j + shardSize));
  }
  if (current.length > 0) shards.push(current);
  return shards;
}

/**
 * Cuts the current stored filings (of `platforms`, or all) into shards of whole platforms of at most
 * `shardSize` filings (read from an index of keys, no document), stores the scan with the version in
 * force and queues its shards.
 */
export async function startStoreScan(
  deps: { store: Store; queue: ShardQueue; version: string },
  req: { platforms: string[] | null; shardSize: number; lang: Lang; by: { name: string; tokenId: string | null } },
): Promise<ScanRecord> {
  const shards = shardsByPlatform(await deps.store.currentKeys(req.platforms), req.shardSize);
  const record = await deps.store.createScan({
    id: newScanId(),
    platforms: req.platforms,
    shardSize: req.shardSize,
    rulesetVersion: deps.version,
    lang: req.lang,
    createdBy: req.by.name,
    createdByToken: req.by.tokenId,
    shards,
  });
  await deps.queue.enqueue(record.id, shards.length);
  return record;
}

/** The client's view of a stored scan: its summary so far is the sum of its done shards'. */
export function scanView(record: ScanRecord, engine: EngineAt): ScanView {
  const empty = new SummaryBuilder(engine.ruleSet.version, engine.ruleSet.rules.map((r) => r.id)).result();
  return {
    id: record.id,
    state: record.state,
    shards: record.shards,
    filings: record.filings,
    summary: { ...sumSummaries(record.summaries, empty), id: record.id },
    rulesetVersion: record.rulesetVersion,
    platforms: record.platforms,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    ...(record.error ? { error: record.error } : {}),
  };
}
