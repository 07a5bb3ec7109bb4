// The queue's public face: shard queues in this process or on pg-boss, and judging a shard.

import type { JudgeCache } from '../app/judges.js';
import type { Store } from '../store/types.js';
import { InProcessQueue } from './in-process.js';
import { judgeShard } from './shard.js';
import type { QueueEvents, ShardQueue } from './types.js';

export { InProcessQueue, type ShardRunner } from './in-process.js';
export { PgBossQueue, SHARD_QUEUE, type PgBossQueueOptions } from './pg-boss.js';
export { judgeShard, type ShardOutcome } from './shard.js';
export type { QueueEvents, ShardQueue } from './types.js';

/** What judging shards needs: the store they read and write, and judges by version. */
export function shardRunner(store: Store, judges: JudgeCache) {
  return {
    run: (scanId: string, shard: number) => judgeShard(store, (v) => judges.at(v), scanId, shard),
    onFailed: (scanId: string, error: unknown) =>
      store.failScan(scanId, `a shard could not be judged: ${error instanceof Error ? error.message : String(error)}`),
  };
}

/**
 * A queue judging shards in this process, `concurrency` at a time (the embedded SQLite default). The
 * shards a stop or crash left unfinished are taken up again: a scan job survives a restart.
 */
export async function inProcessQueue(store: Store, judges: JudgeCache, events: QueueEvents = {}, concurrency = 1): Promise<ShardQueue> {
  const { run, onFailed } = shardRunner(store, judges);
  const queue = new InProcessQueue(run, onFailed, concurrency, events);
  queue.resume(await store.pendingShards());
  return queue;
}
