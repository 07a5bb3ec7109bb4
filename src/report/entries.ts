// What `check` prints for its FILEs in order: each one's report, or an `invalid` entry in its place
// (DESIGN §7), the same shape as a scan's invalid line.

import { formatNdjson } from './json.js';
import type { Report } from '../engine/report-model.js';

/** One problem of an invalid filing: a stable code, words, and where (pointer, or line and column). */
export interface EntryError {
  code: string;
  message: string;
  pointer?: string;
  line?: number;
  column?: number;
}

/** A FILE that was no valid filing. */
export interface InvalidEntry {
  type: 'invalid';
  /** The file, or `stdin`. */
  source: string;
  errors: EntryError[];
}

export type Entry = Report | InvalidEntry;

/** True for an `invalid` entry (a report has no `type`). */
export function isInvalid(e: Entry): e is InvalidEntry {
  return Object.hasOwn(e, 'type') && (e as InvalidEntry).type === 'invalid';
}

/** JSON: one entry for one FILE, else an array with every FILE's entry in its place. */
export function formatEntriesJson(entries: readonly Entry[]): string {
  return JSON.stringify(entries.length === 1 ? entries[0] : entries, null, 2) + '\n';
}

/** NDJSON: one line per FILE in order, a report or its `invalid` line. */
export function formatEntriesNdjson(entries: readonly Entry[]): string {
  return entries.map((e) => (isInvalid(e) ? JSON.stringify(e) + '\n' : formatNdjson([e]))).join('');
}
