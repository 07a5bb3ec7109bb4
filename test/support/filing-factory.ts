// Test factory: the compliant base filing of rules/tests/base.yaml, in either schema version, with
// overrides set by JSON pointer; and valid unified social credit codes on demand.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Filing } from '../../src/filing/types.js';
import { usccCheckCharacter } from '../../src/filing/uscc.js';

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
 * A valid USCC (GB 32100-2015 check digit) made from a number: the same number gives the same code,
 * different numbers (below 10^10) different codes. `n` 0 is not the base operator's code.
 * @example makeUscc(1) // → '91330100' + '0000000001' + its check character
 */
export function makeUscc(n: number, region = '330100'): string {
  const first17 = `91${region}${String(n).padStart(9, '0')}`.slice(0, 17);
  return first17 + usccCheckCharacter(first17)!;
}

/** The same filing in schema 1: version 2's fields removed (licences are then read as the operator's). */
export function toSchema1(filing: Filing): Filing {
  const f = structuredClone(filing);
  f.schemaVersion = 1;
  for (const l of f.licenses) delete l.holderUscc;
  for (const p of f.products) delete p.underwriterUscc;
  for (const d of f.disclosures) {
    delete d.participatingMembers;
    delete d.borneByPlatformCny;
  }
  return f;
}

/** The same filing in schema 2: a licence without a holder is given the operator (what schema 1 meant). */
export function toSchema2(filing: Filing): Filing {
  const f = structuredClone(filing);
  f.schemaVersion = 2;
  for (const l of f.licenses) l.holderUscc ??= f.platform.operator.uscc;
  return f;
}

/**
 * The base filing (in `version` when given, else as base.yaml has it) with each override
 * (JSON pointer → value) applied in order.
 * @example makeFiling({ '/licenses': [], '/products/0/name': '相互保' })
 * @example makeFiling({ '/period/end': '2026-12-31' }, 1)
 */
export function makeFiling(overrides: Record<string, unknown> = {}, version?: 1 | 2): Filing {
  const base = baseFiling();
  const doc = version === 1 ? toSchema1(base) : version === 2 ? toSchema2(base) : base;
  for (const [pointer, value] of Object.entries(overrides)) setPointer(doc, pointer, structuredClone(value));
  return doc;
}

/** The base filing in schema 1 with overrides. */
export const makeFilingV1 = (overrides: Record<string, unknown> = {}): Filing => makeFiling(overrides, 1);

/** The base filing in schema 2 (every licence held by the operator unless overridden) with overrides. */
export const makeFilingV2 = (overrides: Record<string, unknown> = {}): Filing => makeFiling(overrides, 2);

/** Like makeFiling, but the result is an untyped value, for building invalid documents. */
export function makeDocument(
  overrides: Record<string, unknown> = {},
  version?: 1 | 2,
): Record<string, unknown> {
  return makeFiling(overrides, version) as unknown as Record<string, unknown>;
}

/** Calendar arithmetic for tests: `YYYY-MM-DD` plus `days`. */
export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
