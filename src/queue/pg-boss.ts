// Scan shards on pg-boss (10.x) in the shared PostgreSQL database: one job per shard, taken by every
// `compliance worker` and every `serve --worker`. Maintenance runs every third of the shard timeout and
// a job expires after the rest of it, so a dead worker's shard is taken again within the timeout. A
// shard that keeps failing past its retries goes to a dead-letter queue, which fails its scan.

import pg from 'pg';
import PgBoss from 'pg-boss';
import type { ShardRunner } from './in-process.js';
import type { QueueEvents, ShardQueue } from './types.js';

/** The pg-boss queue of scan shards. */
export const SHARD_QUEUE = 'compliance-scan-shard';
/** Where a shard goes when its retries are spent: taken by every worker, it fails the shard's scan. */
export const DEAD_SHARD_QUEUE = 'compliance-scan-shard-dead';

/** Options of a pg-boss shard queue. */
export interface PgBossQueueOptions {
  url: string;
  /** Seconds within which a dead worker's shard is taken again (default 60). */
  shardTimeout?: number;
  /** When given, this process also takes shards, `concurrency` at a time. */
  worker?: { run: ShardRunner; onFailed: (scanId: string, error: unknown) => Promise<void>; concurrency?: number };
  events?: QueueEvents;
}

interface ShardJob {
  scanId: string;
  shard: number;
}

/** The advisory lock pg-boss's start-up takes ("pgboss" in ASCII). */
const START_LOCK = 0x7067626f7373;

async function withStartLock(url: string, fn: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
    await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Retries of a shard before its scan fails: a shard outlives this many dead workers. */
const RETRY_LIMIT = 10;

/** A shard queue on pg-boss; `start` creates its tables (once, safely across processes) and its queue. */
export class PgBossQueue implements ShardQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly events: QueueEvents,
  ) {}

  static async start(opts: PgBossQueueOptions): Promise<PgBossQueue> {
    const timeout = Math.max(2, opts.shardTimeout ?? 60);
    const maintenance = Math.max(1, Math.floor(timeout / 3));
    // a live worker must finish a shard within this, or its shard is judged again (and counted once)
    const expire = Math.max(1, timeout - maintenance);
    const boss = new PgBoss({
      connectionString: opts.url,
      max: 4,
      schema: 'pgboss',
      supervise: true,
      maintenanceIntervalSeconds: maintenance,
      monitorStateIntervalSeconds: maintenance,
      // job rows of finished scans are not kept long: the scan's own tables keep the results
      retentionDays: 1,
      deleteAfterDays: 1,
    });
    boss.on('error', () => undefined);
    try {
      // pg-boss installs its schema and queues at start; two processes doing it at once on a new
      // database deadlock, so they take turns under an advisory lock of their own
      await withStartLock(opts.url, async () => {
        await boss.start();
        await boss.createQueue(DEAD_SHARD_QUEUE, { name: DEAD_SHARD_QUEUE });
        await boss.createQueue(SHARD_QUEUE, { name: SHARD_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: 0, expireInSeconds: expire, deadLetter: DEAD_SHARD_QUEUE });
      });
      const q = new PgBossQueue(boss, opts.events ?? {});
      if (opts.worker) await q.work(opts.worker.run, opts.worker.onFailed, opts.worker.concurrency ?? 1);
      return q;
    } catch (e) {
      // a queue that could not start must not keep the process alive with its timers
      await boss.stop({ graceful: false, wait: true, timeout: 1000 }).catch(() => undefined);
      throw e;
    }
  }

  private async work(run: ShardRunner, onFailed: (scanId: string, error: unknown) => Promise<void>, concurrency: number): Promise<void> {
    const handler = async (jobs: PgBoss.Job<ShardJob>[]) => {
      for (const job of jobs) {
        const started = performance.now();
        const meta = job as PgBoss.Job<ShardJob> & { retryCount?: number };
        if ((meta.retryCount ?? 0) > 0) this.events.shardRetried?.();
        try {
          const outcome = await run(job.data.scanId, job.data.shard);
          this.events.shardDone?.(outcome, (performance.now() - started) / 1000);
        } catch (e) {
          this.events.shardFailed?.();
          throw e;
        }
      }
    };
    // a shard past its retries (thrown or expired each time) fails its scan, whoever holds it
    await this.boss.work<ShardJob>(DEAD_SHARD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await onFailed(job.data.scanId, new Error(`shard ${job.data.shard} failed ${RETRY_LIMIT + 1} times`));
    });
    // each call to work() is one polling loop taking one shard at a time
    for (let i = 0; i < Math.max(1, concurrency); i++) {
      await this.boss.work<ShardJob>(SHARD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, handler as never);
    }
  }

  async enqueue(scanId: string, count: number): Promise<void> {
    const jobs: PgBoss.JobInsert<ShardJob>[] = [];
    for (let shard = 0; shard < count; shard++) jobs.push({ name: SHARD_QUEUE, data: { scanId, shard } });
    for (let i = 0; i < jobs.length; i += 500) await this.boss.insert(jobs.slice(i, i + 500));
  }

  async cancel(scanId: string): Promise<void> {
    // jobs not yet taken are completed without judging: workers skip a cancelled scan's shards
    const db = this.boss.getDb();
    await db.executeSql(
      `UPDATE pgboss.job SET state = 'cancelled', completed_on = now() WHERE name = $1 AND state IN ('created', 'retry') AND data->>'scanId' = $2`,
      [SHARD_QUEUE, scanId],
    );
  }

  depth(): Promise<number> {
    return this.boss.getQueueSize(SHARD_QUEUE);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
