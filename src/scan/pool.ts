// A pool of worker threads judging batches, handing results back in input order with bounded memory.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lang, RuleSet } from '../rules/types.js';
import type { HistoryDigest } from '../engine/history.js';
import type { BatchResult, ItemError, ScanItem, ScanLines } from './judge-item.js';

/** What every thread of a pool judges with: the rule set, the language, and what each filing's line is. */
export interface PoolSpec {
  ruleSet: RuleSet;
  lang: Lang;
  lines: ScanLines;
}

/**
 * A job: parsed items, or raw NDJSON bytes (moved, not copied) whose first line is line `firstLine` of
 * `name`, with each line's history digest when the scan gives histories.
 */
export type Job =
  | { items: ScanItem[] }
  | {
      bytes: Uint8Array;
      name: string;
      firstLine: number;
      histories?: (HistoryDigest | null)[];
      validated?: true;
      /** Lines refused before judging (a correction loop), by line of the batch. */
      refusals?: (ItemError | null)[];
    };

/**
 * Each scan worker's heap bound. A worker holds one batch (~256 KiB of NDJSON and its reports) at a time,
 * so a tight old generation only makes its GC run sooner; measured on 20,000 filings with 2 workers: peak
 * RSS 315 MB with 160/32 MB, 243–272 MB with 96/16 MB, the same CPU time (docs/performance.md).
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } as const;

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from TypeScript sources (tests): use the built worker
  return new URL('../../dist/src/scan/worker.js', import.meta.url);
}

interface Pending {
  resolve: () => void;
}

/** Judges batches on N threads; `submit` waits while too many batches are in flight (backpressure). */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: ({ seq: number } & Job)[] = [];
  private readonly done = new Map<number, BatchResult>();
  private readonly waiters: Pending[] = [];
  private nextSeq = 0;
  private nextOut = 0;
  private inFlight = 0;
  private ready = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(
    size: number,
    readonly spec: PoolSpec,
    private onResults: (result: BatchResult) => void,
    /** Judges a batch in this thread: used until the first worker is ready, so start-up is not idle time. */
    private readonly inline?: (job: Job) => BatchResult,
    private readonly maxInFlight = size * 4,
  ) {
    for (let i = 0; i < size; i++) {
      // a bounded heap per worker keeps the resident memory of a long scan flat (measured: see docs/performance.md)
      const w = new Worker(workerUrl(), { workerData: spec, resourceLimits: WORKER_HEAP });
      w.on('message', (msg: { ready: true } | { seq: number; result: BatchResult }) => {
        if ('ready' in msg) this.ready++;
        else {
          this.done.set(msg.seq, msg.result);
          this.drain();
        }
        this.dispatch(w);
      });
      w.on('error', (e) => {
        this.failure = e;
        this.wake();
      });
      // a thread gone by itself (not stopped by close) would leave its batch unanswered forever
      w.on('exit', () => {
        if (this.closing) return;
        this.failure ??= new Error('a scan worker thread stopped');
        this.wake();
      });
      // a worker takes work once it says it is ready
      this.workers.push(w);
    }
  }

  private post(w: Worker, job: { seq: number } & Job): void {
    if ('bytes' in job) w.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    else w.postMessage(job);
  }

  private dispatch(w: Worker): void {
    const job = this.queue.shift();
    if (job) this.post(w, job);
    else this.idle.push(w);
  }

  private drain(): void {
    let r = this.done.get(this.nextOut);
    while (r) {
      this.done.delete(this.nextOut);
      this.nextOut++;
      this.inFlight--;
      this.onResults(r);
      r = this.done.get(this.nextOut);
    }
    this.wake();
  }

  private wake(): void {
    while (this.waiters.length > 0 && (this.inFlight < this.maxInFlight || this.failure))
      this.waiters.shift()!.resolve();
  }

  /** Queues a batch; resolves once there is room for another. */
  async submit(work: Job): Promise<void> {
    if (this.failure) throw this.failure;
    this.inFlight++;
    const job = { seq: this.nextSeq++, ...work };
    if (this.ready === 0 && this.inline) {
      this.done.set(job.seq, this.inline(job));
      this.drain();
      // let the workers' "ready" messages in before the next batch
      await new Promise<void>((resolve) => setImmediate(resolve));
      return;
    }
    const w = this.idle.pop();
    if (w) this.post(w, job);
    else this.queue.push(job);
    if (this.inFlight >= this.maxInFlight)
      await new Promise<void>((resolve) => this.waiters.push({ resolve }));
    if (this.failure) throw this.failure;
  }

  /** Threads in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /** True when no batch is in flight and no thread has failed: the pool may serve another scan. */
  get reusable(): boolean {
    return this.inFlight === 0 && this.failure === null && this.waiters.length === 0;
  }

  /** Waits for every batch in flight (a thread's failure is thrown); the threads keep running. */
  async settle(): Promise<void> {
    while (this.inFlight > 0 && !this.failure)
      await new Promise<void>((resolve) => this.waiters.push({ resolve }));
    if (this.failure) throw this.failure;
  }

  /** Hands a reusable pool to its next scan, whose batches' results go to `onResults`. */
  resume(onResults: (result: BatchResult) => void): void {
    this.onResults = onResults;
    for (const w of this.workers) w.ref();
  }

  /** Lets the process exit while the pool waits idle for another scan. */
  unref(): void {
    for (const w of this.workers) w.unref();
  }

  /** Waits for every batch, then stops the threads. */
  async close(): Promise<void> {
    while (this.inFlight > 0 && !this.failure)
      await new Promise<void>((resolve) => this.waiters.push({ resolve }));
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    if (this.failure) throw this.failure;
  }
}

/** How long a pool given back waits for the next scan of its rule set before its threads stop. */
export const WARM_MS = 5000;
/** Idle pools kept at most (each thread holds a compiled rule set and a bounded heap). */
const MAX_WARM = 4;

/** Pools given back by finished scans, oldest first, each with the timer that stops it. */
const warm: { pool: WorkerPool; timer: NodeJS.Timeout }[] = [];

function stop(pool: WorkerPool): void {
  void pool.close().catch(() => undefined);
}

/**
 * A pool of `size` threads judging as `spec` says: one an earlier scan gave back (its threads
 * started and the rule set compiled: a worker costs ~0.2 s to start), else a new one. Shards of a scan
 * come one after another, so a scan of many shards starts its threads once. Give it back with `givePool`.
 */
export function lendPool(size: number, spec: PoolSpec, onResults: (result: BatchResult) => void): WorkerPool {
  for (let i = 0; i < warm.length; i++) {
    const { pool, timer } = warm[i]!;
    const s = pool.spec;
    if (s.ruleSet !== spec.ruleSet || s.lang !== spec.lang || s.lines !== spec.lines || pool.size !== size) continue;
    warm.splice(i, 1);
    clearTimeout(timer);
    if (!pool.reusable) {
      // a thread failed while it waited
      stop(pool);
      break;
    }
    pool.resume(onResults);
    return pool;
  }
  return new WorkerPool(size, spec, onResults);
}

/**
 * Takes back a lent pool once its scan has settled: kept for `WARM_MS` for the next scan of the same
 * rule set, language and lines, its threads not keeping the process alive meanwhile; a failed one is stopped.
 */
export function givePool(pool: WorkerPool): void {
  if (!pool.reusable) {
    stop(pool);
    return;
  }
  pool.unref();
  const entry = {
    pool,
    timer: setTimeout(() => {
      const i = warm.indexOf(entry);
      if (i !== -1) warm.splice(i, 1);
      stop(pool);
    }, WARM_MS),
  };
  entry.timer.unref();
  warm.push(entry);
  while (warm.length > MAX_WARM) {
    const oldest = warm.shift()!;
    clearTimeout(oldest.timer);
    stop(oldest.pool);
  }
}

/** Stops the threads of every pool given back and not yet taken again (pools lent out are their scans'). */
export async function closeWarmPools(): Promise<void> {
  const idle = warm.splice(0, warm.length);
  for (const { timer } of idle) clearTimeout(timer);
  await Promise.all(idle.map(({ pool }) => pool.close().catch(() => undefined)));
}
