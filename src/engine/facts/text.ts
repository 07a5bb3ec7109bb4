// Text matching (DESIGN §4): terms sought in the normalised text, excused only inside an occurrence of an allowed phrase no negation precedes.

import { locate, normalizeText, textPolicy, type TextPolicy } from './text-normalize.js';

export {
  DEFAULT_POLICY,
  isBlank,
  locate,
  normalizeText,
  normalizeWithMap,
  originalSpan,
  SENTENCE_ENDS,
  textCacheStats,
  textPolicy,
  type NormalizedText,
  type TextPolicy,
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
  policy: TextPolicy;
  terms: { term: string; normalized: string }[];
  allow: string[];
  negations: string[];
}

const NO_ALLOW: readonly string[] = [];
const NO_NEGATIONS: readonly string[] = [];
type ByNegations = WeakMap<readonly string[], Prepared>;
const prepared = new WeakMap<readonly string[], WeakMap<readonly string[], ByNegations>>();

/**
 * The terms, allowed phrases and negations normalised like the text, with the punctuation and symbols
 * the terms and allowed phrases keep; once per triple of lists (a rule's lists never change).
 */
function prepare(terms: readonly string[], allow: readonly string[], negations: readonly string[]): Prepared {
  let byAllow = prepared.get(terms);
  let byNegations = byAllow?.get(allow);
  const hit = byNegations?.get(negations);
  if (hit !== undefined) return hit;
  const policy = textPolicy([...terms, ...allow]);
  const norm = (s: string) => normalizeText(s, policy);
  const p: Prepared = {
    policy,
    terms: terms.map((term) => ({ term, normalized: norm(term) })),
    allow: allow.map(norm).filter((a) => a !== ''),
    negations: negations.map(norm).filter((n) => n !== ''),
  };
  if (byAllow === undefined) {
    byAllow = new WeakMap();
    prepared.set(terms, byAllow);
  }
  if (byNegations === undefined) {
    byNegations = new WeakMap();
    byAllow.set(allow, byNegations);
  }
  byNegations.set(negations, p);
  return p;
}

/** True when one of the negations ends right where position `at` of the text begins. */
function negatedAt(text: string, at: number, negations: readonly string[]): boolean {
  for (const n of negations) if (at >= n.length && text.startsWith(n, at - n.length)) return true;
  return false;
}

/**
 * Every occurrence of the allowed phrases in a text, overlapping ones included, but those a negation
 * immediately precedes (我们并非不承诺赔付: that 不承诺赔付 excuses nothing).
 */
class AllowedSpans {
  private readonly starts: number[] = [];
  /** The furthest end of the spans up to and including each one (by start). */
  private readonly reach: number[] = [];

  constructor(text: string, phrases: readonly string[], negations: readonly string[]) {
    const spans: [number, number][] = [];
    for (const a of phrases) {
      for (let p = text.indexOf(a); p !== -1; p = text.indexOf(a, p + 1)) {
        if (!negatedAt(text, p, negations)) spans.push([p, p + a.length]);
      }
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
 * Searches a text for terms (DESIGN §4): the text, terms, allowed phrases and negations are normalised
 * alike, keeping the sentence ends and the punctuation and symbols of the terms and allowed phrases;
 * an occurrence of a term is excused only when it lies wholly inside an occurrence of an allowed
 * phrase that no negation immediately precedes. Terms, allowed phrases and negations that normalise
 * to nothing are ignored.
 * @example searchTerms('环保险', ['保险'], ['环保']).first?.found // → '保险' (环保 does not contain it)
 * @example searchTerms('不承诺赔付', ['承诺赔付'], ['不承诺赔付']).terms // → []
 * @example searchTerms('并非不承诺赔付', ['承诺赔付'], ['不承诺赔付'], ['并非']).terms // → ['承诺赔付']
 */
export function searchTerms(
  text: string,
  terms: readonly string[],
  allow: readonly string[] = NO_ALLOW,
  negations: readonly string[] = NO_NEGATIONS,
): TermSearch {
  const p = prepare(terms, allow, negations);
  const s = normalizeText(text, p.policy);
  let spans: AllowedSpans | undefined;
  const found: string[] = [];
  let best: { term: string; normalized: string; start: number } | null = null;
  for (const { term, normalized } of p.terms) {
    if (normalized === '') continue;
    for (let i = s.indexOf(normalized); i !== -1; i = s.indexOf(normalized, i + 1)) {
      if (p.allow.length > 0) {
        spans ??= new AllowedSpans(s, p.allow, p.negations);
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
  const [at, until] = locate(text, best.start, end, p.policy);
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
  negations: readonly string[] = NO_NEGATIONS,
): string[] {
  return searchTerms(text, terms, allow, negations).terms;
}

/** The longest of the terms found (the most specific one). */
export function mainTerm(found: readonly string[]): string {
  return found.reduce((a, b) => (b.length > a.length ? b : a), found[0] ?? '');
}
