// Text matching as DESIGN §4 writes it: normalisation, the map back to the original, blank texts, allowed phrases, the byte-bounded cache.

import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  isBlank,
  normalizeText,
  normalizeWithMap,
  originalSpan,
  searchTerms,
  textCacheStats,
  textPolicy,
} from '../../../src/engine/facts/text.js';
import { foldChar } from '../../../src/engine/facts/text-fold.js';
import { ByteLru } from '../../../src/engine/facts/text-cache.js';

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
const MKT_NEGATIONS = ['并非', '绝非', '不是', '并不是', '没有'];
const MKT_POLICY = textPolicy([...MKT_TERMS, ...MKT_ALLOW]);

describe('normalizeText (DESIGN §4 steps 1–3)', () => {
  it.each([
    ['full-width forms (NFKC), the plus removed as no term keeps it', 'ＡＢＣ互助＋保险', 'abc互助保险'],
    ['a compatibility ideograph (NFKC)', '\u{2F800}', '丽'],
    ['a ligature and a circled digit (NFKC)', 'ﬁ①', 'fi1'],
    ['zero-width space', '保\u200b险', '保险'],
    ['an ASCII space', '承 诺赔付', '承诺赔付'],
    ['a variation selector', '承诺\uFE0F赔付', '承诺赔付'],
    ['a supplementary variation selector', '准备\u{E0100}金', '准备金'],
    ['the combining grapheme joiner', '不承\u034F诺赔付', '不承诺赔付'],
    ['soft hyphen, word joiner, BOM', '保\u00ad\u2060\ufeff险', '保险'],
    ['a Hangul filler', '保\u3164险', '保险'],
    ['a tag character', '保\u{E0041}险', '保险'],
    ['a Mongolian variation selector', '保\u180B险', '保险'],
    ['controls and line breaks', '保\u0000\u0085\n\r险', '保险'],
    ['an Arabic number sign (Cf)', '保\u0600险', '保险'],
    ['traditional to simplified', '保險', '保险'],
    ['traditional phrase', '承諾賠付', '承诺赔付'],
    ['Japanese shinjitai', '保険', '保险'],
    ['Hong Kong variant', '衞生', '卫生'],
    ['simplified unchanged', '相互宝', '相互宝'],
    ['a combining accent composed', 'e\u0301', 'é'],
    ['half-width katakana with its voicing mark', 'ｶﾞ', 'ガ'],
    [
      'Kirat Rai vowel signs, composed though neither is a mark',
      '\u{16D63}\u{16D67}',
      '\u{16D63}\u{16D67}'.normalize('NFKC'),
    ],
    ['the empty string', '', ''],
    // revision 3: combining marks, punctuation and symbols removed, sentence ends kept
    ['combining low lines (Mn)', '承\u0332诺\u0332赔\u0332付\u0332', '承诺赔付'],
    ['an enclosing circle (Me)', '承\u20DD诺赔付', '承诺赔付'],
    ['a middle dot (Po)', '承诺·赔付', '承诺赔付'],
    ['a hyphen (Pd)', '承诺-赔付', '承诺赔付'],
    ['brackets NFKC gives (㈮ → (金))', '准备\u322E', '准备金'],
    ['commas, quotes, brackets and emoji', '“保险”，（创新）😀', '保险创新'],
    ['sentence ends kept, full-width ones as NFKC writes them', '承诺。赔付！？；.!?;', '承诺。赔付!?;.!?;'],
    ['an ellipsis is three full stops (NFKC)', '承诺…赔付', '承诺...赔付'],
    ['a look-alike of a full stop becomes one (UTS #39)', '承诺\u0701赔付', '承诺.赔付'],
    ['lower-casing before removal: İ → i̇ → i', 'İ', 'i'],
    ['pinyin in capitals', '互助Bao险', '互助bao险'],
  ])('%s: %j → %j', (_name, input, output) => {
    expect(normalizeText(input)).toBe(output);
    expect(normalizeWithMap(input).text).toBe(output);
  });

  it.each([
    ['a full-width plus (NFKC)', '互联网＋保险', '互联网+保险'],
    ['a small plus (NFKC)', '互联网\uFE62保险', '互联网+保险'],
    ['a heavy plus sign (UTS #39 skeleton +)', '互联网➕保险', '互联网+保险'],
    ['runic cross punctuation (UTS #39 skeleton +)', '互联网᛭保险', '互联网+保险'],
    ['a Canadian syllabics final plus: a letter, with no confusable entry', '互联网ᐩ保险', '互联网ᐩ保险'],
    ['other symbols still removed', '互联网·保险、创新', '互联网保险创新'],
  ])("with MKT-001's terms, which keep +: %s: %j → %j", (_name, input, output) => {
    expect(normalizeText(input, MKT_POLICY)).toBe(output);
    expect(normalizeWithMap(input, MKT_POLICY).text).toBe(output);
  });

  it.each([
    ['沪', '沪'],
    ['欠', '欠'],
    ['予', '予'],
    ['著', '著'],
    ['険', '险'],
    ['痺', '痹'],
    ['戱', '戏'],
  ])('folds %s to %s (GB 2312 characters only by the traditional table)', (c, folded) => {
    expect(foldChar(c)).toBe(folded);
  });

  it('folds every CJK unified ideograph to a fixed point', () => {
    const moved: string[] = [];
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
      const c = String.fromCodePoint(cp);
      const once = Array.from(foldChar(c), foldChar).join('');
      if (once !== foldChar(c)) moved.push(c);
    }
    expect(moved).toEqual([]);
  });
});

describe('normalizeWithMap: the way back to the original text', () => {
  it.each<[string, number, number, string]>([
    ['保\u200b险', 0, 2, '保\u200b险'],
    ['互助保\u200b险计划', 2, 4, '保\u200b险'],
    ['承 诺赔付', 0, 4, '承 诺赔付'],
    ['本计划承 诺赔付。', 3, 7, '承 诺赔付'],
    ['保險', 0, 2, '保險'],
    ['ＡＢＣ互助', 0, 3, 'ＡＢＣ'],
    ['x承诺\uFE0F赔付', 1, 5, '承诺\uFE0F赔付'],
    ['𝐀保\u{E0100}险', 1, 3, '保\u{E0100}险'],
    ['𝐀保险', 0, 1, '𝐀'],
    ['😀保险', 0, 2, '保险'],
    ['承\u0332诺\u0332赔', 0, 2, '承\u0332诺\u0332'],
    ['准备\u322E', 0, 3, '准备\u322E'],
    ['本计划承诺·赔付。', 3, 7, '承诺·赔付'],
    ['e\u0301保险', 1, 3, '保险'],
    ['㍿保险', 0, 4, '㍿'],
  ])('%j: normalised %i..%i came from %j', (text, start, end, original) => {
    const n = normalizeWithMap(text);
    const [at, until] = originalSpan(n, start, end);
    expect(text.slice(at, until)).toBe(original);
  });

  it('builds no map when every character keeps its place', () => {
    expect(normalizeWithMap('相互宝大病互助计划')).toEqual({
      text: '相互宝大病互助计划',
      start: null,
      end: null,
    });
    expect(normalizeWithMap('互助保險計劃')).toEqual({ text: '互助保险计划', start: null, end: null });
  });
});

describe('isBlank', () => {
  it.each([
    ['', true],
    [' ', true],
    ['\u3000\t\n', true],
    ['\u200b\u200d\ufeff', true],
    ['\uFE0F\u034F\u3164\u{E0001}', true],
    ['\u00a0\u2028', true],
    ['工商银行', false],
    [' 招商银行 ', false],
    ['-', true],
    ['——', true],
    ['·（）“”', true],
    ['😀', true],
    ['\u0301', true],
    ['\u20DD', true],
    ['。', false],
    ['.', false],
    ['(金)', false],
    ['\u322E', false],
  ])('%j → %s', (text, blank) => {
    expect(isBlank(text)).toBe(blank);
  });
});

describe('searchTerms (DESIGN §4 allowed phrases)', () => {
  it.each<[string, string[], string[], string[], string | null]>([
    // text, terms, allow, terms found, first occurrence as written
    ['环保互助', NAME_TERMS, NAME_ALLOW, [], null],
    ['環保互助', NAME_TERMS, NAME_ALLOW, [], null],
    ['环保险', NAME_TERMS, NAME_ALLOW, ['保险'], '保险'],
    ['環保險', NAME_TERMS, NAME_ALLOW, ['保险'], '保險'],
    ['环保保障互助', NAME_TERMS, NAME_ALLOW, ['保', '保障'], '保障'],
    ['相互保', NAME_TERMS, NAME_ALLOW, ['保'], '保'],
    ['互助保険', NAME_TERMS, NAME_ALLOW, ['保', '保险'], '保険'],
    ['互助保\u200b险', NAME_TERMS, NAME_ALLOW, ['保', '保险'], '保\u200b险'],
    ['相互宝', NAME_TERMS, NAME_ALLOW, [], null],
    ['不承诺赔付', MKT_TERMS, MKT_ALLOW, [], null],
    ['不承诺赔付，但足额赔付', MKT_TERMS, MKT_ALLOW, ['足额赔付'], '足额赔付'],
    ['本計劃不承諾賠付', MKT_TERMS, MKT_ALLOW, [], null],
    ['本计划不承\u034F诺赔付', MKT_TERMS, MKT_ALLOW, [], null],
    ['本计划承 诺赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承 诺赔付'],
    ['本计划承诺\uFE0F赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承诺\uFE0F赔付'],
    ['我们不承诺赔付；我们承诺赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承诺赔付'],
    ['不受政府监管，受政府监管', MKT_TERMS, MKT_ALLOW, ['政府监管'], '政府监管'],
    ['未提取准备金', MKT_TERMS, MKT_ALLOW, [], null],
    ['互联网＋保险', MKT_TERMS, MKT_ALLOW, ['互联网+保险'], '互联网＋保险'],
    ['保險創新', MKT_TERMS, MKT_ALLOW, ['保险创新'], '保險創新'],
    ['缴纳保 费', MKT_TERMS, MKT_ALLOW, ['保费'], '保 费'],
    // revision 3
    [
      '承\u0332诺\u0332赔\u0332付\u0332',
      MKT_TERMS,
      MKT_ALLOW,
      ['承诺赔付'],
      '承\u0332诺\u0332赔\u0332付\u0332',
    ],
    ['承\u20DD诺赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承\u20DD诺赔付'],
    ['我们承诺·赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承诺·赔付'],
    ['承诺-赔付', MKT_TERMS, MKT_ALLOW, ['承诺赔付'], '承诺-赔付'],
    ['平台已提取准备\u322E', MKT_TERMS, MKT_ALLOW, ['准备金'], '准备\u322E'],
    ['互联网➕保险', MKT_TERMS, MKT_ALLOW, ['互联网+保险'], '互联网➕保险'],
    ['互联网\uFE62保险', MKT_TERMS, MKT_ALLOW, ['互联网+保险'], '互联网\uFE62保险'],
    ['互联网᛭保险', MKT_TERMS, MKT_ALLOW, ['互联网+保险'], '互联网᛭保险'],
    ['互联网·保险', MKT_TERMS, MKT_ALLOW, [], null],
    ['不·承诺赔付', MKT_TERMS, MKT_ALLOW, [], null],
    ['平台承诺。赔付由会员分摊', MKT_TERMS, MKT_ALLOW, [], null],
    ['平台承诺！赔付', MKT_TERMS, MKT_ALLOW, [], null],
    ['足额；赔付', MKT_TERMS, MKT_ALLOW, [], null],
    ['互助Bao险计划', [...NAME_TERMS, 'bao险'], NAME_ALLOW, ['bao险'], 'Bao险'],
    ['互助ＢＡＯ险计划', [...NAME_TERMS, 'bao险'], NAME_ALLOW, ['bao险'], 'ＢＡＯ险'],
    ['保定市职工互助会', NAME_TERMS, [...NAME_ALLOW, '保定'], [], null],
    ['保定保险互助', NAME_TERMS, [...NAME_ALLOW, '保定'], ['保', '保险'], '保险'],
  ])('%j → %j, first %j', (text, terms, allow, found, first) => {
    const r = searchTerms(text, terms, allow);
    expect(r.terms).toEqual(found);
    expect(r.first?.found ?? null).toBe(first);
    if (r.first !== null) expect(text.slice(r.first.at, r.first.until)).toBe(r.first.found);
  });

  it('names the first occurrence not excused, the longer term where two start together', () => {
    const r = searchTerms('环保，保障与保险', NAME_TERMS, NAME_ALLOW);
    expect(r.first).toMatchObject({ term: '保障', normalized: '保障', found: '保障', at: 3, until: 5 });
    expect(r.terms).toEqual(['保', '保险', '保障']);
  });

  it('keeps the term as the rule writes it and gives the text searched', () => {
    const r = searchTerms('互助保险', ['保險']);
    expect(r).toMatchObject({
      searched: '互助保险',
      terms: ['保險'],
      first: { term: '保險', normalized: '保险', found: '保险' },
    });
  });

  it('normalises the allowed phrases like the text', () => {
    expect(searchTerms('環保互助', ['保'], ['環保']).terms).toEqual([]);
    expect(searchTerms('环\u200b保互助', ['保'], ['环 保']).terms).toEqual([]);
  });

  it('ignores terms and allowed phrases that normalise to nothing', () => {
    expect(searchTerms('保险', ['\u200b'], ['\u200b']).terms).toEqual([]);
    expect(searchTerms('保险', ['保险'], ['\u200b']).terms).toEqual(['保险']);
  });
});

describe('searchTerms: negations (DESIGN §4)', () => {
  it.each<[string, string[], string | null]>([
    // text, terms found, first occurrence as written
    ['我们并非不承诺赔付', ['承诺赔付'], '承诺赔付'],
    ['我们绝非不承诺赔付', ['承诺赔付'], '承诺赔付'],
    ['平台不是不受政府监管', ['政府监管'], '政府监管'],
    ['平台并不是不提取准备金', ['准备金'], '准备金'],
    ['平台没有不承诺赔偿的计划', ['承诺赔偿'], '承诺赔偿'],
    ['我们并 非\u200b不承诺赔付', ['承诺赔付'], '承诺赔付'],
    ['我们并非·不承诺赔付', ['承诺赔付'], '承诺赔付'],
    ['我們並非不承諾賠付', ['承诺赔付'], '承諾賠付'],
    ['我们不承诺赔付', [], null],
    ['本计划不是保险，不承诺赔付', [], null],
    ['这并非问题。不承诺赔付', [], null],
    ['并非如此：不承诺赔付', [], null],
  ])('%j → %j, first %j', (text, found, first) => {
    const r = searchTerms(text, MKT_TERMS, MKT_ALLOW, MKT_NEGATIONS);
    expect(r.terms).toEqual(found);
    expect(r.first?.found ?? null).toBe(first);
  });

  it('voids only the occurrence a negation precedes, not the other occurrences of the phrase', () => {
    expect(
      searchTerms('不承诺赔付，并非不承诺赔付', MKT_TERMS, MKT_ALLOW, MKT_NEGATIONS).first,
    ).toMatchObject({
      term: '承诺赔付',
      at: 9,
    });
    expect(searchTerms('并非不承诺赔付', MKT_TERMS, MKT_ALLOW).terms).toEqual([]);
  });
});

describe('textPolicy: the punctuation and symbols a rule keeps', () => {
  const chars = (p: ReturnType<typeof textPolicy>) => [...p.kept].map((c) => String.fromCodePoint(c)).sort();

  it('keeps the sentence ends, and the symbols of the terms and allowed phrases', () => {
    expect(textPolicy([...NAME_TERMS, ...NAME_ALLOW])).toBe(DEFAULT_POLICY);
    expect(chars(DEFAULT_POLICY)).toEqual(['!', '.', ';', '?', '。', '！', '；', '？'].sort());
    expect(chars(MKT_POLICY)).toEqual([...chars(DEFAULT_POLICY), '+'].sort());
    expect(textPolicy(['互联网+保险'])).toBe(MKT_POLICY);
  });

  it('a term written with a look-alike keeps the symbol it looks like, and finds it', () => {
    expect(chars(textPolicy(['互联网➕保险']))).toContain('+');
    expect(searchTerms('互联网+保险', ['互联网➕保险']).first?.normalized).toBe('互联网+保险');
    expect(searchTerms('互联网᛭保险', ['互联网＋保险']).terms).toEqual(['互联网＋保险']);
  });

  it('keeps what an allowed phrase holds, so the phrase is found as written', () => {
    expect(searchTerms('不·承诺赔付', ['承诺赔付'], ['不·承诺赔付']).terms).toEqual([]);
    expect(searchTerms('不承诺赔付', ['承诺赔付'], ['不·承诺赔付']).terms).toEqual(['承诺赔付']);
  });
});

describe('the text cache is bounded by bytes', () => {
  it('keeps at most its byte cap however many distinct large texts it sees', () => {
    const { maxBytes } = textCacheStats();
    const base = '本计划不承诺赔付，公开透明。'.repeat(2_000); // 28,000 characters, about 56 kB
    let most = 0;
    for (let i = 0; i < 400; i++) {
      const text = `${i}${base}${i}`;
      expect(searchTerms(text, MKT_TERMS, MKT_ALLOW).terms).toEqual([]);
      most = Math.max(most, textCacheStats().bytes);
    }
    // 400 texts of about 56 kB would be about 22 MB if kept
    expect(400 * base.length * 2).toBeGreaterThan(2 * maxBytes);
    expect(most).toBeLessThanOrEqual(maxBytes);
    expect(textCacheStats().entries).toBeLessThan(400);
    expect(textCacheStats().entries).toBeGreaterThan(0);
  });

  it('keeps the heap from growing with distinct large texts (issue 8: under 150 MB)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const block = '本计划承诺赔付，公开透明 保险'.repeat(12_500); // 200,000 characters, 400 kB as UTF-16
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 60; i++) {
      // 60 distinct texts of 400 kB: an entry-bounded cache would keep each with its result, 48 MB in all
      expect(searchTerms(`${i}${block}`, MKT_TERMS, MKT_ALLOW).terms).toEqual(['承诺赔付']);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(textCacheStats().maxBytes + 16 * 1024 * 1024);
  });

  it('never keeps a text larger than an eighth of the cap', () => {
    const before = textCacheStats();
    const huge = '保\u200b险'.repeat(before.maxBytes / 8);
    expect(normalizeText(huge).length).toBe(2 * (before.maxBytes / 8));
    expect(textCacheStats().bytes).toBeLessThanOrEqual(before.bytes);
  });

  it('evicts the least recently used entries first', () => {
    const lru = new ByteLru<number>(300, 300);
    lru.set('a', 1, 100);
    lru.set('b', 2, 100);
    lru.set('c', 3, 100);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('d', 4, 100);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([1, 3, 4]);
    expect(lru.bytes).toBe(300);
    lru.set('a', 5, 250);
    expect(lru.bytes).toBeLessThanOrEqual(300);
    expect(lru.get('a')).toBe(5);
    lru.set('big', 6, 301);
    expect(lru.get('big')).toBeUndefined();
  });
});
