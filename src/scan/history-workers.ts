// The history's first pass over NDJSON bytes on worker threads: batches go out as they are cut, records
// come back in any order and are indexed by line, so the result is the same as the pass in one thread.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WORKER_HEAP } from './pool.js';
import type { HistoryEntry, HistoryIndex } from '../engine/history-index.js';
import type { HistoryRecord } from '../engine/history.js';

function workerUrl(): URL {
  const here = new URL('./index-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from TypeScript sources (tests): use the built worker
  return new URL('../../dist/src/scan/index-worker.js', import.meta.url);
}

/**
 * Indexes every valid filing of NDJSON batches on `threads` workers; each line's entry by line − 1
 * (null for a blank line or an invalid filing), as `indexNdjson` gives it in one thread.
 */
export async function indexNdjsonOnWorkers(
  batches: AsyncIterable<{ bytes: Uint8Array; firstLine: number }>,
  name: string,
  index: HistoryIndex,
  threads: number,
): Promise<(HistoryEntry | null)[]> {
  const subjects: (HistoryEntry | null)[] = [];
  const workers = Array.from(
    { length: threads },
    // bounded heaps as the judging workers' (docs/performance.md): a live batch needs little, a lazy GC takes much
    () => new Worker(workerUrl(), { resourceLimits: WORKER_HEAP }),
  );
  const idle: Worker[] = [...workers];
  const maxInFlight = threads * 4;
  let inFlight = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  for (const w of workers) {
    w.on('message', (msg: { firstLine: number; records: (HistoryRecord | null)[] }) => {
      for (const [i, r] of msg.records.entries()) subjects[msg.firstLine + i - 1] = r ? index.add(r) : null;
      inFlight--;
      idle.push(w);
      signal();
    });
    w.on('error', (e) => {
      failure = e;
      signal();
    });
  }
  const waitForRoom = async () => {
    while ((inFlight >= maxInFlight || idle.length === 0) && !failure)
      await new Promise<void>((resolve) => (wake = resolve));
  };
  try {
    let seq = 0;
    for await (const { bytes, firstLine } of batches) {
      await waitForRoom();
      if (failure) throw failure;
      inFlight++;
      idle.pop()!.postMessage({ seq: seq++, bytes, name, firstLine }, [bytes.buffer as ArrayBuffer]);
    }
    while (inFlight > 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return subjects;
}
