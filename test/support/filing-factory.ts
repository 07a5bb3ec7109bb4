// Test factory: the compliant base filing of rules/tests/base.yaml, with overrides set by JSON pointer.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Filing } from '../../src/filing/types.js';

/** Where the repository's files are, from the test folder. */
export const REPO_ROOT = new URL('../../', import.meta.url);
export const BASE_FILING_PATH = new URL('rules/tests/base.yaml', REPO_ROOT);

let base: Filing | null = null;

/** The compliant base filing (a fresh deep copy each time). */
export function baseFiling(): Filing {
  base ??= parse(readFileSync(BASE_FILING_PATH, 'utf8')) as Filing;
  return structuredClone(base);
}

function decode(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Sets `value` at a JSON pointer inside `doc` (mutating it). Missing objects on the way are created;
 * `-` appends to a list; `undefined` deletes the key (or removes the list item).
 */
export function setPointer(doc: unknown, pointer: string, value: unknown): void {
  const path = decode(pointer);
  let cur = doc as Record<string, unknown>;
  for (const seg of path.slice(0, -1)) {
    const next = cur[seg];
    if (next === null || typeof next !== 'object') cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur)) {
    if (last === '-') cur.push(value);
    else if (value === undefined) cur.splice(Number(last), 1);
    else cur[Number(last)] = value;
  } else if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/**
 * The base filing with each override (JSON pointer → value) applied in order.
 * @example makeFiling({ '/licenses': [], '/products/0/name': '相互保' })
 */
export function makeFiling(overrides: Record<string, unknown> = {}): Filing {
  const doc = baseFiling();
  for (const [pointer, value] of Object.entries(overrides)) setPointer(doc, pointer, structuredClone(value));
  return doc;
}

/** Like makeFiling, but the result is an untyped value, for building invalid documents. */
export function makeDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return makeFiling(overrides) as unknown as Record<string, unknown>;
}

/** Calendar arithmetic for tests: `YYYY-MM-DD` plus `days`. */
export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
