// Text normalisation and restricted terms: the tricks that must not hide a term, and the words that must not be caught.

import { describe, expect, it } from 'vitest';
import { findTerms, mainTerm, normalizeText } from '../../../src/engine/facts/text.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue } from '../../support/facts.js';
import { bundledRuleSet } from '../../support/rule-sets.js';

const NAME_TERMS = ['保', '保险', '保障'];
const NAME_ALLOW = ['环保'];
const MARKETING_TERMS = ['承诺赔付', '足额赔付', '准备金', '政府监管', '保险创新', '互联网+保险', '保费'];
const MARKETING_ALLOW = ['不承诺赔付'];

describe('normalizeText', () => {
  it.each([
    ['traditional to simplified', '互助保險計劃', '互助保险计划'],
    ['zero-width space and joiner', '互助\u200b保\u200d障', '互助保障'],
    ['zero-width non-joiner, word joiner, BOM, soft hyphen', '保\u200c\u2060\ufeff\u00ad险', '保险'],
    ['an ASCII space', '承 诺赔付', '承诺赔付'],
    ['tabs, newlines and an ideographic space', '保\t险\n创\u3000新', '保险创新'],
    ['control characters', '保\u0000\u0007险', '保险'],
    ['full-width Latin, lower-cased', 'ＡＢＣ互助', 'abc互助'],
    ['a full-width plus sign, removed where no term keeps it', '互联网＋保险', '互联网保险'],
    ['plain simplified text unchanged', '相互宝', '相互宝'],
    ['the empty string', '', ''],
  ])('%s: %j → %j', (_name, input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('gives the same answer on a cache hit', () => {
    expect(normalizeText('互助保險計劃')).toBe(normalizeText('互助保險計劃'));
  });
});

describe('findTerms', () => {
  it.each<[string, string[]]>([
    ['互助\u200b保\u200d障', ['保', '保障']],
    ['互助保險計劃', ['保', '保险']],
    ['相互保', ['保']],
    ['互助 保 险', ['保', '保险']],
    ['重疾保障计划', ['保', '保障']],
    ['环保保障互助', ['保', '保障']],
    ['相互宝', []],
    ['环保互助', []],
    ['環保互助', []],
    ['ＡＢＣ互助', []],
    ['大病互助计划', []],
  ])('name %j → %j', (text, found) => {
    expect(findTerms(text, NAME_TERMS, NAME_ALLOW)).toEqual(found);
  });

  it.each<[string, string[]]>([
    ['承 诺赔付', ['承诺赔付']],
    ['承诺赔付，安心无忧', ['承诺赔付']],
    ['本计划不承诺赔付', []],
    ['本计划不承诺赔付；我们承诺赔付', ['承诺赔付']],
    ['本計劃不承諾賠付', []],
    ['互联网＋保险', ['互联网+保险']],
    ['保險創新', ['保险创新']],
    ['缴纳保 费', ['保费']],
    ['提取准备金，政府监管', ['准备金', '政府监管']],
    ['每月两次分摊，公开透明', []],
    ['ＡＢＣ', []],
  ])('marketing %j → %j', (text, found) => {
    expect(findTerms(text, MARKETING_TERMS, MARKETING_ALLOW)).toEqual(found);
  });

  it('normalises the terms and the allowed phrases too', () => {
    expect(findTerms('互助保险', ['保險'])).toEqual(['保險']);
    expect(findTerms('環保互助', ['保'], ['環保'])).toEqual([]);
    expect(findTerms('abc互助', ['ＡＢＣ'])).toEqual(['ＡＢＣ']);
  });

  it('excuses only the occurrences an allowed phrase contains', () => {
    // 环保 contains the 保 of 环保互助, not the 保险 of 环保险 (DESIGN §4)
    expect(findTerms('环保互助', ['保', '保险'], ['环保'])).toEqual([]);
    expect(findTerms('保环保险', ['保险'], ['环保'])).toEqual(['保险']);
    // the 保 of 环保险 lies inside 环保; its 保险 does not
    expect(findTerms('环保险', ['保', '保险'], ['环保'])).toEqual(['保险']);
  });

  it('ignores empty terms and allowed phrases that normalise to nothing', () => {
    expect(findTerms('保险', ['\u200b'], ['\u200b'])).toEqual([]);
    expect(findTerms('保险', ['保险'], ['\u200b'])).toEqual(['保险']);
  });
});

describe('mainTerm', () => {
  it.each<[string[], string]>([
    [['保', '保险'], '保险'],
    [['保', '保障'], '保障'],
    [['准备金', '政府监管'], '政府监管'],
    [['保'], '保'],
    [[], ''],
  ])('%j → %j', (found, term) => {
    expect(mainTerm(found)).toBe(term);
  });
});

describe('restrictedNameTerms', () => {
  const params = { terms: NAME_TERMS, allow: NAME_ALLOW };

  it('names the platform and each product whose name holds a term', () => {
    const filing = makeFiling({
      '/platform/name': '相互保',
      '/products/0/name': '互助保險計劃',
      '/products/-': { ...makeFiling().products[0], id: 'cancer', name: '抗癌计划' },
    });
    expect(factValue('restrictedNameTerms', filing, params)).toEqual([
      { pointer: '/platform/name', name: '相互保', term: '保', terms: ['保'], found: '保', at: 2 },
      {
        pointer: '/products/0/name',
        name: '互助保險計劃',
        term: '保险',
        terms: ['保', '保险'],
        found: '保險',
        at: 2,
      },
    ]);
  });

  it.each<[string, string, string[]]>([
    ['相互宝', '大病互助计划', []],
    ['环保互助', '大病互助计划', []],
    ['ＡＢＣ互助', 'ＡＢＣ计划', []],
    ['相互宝', '互助\u200b保\u200d障', ['/products/0/name']],
    ['互助 保 险', '相互宝', ['/platform/name']],
    ['环保险互助', '相互宝', ['/platform/name']],
    ['環保互助', '互助保険', ['/products/0/name']],
  ])('platform %j, product %j → %j', (platform, product, expected) => {
    const items = factValue(
      'restrictedNameTerms',
      makeFiling({ '/platform/name': platform, '/products/0/name': product }),
      params,
    ) as { pointer: string }[];
    expect(items.map((i) => i.pointer)).toEqual(expected);
  });

  it('works without allowed phrases', () => {
    const items = factValue('restrictedNameTerms', makeFiling({ '/platform/name': '环保互助' }), {
      terms: NAME_TERMS,
    }) as { pointer: string }[];
    expect(items.map((i) => i.pointer)).toEqual(['/platform/name']);
  });
});

describe('restrictedMarketingTerms', () => {
  const params = { terms: MARKETING_TERMS, allow: MARKETING_ALLOW };
  const texts = (...t: string[]) =>
    t.map((text, i) => ({ channel: i === 0 ? 'app' : 'ad', publishedAt: '2021-05-01', text }));

  it('names each offending text with its channel, date, term and terms', () => {
    const filing = makeFiling({ '/marketing': texts('本计划不承诺赔付', '承 诺赔付，政府监管') });
    expect(factValue('restrictedMarketingTerms', filing, params)).toEqual([
      {
        pointer: '/marketing/1/text',
        channel: 'ad',
        publishedAt: '2021-05-01',
        text: '承 诺赔付，政府监管',
        pointers: ['/marketing/1/text'],
        term: '承诺赔付',
        terms: ['承诺赔付', '政府监管'],
        found: '承 诺赔付',
        at: 0,
      },
    ]);
  });

  it('names the first occurrence no allowed phrase excuses, as the text writes it', () => {
    const filing = makeFiling({ '/marketing': texts('本计划不承诺赔付，但足额赔付', '我们承诺\uFE0F赔付') });
    const items = factValue('restrictedMarketingTerms', filing, params) as {
      term: string;
      found: string;
      at: number;
    }[];
    expect(items.map(({ term, found, at }) => ({ term, found, at }))).toEqual([
      { term: '足额赔付', found: '足额赔付', at: 10 },
      { term: '承诺赔付', found: '承诺\uFE0F赔付', at: 2 },
    ]);
  });

  it.each<[string, string[], string[]]>([
    ['no marketing field', [], []],
    ['the base disclaimer', ['每月两次分摊，公开透明；本计划不承诺赔付'], []],
    ['a clean text and a term', ['案件全部公示', '足额赔付'], ['/marketing/1/text']],
    ['two offending texts', ['保费低', '互联网＋保险'], ['/marketing/0/text', '/marketing/1/text']],
  ])('%s', (_name, t, expected) => {
    const filing =
      t.length === 0 ? makeFiling({ '/marketing': undefined }) : makeFiling({ '/marketing': texts(...t) });
    const items = factValue('restrictedMarketingTerms', filing, params) as { pointer: string }[];
    expect(items.map((i) => i.pointer)).toEqual(expected);
  });
});

/** The value in force today of a parameter of the bundled pack. */
function bundled(name: string): string[] {
  const values = bundledRuleSet().parameters[name] ?? [];
  return values[values.length - 1]?.value as string[];
}

describe('the bundled pack against the evasions of issue 17 (DESIGN §4 revision 3)', () => {
  const name = { terms: bundled('nameTerms'), allow: bundled('nameAllow') };
  const mkt = {
    terms: bundled('marketingTerms'),
    allow: bundled('marketingAllow'),
    negations: bundled('marketingNegations'),
  };
  const ad = (text: string) => ({ channel: 'weibo', publishedAt: '2021-06-20', text });
  const marketing = (...texts: string[]) =>
    factValue('restrictedMarketingTerms', makeFiling({ '/marketing': texts.map(ad) }), mkt) as {
      term: string;
      found: string;
    }[];

  it("reads MKT-001's negations from the pack", () => {
    expect(mkt.negations).toEqual(['并非', '绝非', '不是', '并不是', '没有']);
  });

  it.each<[string, string, string]>([
    ['combining low lines', '我们承\u0332诺\u0332赔\u0332付\u0332', '承诺赔付'],
    ['an enclosing circle', '承\u20DD诺赔付', '承诺赔付'],
    ['a middle dot', '承诺·赔付', '承诺赔付'],
    ['a hyphen', '承诺-赔付', '承诺赔付'],
    ['a parenthesised ideograph (㈮)', '准备\u322E', '准备金'],
    // the third edition's bare insurance words catch 互联网+保险 however the plus is written
    ['a heavy plus sign', '互联网➕保险', '保险'],
    ['a small plus sign', '互联网\uFE62保险', '保险'],
    ['a Canadian syllabics final plus', '互联网ᐩ保险', '保险'],
    ['an insurance product named as a comparison', '相当于一份百万医疗保险', '保险'],
    ['claims in insurance words', '一键理赔', '理赔'],
    ['a double negative', '我们并非不承诺赔付', '承诺赔付'],
  ])('MKT-001 sees through %s: %j', (_name, text, term) => {
    expect(marketing(text).map((i) => i.term)).toEqual([term]);
  });

  it.each<[string, string, string[]]>([
    ['pinyin 保 in any case', '互助Bao险计划', ['/products/0/name']],
    ['full-width capital pinyin', '互助ＢＡＯ险计划', ['/products/0/name']],
    ['the city 保定', '保定市职工互助会', []],
    ['the city 保山', '保山大病互助', []],
    ['the county 保亭', '保亭互助计划', []],
    ['保定 excuses no other 保', '保定保险互助', ['/products/0/name']],
  ])('NAME-001: %s, %j → %j', (_name, product, expected) => {
    const items = factValue('restrictedNameTerms', makeFiling({ '/products/0/name': product }), name) as {
      pointer: string;
    }[];
    expect(items.map((i) => i.pointer)).toEqual(expected);
  });
});

describe('restrictedMarketingTerms: one ad over several items (DESIGN §4)', () => {
  const params = { terms: MARKETING_TERMS, allow: MARKETING_ALLOW };
  const item = (channel: string, publishedAt: string, text: string) => ({ channel, publishedAt, text });

  it('joins the items of one channel and one date, in filing order, and names every item the occurrence touches', () => {
    const filing = makeFiling({
      '/marketing': [
        item('weibo', '2021-06-20', '大病无忧，我们承'),
        item('app', '2021-06-20', '公开透明'),
        item('weibo', '2021-06-20', '诺'),
        item('weibo', '2021-06-20', '赔付，安心'),
      ],
    });
    expect(factValue('restrictedMarketingTerms', filing, params)).toEqual([
      {
        pointer: '/marketing/0/text',
        pointers: ['/marketing/0/text', '/marketing/2/text', '/marketing/3/text'],
        channel: 'weibo',
        publishedAt: '2021-06-20',
        text: '大病无忧，我们承诺赔付，安心',
        term: '承诺赔付',
        terms: ['承诺赔付'],
        found: '承诺赔付',
        at: 7,
      },
    ]);
  });

  it('names only the items the occurrence touches, with `at` in their joined text', () => {
    const filing = makeFiling({
      '/marketing': [
        item('weibo', '2021-06-20', '每月分摊。'),
        item('weibo', '2021-06-20', '平台承诺'),
        item('weibo', '2021-06-20', '\u200b赔付'),
      ],
    });
    const [hit] = factValue('restrictedMarketingTerms', filing, params) as Record<string, unknown>[];
    expect(hit).toMatchObject({
      pointer: '/marketing/1/text',
      pointers: ['/marketing/1/text', '/marketing/2/text'],
      text: '平台承诺\u200b赔付',
      found: '承诺\u200b赔付',
      at: 2,
    });
  });

  it.each<[string, { channel: string; publishedAt: string; text: string }[], string[]]>([
    [
      'different dates are different ads',
      [item('weibo', '2021-06-20', '承诺'), item('weibo', '2021-06-21', '赔付')],
      [],
    ],
    [
      'different channels are different ads',
      [item('weibo', '2021-06-20', '承诺'), item('app', '2021-06-20', '赔付')],
      [],
    ],
    [
      'the join adds nothing between items',
      [item('app', '2021-06-20', '不承诺'), item('app', '2021-06-20', '赔付')],
      [],
    ],
    [
      'a sentence end at the join still separates',
      [item('app', '2021-06-20', '承诺。'), item('app', '2021-06-20', '赔付')],
      [],
    ],
    [
      'a term inside one item of a joined ad',
      [item('app', '2021-06-20', '公开透明'), item('app', '2021-06-20', '足额赔付')],
      ['/marketing/1/text'],
    ],
  ])('%s', (_name, items, expected) => {
    const found = factValue('restrictedMarketingTerms', makeFiling({ '/marketing': items }), params) as {
      pointer: string;
    }[];
    expect(found.map((i) => i.pointer)).toEqual(expected);
  });

  it('voids an allowed phrase a negation precedes, across items too', () => {
    const negations = ['并非', '没有'];
    const filing = makeFiling({
      '/marketing': [item('app', '2021-06-20', '我们并非'), item('app', '2021-06-20', '不承诺赔付')],
    });
    expect(factValue('restrictedMarketingTerms', filing, params)).toEqual([]);
    const items = factValue('restrictedMarketingTerms', filing, { ...params, negations }) as Record<
      string,
      unknown
    >[];
    expect(items).toMatchObject([
      {
        pointer: '/marketing/1/text',
        pointers: ['/marketing/1/text'],
        text: '不承诺赔付',
        found: '承诺赔付',
        at: 1,
      },
    ]);
  });
});
