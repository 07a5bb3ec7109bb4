// Messages: `{{placeholders}}` filled from a finding's evidence (the first offending item) plus "(+N more)",
// each value formatted for people in the report's language (DESIGN §6 "Written for the reader"), and
// `{{#name}}…{{/name}}` sections that say which of a rule's cases applies.

import { Decimal } from 'decimal.js';
import type { Filing } from '../filing/types.js';
import type { Lang } from '../rules/types.js';
import { parseTemplate, type ParsedTemplate, type TemplateNode } from '../rules/template.js';
import { isBlank } from '../engine/facts/text.js';
import { fieldName, isEnumField, valueName } from './glossary.js';

const MORE: Record<Lang, (n: number) => string> = {
  en: (n) => ` (+${n} more)`,
  zh: (n) => `（另有${n}项）`,
};
const WORDS: Record<Lang, { yes: string; no: string; none: string; list: string }> = {
  en: { yes: 'yes', no: 'no', none: 'none', list: ', ' },
  zh: { yes: '是', no: '否', none: '无', list: '、' },
};

/** How a placeholder's value is shown, decided by its name (the last segment of a dotted path). */
type Kind = 'money' | 'percent' | 'times' | 'fields' | 'enum' | 'plain';

const PERCENT_NAMES: ReadonlySet<string> = new Set(['ratio', 'cap', 'tolerance', 'maxLossRate', 'managementFeeCap', 'balanceTolerance']);
const TIMES_NAMES: ReadonlySet<string> = new Set(['growth', 'factor']);
const FIELD_LIST_NAMES: ReadonlySet<string> = new Set(['missing', 'fields', 'field']);

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function kindOf(name: string, value: unknown, context: ReadonlyMap<string, unknown>): Kind {
  const key = lastSegment(name);
  if (key.endsWith('Cny')) return 'money';
  if (PERCENT_NAMES.has(key) || /(Rate|ratio|Ratio)$/.test(key)) return 'percent';
  // a bare `max` is a share (0.30) where it is a fraction, a count or days where it is whole
  if (key === 'max' && typeof value === 'number' && !Number.isInteger(value)) return 'percent';
  if (TIMES_NAMES.has(key)) return 'times';
  if (FIELD_LIST_NAMES.has(key)) return 'fields';
  // a `limit` or `value` is shown like the field it is of (productsAbove / productsBelow give `field`)
  if (key === 'limit' || key === 'value') {
    const field = context.get('field');
    return typeof field === 'string' ? kindOf(field, value, new Map()) : 'plain';
  }
  if (isEnumField(key)) return 'enum';
  return 'plain';
}

/** 1234567.5 → "1,234,567.5": thousands separators on the whole part of a decimal's text. */
function group(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  return (neg ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

/** The decimal a number was written as (its shortest round-trip text), never its binary expansion. */
function dec(n: number): Decimal {
  return new Decimal(String(n));
}

/** Trailing zeros of the fraction dropped ("12.50" → "12.5", "12.00" → "12"). */
function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Money: two decimals and thousands separators (18,766.33); more decimals only where the amount has them (1.188), at most four. */
export function formatMoney(n: number): string {
  const d = dec(n);
  // binary noise (0.1 + 0.2) is rounded away at four places; the two places of fen always show
  const r = d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return group(r.toFixed(Math.max(2, r.decimalPlaces())));
}

/** A fraction as a percentage, at most two decimals (0.0188 → "1.88 %", 0.12 → "12 %"; zh without the space). */
export function formatPercent(n: number, lang: Lang): string {
  const p = dec(n).times(100);
  let shown = p.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (shown.isZero() && !p.isZero()) shown = p.toSignificantDigits(2, Decimal.ROUND_HALF_UP);
  const text = group(trim(shown.toFixed()));
  return lang === 'zh' ? `${text}%` : `${text} %`;
}

/** A plain number: whole numbers with separators (3,300,000), fractions with at most four decimals. */
export function formatNumber(n: number, maxPlaces = 4): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return group(Number.isSafeInteger(n) ? String(n) : dec(n).toFixed());
  return group(trim(dec(n).toDecimalPlaces(maxPlaces, Decimal.ROUND_HALF_UP).toFixed()));
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A value for people: the kind of the placeholder decides numbers, the glossary names fields and values. */
export function formatValue(name: string, value: unknown, lang: Lang, context: ReadonlyMap<string, unknown> = new Map()): string {
  const words = WORDS[lang];
  if (value === null || value === undefined) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.length === 0 ? words.none : value.map((v) => formatValue(name, v, lang, context)).join(words.list);
  const kind = kindOf(name, value, context);
  if (typeof value === 'number') {
    switch (kind) {
      case 'money':
        return formatMoney(value);
      case 'percent':
        return formatPercent(value, lang);
      case 'times':
        return formatNumber(value, 2);
      default:
        return formatNumber(value);
    }
  }
  if (typeof value === 'string') {
    // a name of nothing but spaces and invisible characters is no name (DESIGN §4 "blank")
    if (isBlank(value)) return words.none;
    if (kind === 'fields') return fieldName(value, lang);
    if (kind === 'enum') return valueName(name, value, lang) ?? value;
    const dt = DATE_TIME.exec(value);
    if (dt) return `${dt[1]} ${dt[2]}${dt[3] ? ` (UTC${dt[3] === 'Z' ? '' : dt[3]})` : ''}`;
    return value;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'pointer')
      .map(([k, v]) => `${fieldName(k, lang)}${lang === 'zh' ? '：' : ': '}${formatValue(k, v, lang, context)}`);
    return parts.join(lang === 'zh' ? '，' : ', ');
  }
  return String(value);
}

// templates parsed once (a rule set has a few dozen; a bound keeps a stream of proposals from growing it)
const templates = new Map<string, ParsedTemplate>();

function template(text: string): ParsedTemplate {
  let t = templates.get(text);
  if (!t) {
    t = parseTemplate(text);
    if (templates.size > 10_000) templates.clear();
    templates.set(text, t);
  }
  return t;
}

/** Whether a section `{{#name}}` shows: the value is given (not absent, null, false, an empty list or a blank text); 0 is given. */
function given(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return !isBlank(v);
  return true;
}

function fill(nodes: readonly TemplateNode[], shown: ReadonlyMap<string, string>, context: ReadonlyMap<string, unknown>): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'value') out += shown.get(n.name)!;
    else if (given(context.get(n.name)) !== n.inverted) out += fill(n.body, shown, context);
  }
  return out;
}

/**
 * Fills a message template. Each list in the evidence contributes its first item's fields, each
 * object its fields, each other value its own key; when the list whose fields the message uses has
 * more than one item, "(+N more)" is added. Values are formatted for people (formatValue). A section
 * `{{#name}}…{{/name}}` shows where the value is given, `{{^name}}…{{/name}}` where it is not, so a
 * message says which of a rule's cases applies; the text is trimmed at both ends.
 * @example renderMessage('Fee {{managementFeeRate}} on {{name}}', { items: [{ name: 'A', managementFeeRate: 0.1 }] }, filing, 'en') // 'Fee 10 % on A'
 * @example renderMessage('{{#days}}申请期{{days}}天{{/days}}{{^days}}未公告申请期{{/days}}', { w: { days: null } }, filing, 'zh') // '未公告申请期'
 */
export function renderMessage(text: string, evidence: Record<string, unknown>, filing: Filing, lang: Lang): string {
  const { nodes, names } = template(text);
  const context = new Map<string, unknown>([
    ['platform', filing.platform.name],
    ['platformId', filing.platform.id],
    ['filingId', filing.filingId],
    ['asOf', filing.period.end],
  ]);
  const put = (k: string, v: unknown) => {
    if (!context.has(k)) context.set(k, v);
  };
  let more = 0;
  for (const key of Object.keys(evidence)) {
    const value = evidence[key];
    put(key, value);
    if (Array.isArray(value)) {
      const first = value[0] as Record<string, unknown> | undefined;
      if (first && typeof first === 'object') {
        let usesItem = false;
        for (const f of Object.keys(first)) {
          if (names.has(f)) usesItem = true;
          put(f, first[f]);
        }
        if (more === 0 && value.length > 1 && usesItem) more = value.length - 1;
      }
    } else if (value && typeof value === 'object') {
      for (const f of Object.keys(value)) put(f, (value as Record<string, unknown>)[f]);
    }
  }
  context.set('more', more);
  const shown = new Map<string, string>();
  for (const name of names) shown.set(name, formatValue(name, context.get(name), lang, context));
  separatePercentages(shown, context, lang);
  const out = fill(nodes, shown, context).trim();
  return more > 0 && !names.has('more') ? out + MORE[lang](more) : out;
}

/** A percentage with at most this many places is shown as it is when it must differ from its limit. */
const EXACT_PLACES = 8;

/**
 * A percentage just beyond a limit must not read as the limit itself ("a loss of 30 %, more than
 * 30 %"), nor as "just over" it: where two percentages of a message show the same text but differ,
 * the one that is not the round limit is shown exactly when it has at most eight places (费率8.000005%，
 * 超过上限8%), else rounded to the first place at which it differs from the limit (0.500001 %). Rounding
 * never carries it across the limit, which has fewer places.
 */
function separatePercentages(shown: Map<string, string>, context: ReadonlyMap<string, unknown>, lang: Lang): void {
  const pct = [...shown.keys()].filter((n) => {
    const v = context.get(n);
    return typeof v === 'number' && kindOf(n, v, context) === 'percent';
  });
  for (const a of pct) {
    for (const b of pct) {
      if (a === b || shown.get(a) !== shown.get(b)) continue;
      const va = dec(context.get(a) as number).times(100);
      const vb = dec(context.get(b) as number).times(100);
      if (va.eq(vb)) continue;
      // the value that is not the round one (the limit) gets the places
      const [odd, v, limit] = va.decimalPlaces() >= vb.decimalPlaces() ? [a, va, vb] : [b, vb, va];
      // a figure as written (a rate of 0.08000005) shows exactly; a computed ratio, to the first place that differs
      let places = v.decimalPlaces() <= EXACT_PLACES ? v.decimalPlaces() : 3;
      while (places < v.decimalPlaces() && v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).eq(limit)) places++;
      const text = group(trim(v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed()));
      shown.set(odd, lang === 'zh' ? `${text}%` : `${text} %`);
    }
  }
}
