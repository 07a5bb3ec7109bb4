// Text normalisation for matching (DESIGN §4 steps 1–3), with a map from the normalised text back to the original.

import confusables from 'unhomoglyph/data.json' with { type: 'json' };
import { ByteLru } from './text-cache.js';
import { foldChar } from './text-fold.js';

/**
 * Removed whatever the rule (step 2): white space, controls (Cc), format characters (Cf),
 * default-ignorable code points and combining marks (Mn, Me).
 */
const REMOVABLE = /[\s\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]/gu;
/** Removed on their own, before NFKC: these compose with nothing (marks go with their base character through NFKC first). */
const ALL_REMOVABLE = /^[\s\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;
/** Characters NFKC may compose with the character before them: combining marks and conjoining Hangul jamo. */
const ATTACHING = /[\p{M}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;
/** Punctuation and symbols (P, S): removed by step 2 unless a sentence end or kept by the rule's terms. */
const SYMBOL = /^[\p{P}\p{S}]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const HAN = /^\p{Script=Han}$/u;

/** The sentence ends step 2 always keeps; a term never matches across one. */
export const SENTENCE_ENDS: readonly string[] = ['。', '！', '？', '；', '.', '!', '?', ';'];

/**
 * A normalised text. Unit `j` of `text` comes from the original text's units `start[j]` to `end[j]`
 * (end exclusive); when `start` is null the text kept every unit in place (unit j came from unit j).
 */
export interface NormalizedText {
  text: string;
  start: Int32Array | null;
  end: Int32Array | null;
}

/**
 * The rest of a character once NFKC has run, whatever the rule: variants folded, lower-cased, then
 * the characters step 2 always removes dropped (lower-casing may give a mark: İ → i̇ → i).
 * Punctuation and symbols are still there: which of them stay depends on the rule (`TextPolicy`).
 */
function finish(nfkc: string): string {
  let out = '';
  for (const c of nfkc) out += foldChar(c).toLowerCase();
  return out.replace(REMOVABLE, '');
}

let seconds: Set<string> | undefined;

/**
 * Characters canonical composition may join to the character before them though they are neither
 * marks nor jamo (U+16D67 of Kirat Rai, from Unicode 16): every later character of a canonical
 * decomposition, read once from the runtime's Unicode data. Decompositions lie in planes 0–2; CJK
 * ideographs, Hangul syllables (jamo are matched above), surrogates and private use are skipped.
 */
function composesAfter(c: string): boolean {
  if (seconds === undefined) {
    seconds = new Set();
    // one NFD over every candidate, each followed by U+0000 (a starter nothing decomposes to)
    const candidates: number[] = [];
    for (let cp = 0xa0; cp <= 0x2ffff; cp++) {
      if (cp === 0x3400) cp = 0x4dc0;
      if (cp === 0x4e00) cp = 0xa000;
      if (cp === 0xac00) cp = 0xf900;
      if (cp === 0x20000) cp = 0x2f800;
      candidates.push(cp, 0);
    }
    const chunks: string[] = [];
    for (let k = 0; k < candidates.length; k += 8192)
      chunks.push(String.fromCodePoint(...candidates.slice(k, k + 8192)));
    let index = 0;
    for (const x of chunks.join('').normalize('NFD')) {
      if (x === '\u0000') index = 0;
      else if (index++ > 0 && !ATTACHING.test(x)) seconds.add(x);
    }
  }
  return seconds.has(c);
}

/** Whether NFKC may join this code point to the one before it (then the text goes by clusters). */
function attaches(c: string): boolean {
  const nfkc = c.normalize('NFKC');
  const lead = nfkc.codePointAt(0);
  return (
    ATTACHING.test(c) ||
    ATTACHING.test(nfkc) ||
    composesAfter(c) ||
    (lead !== undefined && composesAfter(String.fromCodePoint(lead)))
  );
}

/**
 * What one code point becomes on its own, or null when it may compose with its neighbour. A
 * removable character is removed on its own even when it is a mark (variation selectors and the
 * combining grapheme joiner have combining class 0 and compose with nothing).
 */
function pieceOf(c: string): string | null {
  if (ALL_REMOVABLE.test(c)) return '';
  if (attaches(c)) return null;
  return finish(c.normalize('NFKC'));
}

// BMP classification, filled as characters are first seen: the single code unit a character becomes,
// or one of these.
const UNKNOWN = -1;
const ATTACH = -2;
const REMOVED = -3;
const MULTI = -4;
const HIGH_SURROGATE = -5;
const bmp = new Int32Array(0x10000).fill(UNKNOWN);
const multi = new Map<number, string>();
// Astral code points seen so far, bounded: past the limit they are classified afresh each time.
const astral = new Map<number, string | null>();
const ASTRAL_LIMIT = 20_000;

function classifyUnit(cu: number): number {
  let v: number;
  if (cu >= 0xd800 && cu <= 0xdbff) v = HIGH_SURROGATE;
  else if (cu >= 0xdc00 && cu <= 0xdfff)
    v = cu; // a lone low surrogate stays as it is
  else {
    const piece = pieceOf(String.fromCharCode(cu));
    if (piece === null) v = ATTACH;
    else if (piece === '') v = REMOVED;
    else if (piece.length === 1) v = piece.charCodeAt(0);
    else {
      multi.set(cu, piece);
      v = MULTI;
    }
  }
  bmp[cu] = v;
  return v;
}

function astralPiece(cp: number): string | null {
  const hit = astral.get(cp);
  if (hit !== undefined) return hit;
  const piece = pieceOf(String.fromCodePoint(cp));
  if (astral.size < ASTRAL_LIMIT) astral.set(cp, piece);
  return piece;
}

// Step 3's look-alikes (UTS #39 confusables, from the `unhomoglyph` package's copy of Unicode's
// confusables.txt) and step 2's punctuation and symbols, which depend on the rule's terms.

let prototypes: Map<string, string> | undefined;

/**
 * The UTS #39 skeleton of one code point when it is a single punctuation or symbol code point other
 * than itself and not Han, else -1: NFD, each character to its prototype, NFD again.
 */
function symbolSkeleton(cp: number): number {
  prototypes ??= new Map(Object.entries(confusables as Record<string, string>));
  const c = String.fromCodePoint(cp);
  let mapped = '';
  for (const x of c.normalize('NFD')) mapped += prototypes.get(x) ?? x;
  const skeleton = mapped.normalize('NFD');
  const t = skeleton.codePointAt(0) ?? -1;
  if (t === cp || t < 0 || skeleton.length !== (t > 0xffff ? 2 : 1)) return -1;
  const tc = String.fromCodePoint(t);
  return SYMBOL.test(tc) && !HAN.test(tc) ? t : -1;
}

// What step 2 and the look-alike fold of step 3 may do to a character, by code point: nothing
// (PLAIN), remove it unless kept or map it (SYMBOL: punctuation and symbols), or map it (LOOKALIKE:
// neither a letter, a digit nor a symbol, with a symbol's skeleton, such as a spacing mark that looks
// like a full stop). Marks and the rest of what step 2 always removes are gone before this.
const COND_UNKNOWN = 0;
const PLAIN = 1;
const SYMBOLIC = 2;
const LOOKALIKE = 3;
const condBmp = new Uint8Array(0x10000);
const skeletonBmp = new Int32Array(0x10000);
const condAstral = new Map<number, number>();
const skeletonAstral = new Map<number, number>();

function classifyCond(cp: number): number {
  const c = String.fromCodePoint(cp);
  if (SYMBOL.test(c)) return SYMBOLIC;
  if (LETTER_OR_DIGIT.test(c) || (cp >= 0xd800 && cp <= 0xdfff)) return PLAIN;
  return symbolSkeleton(cp) >= 0 ? LOOKALIKE : PLAIN;
}

function condOf(cp: number): number {
  if (cp < 0x10000) {
    let v = condBmp[cp] ?? COND_UNKNOWN;
    if (v === COND_UNKNOWN) {
      v = classifyCond(cp);
      condBmp[cp] = v;
      skeletonBmp[cp] = v === PLAIN ? -1 : symbolSkeleton(cp);
    }
    return v;
  }
  const hit = condAstral.get(cp);
  if (hit !== undefined) return hit;
  const v = classifyCond(cp);
  if (condAstral.size < ASTRAL_LIMIT) condAstral.set(cp, v);
  return v;
}

function skeletonOf(cp: number): number {
  if (cp < 0x10000) return condOf(cp) === PLAIN ? -1 : (skeletonBmp[cp] ?? -1);
  const hit = skeletonAstral.get(cp);
  if (hit !== undefined) return hit;
  const t = symbolSkeleton(cp);
  if (skeletonAstral.size < ASTRAL_LIMIT) skeletonAstral.set(cp, t);
  return t;
}

/**
 * Which punctuation and symbol characters a rule's text keeps (DESIGN §4 steps 2–3): the sentence
 * ends and those that occur in its terms or allowed phrases. A character whose confusable skeleton is
 * one of them becomes it (➕ → + where + is kept); any other punctuation or symbol is removed. Made
 * with `textPolicy(terms)`; one object per set of kept characters.
 */
export interface TextPolicy {
  /** The kept punctuation and symbols, by code point (sentence ends included). */
  readonly kept: ReadonlySet<number>;
  /** A short identity of `kept`, for caches. */
  readonly id: number;
}

const SENTENCE_END_CODES: readonly number[] = SENTENCE_ENDS.map((c) => c.codePointAt(0) ?? 0);
/** The policy of a text searched for no term: only the sentence ends are kept (`normalizeText(text)`, `isBlank`). */
export const DEFAULT_POLICY: TextPolicy = { kept: new Set(SENTENCE_END_CODES), id: 0 };

// Policies by their kept characters. Rule sets have few; a bound keeps random ones from growing it.
const policies = new Map<string, TextPolicy>();
const POLICY_LIMIT = 4096;
let policyIds = 0;

/** What `cp` becomes under `policy`: itself, another code point, or -1 (removed). */
function resolve(cp: number, cond: number, policy: TextPolicy): number {
  const t = skeletonOf(cp);
  if (t >= 0 && policy.kept.has(t)) return t;
  if (cond === SYMBOLIC && !policy.kept.has(cp)) return -1;
  return cp;
}

/** `piece` (a character's normalisation before step 2's symbols) under `policy`. */
function applyPolicy(piece: string, policy: TextPolicy): string {
  let out: string | null = null;
  let k = 0;
  for (const c of piece) {
    const cp = c.codePointAt(0) ?? 0;
    const cond = condOf(cp);
    const r = cond === PLAIN ? cp : resolve(cp, cond, policy);
    if (r !== cp && out === null) out = piece.slice(0, k);
    if (out !== null && r >= 0) out += String.fromCodePoint(r);
    k += c.length;
  }
  return out ?? piece;
}

/**
 * The policy of a rule whose terms and allowed phrases are `phrases`: the sentence ends and every
 * punctuation or symbol character of the phrases (after NFKC and step 3's folds), with the
 * symbol each of those looks like (a term written with ➕ keeps +, and so finds 互联网+保险).
 * @example normalizeText('互联网+保险。', textPolicy(['互联网+保险'])) // → '互联网+保险。'
 */
export function textPolicy(phrases: readonly string[]): TextPolicy {
  const kept = new Set(SENTENCE_END_CODES);
  for (const phrase of phrases) {
    for (const c of normalize(phrase, false, Infinity, null).text) {
      const cp = c.codePointAt(0) ?? 0;
      if (condOf(cp) === PLAIN) continue;
      kept.add(cp);
      const t = skeletonOf(cp);
      if (t >= 0) kept.add(t);
    }
  }
  if (kept.size === SENTENCE_END_CODES.length) return DEFAULT_POLICY;
  const key = [...kept].sort((a, b) => a - b).join(',');
  const hit = policies.get(key);
  if (hit !== undefined) return hit;
  const policy: TextPolicy = { kept, id: ++policyIds };
  if (policies.size >= POLICY_LIMIT) policies.clear();
  policies.set(key, policy);
  return policy;
}

/**
 * The normalised text being written, unit by unit, with (when `mapped`) the original units each came
 * from. While every unit comes from the unit at its own index, no map is given (`inPlace`).
 */
class Output {
  private buf: Uint16Array;
  private starts: Int32Array | null;
  private ends: Int32Array | null;
  length = 0;
  private inPlace = true;

  constructor(capacity: number, mapped: boolean) {
    this.buf = new Uint16Array(Math.max(16, capacity));
    this.starts = mapped ? new Int32Array(this.buf.length) : null;
    this.ends = mapped ? new Int32Array(this.buf.length) : null;
  }

  private room(units: number): void {
    if (this.length + units <= this.buf.length) return;
    const size = Math.max(2 * this.buf.length, this.length + units);
    const grow = <T extends Uint16Array | Int32Array>(old: T, made: T): T => {
      made.set(old);
      return made;
    };
    this.buf = grow(this.buf, new Uint16Array(size));
    if (this.starts !== null) this.starts = grow(this.starts, new Int32Array(size));
    if (this.ends !== null) this.ends = grow(this.ends, new Int32Array(size));
  }

  /** One unit written for the original unit `at` (itself or what it became). */
  one(cu: number, at: number): void {
    if (this.length === this.buf.length) this.room(1);
    const j = this.length++;
    if (at !== j) this.inPlace = false;
    this.buf[j] = cu;
    if (this.starts !== null && this.ends !== null) {
      this.starts[j] = at;
      this.ends[j] = at + 1;
    }
  }

  /** Original units `at`..`to` kept as they are. */
  keep(source: string, at: number, to: number): void {
    this.room(to - at);
    if (at !== this.length) this.inPlace = false;
    for (let k = at; k < to; k++) this.unit(source.charCodeAt(k), k, k + 1);
  }

  /** Original units `at`..`to` became `piece` (each of its units comes from all of them). */
  put(piece: string, at: number, to: number): void {
    this.room(piece.length);
    if (!(piece.length === 1 && to - at === 1 && at === this.length)) this.inPlace = false;
    for (let k = 0; k < piece.length; k++) this.unit(piece.charCodeAt(k), at, to);
  }

  private unit(cu: number, at: number, to: number): void {
    const j = this.length++;
    this.buf[j] = cu;
    if (this.starts !== null && this.ends !== null) {
      this.starts[j] = at;
      this.ends[j] = to;
    }
  }

  done(): NormalizedText {
    const parts: string[] = [];
    for (let k = 0; k < this.length; k += 8192) {
      parts.push(String.fromCharCode(...this.buf.subarray(k, Math.min(this.length, k + 8192))));
    }
    const text = parts.join('');
    if (this.inPlace || this.starts === null || this.ends === null) return { text, start: null, end: null };
    return { text, start: this.starts.slice(0, this.length), end: this.ends.slice(0, this.length) };
  }
}

function astralAt(text: string, i: number, high: number): string | null {
  return astralPiece(((high - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000);
}

function isLowSurrogateAt(text: string, i: number): boolean {
  const low = i < text.length ? text.charCodeAt(i) : 0;
  return low >= 0xdc00 && low <= 0xdfff;
}

/** The width of the code point at `i` when NFKC may compose it with what precedes it, else 0. */
function attachingWidth(text: string, i: number): number {
  const cu = text.charCodeAt(i);
  let v = bmp[cu] ?? UNKNOWN;
  if (v === UNKNOWN) v = classifyUnit(cu);
  if (v === ATTACH) return 1;
  if (v === HIGH_SURROGATE && isLowSurrogateAt(text, i + 1) && astralAt(text, i, cu) === null) return 2;
  return 0;
}

/** An output holding the units before `i`, which stayed as they are (sized for `limit` units at most). */
function started(text: string, i: number, mapped: boolean, limit: number): Output {
  const out = new Output(Math.min(text.length, limit + 16), mapped);
  out.keep(text, 0, i);
  return out;
}

/**
 * Normalises code point by code point through the table. A code point followed by characters NFKC may
 * compose with it (combining marks, conjoining jamo) goes with them as one cluster through NFKC; any
 * other boundary is one NFKC cannot cross, so the result is NFKC of the whole text, then steps 2–3.
 * Punctuation and symbols then go by `policy` (null: all are kept, as when finding a rule's kept symbols).
 * Stops once `limit` units are written (the map of a prefix is the prefix of the map).
 */
function normalize(text: string, mapped: boolean, limit: number, policy: TextPolicy | null): NormalizedText {
  const n = text.length;
  let out: Output | null = null;
  for (let i = 0; i < n;) {
    if ((out === null ? i : out.length) >= limit) break;
    const cu = text.charCodeAt(i);
    let v = bmp[cu] ?? UNKNOWN;
    if (v === UNKNOWN) v = classifyUnit(cu);
    let width = 1;
    let astral: string | null = null;
    if (v === HIGH_SURROGATE) {
      if (isLowSurrogateAt(text, i + 1)) {
        width = 2;
        astral = astralAt(text, i, cu);
        if (astral === null) v = ATTACH;
      } else v = cu; // a lone high surrogate stays as it is
    }
    let to = i + width;
    for (let w = to < n ? attachingWidth(text, to) : 0; w > 0; w = to < n ? attachingWidth(text, to) : 0)
      to += w;
    if (to === i + 1 && v >= 0) {
      // the common case: one unit that stays or becomes one other unit (or, a symbol, nothing)
      let w = v;
      if (policy !== null) {
        const cond = condBmp[v] || condOf(v);
        if (cond !== PLAIN) w = resolve(v, cond, policy);
      }
      if (w === cu) out?.one(cu, i);
      else {
        out ??= started(text, i, mapped, limit);
        if (w >= 0x10000) out.put(String.fromCodePoint(w), i, to);
        else if (w >= 0) out.one(w, i);
      }
      i = to;
      continue;
    }
    let piece: string | null; // null: the units stay as they are
    if (to > i + width || v === ATTACH) {
      piece = finish(text.slice(i, to).normalize('NFKC'));
      if (piece === text.slice(i, to)) piece = null;
    } else if (v === REMOVED) piece = '';
    else if (v === MULTI) piece = multi.get(cu) ?? '';
    else piece = astral === text.slice(i, to) ? null : astral;
    if (policy !== null && piece !== '') {
      const before = piece ?? text.slice(i, to);
      const after = applyPolicy(before, policy);
      if (after !== before) piece = after;
    }
    if (piece !== null || out !== null) {
      out ??= started(text, i, mapped, limit);
      if (piece === null) out.keep(text, i, to);
      else out.put(piece, i, to);
    }
    i = to;
  }
  return out === null ? { text, start: null, end: null } : out.done();
}

// Normalised texts by original text, with one result per policy. Only texts past UNCACHED_LENGTH are
// kept (a name is normalised faster than it is looked up), and the whole is bounded by bytes:
// distinct large texts cannot grow the heap beyond CACHE_BYTES (DESIGN §8).
const CACHE_BYTES = 8 * 1024 * 1024;
const cache = new ByteLru<Map<number, string>>(CACHE_BYTES, CACHE_BYTES / 8);
const UNCACHED_LENGTH = 256;

/**
 * The normalised text (DESIGN §4 steps 1–3), what a text rule searches and `--explain` shows: NFKC;
 * traditional and Japanese forms folded to simplified (OpenCC's tables), Latin lower-cased; white
 * space, controls, format characters, default-ignorable code points and combining marks removed;
 * punctuation and symbols removed but the sentence ends and those `policy` keeps (a look-alike of a
 * kept one becomes it). Without a policy, only the sentence ends are kept.
 * @example normalizeText('互助保險 計劃') // → '互助保险计划'
 * @example normalizeText('承̲诺·赔-付。') // → '承诺赔付。'
 * @example normalizeText('互联网➕保险', textPolicy(['互联网+保险'])) // → '互联网+保险'
 */
export function normalizeText(text: string, policy: TextPolicy = DEFAULT_POLICY): string {
  if (text.length <= UNCACHED_LENGTH) return normalize(text, false, Infinity, policy).text;
  const entry = cache.get(text);
  const hit = entry?.get(policy.id);
  if (hit !== undefined) return hit;
  const out = normalize(text, false, Infinity, policy).text;
  const outs = entry ?? new Map<number, string>();
  outs.set(policy.id, out);
  let bytes = 96 + 2 * text.length;
  for (const o of outs.values()) bytes += 64 + (o === text ? 0 : 2 * o.length);
  cache.set(text, outs, bytes);
  return out;
}

/**
 * The normalised text with the map back to the original (for evidence; not cached: it is asked for
 * only when a term is found). Its text is always `normalizeText(text, policy)`.
 * @example normalizeWithMap('保\u200b險') // → { text: '保险', start: [0, 2], end: [1, 3] }
 */
export function normalizeWithMap(text: string, policy: TextPolicy = DEFAULT_POLICY): NormalizedText {
  return normalize(text, true, Infinity, policy);
}

/**
 * True when nothing is left of the text after steps 1–2 (DESIGN §4's "blank"): only white space,
 * controls, format characters, default-ignorable code points, combining marks, and punctuation or
 * symbols other than a sentence end.
 * @example isBlank(' \u200b\u3000') // → true; isBlank('-') // → true; isBlank('工商银行') // → false
 */
export function isBlank(text: string): boolean {
  return ALL_REMOVABLE.test(text) || normalize(text, false, 1, DEFAULT_POLICY).text === '';
}

/** The original units `[at, until)` that normalised units `[start, end)` came from. */
export function originalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  if (n.start === null || n.end === null) return [start, end];
  const at = n.start[start] ?? n.start.length;
  return end <= start ? [at, at] : [at, n.end[end - 1] ?? at];
}

/**
 * The original units `[at, until)` that the normalised units `[start, end)` came from, normalising
 * only as far as `end` (evidence for a term found near the start of a long text costs little).
 * @example locate('承 诺赔付', 0, 4) // → [0, 5]
 */
export function locate(
  text: string,
  start: number,
  end: number,
  policy: TextPolicy = DEFAULT_POLICY,
): [number, number] {
  return originalSpan(normalize(text, true, end, policy), start, end);
}

/** How much of the text cache is in use (for tests and metrics). */
export function textCacheStats(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: cache.size, bytes: cache.bytes, maxBytes: cache.maxBytes };
}
