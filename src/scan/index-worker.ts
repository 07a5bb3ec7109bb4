// A worker of the history's first pass: reads batches of NDJSON bytes and answers each line's light
// record (null for a blank line or a filing that is not valid), so the first pass spreads over threads too.

import { parentPort } from 'node:worker_threads';
import { historyRecord, type HistoryRecord } from '../engine/history.js';
import { ComplianceError } from '../errors.js';
import { readFiling } from '../filing/validate.js';

const decoder = new TextDecoder();

/** Each line's record, by line of the batch (the piece after a final newline is no line). */
export function recordsOfBatch(bytes: Uint8Array, name: string, firstLine: number): (HistoryRecord | null)[] {
  const lines = decoder.decode(bytes).split('\n');
  const n = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  const out: (HistoryRecord | null)[] = [];
  for (let i = 0; i < n; i++) {
    const raw = lines[i]!;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') {
      out.push(null);
      continue;
    }
    try {
      out.push(historyRecord(readFiling(text, `${name}:${firstLine + i}`, 'json')));
    } catch (e) {
      if (!(e instanceof ComplianceError)) throw e;
      out.push(null);
    }
  }
  return out;
}

parentPort?.on('message', (job: { seq: number; bytes: Uint8Array; name: string; firstLine: number }) => {
  parentPort!.postMessage({
    seq: job.seq,
    firstLine: job.firstLine,
    records: recordsOfBatch(job.bytes, job.name, job.firstLine),
  });
});
