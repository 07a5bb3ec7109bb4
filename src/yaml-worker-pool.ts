// Large YAML texts parsed off the event loop: one worker thread, started on the first large text, reused, given
// a bounded heap and a bounded queue, and let go once idle, so a 1 MiB body never holds other clients' answers.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { YamlAnswer, YamlJob } from './yaml-worker.js';
import { parseYamlPlain, rememberParse, type YamlParse } from './yaml.js';

/** Texts of this many characters or more are parsed on the worker thread; smaller ones cost milliseconds here. */
export const OFF_THREAD_FROM = 64 * 1024;
/** Most texts waiting for (or on) the worker at once; one more is refused as `busy`. */
export const MAX_QUEUED = 16;
/**
 * The worker's heap and stack: a text within the pre-scan's bounds (100,000 nodes, 1 MiB) needs well under
 * half of this; one that needs more is refused as `too_costly` rather than growing the process.
 */
export const YAML_WORKER_LIMITS = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
} as const;
/** Longest one text may take on the worker before the worker is stopped and the text refused (`too_costly`). */
export const JOB_TIMEOUT_MS = 20_000;
/** How long an idle worker is kept before it is let go, with its heap. */
export const IDLE_MS = 2_000;

/** Why a text was not parsed: the queue is full, the parse passed the worker's bounds, or the pool was closed. */
export class YamlParseRefused extends Error {
  constructor(readonly reason: 'busy' | 'too_costly' | 'closed') {
    super(`the YAML text was not parsed (${reason})`);
    this.name = 'YamlParseRefused';
  }
}

/** The built worker beside this module, or (running from TypeScript sources, as tests do) in dist/; null when neither exists. */
function workerUrl(): URL | null {
  const here = new URL('./yaml-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../dist/src/yaml-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : null;
}

interface Waiting extends YamlJob {
  resolve(parsed: YamlParse): void;
  reject(e: Error): void;
}

/** One worker thread and the texts waiting for it, in order. */
class YamlWorkerPool {
  private worker: Worker | null = null;
  private current: Waiting | null = null;
  private readonly queue: Waiting[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private jobTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  /** Texts answered by a worker, and workers started: for tests and metrics. */
  jobs = 0;
  started = 0;

  constructor(private readonly url: URL) {}

  get queued(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  parse(text: string): Promise<YamlParse> {
    if (this.queued >= MAX_QUEUED) return Promise.reject(new YamlParseRefused('busy'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, resolve, reject });
      this.next();
    });
  }

  /** Stops the worker; texts waiting are refused as `closed`. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.clearTimers();
    for (const job of [...(this.current ? [this.current] : []), ...this.queue.splice(0)])
      job.reject(new YamlParseRefused('closed'));
    this.current = null;
    await w?.terminate();
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    const w = this.ensure();
    // held while it works (a caller awaits it), let go by the process while idle
    w.ref();
    this.clearTimers();
    this.jobTimer = setTimeout(() => this.stop(new YamlParseRefused('too_costly')), JOB_TIMEOUT_MS);
    this.jobTimer.unref();
    w.postMessage({ id: job.id, text: job.text } satisfies YamlJob);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.url, { resourceLimits: YAML_WORKER_LIMITS });
    w.on('message', (answer: YamlAnswer) => this.answered(w, answer));
    // out of memory (ERR_WORKER_OUT_OF_MEMORY) or any other death: the text it held is refused, the next gets a new worker
    w.on('error', (e: Error & { code?: string }) =>
      this.lost(
        w,
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new YamlParseRefused('too_costly')
          : new Error('the YAML worker thread failed'),
      ),
    );
    w.on('exit', () => this.lost(w, new Error('the YAML worker thread stopped')));
    this.worker = w;
    this.started++;
    return w;
  }

  private answered(w: Worker, answer: YamlAnswer): void {
    const job = this.current;
    if (w !== this.worker || !job || job.id !== answer.id) return;
    this.current = null;
    this.jobs++;
    if ('failed' in answer) job.reject(new Error('the YAML worker thread could not parse a text'));
    else job.resolve(answer.parsed);
    this.settle();
  }

  private lost(w: Worker, e: Error): void {
    if (w !== this.worker) return;
    this.worker = null;
    const job = this.current;
    this.current = null;
    job?.reject(e);
    this.settle();
  }

  /** Stops a worker that took too long: its text is refused, the next text gets a new worker. */
  private stop(e: Error): void {
    const w = this.worker;
    this.worker = null;
    const job = this.current;
    this.current = null;
    job?.reject(e);
    void w?.terminate();
    this.settle();
  }

  /** After a text: the next one, or a wait of IDLE_MS before the worker (and its heap) is let go. */
  private settle(): void {
    this.clearTimers();
    if (this.queue.length > 0) return this.next();
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.jobTimer) clearTimeout(this.jobTimer);
    this.idleTimer = this.jobTimer = null;
  }
}

let pool: YamlWorkerPool | null | undefined;

function thePool(): YamlWorkerPool | null {
  if (pool === undefined) {
    const url = workerUrl();
    pool = url ? new YamlWorkerPool(url) : null;
  }
  return pool;
}

/**
 * Parses YAML text as `parseYamlPlain` does, on the worker thread when it is OFF_THREAD_FROM characters or
 * more (here otherwise, or when no built worker exists). Bound the text first (`yamlBoundsProblem`) so a
 * refused one is answered at once; the worker checks again. Rejects with YamlParseRefused when the queue is
 * full, the parse passes the worker's heap or time, or the pool is closed.
 * @example const parsed = withPositions(await parseYamlOffThread(text))
 */
export function parseYamlOffThread(text: string): Promise<YamlParse> {
  const p = text.length >= OFF_THREAD_FROM ? thePool() : null;
  if (!p) {
    try {
      return Promise.resolve(parseYamlPlain(text));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }
  return p.parse(text);
}

/**
 * Parses the large ones of `texts` on the worker thread ahead of a synchronous reader (a rule-set
 * lint, a publish, a preview), which then finds them parsed (`rememberParse`). A text the worker
 * cannot take now (a full queue) is left to be parsed where it is read: it is bounded in nodes.
 */
export async function preparseYaml(texts: readonly unknown[]): Promise<void> {
  for (const text of texts) {
    if (typeof text !== 'string' || text.length < OFF_THREAD_FROM) continue;
    try {
      rememberParse(text, await parseYamlOffThread(text));
    } catch (e) {
      if (!(e instanceof YamlParseRefused)) throw e;
    }
  }
}

/** What the worker has done: texts it answered, workers started, whether one runs now, texts waiting. */
export function yamlWorkerStats(): { jobs: number; started: number; running: boolean; queued: number } {
  const p = thePool();
  return {
    jobs: p?.jobs ?? 0,
    started: p?.started ?? 0,
    running: p?.running ?? false,
    queued: p?.queued ?? 0,
  };
}

/** Stops the worker thread now (it is let go when idle anyway, and never keeps the process alive while idle). */
export async function closeYamlWorker(): Promise<void> {
  await pool?.close();
}
