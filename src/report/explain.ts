// `check --explain` as text, in the report's language: per finding, every condition with the fact's value,
// the operator, the expected value and whether it held; the parameters with the day each value took effect;
// the normalised texts a text rule searched; why a rule was not applicable.

import { parameterName } from './glossary.js';
import type { Lang } from '../rules/types.js';
import type { ConditionTrace, Explain, Finding, Report } from '../engine/report-model.js';

const WORDS: Record<Lang, {
  holds: string;
  fails: string;
  skipped: string;
  appliesWhen: string;
  when: string;
  fact: string;
  expected: string;
  parameters: string;
  from: (d: string) => string;
  texts: string;
  normalised: string;
  notApplicable: string;
  all: string;
  any: string;
  not: string;
  noTrace: string;
  items: (n: number) => string;
}> = {
  en: {
    holds: 'holds',
    fails: 'does not hold',
    skipped: 'not evaluated',
    appliesWhen: 'applies when',
    when: 'violated when',
    fact: 'value',
    expected: 'expected',
    parameters: 'parameters',
    from: (d) => `in force from ${d}`,
    texts: 'texts searched (as written → normalised)',
    normalised: '→',
    notApplicable: 'not applicable',
    all: 'all of',
    any: 'any of',
    not: 'not',
    noTrace: 'no condition was evaluated',
    items: (n) => `${n} item(s)`,
  },
  zh: {
    holds: '成立',
    fails: '不成立',
    skipped: '未求值',
    appliesWhen: '适用条件',
    when: '违规条件',
    fact: '实际值',
    expected: '比较值',
    parameters: '参数',
    from: (d) => `自${d}起施行`,
    texts: '检索的文本（原文 → 规范化后）',
    normalised: '→',
    notApplicable: '不适用原因',
    all: '以下全部',
    any: '以下任一',
    not: '并非',
    noTrace: '未对任何条件求值',
    items: (n) => `${n}项`,
  },
};

const MAX = 160;
/** Operators that take no expected value (json-rules-engine is given null for them). */
const UNARY: ReadonlySet<string> = new Set(['notEmpty', 'isEmpty', 'isNull', 'notNull', 'isBlank', 'isNotBlank']);
const ABSENT: Record<Lang, string> = { en: '(absent)', zh: '（无此值）' };

/** A value in one line for a rule writer: JSON, lists of items shortened to their count and pointers. */
function compact(v: unknown, lang: Lang): string {
  if (v === undefined) return ABSENT[lang];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && typeof (x as { pointer?: unknown }).pointer === 'string')) {
    const pointers = v.map((x) => (x as { pointer: string }).pointer);
    const text = `${WORDS[lang].items(v.length)}${lang === 'zh' ? '：' : ': '}${pointers.join(', ')}`;
    return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
  }
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** A text quoted with its invisible characters spelled out (\\u200B), so the reader sees what was removed. */
function visible(text: string): string {
  return JSON.stringify(text).replace(/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u00A0]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

function result(r: boolean | undefined, lang: Lang): string {
  const w = WORDS[lang];
  return r === undefined ? w.skipped : r ? w.holds : w.fails;
}

function traceLines(t: ConditionTrace, depth: number, lang: Lang, out: string[]): void {
  const w = WORDS[lang];
  const pad = '  '.repeat(depth);
  const mark = t.result === undefined ? '·' : t.result ? '✓' : '✗';
  const sep = lang === 'zh' ? '：' : ': ';
  if ('fact' in t) {
    const params = t.params ? ` ${compact(t.params, lang)}` : '';
    const path = t.path ? ` .${t.path}` : '';
    const expected = UNARY.has(t.operator) && (t.value === null || t.value === undefined) ? '' : ` ${compact(t.value, lang)}`;
    out.push(`${pad}${mark} ${t.fact}${params}${path} ${t.operator}${expected} — ${result(t.result, lang)}`);
    out.push(`${pad}    ${w.fact}${sep}${compact(t.factValue, lang)}`);
    return;
  }
  if ('all' in t) {
    out.push(`${pad}${mark} ${w.all} — ${result(t.result, lang)}`);
    for (const c of t.all) traceLines(c, depth + 1, lang, out);
  } else if ('any' in t) {
    out.push(`${pad}${mark} ${w.any} — ${result(t.result, lang)}`);
    for (const c of t.any) traceLines(c, depth + 1, lang, out);
  } else {
    out.push(`${pad}${mark} ${w.not} — ${result(t.result, lang)}`);
    traceLines(t.not, depth + 1, lang, out);
  }
}

/** The explanation of one finding, indented under its rule id. */
export function explainFinding(f: Finding, lang: Lang): string[] {
  const w = WORDS[lang];
  const sep = lang === 'zh' ? '：' : ': ';
  const out = [`${f.ruleId}  ${f.title}`];
  const e: Explain | undefined = f.explain;
  if (f.reasonCode) out.push(`  ${w.notApplicable}${sep}${f.reason}${lang === 'zh' ? `（${f.reasonCode}）` : ` (${f.reasonCode})`}`);
  if (!e) {
    if (f.reasonCode === 'not_in_force') out.push(`  ${w.noTrace}`);
    return out;
  }
  if (e.appliesWhen) {
    out.push(`  ${w.appliesWhen}${lang === 'zh' ? '：' : ':'}`);
    traceLines(e.appliesWhen, 2, lang, out);
  }
  if (e.when) {
    out.push(`  ${w.when}${lang === 'zh' ? '：' : ':'}`);
    traceLines(e.when, 2, lang, out);
  }
  if (e.parameters && e.parameters.length > 0) {
    out.push(`  ${w.parameters}${lang === 'zh' ? '：' : ':'}`);
    for (const p of e.parameters) {
      const label = parameterName(p.name, lang);
      const named = label ? (lang === 'zh' ? `${p.name}（${label}）` : `${p.name} (${label})`) : p.name;
      out.push(lang === 'zh' ? `    ${named} = ${compact(p.value, lang)}，${w.from(p.from)}` : `    ${named} = ${compact(p.value, lang)}, ${w.from(p.from)}`);
    }
  }
  if (e.texts && e.texts.length > 0) {
    out.push(`  ${w.texts}${lang === 'zh' ? '：' : ':'}`);
    for (const t of e.texts) out.push(`    ${t.pointer}${sep}${visible(t.text)} ${w.normalised} ${visible(t.normalized)}`);
  }
  return out;
}

/** Every finding of every report explained, in each report's language. */
export function formatExplain(reports: readonly Report[]): string {
  const blocks = reports.map((r) => {
    const head = r.lang === 'zh' ? `${r.filingId}（${r.platformId}），报告期截止日${r.asOf}` : `${r.filingId} (${r.platformId}) as of ${r.asOf}`;
    return [head, ...r.findings.flatMap((f) => ['', ...explainFinding(f, r.lang)])].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
