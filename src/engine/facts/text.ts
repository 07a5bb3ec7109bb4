// Chinese text normalisation for naming and marketing facts, so spacing and variant tricks do not evade a term.

import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

// After NFKC: white space, zero-width and other format characters, and control characters.
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * Normalises text for matching: Unicode NFKC (full-width forms), white space, zero-width and control
 * characters removed, traditional characters converted to simplified, Latin letters lower-cased.
 * @example normalizeText('互助保險 計劃') // → '互助保险计划'
 */
export function normalizeText(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const out = toSimplified(text.normalize('NFKC').replace(INVISIBLE, '')).toLowerCase();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, out);
  return out;
}

/**
 * The terms found in `text` once it and the allowed phrases are normalised and the allowed phrases
 * removed, in the order of `terms`.
 * @example findTerms('本计划不承诺赔付', ['承诺赔付'], ['不承诺赔付']) // → []
 */
export function findTerms(text: string, terms: readonly string[], allow: readonly string[] = []): string[] {
  let t = normalizeText(text);
  for (const a of allow) {
    const n = normalizeText(a);
    if (n) t = t.split(n).join('\u0000');
  }
  return terms.filter((term) => {
    const n = normalizeText(term);
    return n !== '' && t.includes(n);
  });
}

/** The longest of the terms found (the most specific one to show in a message). */
export function mainTerm(found: readonly string[]): string {
  return found.reduce((a, b) => (b.length > a.length ? b : a), found[0] ?? '');
}
