// `--explain` beyond json-rules-engine's trace: the parameters a rule used (with the day each value took
// effect) and the normalised texts its text conditions searched.

import type { Filing } from '../filing/types.js';
import type { ConditionTrace, Explain, ExplainParameter, ExplainText } from './report-model.js';
import { isParamRef, type Parameters, type Rule } from '../rules/types.js';
import { conditionLeaves } from '../rules/walk.js';
import { dayNumber } from '../filing/dates.js';
import { normalizeText } from './facts/text.js';

/** The texts each text fact searches, by fact id: what `--explain` shows normalised. */
const TEXT_SOURCES: ReadonlyMap<string, (filing: Filing) => { pointer: string; text: string }[]> = new Map([
  ['restrictedNameTerms', names],
  ['namesWithoutCover', names],
  [
    'restrictedMarketingTerms',
    (filing: Filing) => (filing.marketing ?? []).map((m, i) => ({ pointer: `/marketing/${i}/text`, text: m.text })),
  ],
]);
/** Operators that judge a text after normalising it (DESIGN §4 "blank"). */
const TEXT_OPERATORS: ReadonlySet<string> = new Set(['isBlank', 'isNotBlank']);

function names(filing: Filing): { pointer: string; text: string }[] {
  return [{ pointer: '/platform/name', text: filing.platform.name }, ...filing.products.map((p, i) => ({ pointer: `/products/${i}/name`, text: p.name }))];
}

const leavesOf = conditionLeaves;

function paramNames(v: unknown, out: Set<string>): void {
  if (isParamRef(v)) out.add(v.param);
  else if (Array.isArray(v)) for (const x of v) paramNames(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) paramNames(x, out);
}

/** Each parameter the rule refers to, with the value in force on `asOf` and the day that value took effect. */
export function parametersUsed(rule: Rule, parameters: Parameters, asOf: string): ExplainParameter[] {
  const used = new Set<string>();
  for (const leaf of [...leavesOf(rule.appliesWhen), ...leavesOf(rule.when)]) {
    paramNames(leaf.value, used);
    paramNames(leaf.params, used);
  }
  const day = dayNumber(asOf);
  const out: ExplainParameter[] = [];
  for (const name of [...used].sort()) {
    const values = Object.hasOwn(parameters, name) ? parameters[name]! : [];
    let best: { from: string; value: unknown } | null = null;
    for (const v of values) if (dayNumber(v.from) <= day && (best === null || dayNumber(v.from) > dayNumber(best.from))) best = v;
    if (best) out.push({ name, value: best.value, from: best.from });
  }
  return out;
}

/** The texts the rule's text conditions searched, as written and as normalised (DESIGN §4). */
export function textsSearched(rule: Rule, filing: Filing): ExplainText[] {
  const out: ExplainText[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, text: string) => {
    if (seen.has(pointer)) return;
    seen.add(pointer);
    out.push({ pointer, text, normalized: normalizeText(text) });
  };
  for (const leaf of [...leavesOf(rule.appliesWhen), ...leavesOf(rule.when)]) {
    const source = TEXT_SOURCES.get(leaf.fact);
    if (source) for (const t of source(filing)) add(t.pointer, t.text);
    if (leaf.fact === 'filing' && leaf.path && TEXT_OPERATORS.has(leaf.operator)) {
      let v: unknown = filing;
      for (const k of leaf.path.split('.')) v = v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
      if (typeof v === 'string') add(`/${leaf.path.split('.').join('/')}`, v);
    }
  }
  return out;
}

/** The explain block of a finding: the trace, the parameters used and the texts searched. */
export function explainOf(
  rule: Rule,
  trace: { appliesWhen?: ConditionTrace; when?: ConditionTrace },
  filing: Filing,
  parameters: Parameters,
): Explain {
  const params = parametersUsed(rule, parameters, filing.period.end);
  const texts = textsSearched(rule, filing);
  return { ...trace, ...(params.length > 0 ? { parameters: params } : {}), ...(texts.length > 0 ? { texts } : {}) };
}
