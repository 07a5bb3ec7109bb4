// What the application asks of a shard queue: take a scan's shards, cancel them, stop.

/** A queue of scan shards, run in this process (SQLite) or on pg-boss by worker processes (PostgreSQL). */
export interface ShardQueue {
  /** Queues shards 0..count−1 of a scan. */
  enqueue(scanId: string, count: number): Promise<void>;
  /** Drops a cancelled scan's shards not yet taken (workers also skip them by the scan's state). */
  cancel(scanId: string): Promise<void>;
  /** Shards waiting to be taken (for /metrics). */
  depth(): Promise<number>;
  /** Stops taking shards; resolves once shards in progress are finished. */
  close(): Promise<void>;
}

/** What a queue reports to /metrics. */
export interface QueueEvents {
  shardDone?(outcome: 'recorded' | 'already-recorded' | 'skipped', seconds: number): void;
  shardRetried?(): void;
  shardFailed?(): void;
}
