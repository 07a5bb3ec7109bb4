// Where a scan's or a check's history comes from on the command line (DESIGN §7): the input itself,
// indexed in a first pass, and `--history PATH` (a folder or an NDJSON file).

import { createReadStream } from 'node:fs';
import { HistoryIndex, type HistoryEntry } from '../engine/history-index.js';
import { historyRecord, type HistoryDigest } from '../engine/history.js';
import type { Judge } from '../engine/index.js';
import type { Filing } from '../filing/types.js';
import { cycleChain, supersedesCycles, type SupersedesCycle } from '../engine/supersedes.js';
import { say, type Said } from '../messages/index.js';
import { digestOfEntry, indexItems, indexNdjson, type ScanHistory } from './history.js';
import type { ItemError } from './judge-item.js';
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
  const refusals = subjects ? loopRefusals(index, subjects) : undefined;
  index.seal();
  return subjects ? { index, subjects, ...(refusals && refusals.size > 0 ? { refusals } : {}) } : { index };
}

/** The words of a correction loop, naming its filings (with the key, for the reader's language). */
export function cycleSaid(cycle: SupersedesCycle): Said {
  return say('filing.supersedes_cycle', { platformId: cycle.platformId, chain: cycleChain(cycle) });
}

/** The problem of a filing in a correction loop: `supersedes_cycle` at its `supersedes`, naming the loop. */
export function cycleProblem(cycle: SupersedesCycle): ItemError {
  return { code: 'supersedes_cycle', pointer: '/supersedes', message: cycleSaid(cycle).message };
}

/**
 * The input items that are filings of a correction loop (X supersedes Y, Y supersedes X: in the input,
 * or with filings of `--history`), by ordinal. Their filings make no history either: each names the
 * other as corrected, so both leave every history (src/engine/history.ts), and here they are named.
 */
function loopRefusals(index: HistoryIndex, subjects: readonly (HistoryEntry | null)[]): Map<number, ItemError> {
  const links = index.supersedesLinks();
  const cycles = supersedesCycles(links);
  const out = new Map<number, ItemError>();
  if (cycles.length === 0) return out;
  const problem = new Map<string, ItemError>();
  for (const c of cycles) for (const id of c.filingIds) problem.set(`${c.platformId}\u0000${id}`, cycleProblem(c));
  const byEntry = new Map<HistoryEntry, ItemError>();
  for (const l of links) {
    const p = problem.get(`${l.platformId}\u0000${l.filingId}`);
    if (p) byEntry.set(l.entry, p);
  }
  subjects.forEach((entry, ordinal) => {
    const p = entry === null ? undefined : byEntry.get(entry);
    if (p) out.set(ordinal, p);
  });
  return out;
}

/**
 * `check`'s histories (DESIGN §5.1): each filing's digest from `--history PATH` and the other filings
 * checked, in the order given.
 */
export async function checkHistories(
  judge: Judge,
  filings: readonly Filing[],
  historyPath?: string,
): Promise<{ digests: HistoryDigest[]; loops: SupersedesCycle[]; looped: Map<number, SupersedesCycle> }> {
  const index = new HistoryIndex();
  if (historyPath !== undefined) await indexPath(historyPath, index);
  const entries = filings.map((f) => index.add(historyRecord(f)));
  // correction loops (DESIGN §3): every one is an invalid input; the filings checked that are in one are
  // named by their place, and no filing of a loop makes history (each is the other's corrected one)
  const loops = supersedesCycles(index.supersedesLinks());
  const looped = new Map<number, SupersedesCycle>();
  filings.forEach((f, i) => {
    const c = loops.find((l) => l.platformId === f.platform.id && l.filingIds.includes(f.filingId));
    if (c) looped.set(i, c);
  });
  index.seal();
  return { digests: entries.map((e) => digestOfEntry(judge, index, e)), loops, looped };
}
