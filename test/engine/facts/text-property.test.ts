// Properties of text matching: hidden characters, marks, symbols and variant forms never change a match; sentence ends
// separate; allowed phrases excuse exactly what they contain, unless a negation precedes them.

import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import confusables from 'unhomoglyph/data.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  findTerms,
  locate,
  normalizeText,
  normalizeWithMap,
  originalSpan,
  searchTerms,
  SENTENCE_ENDS,
} from '../../../src/engine/facts/text.js';
import { foldChar } from '../../../src/engine/facts/text-fold.js';

const NAME_TERMS = ['保', '保险', '保障', 'bao险'];
const NAME_ALLOW = ['环保'];
const MKT_TERMS = [
  '承诺赔付',
  '承诺赔偿',
  '足额赔付',
  '准备金',
  '政府监管',
  '保险创新',
  '互联网+保险',
  '保费',
];
const MKT_ALLOW = ['不承诺赔付', '不承诺赔偿', '不受政府监管', '未提取准备金', '不提取准备金'];
const MKT_NEGATIONS = ['并非', '绝非', '不是', '并不是', '没有'];
const FILLERS = [
  '本',
  '计划',
  '互助',
  '平台',
  '我们',
  '但',
  '，',
  '。',
  '环',
  '不',
  '受',
  '保',
  'a',
  'Z',
  '+',
  '１',
];

/** Every code point Unicode marks Default_Ignorable_Code_Point, and every combining mark (Mn, Me), punctuation and symbol (P, S), from the runtime's Unicode data. */
const DEFAULT_IGNORABLE: string[] = [];
const MARKS: string[] = [];
const SYMBOLS: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  if (/\p{Default_Ignorable_Code_Point}/u.test(c)) DEFAULT_IGNORABLE.push(c);
  else if (/[\p{Mn}\p{Me}]/u.test(c)) MARKS.push(c);
  else if (/[\p{P}\p{S}]/u.test(c)) SYMBOLS.push(c);
}

/** The UTS #39 skeleton of a string, read plainly from Unicode's confusables data. */
const PROTOTYPES = new Map(Object.entries(confusables as Record<string, string>));
const skeleton = (s: string) =>
  Array.from(s.normalize('NFD'), (c) => PROTOTYPES.get(c) ?? c)
    .join('')
    .normalize('NFD');

/**
 * The punctuation and symbols whose insertion a rule with `kept` symbols must not notice: those that
 * NFKC turns into nothing but white space, marks, and punctuation or symbols that are neither a
 * sentence end nor kept nor look like one (UTS #39). The rest (＋, ㈮ → (金), ‼ → !!, ℃ → °c, ➕) are
 * kept or become what is kept, as DESIGN §4 says.
 */
function insertable(kept: readonly string[]): string[] {
  const stays = new Set([...SENTENCE_ENDS, ...kept]);
  return SYMBOLS.filter((c) =>
    Array.from(c.normalize('NFKC'), (x) => foldChar(x).toLowerCase()).every((x) =>
      Array.from(x).every(
        (y) =>
          /[\s\p{Mn}\p{Me}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(y) ||
          (/[\p{P}\p{S}]/u.test(y) && !stays.has(y) && !stays.has(skeleton(y))),
      ),
    ),
  );
}

const packs = fc.constantFrom(
  { terms: NAME_TERMS, allow: NAME_ALLOW, kept: [] as string[] },
  { terms: MKT_TERMS, allow: MKT_ALLOW, kept: ['+'] },
);

/** Texts made of the pack's terms, its allowed phrases and ordinary characters, as fragments. */
const fragments = (pack: { terms: string[]; allow: string[] }) =>
  fc.array(fc.constantFrom(...pack.terms, ...pack.allow, ...FILLERS), { maxLength: 10 });

/** The first occurrence as the normalised text places it, to compare two searches. */
const outcome = (
  text: string,
  terms: readonly string[],
  allow: readonly string[],
  negations: readonly string[] = [],
) => {
  const r = searchTerms(text, terms, allow, negations);
  return { terms: r.terms, first: r.first && { normalized: r.first.normalized, start: r.first.start } };
};

/** A text with a term inside, cut in two at `at` (between two of its characters), and fragments around it. */
const withTermCut = (pack: { terms: string[]; allow: string[] }) =>
  fc
    .record({
      before: fragments(pack).map((p) => p.join('')),
      term: fc.constantFrom(...pack.terms.filter((t) => Array.from(t).length > 1)),
      at: fc.nat(),
      after: fragments(pack).map((p) => p.join('')),
    })
    .map(({ before, term, at, after }) => {
      const chars = Array.from(term);
      const cut = 1 + (at % (chars.length - 1));
      return { before, head: chars.slice(0, cut).join(''), tail: chars.slice(cut).join(''), after, term };
    });

describe('hidden characters', () => {
  it('enumerates the default-ignorable code points from Unicode data', () => {
    expect(DEFAULT_IGNORABLE.length).toBeGreaterThan(4000);
    for (const c of [
      '\u00AD',
      '\u034F',
      '\u115F',
      '\u200B',
      '\u2060',
      '\u3164',
      '\uFE0F',
      '\uFEFF',
      '\u{E0001}',
      '\u{E01EF}',
    ]) {
      expect(DEFAULT_IGNORABLE).toContain(c);
    }
  });

  it('inserting default-ignorable code points anywhere never changes whether a text matches', () => {
    fc.assert(
      fc.property(
        packs.chain((pack) =>
          fc.tuple(
            fc.constant(pack),
            fragments(pack),
            fc.array(fc.tuple(fc.nat(), fc.constantFrom(...DEFAULT_IGNORABLE)), {
              minLength: 1,
              maxLength: 6,
            }),
          ),
        ),
        ([pack, parts, insertions]) => {
          const text = parts.join('');
          const points = Array.from(text);
          for (const [at, c] of insertions) points.splice(at % (points.length + 1), 0, c);
          const hidden = points.join('');
          expect(normalizeText(hidden)).toBe(normalizeText(text));
          expect(outcome(hidden, pack.terms, pack.allow)).toEqual(outcome(text, pack.terms, pack.allow));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('inserting them inside a term still finds it, and the evidence shows it as written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAME_TERMS.slice(1), ...MKT_TERMS),
        fc.array(fc.constantFrom(...DEFAULT_IGNORABLE, ' ', '\u3000', '\n'), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (term, hidden, at) => {
          const cut = 1 + (at % (term.length - 1));
          const written = term.slice(0, cut) + hidden.join('') + term.slice(cut);
          const r = searchTerms(`我们${written}。`, [term]);
          expect(r.terms).toEqual([term]);
          expect(r.first?.found).toBe(written);
          expect(r.first?.at).toBe(2);
        },
      ),
    );
  });
});

describe('combining marks, punctuation and symbols (revision 3)', () => {
  const NAME_INSERTABLE = insertable([]);
  const MKT_INSERTABLE = insertable(['+']);

  it('enumerates the marks and symbols from Unicode data, and leaves out only what is kept', () => {
    expect(MARKS.length).toBeGreaterThan(1500);
    expect(MARKS).toEqual(expect.arrayContaining(['\u0301', '\u0332', '\u20DD', '\u3099']));
    expect(SYMBOLS.length).toBeGreaterThan(9000);
    // about 9 in 10 symbols NFKC leaves a symbol; the rest become letters, digits or sentence ends (℃ → °c, ‼ → !!)
    expect(NAME_INSERTABLE.length).toBeGreaterThan(8000);
    for (const c of ['·', '-', '，', '、', '（', '“', '+', '＋', '➕', '😀', '©'])
      expect(NAME_INSERTABLE).toContain(c);
    for (const c of ['+', '＋', '﹢', '➕', '᛭']) expect(MKT_INSERTABLE).not.toContain(c);
    for (const c of [...SENTENCE_ENDS, '…', '‼', '\u0701', '\u322E', '℃'])
      expect(NAME_INSERTABLE).not.toContain(c);
    // what MKT-001 keeps besides the sentence ends is + and what becomes it
    const mkt = new Set(MKT_INSERTABLE);
    expect(MKT_INSERTABLE.every((c) => NAME_INSERTABLE.includes(c))).toBe(true);
    const plus = NAME_INSERTABLE.filter((c) => !mkt.has(c));
    expect(plus).toEqual(expect.arrayContaining(['+', '＋', '﹢', '➕', '᛭']));
    for (const c of plus) expect([c.normalize('NFKC'), skeleton(c.normalize('NFKC'))]).toContain('+');
  });

  it('inserting combining marks into a term never changes whether a text matches', () => {
    fc.assert(
      fc.property(
        packs.chain((pack) =>
          fc.tuple(
            fc.constant(pack),
            withTermCut(pack),
            fc.array(fc.constantFrom(...MARKS), { minLength: 1, maxLength: 3 }),
          ),
        ),
        ([pack, { before, head, tail, after }, marks]) => {
          // a mark NFKC composes with the letter before it makes another letter (a + ◌́ → á): §4 runs NFKC first
          const last = Array.from(head).pop() ?? '';
          fc.pre(
            (last + marks.join('')).normalize('NFKC') ===
              last.normalize('NFKC') + marks.join('').normalize('NFKC'),
          );
          const plain = before + head + tail + after;
          const marked = before + head + marks.join('') + tail + after;
          expect(normalizeText(marked)).toBe(normalizeText(plain));
          expect(outcome(marked, pack.terms, pack.allow)).toEqual(outcome(plain, pack.terms, pack.allow));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('inserting punctuation or symbols (but a sentence end, or what the rule keeps) into a term never changes whether a text matches', () => {
    fc.assert(
      fc.property(
        packs.chain((pack) =>
          fc.tuple(
            fc.constant(pack),
            withTermCut(pack),
            fc.array(fc.constantFrom(...(pack.kept.length === 0 ? NAME_INSERTABLE : MKT_INSERTABLE)), {
              minLength: 1,
              maxLength: 3,
            }),
          ),
        ),
        ([pack, { before, head, tail, after, term }, symbols]) => {
          const plain = before + head + tail + after;
          const written = head + symbols.join('') + tail;
          const text = before + written + after;
          expect(outcome(text, pack.terms, pack.allow)).toEqual(outcome(plain, pack.terms, pack.allow));
          // alone, the term is found as written
          const r = searchTerms(`我们${written}。`, [term]);
          expect(r.terms).toEqual([term]);
          expect(r.first?.found).toBe(written);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a term never matches across a sentence end: a text split by one finds what its two halves find', () => {
    const all = [
      { terms: NAME_TERMS, allow: NAME_ALLOW, negations: [] as string[] },
      { terms: MKT_TERMS, allow: MKT_ALLOW, negations: MKT_NEGATIONS },
    ];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...all)
          .chain((pack) => fc.tuple(fc.constant(pack), withTermCut(pack), fc.constantFrom(...SENTENCE_ENDS))),
        ([pack, { before, head, tail, after }, end]) => {
          const a = before + head;
          const b = tail + after;
          const find = (t: string) => findTerms(t, pack.terms, pack.allow, pack.negations);
          const halves = new Set([...find(a), ...find(b)]);
          expect(find(a + end + b)).toEqual(pack.terms.filter((t) => halves.has(t)));
          const first = searchTerms(a + end + b, pack.terms, pack.allow, pack.negations).first;
          if (first !== null) expect(first.found).not.toContain(end);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('variant forms', () => {
  const cn2t = OpenCC.Converter({ from: 'cn', to: 't' });
  const t2jp = OpenCC.Converter({ from: 't', to: 'jp' });
  const jp2t = OpenCC.Converter({ from: 'jp', to: 't' });
  // The Japanese form of a character, where OpenCC reads it back as the same character: its t→jp table
  // also substitutes different characters (聯 → 連, as Japanese writes 互連網), which are not forms of it.
  const japanese = (s: string) =>
    Array.from(cn2t(s), (c) => {
      const j = t2jp(c);
      return jp2t(j) === c ? j : c;
    }).join('');
  const writers: Record<string, (s: string) => string> = {
    simplified: (s) => s,
    traditional: cn2t,
    taiwan: OpenCC.Converter({ from: 'cn', to: 'tw' }),
    'hong kong': OpenCC.Converter({ from: 'cn', to: 'hk' }),
    japanese,
  };
  const writer = fc.constantFrom(...Object.keys(writers));
  const write = (form: string, s: string) => (writers[form] ?? ((x: string) => x))(s);

  it.each([
    ['traditional', '保险', '保險'],
    ['japanese', '保险', '保険'],
    ['traditional', '承诺赔付', '承諾賠付'],
  ])('writes %s forms (%s → %s) for the property below', (form, s, variant) => {
    expect(write(form, s)).toBe(variant);
  });

  it('writing terms, allowed phrases or the text in traditional or Japanese forms never changes a match', () => {
    fc.assert(
      fc.property(
        packs.chain((pack) =>
          fc.tuple(
            fc.constant(pack),
            fragments(pack).chain((p) =>
              fc.tuple(fc.constant(p), fc.array(writer, { minLength: p.length, maxLength: p.length })),
            ),
            writer,
            writer,
          ),
        ),
        ([pack, [parts, forms], termForm, allowForm]) => {
          const text = parts.join('');
          const variant = parts.map((p, i) => write(forms[i] ?? 'simplified', p)).join('');
          const terms = pack.terms.map((t) => write(termForm, t));
          const allow = pack.allow.map((a) => write(allowForm, a));
          const expected = outcome(text, pack.terms, pack.allow);
          const index = (r: ReturnType<typeof outcome>, list: string[]) => ({
            terms: r.terms.map((t) => list.indexOf(t)),
            first: r.first,
          });
          expect(index(outcome(variant, pack.terms, pack.allow), pack.terms)).toEqual(
            index(expected, pack.terms),
          );
          expect(index(outcome(text, terms, allow), terms)).toEqual(index(expected, pack.terms));
          expect(index(outcome(variant, terms, allow), terms)).toEqual(index(expected, pack.terms));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The matching DESIGN §4 describes, written plainly: every occurrence of every term, each checked against every occurrence of every allowed phrase. */
function occurrences(text: string, s: string): number[] {
  const at: number[] = [];
  for (let i = 0; s !== '' && i + s.length <= text.length; i++)
    if (text.slice(i, i + s.length) === s) at.push(i);
  return at;
}

function bruteForce(text: string, terms: string[], allow: string[], negations: string[] = []) {
  const negated = (j: number) =>
    negations.some((n) => n !== '' && text.slice(j - n.length, j) === n && j >= n.length);
  const excused = (start: number, end: number) =>
    allow.some((a) => occurrences(text, a).some((j) => j <= start && end <= j + a.length && !negated(j)));
  const found: string[] = [];
  let first: { normalized: string; start: number } | null = null;
  for (const t of terms) {
    const free = occurrences(text, t).filter((i) => !excused(i, i + t.length));
    if (free.length === 0) continue;
    found.push(t);
    const start = Math.min(...free);
    if (
      first === null ||
      start < first.start ||
      (start === first.start && t.length > first.normalized.length)
    ) {
      first = { normalized: t, start };
    }
  }
  return { terms: found, first };
}

describe('allowed phrases excuse only what they contain', () => {
  const letter = fc.constantFrom('保', '险', '环', '障');
  const word = (max: number) => fc.array(letter, { minLength: 1, maxLength: max }).map((l) => l.join(''));

  it('agrees with a brute-force reading of DESIGN §4 on texts over a small alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(letter, { maxLength: 14 }).map((l) => l.join('')),
        fc.array(word(3), { minLength: 1, maxLength: 3 }),
        fc.array(word(4), { maxLength: 3 }),
        fc.array(word(2), { maxLength: 2 }),
        (text, terms, allow, negations) => {
          expect(outcome(text, terms, allow)).toEqual(bruteForce(text, terms, allow));
          expect(outcome(text, terms, allow, negations)).toEqual(bruteForce(text, terms, allow, negations));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a negated allowed phrase never excuses: a negation before it leaves its terms found', () => {
    const contained = (a: string) => MKT_TERMS.filter((t) => a.includes(t));
    fc.assert(
      fc.property(
        fragments({ terms: MKT_TERMS, allow: MKT_ALLOW }),
        fc.constantFrom(...MKT_NEGATIONS),
        fc.constantFrom(...MKT_ALLOW.filter((a) => contained(a).length > 0)),
        fc.constantFrom('', ' ', '\u200b', '·', '\u0332'),
        fragments({ terms: MKT_TERMS, allow: MKT_ALLOW }),
        (before, negation, allowed, between, after) => {
          const text = before.join('') + negation + between + allowed + after.join('');
          const found = findTerms(text, MKT_TERMS, MKT_ALLOW, MKT_NEGATIONS);
          expect(found).toEqual(expect.arrayContaining(contained(allowed)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never excuses an occurrence that reaches outside every allowed phrase', () => {
    fc.assert(
      fc.property(word(4), word(3), word(3), word(4), (before, allowed, after, term) => {
        const text = before + allowed + after;
        const inside = (s: number, e: number) =>
          occurrences(text, allowed).some((j) => j <= s && e <= j + allowed.length);
        const outside = occurrences(text, term).filter((i) => !inside(i, i + term.length));
        const r = searchTerms(text, [term], [allowed]);
        expect(r.terms.length > 0).toBe(outside.length > 0);
        if (r.first !== null) {
          expect(inside(r.first.start, r.first.end)).toBe(false);
          expect(r.first.start).toBe(outside[0]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the brute force once texts carry hidden characters and variant forms', () => {
    const noisy = fc.constantFrom('保', '險', '険', '环', '環', '障', '\u200b', ' ', '\uFE0F');
    fc.assert(
      fc.property(
        fc.array(noisy, { maxLength: 14 }).map((l) => l.join('')),
        fc.array(word(3), { minLength: 1, maxLength: 3 }),
        fc.array(word(4), { maxLength: 3 }),
        (text, terms, allow) => {
          const expected = bruteForce(normalizeText(text), terms, allow);
          expect(outcome(text, terms, allow)).toEqual(expected);
          const first = searchTerms(text, terms, allow).first;
          if (first !== null) expect(normalizeText(first.found)).toBe(first.normalized);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('normalisation character by character is NFKC of the whole text', () => {
  const REMOVABLE = /[\s\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
  const ends = new Set(SENTENCE_ENDS);
  // steps 1–3 as DESIGN §4 writes them, for a text searched for no term (only sentence ends kept)
  const reference = (s: string) =>
    Array.from(
      Array.from(s.normalize('NFKC'), (c) => foldChar(c).toLowerCase())
        .join('')
        .replace(REMOVABLE, '')
        .replace(/[\p{Mn}\p{Me}]/gu, ''),
      (c) => {
        const t = skeleton(c);
        if (t !== c && ends.has(t) && !/[\p{L}\p{N}]/u.test(c)) return t;
        return /[\p{P}\p{S}]/u.test(c) && !ends.has(c) ? '' : c;
      },
    ).join('');
  const tricky = fc.constantFrom(
    'a',
    'A',
    'İ',
    'e',
    '\u0301',
    '\u0308',
    '\u0323',
    '\u034F',
    '\uFE0F',
    '\u{E0100}',
    '\u200B',
    '\u200D',
    ' ',
    '\u3000',
    '\t',
    '\u00AD',
    'ﬁ',
    '①',
    '㍿',
    '…',
    'ｶ',
    'ﾞ',
    'ﾟ',
    'ガ',
    '\u1100',
    '\u1161',
    '\u11A8',
    '가',
    'ㄱ',
    'ㅏ',
    '\uFFA0',
    '\u3164',
    '\u115F',
    '保',
    '險',
    '険',
    '衞',
    '沪',
    '😀',
    '\u{1F3FB}',
    'Å',
    '\u212B',
    '＋',
    '，',
    '\u0000',
    '\u0085',
    '\u{E0041}',
    '\u0600',
    '\u{2F800}',
    '\uD800',
    'Ω',
    '\u0B47',
    '\u0B3E',
    '¨',
    '\u1FED',
    '\u0344',
    '\u0F73',
    '\u0958',
    '\u093C',
    'ῥ',
    '\u0332',
    '\u20DD',
    '·',
    '-',
    '\u322E',
    '。',
    '！',
    '\u0701',
    '➕',
    '\u{1D16D}',
    '\u0CBF',
    '\u0CD5',
    '\u{1D15F}',
    '\u{1D165}',
    '\u{11099}',
    '\u{110BA}',
    'Σ',
    '\u{16D63}',
    '\u{16D67}',
  );

  it('gives the same text, and a map whose every unit comes from where it says', () => {
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 24 }), fc.integer({ min: 1, max: 12 }), (parts, times) => {
        const text = parts.join('').repeat(times);
        const expected = reference(text);
        expect(normalizeText(text)).toBe(expected);
        const n = normalizeWithMap(text);
        expect(n.text).toBe(expected);
        let last = 0;
        for (let j = 0; j < n.text.length; j++) {
          const start = n.start === null ? j : (n.start[j] ?? -1);
          const end = n.end === null ? j + 1 : (n.end[j] ?? -1);
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeGreaterThan(start);
          expect(reference(text.slice(start, end))).toContain(n.text[j]);
          last = start;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('locates a span normalising only up to it, as the whole map does', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 24 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('');
        const n = normalizeWithMap(text);
        if (n.text.length === 0) return;
        const start = a % n.text.length;
        const end = start + 1 + (b % (n.text.length - start));
        expect(locate(text, start, end)).toEqual(originalSpan(n, start, end));
      }),
    );
  });

  it('finds the same terms as the plain reading', () => {
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        const terms = ['保险', 'a', 'fi', 'ガ', '가'];
        expect(findTerms(text, terms)).toEqual(terms.filter((t) => reference(text).includes(reference(t))));
      }),
    );
  });
});
