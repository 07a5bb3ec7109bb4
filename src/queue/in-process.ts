// Scan shards judged in this process (the embedded SQLite store): the same states and routes as on
// pg-boss, with `concurrency` shards in flight at a time, in the order they were queued. Each shard's
// filings are judged on a worker thread (src/queue/shard.ts), never on the service's event loop.

import { closeWarmPools } from '../scan/pool.js';
import type { ShardOutcome } from './shard.js';
import type { QueueEvents, ShardQueue } from './types.js';

/** Runs one shard; rejects when it could not be judged. */
export type ShardRunner = (scanId: string, shard: number) => Promise<ShardOutcome>;

/** A shard queue in memory; a shard that throws fails its scan through `onFailed`. */
export class InProcessQueue implements ShardQueue {
  private readonly waiting: { scanId: string; shard: number }[] = [];
  private running = 0;
  private closed = false;
  private idle: (() => void) | null = null;

  constructor(
    private readonly run: ShardRunner,
    private readonly onFailed: (scanId: string, error: unknown) => Promise<void>,
    private readonly concurrency = 1,
    private readonly events: QueueEvents = {},
  ) {}

  /** Queues single shards (those a restart left unfinished). */
  resume(shards: readonly { scanId: string; shard: number }[]): void {
    this.waiting.push(...shards);
    this.pump();
  }

  enqueue(scanId: string, count: number): Promise<void> {
    for (let shard = 0; shard < count; shard++) this.waiting.push({ scanId, shard });
    this.pump();
    return Promise.resolve();
  }

  cancel(scanId: string): Promise<void> {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]!.scanId === scanId) this.waiting.splice(i, 1);
    return Promise.resolve();
  }

  depth(): Promise<number> {
    return Promise.resolve(this.waiting.length);
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.running++;
      const started = performance.now();
      // one shard at a time per slot, off the request that queued it
      setImmediate(() => {
        this.run(next.scanId, next.shard)
          .then(
            (outcome) => this.events.shardDone?.(outcome, (performance.now() - started) / 1000),
            async (e: unknown) => {
              this.events.shardFailed?.();
              await this.onFailed(next.scanId, e).catch(() => undefined);
            },
          )
          .finally(() => {
            this.running--;
            if (this.running === 0 && this.idle) this.idle();
            this.pump();
          });
      });
    }
  }

  /** Stops taking shards; resolves once those in progress are recorded and the idle judging threads stopped. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    if (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await closeWarmPools();
  }
}
