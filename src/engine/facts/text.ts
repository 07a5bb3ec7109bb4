// Text matching (DESIGN §4): terms sought in the normalised text, excused only inside an occurrence of an allowed phrase.

import { locate, normalizeText } from './text-normalize.js';

export {
  isBlank,
  locate,
  normalizeText,
  normalizeWithMap,
  originalSpan,
  textCacheStats,
  type NormalizedText,
} from './text-normalize.js';

/** An occurrence of a term that no allowed phrase excuses. */
export interface TermOccurrence {
  /** The term as the rule writes it. */
  term: string;
  /** The term normalised, as it was sought. */
  normalized: string;
  /** Where it lies in the normalised text (units, end exclusive). */
  start: number;
  end: number;
  /** Where it lies in the original text (UTF-16 units, end exclusive). */
  at: number;
  until: number;
  /** The original text's characters there: the term as written, with whatever was hidden inside it. */
  found: string;
}

/** What searching a text for terms found. */
export interface TermSearch {
  /** The normalised text that was searched. */
  searched: string;
  /** The terms with an occurrence no allowed phrase excuses, in the order given. */
  terms: string[];
  /** The first such occurrence in the text (at the same place, the longer term); null when none. */
  first: TermOccurrence | null;
}

interface Prepared {
  terms: { term: string; normalized: string }[];
  allow: string[];
}

const NO_ALLOW: readonly string[] = [];
const prepared = new WeakMap<readonly string[], WeakMap<readonly string[], Prepared>>();

/** The terms and allowed phrases normalised like the text, once per pair of lists (a rule's lists never change). */
function prepare(terms: readonly string[], allow: readonly string[]): Prepared {
  let byAllow = prepared.get(terms);
  const hit = byAllow?.get(allow);
  if (hit !== undefined) return hit;
  const p: Prepared = {
    terms: terms.map((term) => ({ term, normalized: normalizeText(term) })),
    allow: allow.map(normalizeText).filter((a) => a !== ''),
  };
  if (byAllow === undefined) {
    byAllow = new WeakMap();
    prepared.set(terms, byAllow);
  }
  byAllow.set(allow, p);
  return p;
}

/** Every occurrence of the allowed phrases in a text, overlapping ones included. */
class AllowedSpans {
  private readonly starts: number[] = [];
  /** The furthest end of the spans up to and including each one (by start). */
  private readonly reach: number[] = [];

  constructor(text: string, phrases: readonly string[]) {
    const spans: [number, number][] = [];
    for (const a of phrases) {
      for (let p = text.indexOf(a); p !== -1; p = text.indexOf(a, p + 1)) spans.push([p, p + a.length]);
    }
    spans.sort((x, y) => x[0] - y[0]);
    let far = -1;
    for (const [s, e] of spans) {
      far = Math.max(far, e);
      this.starts.push(s);
      this.reach.push(far);
    }
  }

  /** True when units `[start, end)` lie wholly inside one span. */
  covers(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? Infinity) <= start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (this.reach[last] ?? -1) >= end;
  }
}

/**
 * Searches a text for terms (DESIGN §4): the text, terms and allowed phrases are normalised alike; an
 * occurrence of a term is excused only when it lies wholly inside an occurrence of an allowed phrase.
 * Terms and allowed phrases that normalise to nothing are ignored.
 * @example searchTerms('环保险', ['保险'], ['环保']).first?.found // → '保险' (环保 does not contain it)
 * @example searchTerms('不承诺赔付', ['承诺赔付'], ['不承诺赔付']).terms // → []
 */
export function searchTerms(
  text: string,
  terms: readonly string[],
  allow: readonly string[] = NO_ALLOW,
): TermSearch {
  const s = normalizeText(text);
  const p = prepare(terms, allow);
  let spans: AllowedSpans | undefined;
  const found: string[] = [];
  let best: { term: string; normalized: string; start: number } | null = null;
  for (const { term, normalized } of p.terms) {
    if (normalized === '') continue;
    for (let i = s.indexOf(normalized); i !== -1; i = s.indexOf(normalized, i + 1)) {
      if (p.allow.length > 0) {
        spans ??= new AllowedSpans(s, p.allow);
        if (spans.covers(i, i + normalized.length)) continue;
      }
      found.push(term);
      if (
        best === null ||
        i < best.start ||
        (i === best.start && normalized.length > best.normalized.length)
      ) {
        best = { term, normalized, start: i };
      }
      break;
    }
  }
  if (best === null) return { searched: s, terms: found, first: null };
  const end = best.start + best.normalized.length;
  const [at, until] = locate(text, best.start, end);
  return { searched: s, terms: found, first: { ...best, end, at, until, found: text.slice(at, until) } };
}

/**
 * The terms found in `text` with an occurrence no allowed phrase excuses, in the order of `terms`.
 * @example findTerms('本计划不承诺赔付', ['承诺赔付'], ['不承诺赔付']) // → []
 */
export function findTerms(
  text: string,
  terms: readonly string[],
  allow: readonly string[] = NO_ALLOW,
): string[] {
  return searchTerms(text, terms, allow).terms;
}

/** The longest of the terms found (the most specific one). */
export function mainTerm(found: readonly string[]): string {
  return found.reduce((a, b) => (b.length > a.length ? b : a), found[0] ?? '');
}
