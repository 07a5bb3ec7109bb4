// Where a scan's or a check's history comes from on the command line (DESIGN §7): the input itself,
// indexed in a first pass, and `--history PATH` (a folder or an NDJSON file).

import { createReadStream } from 'node:fs';
import { HistoryIndex, type HistoryEntry } from '../engine/history-index.js';
import { historyRecord, type HistoryDigest } from '../engine/history.js';
import type { Judge } from '../engine/index.js';
import type { Filing } from '../filing/types.js';
import { digestOfEntry, indexItems, indexNdjson, type ScanHistory } from './history.js';
import { ndjsonBatches } from './index.js';
import { indexNdjsonOnWorkers } from './history-workers.js';
import { isNdjsonFile, pathItems } from './sources.js';

/** Indexes every valid filing of a folder (recursive) or NDJSON file given as `--history PATH`. */
export async function indexPath(path: string, index: HistoryIndex): Promise<void> {
  if (path === '-') throw new Error('--history needs a folder or an NDJSON file, not -');
  await indexItems(pathItems(path), index, false);
}

/**
 * The history of a scan (DESIGN §7): a folder or NDJSON file gives every filing its history from the
 * rest of the input (a first pass indexes it) and from `--history PATH`; `-` only from `--history`.
 * Undefined when there is none to give (`-` without `--history`).
 */
export async function scanHistoryFor(
  input: string,
  historyPath?: string,
  threads = 0,
): Promise<ScanHistory | undefined> {
  if (input === '-' && historyPath === undefined) return undefined;
  const index = new HistoryIndex();
  if (historyPath !== undefined) await indexPath(historyPath, index);
  let subjects: (HistoryEntry | null)[] | undefined;
  if (input !== '-') {
    // an NDJSON file's first pass runs on as many threads as the scan's (folders in this thread)
    subjects = isNdjsonFile(input)
      ? threads > 0
        ? await indexNdjsonOnWorkers(ndjsonBatches(createReadStream(input)), input, index, threads)
        : await indexNdjson(ndjsonBatches(createReadStream(input)), input, index)
      : await indexItems(pathItems(input), index);
  }
  index.seal();
  return subjects ? { index, subjects } : { index };
}

/**
 * `check`'s histories (DESIGN §5.1): each filing's digest from `--history PATH` and the other filings
 * checked, in the order given.
 */
export async function checkHistories(
  judge: Judge,
  filings: readonly Filing[],
  historyPath?: string,
): Promise<HistoryDigest[]> {
  const index = new HistoryIndex();
  if (historyPath !== undefined) await indexPath(historyPath, index);
  const entries = filings.map((f) => index.add(historyRecord(f)));
  index.seal();
  return entries.map((e) => digestOfEntry(judge, index, e));
}
