// History for scans and checks (DESIGN §5.1, §7): a first pass indexes the valid filings of an input as
// light records, then each item is handed its history digest; memory holds the index, never the filings.

import { HistoryIndex, type HistoryEntry } from '../engine/history-index.js';
import {
  historyRecord,
  type HistoryDigest,
  type HistorySubject,
  type SortedHistory,
} from '../engine/history.js';
import type { Judge } from '../engine/index.js';
import { ComplianceError } from '../errors.js';
import type { FilingFormat } from '../filing/parse.js';
import { readFiling } from '../filing/validate.js';
import { batchLines } from '../ndjson.js';
import type { ItemError, ScanItem } from './judge-item.js';

/**
 * Where histories come from: each platform's sorted history, from an index of an input (at once) or
 * from a store (a promise).
 */
export interface HistorySource {
  platform(platformId: string): SortedHistory | Promise<SortedHistory>;
}

/** A source that answers at once: what a scan of NDJSON bytes needs (it gives digests by line, synchronously). */
export interface SyncHistorySource extends HistorySource {
  platform(platformId: string): SortedHistory;
}

/** The source as one that answers at once; a store's source (promises) cannot serve a scan of NDJSON bytes. */
function atOnce(source: HistorySource): SyncHistorySource {
  return {
    platform(platformId) {
      const sorted = source.platform(platformId);
      if (sorted instanceof Promise)
        throw new Error('a scan of NDJSON bytes takes its history from an index, not a store');
      return sorted;
    },
  };
}

/** What a scan needs to give each item its history. */
export interface ScanHistory {
  /** Every valid filing of the history's sources (the input itself, `--history PATH`, or both; or a store). */
  index: HistorySource;
  /**
   * Each input item's entry, by the item's ordinal (a scan of items) or by line − 1 (a scan of NDJSON
   * bytes); null for an item that is not a valid filing (or a blank line). Absent: an item's subject
   * is read from its own text (an input read once, such as stdin).
   */
  subjects?: (HistoryEntry | null)[];
  /**
   * Items refused before they are judged, by the same ordinal as `subjects`: the filings of a
   * correction loop (DESIGN §3: `supersedes_cycle`), each an invalid line naming the loop.
   */
  refusals?: ReadonlyMap<number, ItemError>;
}

/** Indexes one item's text when it is a valid filing; its entry, or null. */
export function indexText(
  index: HistoryIndex,
  text: string,
  source: string,
  format: FilingFormat,
): HistoryEntry | null {
  try {
    return index.add(historyRecord(readFiling(text, source, format)));
  } catch (e) {
    if (e instanceof ComplianceError) return null;
    throw e;
  }
}

/** The first pass over items: each valid filing indexed; each item's entry by ordinal (when `keep`). */
export async function indexItems(
  items: AsyncIterable<ScanItem> | Iterable<ScanItem>,
  index: HistoryIndex,
  keep = true,
): Promise<(HistoryEntry | null)[]> {
  const subjects: (HistoryEntry | null)[] = [];
  for await (const item of items) {
    const entry = indexText(index, item.text, item.source, item.format);
    if (keep) subjects.push(entry);
  }
  return subjects;
}

/** The first pass over NDJSON bytes cut into batches: each line's entry by line − 1 (blank lines null). */
export async function indexNdjson(
  batches: AsyncIterable<{ bytes: Uint8Array; firstLine: number }>,
  name: string,
  index: HistoryIndex,
): Promise<(HistoryEntry | null)[]> {
  const subjects: (HistoryEntry | null)[] = [];
  for await (const { bytes, firstLine } of batches) {
    // lines split by src/ndjson.ts; a blank line stays null, as does one that is not UTF-8
    for (const l of batchLines(bytes, firstLine)) {
      while (subjects.length < l.line - 1) subjects.push(null);
      subjects[l.line - 1] = 'refused' in l ? null : indexText(index, l.text, `${name}:${l.line}`, 'json');
    }
  }
  return subjects;
}

/** The subject of an item read from its own JSON text, without validating it (a filing found invalid later is not judged). */
function subjectOfText(text: string): { platformId: string; subject: HistorySubject } | null {
  try {
    const v = JSON.parse(text) as {
      filingId?: unknown;
      supersedes?: unknown;
      platform?: { id?: unknown };
      period?: { start?: unknown; end?: unknown };
    };
    const platformId = v?.platform?.id;
    const { start, end } = v?.period ?? {};
    if (
      typeof v?.filingId !== 'string' ||
      typeof platformId !== 'string' ||
      typeof start !== 'string' ||
      typeof end !== 'string'
    )
      return null;
    const supersedes = typeof v.supersedes === 'string' ? v.supersedes : null;
    return { platformId, subject: { filingId: v.filingId, period: { start, end }, supersedes } };
  } catch {
    return null;
  }
}

/** An indexed entry's history digest, with the window in force on its period.end. */
export function digestOfEntry(judge: Judge, index: HistorySource, entry: HistoryEntry): HistoryDigest {
  const ix = indexOf(index);
  return judge.digestSorted(ix.subject(entry), ix.platform(ix.platformOf(entry)));
}

/** The index a scan's first pass filled: entries only make sense with it. */
function indexOf(source: HistorySource): HistoryIndex {
  if (!(source instanceof HistoryIndex))
    throw new Error('entries of a first pass need the index that pass filled');
  return source;
}

/** The digest of the item at `ordinal` (its entry, or its own text when the scan has no subjects). */
export async function digestOfItem(
  judge: Judge,
  h: ScanHistory,
  ordinal: number,
  item: ScanItem,
): Promise<HistoryDigest | null> {
  if (h.subjects) {
    const entry = h.subjects[ordinal];
    return entry === null || entry === undefined ? null : digestOfEntry(judge, h.index, entry);
  }
  const s = item.format === 'json' ? subjectOfText(item.text) : null;
  return s ? judge.digestSorted(s.subject, await h.index.platform(s.platformId)) : null;
}

/**
 * Each line's digest for a batch of NDJSON bytes starting at line `firstLine`: from the first pass's
 * entries, or (without them) from each line's own text.
 */
export function digestsOfBatch(
  judge: Judge,
  h: ScanHistory,
  bytes: Uint8Array,
  firstLine: number,
): (HistoryDigest | null)[] {
  const out: (HistoryDigest | null)[] = [];
  const index = atOnce(h.index);
  if (h.subjects) {
    let lines = 1;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    for (let i = 0; i < lines; i++) {
      const entry = h.subjects[firstLine + i - 1];
      out.push(entry === null || entry === undefined ? null : digestOfEntry(judge, h.index, entry));
    }
    return out;
  }
  for (const l of batchLines(bytes, firstLine)) {
    while (out.length < l.line - firstLine) out.push(null);
    const s = 'refused' in l ? null : subjectOfText(l.text);
    out.push(s ? judge.digestSorted(s.subject, index.platform(s.platformId)) : null);
  }
  return out;
}
