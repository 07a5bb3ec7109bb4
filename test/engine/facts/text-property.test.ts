// Properties of text matching: hidden characters and variant forms never change a match; allowed phrases excuse exactly what they contain.

import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  findTerms,
  locate,
  normalizeText,
  normalizeWithMap,
  originalSpan,
  searchTerms,
} from '../../../src/engine/facts/text.js';
import { foldChar } from '../../../src/engine/facts/text-fold.js';

const NAME_TERMS = ['保', '保险', '保障'];
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

/** Every code point Unicode marks Default_Ignorable_Code_Point (from the runtime's Unicode data). */
const DEFAULT_IGNORABLE: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  if (/\p{Default_Ignorable_Code_Point}/u.test(c)) DEFAULT_IGNORABLE.push(c);
}

const packs = fc.constantFrom(
  { terms: NAME_TERMS, allow: NAME_ALLOW },
  { terms: MKT_TERMS, allow: MKT_ALLOW },
);

/** Texts made of the pack's terms, its allowed phrases and ordinary characters, as fragments. */
const fragments = (pack: { terms: string[]; allow: string[] }) =>
  fc.array(fc.constantFrom(...pack.terms, ...pack.allow, ...FILLERS), { maxLength: 10 });

/** The first occurrence as the normalised text places it, to compare two searches. */
const outcome = (text: string, terms: readonly string[], allow: readonly string[]) => {
  const r = searchTerms(text, terms, allow);
  return { terms: r.terms, first: r.first && { normalized: r.first.normalized, start: r.first.start } };
};

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

function bruteForce(text: string, terms: string[], allow: string[]) {
  const excused = (start: number, end: number) =>
    allow.some((a) => occurrences(text, a).some((j) => j <= start && end <= j + a.length));
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
        (text, terms, allow) => {
          expect(outcome(text, terms, allow)).toEqual(bruteForce(text, terms, allow));
        },
      ),
      { numRuns: 1000 },
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
  const reference = (s: string) =>
    Array.from(s.normalize('NFKC').replace(REMOVABLE, ''), (c) => foldChar(c).toLowerCase()).join('');
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
