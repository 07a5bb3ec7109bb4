// What the store keeps of asynchronous scans of stored filings (DESIGN §8, §10): the scan, its shards
// (the filings each judges), and each shard's reports and partial summary, written once.

import type { Lang } from '../rules/types.js';

/** A scan's state as the API shows it. */
export type ScanState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A stored filing named by its platform and id: what a shard judges. */
export interface FilingKey {
  platformId: string;
  filingId: string;
}

/** A scan as stored. */
export interface ScanRecord {
  id: string;
  state: ScanState;
  /** The platforms scanned; null for all. */
  platforms: string[] | null;
  shardSize: number;
  /** The rule-set version every shard judges with (the one in force when the scan was asked for). */
  rulesetVersion: string;
  lang: Lang;
  /** The name of the token that asked for it (for people: names are not unique). */
  createdBy: string;
  /** The id of the token that asked for it: what ownership is decided by; null for scans stored before migration 5. */
  createdByToken: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Why it failed, when it did. */
  error: string | null;
  shards: { done: number; total: number };
  /** Filings judged so far (the done shards'). */
  filings: number;
  /** The done shards' partial summaries (JSON texts), in shard order: the scan's summary is their sum. */
  summaries: string[];
}

/** A scan to create, with its shards' filings. */
export interface NewScan {
  id: string;
  platforms: string[] | null;
  shardSize: number;
  rulesetVersion: string;
  lang: Lang;
  createdBy: string;
  /** The asking token's id (DESIGN §8: a scan belongs to its token by id, names are not unique). */
  createdByToken: string | null;
  shards: FilingKey[][];
}

/** What judging one shard produced: written in one transaction, once, whoever finishes it. */
export interface ShardOutput {
  filings: number;
  /** The shard's partial summary as JSON text. */
  summary: string;
  /** The shard's report lines (NDJSON, each ending in a newline). */
  ndjson: string;
}

/** The scan methods of the Store. */
export interface ScanStore {
  /** Stores a scan (state queued) and its shards. */
  createScan(input: NewScan): Promise<ScanRecord>;
  getScan(id: string): Promise<ScanRecord | null>;
  /** The filings of one shard, or null when the scan or shard does not exist. */
  shardKeys(scanId: string, shard: number): Promise<FilingKey[] | null>;
  /** A queued scan becomes running when a worker takes its first shard. */
  startScan(scanId: string): Promise<void>;
  /**
   * Records a shard's output unless it was recorded already (a shard retried after its worker died
   * counts once); the scan is done when every shard is. True when this call recorded it.
   */
  completeShard(scanId: string, shard: number, output: ShardOutput): Promise<boolean>;
  /** Marks a scan failed (a shard that could not be judged after its retries). */
  failScan(scanId: string, error: string): Promise<void>;
  /** Cancels a scan not yet finished: shards not yet taken are skipped. Returns it, or null when absent. */
  cancelScan(scanId: string): Promise<ScanRecord | null>;
  /** The done shards' report lines, in shard order, a shard at a time. */
  scanResults(scanId: string): AsyncIterable<string>;
  /** Shards not yet recorded of scans still queued or running, oldest scan first (to resume them after a restart). */
  pendingShards(): Promise<{ scanId: string; shard: number }[]>;
  /** Stored filings by key, with their parsed documents, in the order asked (missing ones left out). */
  documentsByKeys(keys: readonly FilingKey[]): Promise<{ filingId: string; platformId: string; parsedJson: string }[]>;
}
