// Text normalisation for matching (DESIGN §4 steps 1–3), with a map from the normalised text back to the original.

import { ByteLru } from './text-cache.js';
import { foldChar } from './text-fold.js';

/** Removed after NFKC: white space, controls (Cc), format characters (Cf), default-ignorable code points. */
const REMOVABLE = /[\s\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const ALL_REMOVABLE = /^[\s\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;
/** Characters NFKC may compose with the character before them: combining marks and conjoining Hangul jamo. */
const ATTACHING = /[\p{M}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;

/**
 * A normalised text. Unit `j` of `text` comes from the original text's units `start[j]` to `end[j]`
 * (end exclusive); when `start` is null the text kept every unit in place (unit j came from unit j).
 */
export interface NormalizedText {
  text: string;
  start: Int32Array | null;
  end: Int32Array | null;
}

/** The rest of a character once NFKC has run: removable characters dropped, variants folded, lower-cased. */
function finish(nfkc: string): string {
  let out = '';
  for (const c of nfkc.replace(REMOVABLE, '')) out += foldChar(c).toLowerCase();
  return out;
}

/** Whether NFKC may join this code point to the one before it (then the text goes by clusters). */
function attaches(c: string): boolean {
  return ATTACHING.test(c) || ATTACHING.test(c.normalize('NFKC'));
}

/**
 * What one code point becomes on its own, or null when it may compose with its neighbour. A
 * removable character is removed on its own even when it is a mark (variation selectors and the
 * combining grapheme joiner have combining class 0 and compose with nothing).
 */
function pieceOf(c: string): string | null {
  const nfkc = c.normalize('NFKC');
  if (ALL_REMOVABLE.test(c)) return '';
  if (attaches(c)) return null;
  return finish(nfkc);
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

/**
 * Builds the normalised text and its map, keeping untouched runs of the original as they are. While
 * every piece replaces a single unit by a single unit, unit j still comes from unit j and no map is built.
 */
class Builder {
  private readonly parts: string[] = [];
  private starts: number[] | null = null;
  private ends: number[] | null = null;
  private run = 0;
  /** `mapped`: whether to keep the map at all (matching needs only the text; evidence needs the map). */
  constructor(
    private readonly source: string,
    private readonly mapped: boolean,
  ) {}

  /** Copies the untouched run before `at`, then `piece` for the original units `at`..`to`. */
  put(at: number, to: number, piece: string): void {
    // a longer piece that changed (a composed cluster, an astral character) has no unit-by-unit source
    const inPlace = piece.length === to - at && (to - at === 1 || piece === this.source.slice(at, to));
    if (this.mapped && this.starts === null && !inPlace) {
      this.starts = [];
      this.ends = [];
      for (let k = 0; k < this.run; k++) {
        this.starts.push(k);
        this.ends.push(k + 1);
      }
    }
    if (this.run < at) {
      this.parts.push(this.source.slice(this.run, at));
      for (let k = this.run; this.starts !== null && k < at; k++) {
        this.starts.push(k);
        this.ends?.push(k + 1);
      }
    }
    this.parts.push(piece);
    for (let k = 0; this.starts !== null && k < piece.length; k++) {
      this.starts.push(at);
      this.ends?.push(to);
    }
    this.run = to;
  }

  done(): NormalizedText {
    this.put(this.source.length, this.source.length, '');
    const text = this.parts.join('');
    if (this.starts === null || this.ends === null) return { text, start: null, end: null };
    return { text, start: Int32Array.from(this.starts), end: Int32Array.from(this.ends) };
  }
}

/**
 * Code point by code point through the table; null when a character may compose with its neighbour.
 * Without such characters NFKC of the whole text is the NFKC of each character in turn.
 */
function normalizeByCodePoint(text: string, mapped: boolean): NormalizedText | null {
  let b: Builder | null = null;
  const n = text.length;
  for (let i = 0; i < n;) {
    const cu = text.charCodeAt(i);
    let v = bmp[cu] ?? UNKNOWN;
    if (v === UNKNOWN) v = classifyUnit(cu);
    if (v === cu) {
      i++;
      continue;
    }
    let piece: string;
    let width = 1;
    if (v >= 0) piece = String.fromCharCode(v);
    else if (v === REMOVED) piece = '';
    else if (v === MULTI) piece = multi.get(cu) ?? '';
    else if (v === ATTACH) return null;
    else {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (low < 0xdc00 || low > 0xdfff) {
        i++; // a lone high surrogate stays as it is
        continue;
      }
      const found = astralPiece(((cu - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      if (found === null) return null;
      width = 2;
      if (found.length === 2 && found.charCodeAt(0) === cu && found.charCodeAt(1) === low) {
        i += 2;
        continue;
      }
      piece = found;
    }
    b ??= new Builder(text, mapped);
    b.put(i, i + width, piece);
    i += width;
  }
  return b === null ? { text, start: null, end: null } : b.done();
}

/** Cluster by cluster (a character and the marks or jamo NFKC may compose with it). */
function normalizeByCluster(text: string, mapped: boolean): NormalizedText {
  const b = new Builder(text, mapped);
  let at = 0;
  let i = 0;
  const flush = (to: number) => {
    if (to > at) b.put(at, to, finish(text.slice(at, to).normalize('NFKC')));
    at = to;
  };
  for (const c of text) {
    if (i > 0 && !attaches(c)) flush(i);
    i += c.length;
  }
  flush(i);
  return b.done();
}

// Normalised texts by original text. Only texts past UNCACHED_LENGTH or with combining marks are kept
// (a short plain name is normalised faster than it is looked up), and the whole is bounded by bytes:
// distinct large texts cannot grow the heap beyond CACHE_BYTES (DESIGN §8).
const CACHE_BYTES = 8 * 1024 * 1024;
const cache = new ByteLru<string>(CACHE_BYTES, CACHE_BYTES / 8);
const UNCACHED_LENGTH = 256;

function normalize(text: string, mapped: boolean): NormalizedText {
  return normalizeByCodePoint(text, mapped) ?? normalizeByCluster(text, mapped);
}

/**
 * The normalised text (DESIGN §4 steps 1–3), what a text rule searches and `--explain` shows: NFKC;
 * white space, controls, format characters and default-ignorable code points removed; traditional
 * and Japanese forms folded to simplified (OpenCC's tables); Latin lower-cased.
 * @example normalizeText('互助保險 計劃') // → '互助保险计划'
 */
export function normalizeText(text: string): string {
  if (text.length <= UNCACHED_LENGTH) {
    const quick = normalizeByCodePoint(text, false);
    if (quick !== null) return quick.text;
  }
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const out = normalize(text, false).text;
  cache.set(text, out, 96 + 2 * text.length + (out === text ? 0 : 2 * out.length));
  return out;
}

/**
 * The normalised text with the map back to the original (for evidence; not cached: it is asked for
 * only when a term is found). Its text is always `normalizeText(text)`.
 * @example normalizeWithMap('保\u200b險') // → { text: '保险', start: [0, 2], end: [1, 3] }
 */
export function normalizeWithMap(text: string): NormalizedText {
  return normalize(text, true);
}

/**
 * True when nothing is left of the text after NFKC and removing white space, controls, format
 * characters and default-ignorable code points (DESIGN §4's "blank").
 * @example isBlank(' \u200b\u3000') // → true; isBlank('工商银行') // → false
 */
export function isBlank(text: string): boolean {
  return ALL_REMOVABLE.test(text) || text.normalize('NFKC').replace(REMOVABLE, '') === '';
}

/** The original units `[at, until)` that normalised units `[start, end)` came from. */
export function originalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  if (n.start === null || n.end === null) return [start, end];
  const at = n.start[start] ?? n.start.length;
  return end <= start ? [at, at] : [at, n.end[end - 1] ?? at];
}

/** How much of the text cache is in use (for tests and metrics). */
export function textCacheStats(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: cache.size, bytes: cache.bytes, maxBytes: cache.maxBytes };
}
