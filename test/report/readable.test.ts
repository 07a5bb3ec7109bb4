// Pointed fields in the reader's words: names from the glossary, items counted from 1, values as people read them.

import { describe, expect, it } from 'vitest';
import { readablePointer, readableValue } from '../../src/report/readable.js';

describe('readablePointer', () => {
  it.each([
    ['/products/0/managementFeeRate', 'zh', '产品 › 第1项 › 管理费率'],
    ['/products/0/managementFeeRate', 'en', 'products › #1 › management fee rate'],
    ['/members/active', 'en', expect.stringMatching(/^members › /)],
    ['', 'zh', '整份报送'],
    ['/unknownField', 'en', 'unknownField'],
  ] as const)('%s in %s', (pointer, lang, expected) => {
    expect(readablePointer(pointer, lang)).toEqual(expected);
  });
});

describe('readableValue', () => {
  it.each([
    ['/funds/segregated', true, 'zh', '是'],
    ['/funds/segregated', false, 'en', 'no'],
    ['/registration', null, 'zh', '无'],
    ['/members/active', 1234567, 'en', '1,234,567'],
    ['/funds/collectionModel', 'pre-collection', 'zh', '事前预存'],
    ['/products/0', { id: 'a', name: '大病互助计划', kind: 'mutual-aid' }, 'zh', '大病互助计划'],
    ['/nameTerms', ['保', '保险'], 'zh', '保、保险'],
    // money with two decimals and separators, rates as percentages (DESIGN §6 "Written for the reader")
    ['/disclosures/0/amountToShareCny', 2376000, 'en', '2,376,000.00'],
    ['/disclosures/0/perMemberShareCny', 1.188, 'zh', '1.188'],
    ['/disclosures/0/perMemberShareCny', 1.199881, 'en', '1.1999'],
    ['/products/0/managementFeeRate', 0.07, 'en', '7 %'],
    ['/products/0/managementFeeRate', 0.0825, 'zh', '8.25%'],
  ] as const)('%s = %j in %s', (pointer, value, lang, expected) => {
    expect(readableValue(pointer, value, lang)).toBe(expected);
  });

  it('an object without a name: its fields in words, never camelCase known to the glossary', () => {
    const text = readableValue('/custody', { bank: '某银行', segregated: true }, 'zh');
    expect(text).toContain('是');
    expect(text).not.toContain('segregated');
  });

  it("an object's money fields read as money", () => {
    const text = readableValue('/disclosures/0', { publishedAt: '2021-06-15', amountToShareCny: 1080, managementFeeCny: 80 }, 'en');
    expect(text).toContain('1,080.00');
    expect(text).toContain('80.00');
  });
});
