// The fields a finding points at, as a reader sees them: `/products/0/managementFeeRate` → 产品 第1项 › 管理费率, values in words.
// Pure and dependency-free beyond the glossary, so the HTML report and the web console share it.

import { fieldName, isEnumField, valueName } from './glossary.js';
import type { Lang } from '../rules/types.js';

const WORDS = {
  en: {
    yes: 'yes',
    no: 'no',
    none: 'none',
    item: (n: number) => `#${n}`,
    items: (n: number) => `${n} items`,
  },
  zh: { yes: '是', no: '否', none: '无', item: (n: number) => `第${n}项`, items: (n: number) => `${n}项` },
} as const;

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** A JSON pointer in the reader's words: field names from the glossary, list items counted from 1. */
export function readablePointer(pointer: string, lang: Lang): string {
  if (pointer === '') return lang === 'zh' ? '整份报送' : 'the whole filing';
  return pointer
    .slice(1)
    .split('/')
    .map(unescape)
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? WORDS[lang].item(Number(seg) + 1) : fieldName(seg, lang)))
    .join(' › ');
}

/** The last field name of a pointer (for enumerated values), or ''. */
function lastField(pointer: string): string {
  const segs = pointer
    .split('/')
    .map(unescape)
    .filter((s) => !/^\d+$/.test(s));
  return segs[segs.length - 1] ?? '';
}

function scalar(field: string, v: unknown, lang: Lang): string {
  const w = WORDS[lang];
  if (v === null || v === undefined) return w.none;
  if (v === true) return w.yes;
  if (v === false) return w.no;
  if (typeof v === 'number') {
    // DESIGN §6: money with two decimals (more where the amount has them, at most four, as messages show it),
    // rates as percentages; Intl rounds in decimal, so binary noise (0.07 × 100) never shows
    if (field.endsWith('Cny')) return new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(v);
    if (field.endsWith('Rate')) {
      const pct = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v * 100);
      return lang === 'zh' ? `${pct}%` : `${pct} %`;
    }
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(v);
  }
  if (typeof v === 'string') return (isEnumField(field) && valueName(field, v, lang)) || v;
  return '';
}

/**
 * A value found at a pointer, in words: scalars as people read them (是/否, 无, 1,000,000, 事前预存);
 * a list as its count or its items; an object by its name when it has one, else its fields (one level).
 */
export function readableValue(pointer: string, v: unknown, lang: Lang): string {
  const field = lastField(pointer);
  if (v === null || typeof v !== 'object') return scalar(field, v, lang);
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object') && v.length <= 12)
      return v.map((x) => scalar(field, x, lang)).join(lang === 'zh' ? '、' : ', ');
    return WORDS[lang].items(v.length);
  }
  const o = v as Record<string, unknown>;
  const sep = lang === 'zh' ? '；' : '; ';
  const colon = lang === 'zh' ? '：' : ': ';
  if (typeof o.name === 'string') return o.name;
  return Object.entries(o)
    .filter(([, x]) => x === null || typeof x !== 'object')
    .slice(0, 8)
    .map(([k, x]) => `${fieldName(k, lang)}${colon}${scalar(k, x, lang)}`)
    .join(sep);
}
