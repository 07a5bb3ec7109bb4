// Lint: what a schema cannot see in a rule set. Unique ids, known facts and operators, valid params,
// existing parameters, sane windows, real placeholders, plain paths, waivers naming existing rules.

import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import { bindParams } from './params.js';
import { isPlainPath, pathSegments } from './path.js';
import type { OperatorSignatures, Registries } from './registries.js';
import type { Problem } from '../errors.js';
import { say, type Said } from '../messages/index.js';
import { isCalendarDate, dayNumber } from '../filing/dates.js';
import type { ValidateFunction } from 'ajv';
import { createAjv, schemaProblems } from '../schema.js';
import type { ParsedYaml } from '../yaml.js';
import { isParamRef, LANGS, type Condition, type LeafCondition, type Parameters, type Rule, type Waiver } from './types.js';
import { parseTemplate } from './template.js';
import { forEachLeaf } from './walk.js';

/** A parsed document with the file it came from, so a problem can be placed at a line and column. */
export interface Located<T> {
  value: T;
  file: string;
  doc: ParsedYaml;
}

const ajv = createAjv();
// each fact's params validator, compiled once per fact catalogue
const validatorsByCatalogue = new WeakMap<Registries['facts'], Map<string, ValidateFunction>>();
function paramValidatorsOf(facts: Registries['facts']): Map<string, ValidateFunction> {
  let v = validatorsByCatalogue.get(facts);
  if (!v) {
    v = new Map([...facts.values()].map((f) => [f.id, ajv.compile(f.params)]));
    validatorsByCatalogue.set(facts, v);
  }
  return v;
}

/** Placeholders any message may use, whatever its facts. */
export const COMMON_PLACEHOLDERS = ['platform', 'platformId', 'filingId', 'asOf', 'more'];

type Schema = Record<string, unknown>;
function resolveRef(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    return resolveRef((filingSchema.definitions as Record<string, Schema>)[ref.slice('#/definitions/'.length)] ?? {});
  }
  return s;
}

/** Whether a plain path names something the filing schema can hold. */
export function filingHasPath(segments: readonly string[]): boolean {
  let frontier: Schema[] = [filingSchema as Schema];
  for (const seg of segments) {
    const next: Schema[] = [];
    const expand = (s0: Schema) => {
      const s = resolveRef(s0);
      if (Array.isArray(s.anyOf)) (s.anyOf as Schema[]).forEach(expand);
      else next.push(s);
    };
    const here: Schema[] = [];
    frontier.forEach((s) => {
      const before = next.length;
      expand(s);
      here.push(...next.splice(before));
    });
    const step: Schema[] = [];
    for (const s of here) {
      const props = s.properties as Record<string, Schema> | undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, seg)) step.push(props[seg]!);
      if (s.type === 'array' && /^\d+$/.test(seg) && s.items) step.push(s.items as Schema);
      if (s.type === 'array' && seg === 'length') step.push({ type: 'integer' });
    }
    if (step.length === 0) return false;
    frontier = step;
  }
  return true;
}

/** The names a message template uses, sections included; a malformed section tag keeps its sigil (#x, /x). */
function placeholders(text: string): string[] {
  return [...parseTemplate(text).names];
}

function collectParamRefs(value: unknown, out: { name: string; pointer: string }[], pointer: string): void {
  if (isParamRef(value)) out.push({ name: value.param, pointer });
  else if (Array.isArray(value)) value.forEach((v, i) => collectParamRefs(v, out, `${pointer}/${i}`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectParamRefs(v, out, `${pointer}/${k}`);
  }
}

/**
 * Whether an operator chain could throw on this value: `in`/`notIn` index into their right-hand side
 * and `someValue`/`everyValue` iterate it, so that side must be a literal list. Decorators are applied
 * outermost first; `swap` exchanges the sides, so an `in` whose list would come from the fact is refused.
 */
export function operatorValueProblem(op: { decorators: string[]; base: string }, value: unknown, listValue: OperatorSignatures['listValue']): Said | null {
  let right: { known: true; value: unknown } | { known: false } = { known: true, value };
  let left: { known: true; value: unknown } | { known: false } = { known: false };
  for (const d of op.decorators) {
    if (d === 'swap') [left, right] = [right, left];
    else if (d === 'someValue' || d === 'everyValue') {
      if (!right.known || !Array.isArray(right.value)) return say('rules.decorator_needs_list', { decorator: d });
      const items: unknown[] = right.value;
      right = items.length > 0 && items.every((x: unknown) => Array.isArray(x)) ? { known: true, value: items[0] } : items.every((x: unknown) => !Array.isArray(x)) ? { known: true, value: null } : { known: false };
    } else if (d === 'someFact' || d === 'everyFact') left = { known: false };
  }
  if (listValue.has(op.base) && !(right.known && Array.isArray(right.value))) {
    return right.known ? say('rules.needs_list', {}) : say('rules.list_from_fact', {});
  }
  return null;
}

/** Every check across the whole set, against the engine's `registries`; returns problems located by file, line and column. */
export function lintRuleSet(
  rules: readonly Located<Rule>[],
  parameters: Located<Parameters> | null,
  waivers: Located<Waiver[]> | null,
  fixtures: Record<string, unknown>,
  registries: Registries,
): Problem[] {
  const { facts, operators } = registries;
  const paramValidators = paramValidatorsOf(facts);
  const problems: Problem[] = [];
  const at = (l: { file: string; doc: ParsedYaml }, pointer: string, said: Said) =>
    problems.push({ code: 'rule_lint_error', ...said, pointer, file: l.file, ...l.doc.position(pointer) });
  const params = parameters?.value ?? {};
  // shapes are checked with each parameter's first value
  const firstValues = Object.fromEntries(Object.entries(params).map(([name, values]) => [name, values[0]?.value]));
  const bindFirst = (value: unknown) => bindParams(value, firstValues);

  if (parameters) {
    for (const [name, values] of Object.entries(params)) {
      const froms = new Set<string>();
      values.forEach((v, i) => {
        if (!isCalendarDate(v.from)) at(parameters, `/${name}/${i}/from`, say('rules.not_calendar_date', { value: v.from }));
        if (froms.has(v.from)) at(parameters, `/${name}/${i}/from`, say('rules.parameter_two_values', { name, from: v.from }));
        froms.add(v.from);
        if (i > 0 && typeof v.value !== typeof values[0]!.value) {
          at(parameters, `/${name}/${i}/value`, say('rules.parameter_changes_type', { name, was: typeof values[0]!.value, now: typeof v.value }));
        }
      });
    }
  }

  const ids = new Map<string, string>();
  for (const l of rules) {
    const rule = l.value;
    const prior = ids.get(rule.id);
    if (prior) at(l, '/id', say('rules.duplicate_id', { id: rule.id, prior }));
    else ids.set(rule.id, l.file);

    const { from, until } = rule.effective;
    if (!isCalendarDate(from)) at(l, '/effective/from', say('rules.not_calendar_date', { value: from }));
    if (until !== null && !isCalendarDate(until)) at(l, '/effective/until', say('rules.not_calendar_date', { value: until }));
    else if (until !== null && dayNumber(until) < dayNumber(from)) at(l, '/effective/until', say('rules.until_before_from', { until, from }));

    const placeholderNames = new Set(COMMON_PLACEHOLDERS);
    let unknownFact = false;
    const lintLeaf = (c: LeafCondition, pointer: string) => {
      const fact = facts.get(c.fact);
      if (!fact) unknownFact = true;
      if (!fact) at(l, `${pointer}/fact`, say('rules.unknown_fact', { fact: c.fact, known: [...facts.keys()] }));
      const op = operators.parse(c.operator);
      if (!op) at(l, `${pointer}/operator`, say('rules.unknown_operator', { operator: c.operator }));
      else {
        const problem = operatorValueProblem(op, bindFirst(c.value), operators.listValue);
        if (problem) at(l, `${pointer}/value`, say('rules.operator_value', { operator: c.operator, problem: problem.msg }));
      }
      if (op && !operators.isCustom(op.base) && c.value === undefined) at(l, pointer, say('rules.operator_needs_value', { operator: c.operator }));
      if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && Object.hasOwn(c.value, 'fact')) {
        at(l, `${pointer}/value`, say('rules.fact_as_value', {}));
      }
      const refs: { name: string; pointer: string }[] = [];
      collectParamRefs(c.value, refs, `${pointer}/value`);
      collectParamRefs(c.params, refs, `${pointer}/params`);
      for (const r of refs) {
        // declared parameters only: `toString` or `__proto__` must not be found on the object's prototype
        const values = Object.hasOwn(params, r.name) ? params[r.name] : undefined;
        if (!Array.isArray(values)) at(l, r.pointer, say('rules.unknown_parameter', { name: r.name }));
        else if (!values.some((v) => dayNumber(v.from) <= dayNumber(from))) {
          at(l, r.pointer, say('rules.parameter_not_in_force', { name: r.name, from }));
        }
      }
      if (c.path !== undefined && !isPlainPath(c.path)) {
        at(l, `${pointer}/path`, say('rules.not_plain_path', { path: c.path }));
      }
      if (fact) {
        const validate = paramValidators.get(fact.id)!;
        if (!validate(bindFirst(c.params ?? {}))) {
          for (const p of schemaProblems(validate.errors)) at(l, `${pointer}/params${p.pointer}`, say('rules.params', { fact: fact.id, field: p.pointer.slice(1), problem: p.msg }));
        }
        if (fact.needsPath && c.path === undefined) at(l, pointer, say('rules.fact_needs_path', { fact: fact.id }));
        if (c.path !== undefined && isPlainPath(c.path)) {
          const segs = pathSegments(c.path);
          if (fact.id === 'filing' && !filingHasPath(segs)) at(l, `${pointer}/path`, say('rules.path_not_in_filing', { path: c.path }));
          if (fact.id !== 'filing' && fact.returns === 'object' && !fact.fields.includes(segs[0]!)) {
            at(l, `${pointer}/path`, say('rules.fact_has_no_field', { fact: fact.id, field: segs[0]!, fields: fact.fields }));
          }
        }
        fact.fields.forEach((f) => placeholderNames.add(f));
        placeholderNames.add(c.name ?? (fact.id === 'filing' && c.path ? c.path : fact.id));
      }
    };
    forEachLeaf(rule.appliesWhen, (c, pointer) => lintLeaf(c as LeafCondition, pointer), '/appliesWhen');
    forEachLeaf<Condition>(rule.when, (c, pointer) => lintLeaf(c as LeafCondition, pointer), '/when');

    // with an unknown fact, which placeholders exist cannot be known: that error is enough
    for (const lang of unknownFact ? [] : LANGS) {
      for (const name of placeholders(rule.message[lang])) {
        if (!placeholderNames.has(name)) at(l, `/message/${lang}`, say('rules.unknown_placeholder', { name }));
      }
    }
    rule.tests.forEach((t, i) => {
      if (t.filing !== undefined && !Object.hasOwn(fixtures, t.filing)) at(l, `/tests/${i}/filing`, say('rules.test_filing_missing', { filing: t.filing }));
      if (t.filing === undefined && !Object.hasOwn(fixtures, 'tests/base.yaml')) at(l, `/tests/${i}`, say('rules.tests_need_base', {}));
      (t.history ?? []).forEach((h, j) => {
        if (h.filing !== undefined && !Object.hasOwn(fixtures, h.filing)) at(l, `/tests/${i}/history/${j}/filing`, say('rules.test_filing_missing', { filing: h.filing }));
      });
    });
  }

  if (waivers) {
    waivers.value.forEach((w, i) => {
      if (!ids.has(w.rule)) at(waivers, `/${i}/rule`, say('rules.waiver_unknown_rule', { rule: w.rule }));
      if (!isCalendarDate(w.from)) at(waivers, `/${i}/from`, say('rules.not_calendar_date', { value: w.from }));
      if (!isCalendarDate(w.until)) at(waivers, `/${i}/until`, say('rules.not_calendar_date', { value: w.until }));
      else if (dayNumber(w.until) < dayNumber(w.from)) at(waivers, `/${i}/until`, say('rules.waiver_until_before_from', { until: w.until, from: w.from }));
    });
  }
  return problems;
}
