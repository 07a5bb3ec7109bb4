// The one scan orchestrator that the CLI and the HTTP service both call: items in, ordered lines out.

import { Judge } from '../engine/index.js';
import type { Lang, RuleSet } from '../rules/types.js';
import { ByteWriter } from '../report/ndjson-bytes.js';
import { judgeBatch, judgeItem, ndjsonBatchItems, type BatchResult, type ItemError, type ItemMeta, type ScanItem, type ScanLines } from './judge-item.js';
import { digestOfItem, digestsOfBatch, type ScanHistory } from './history.js';
import { givePool, lendPool, WorkerPool, type Job } from './pool.js';
import { Slicer } from './slice.js';
import { SummaryBuilder, type ScanSummary } from './summary.js';

export type { ScanItem, ItemMeta, ItemError, BatchResult, ScanLines } from './judge-item.js';
export type { ScanSummary } from './summary.js';
export type { HistorySource, ScanHistory } from './history.js';

/** One item's result, for callers that want them one by one. */
export type ItemResult =
  | { kind: 'report'; line: string; platformId: string }
  | { kind: 'invalid'; line: string; source: string; errors: ItemError[] };

export interface ScanOptions {
  ruleSet: RuleSet;
  /** 0 judges in this thread. */
  workers: number;
  lang?: Lang;
  /**
   * Each filing's line (DESIGN §7 revision 3): `full`, its whole report (the default); `scan`, the bulk
   * scan line (findings that are not pass or not-applicable, the others by id; the caller writes the
   * ruleset line first); `none`, no line at all (the summary alone is wanted). Invalid items always
   * have their `invalid` line.
   */
  lines?: ScanLines;
  /** Called once per batch, in input order, with the batch's output lines (each ending in a newline) as UTF-8. */
  onBatch?: (out: Uint8Array, metas: readonly ItemMeta[]) => void | Promise<void>;
  /** Called once per item, in input order. A returned promise applies backpressure (a slow writer). */
  onResult?: (result: ItemResult) => void | Promise<void>;
  /** Items per batch (per message to a worker). */
  batchSize?: number;
  /** Reuse a judge on the in-thread path; built from the rule set otherwise. */
  judge?: Judge;
  /** With workers: judge in this thread until the first worker is ready (default true). */
  startInline?: boolean;
  /**
   * With workers: borrow threads that an earlier scan of the same rule set and language left warm, and
   * leave them warm for the next (scan shards), rather than starting and stopping them (default false).
   */
  keepWarm?: boolean;
  /** A shard's partial summary (with each platform's latest filing, for the job's sum to merge the watchlist by). */
  partial?: boolean;
  /** Give each filing its history (DESIGN §5.1) from this index; each item is handed its digest. */
  history?: ScanHistory;
}

function perItem(batch: BatchResult, kind: ScanLines): ItemResult[] {
  const text = Buffer.from(batch.out.buffer, batch.out.byteOffset, batch.out.byteLength).toString('utf8');
  const lines = text.split('\n');
  // without report lines (`none`), only the invalid items have a line
  let next = 0;
  return batch.metas.map((m) =>
    'source' in m
      ? { kind: 'invalid', line: lines[next++]!, source: m.source, errors: m.errors }
      : { kind: 'report', line: kind === 'none' ? '' : lines[next++]!, platformId: m.platformId },
  );
}

const itemsOf = (job: Job): ScanItem[] =>
  'items' in job ? job.items : ndjsonBatchItems(job.bytes, job.name, job.firstLine, job.histories, job.validated, job.refusals);

/** Judges a job in this thread while a pool's workers start, with a judge built on first use. */
function inlineJudge(opts: ScanOptions, lang: Lang, lines: ScanLines): (job: Job) => BatchResult {
  let judge = opts.judge;
  return (job) => {
    judge ??= new Judge(opts.ruleSet);
    return judgeBatch(judge, itemsOf(job), lang, lines);
  };
}

/**
 * Judges jobs in this thread (no workers) item by item, letting the event loop turn between items once
 * a slice's time is spent, so a batch of slow filings never holds it; the output is judgeBatch's.
 */
function slicedJudge(opts: ScanOptions, lang: Lang, lines: ScanLines, slicer: Slicer): (job: Job) => Promise<BatchResult> {
  let judge = opts.judge;
  return async (job) => {
    judge ??= new Judge(opts.ruleSet);
    const w = new ByteWriter();
    const metas: ItemMeta[] = [];
    for (const item of itemsOf(job)) {
      metas.push(judgeItem(judge, item, lang, w, lines));
      await slicer.pause();
    }
    return { out: w.result(), metas };
  };
}

/** Feeds each batch to the summary and the caller's callbacks; returns the caller's backpressure. */
function deliverer(opts: ScanOptions, summary: SummaryBuilder, lines: ScanLines) {
  return (batch: BatchResult): Promise<void> | void => {
    for (const m of batch.metas) summary.add(m);
    const waits: Promise<void>[] = [];
    const a = opts.onBatch?.(batch.out, batch.metas);
    if (a) waits.push(a);
    if (opts.onResult) {
      for (const r of perItem(batch, lines)) {
        const b = opts.onResult(r);
        if (b) waits.push(b);
      }
    }
    if (waits.length > 0) return Promise.all(waits).then(() => undefined);
  };
}

/**
 * Judges jobs in input order, in this thread or on a pool of workers; memory stays flat because at
 * most a few batches are in flight and nothing is kept but the summary counts. In this thread the
 * work is cut into slices (src/scan/slice.ts), so the event loop is never held for long.
 */
async function run(jobs: AsyncIterable<Job>, opts: ScanOptions, slicer: Slicer): Promise<ScanSummary> {
  const lang = opts.lang ?? 'en';
  const lines = opts.lines ?? 'full';
  const summary = new SummaryBuilder(
    opts.ruleSet.version,
    opts.ruleSet.rules.map((r) => r.id),
  );
  const deliver = deliverer(opts, summary, lines);
  if (opts.workers <= 0) {
    const judgeJob = slicedJudge(opts, lang, lines, slicer);
    for await (const job of jobs) {
      const wait = deliver(await judgeJob(job));
      if (wait) await wait;
    }
    return opts.partial ? summary.partial() : summary.result();
  }
  let pending: Promise<void> = Promise.resolve();
  const onResults = (batch: BatchResult) => {
    const wait = deliver(batch);
    if (wait) pending = pending.then(() => wait);
  };
  const warm = opts.keepWarm === true && opts.startInline === false;
  const pool = warm
    ? lendPool(opts.workers, { ruleSet: opts.ruleSet, lang, lines }, onResults)
    : new WorkerPool(opts.workers, { ruleSet: opts.ruleSet, lang, lines }, onResults, opts.startInline === false ? undefined : inlineJudge(opts, lang, lines));
  let settled = false;
  try {
    for await (const job of jobs) {
      await pool.submit(job);
      await pending;
    }
    if (warm) {
      await pool.settle();
      settled = true;
    }
  } finally {
    if (settled) givePool(pool);
    else await pool.close();
  }
  await pending;
  return opts.partial ? summary.partial() : summary.result();
}

/**
 * Judges every item, streaming results in input order.
 * @example const summary = await scan(pathItems('filings/'), { ruleSet, workers: 2, onBatch: (out) => stdout.write(out) })
 */
export function scan(items: AsyncIterable<ScanItem> | Iterable<ScanItem>, opts: ScanOptions): Promise<ScanSummary> {
  const size = opts.batchSize ?? 64;
  const history = opts.history;
  const judge = history ? (opts.judge ?? new Judge(opts.ruleSet)) : null;
  const slicer = new Slicer();
  async function* jobs(): AsyncGenerator<Job> {
    let batch: ScanItem[] = [];
    let ordinal = 0;
    for await (const item of items) {
      // reading items and giving them their digests is this thread's work, with workers or without
      await slicer.pause();
      if (history) {
        const refusal = history.refusals?.get(ordinal);
        if (refusal) item.refused = refusal;
        const digest = refusal ? null : await digestOfItem(judge!, history, ordinal, item);
        ordinal++;
        if (digest) {
          item.history = digest;
          // a digest from the first pass's entry means that pass validated this very text
          if (history.subjects) item.validated = true;
        }
      }
      batch.push(item);
      if (batch.length >= size) {
        yield { items: batch };
        batch = [];
      }
    }
    if (batch.length > 0) yield { items: batch };
  }
  return run(jobs(), opts, slicer);
}

/** Bytes per batch of raw NDJSON: a few dozen typical filings. */
const BATCH_BYTES = 256 * 1024;

/** Cuts a byte stream into batches that end at a newline, each with the number of its first line. */
export async function* ndjsonBatches(chunks: AsyncIterable<Uint8Array>, batchBytes = BATCH_BYTES): AsyncGenerator<{ bytes: Uint8Array; firstLine: number }> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let line = 1;
  const cut = (upTo: number): Uint8Array => {
    const all = Buffer.concat(parts, length);
    // copied into buffers of their own: a batch is moved to a worker, and a small Buffer may share
    // Node's pool with unrelated data
    const bytes = new Uint8Array(upTo);
    bytes.set(all.subarray(0, upTo));
    const rest = all.subarray(upTo);
    parts = rest.length > 0 ? [new Uint8Array(rest)] : [];
    length = rest.length;
    return bytes;
  };
  const countLines = (b: Uint8Array) => {
    let n = 0;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
    return n;
  };
  for await (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length < batchBytes) continue;
    const lastNewline = chunk.lastIndexOf(10);
    if (lastNewline === -1) continue;
    const bytes = cut(length - chunk.length + lastNewline + 1);
    const firstLine = line;
    line += countLines(bytes);
    yield { bytes, firstLine };
  }
  if (length > 0) yield { bytes: cut(length), firstLine: line };
}

/**
 * Judges a stream of NDJSON bytes (a file or stdin). With workers the main thread only cuts the
 * bytes into batches and writes what comes back: the workers decode, judge and encode.
 * @example await scanNdjson(process.stdin, 'stdin', { ruleSet, workers: 2, onBatch: (out) => write(out) })
 */
/** The lines of a batch refused before judging (a correction loop), by line of the batch; nothing when none is. */
function refusalsOfBatch(history: ScanHistory, bytes: Uint8Array, firstLine: number): { refusals?: (ItemError | null)[] } {
  if (!history.refusals) return {};
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const out: (ItemError | null)[] = [];
  let any = false;
  for (let i = 0; i < lines; i++) {
    const r = history.refusals.get(firstLine + i - 1) ?? null;
    if (r) any = true;
    out.push(r);
  }
  return any ? { refusals: out } : {};
}

export function scanNdjson(chunks: AsyncIterable<Uint8Array>, name: string, opts: ScanOptions): Promise<ScanSummary> {
  const history = opts.history;
  const judge = history ? (opts.judge ?? new Judge(opts.ruleSet)) : null;
  const slicer = new Slicer();
  async function* jobs(): AsyncGenerator<Job> {
    for await (const { bytes, firstLine } of ndjsonBatches(chunks)) {
      await slicer.pause();
      // digests from the first pass's entries come from filings it validated: they are not validated again
      yield history
        ? {
            bytes,
            name,
            firstLine,
            histories: digestsOfBatch(judge!, history, bytes, firstLine),
            ...(history.subjects ? { validated: true as const } : {}),
            ...refusalsOfBatch(history, bytes, firstLine),
          }
        : { bytes, name, firstLine };
    }
  }
  return run(jobs(), opts, slicer);
}
