// A worker of the history's first pass: reads batches of NDJSON bytes and answers each line's light
// record (null for a blank line or a filing that is not valid), so the first pass spreads over threads too.

import { parentPort } from 'node:worker_threads';
import { historyRecord, type HistoryRecord } from '../engine/history.js';
import { ComplianceError } from '../errors.js';
import { readFiling } from '../filing/validate.js';
import { batchLines } from '../ndjson.js';

/** Each line's record, by line of the batch (lines split by src/ndjson.ts; blank or refused lines null). */
export function recordsOfBatch(bytes: Uint8Array, name: string, firstLine: number): (HistoryRecord | null)[] {
  const out: (HistoryRecord | null)[] = [];
  for (const l of batchLines(bytes, firstLine)) {
    const i = l.line - firstLine;
    while (out.length < i) out.push(null);
    if ('refused' in l) {
      out.push(null);
      continue;
    }
    try {
      out.push(historyRecord(readFiling(l.text, `${name}:${l.line}`, 'json')));
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
