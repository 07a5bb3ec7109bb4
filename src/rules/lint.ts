// Lint: what a schema cannot see in a rule set. Unique ids, known facts and operators, valid params,
// existing parameters, sane windows, real placeholders, plain paths, waivers naming existing rules.

import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import { bindParams } from './params.js';
import { isPlainPath, pathSegments } from './path.js';
import type { OperatorSignatures, Registries } from './registries.js';
import type { Problem } from '../errors.js';
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
export function operatorValueProblem(op: { decorators: string[]; base: string }, value: unknown, listValue: OperatorSignatures['listValue']): string | null {
  let right: { known: true; value: unknown } | { known: false } = { known: true, value };
  let left: { known: true; value: unknown } | { known: false } = { known: false };
  for (const d of op.decorators) {
    if (d === 'swap') [left, right] = [right, left];
    else if (d === 'someValue' || d === 'everyValue') {
      if (!right.known || !Array.isArray(right.value)) return `${d} needs a list as value`;
      const items: unknown[] = right.value;
      right = items.length > 0 && items.every((x: unknown) => Array.isArray(x)) ? { known: true, value: items[0] } : items.every((x: unknown) => !Array.isArray(x)) ? { known: true, value: null } : { known: false };
    } else if (d === 'someFact' || d === 'everyFact') left = { known: false };
  }
  if (listValue.has(op.base) && !(right.known && Array.isArray(right.value))) {
    return right.known ? 'needs a list as value' : 'would take its list from the fact, which may not be one';
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
  const at = (l: { file: string; doc: ParsedYaml }, pointer: string, message: string) =>
    problems.push({ code: 'rule_lint_error', message, pointer, file: l.file, ...l.doc.position(pointer) });
  const params = parameters?.value ?? {};
  // shapes are checked with each parameter's first value
  const firstValues = Object.fromEntries(Object.entries(params).map(([name, values]) => [name, values[0]?.value]));
  const bindFirst = (value: unknown) => bindParams(value, firstValues);

  if (parameters) {
    for (const [name, values] of Object.entries(params)) {
      const froms = new Set<string>();
      values.forEach((v, i) => {
        if (!isCalendarDate(v.from)) at(parameters, `/${name}/${i}/from`, `${v.from} is not a calendar date`);
        if (froms.has(v.from)) at(parameters, `/${name}/${i}/from`, `parameter ${name} has two values from ${v.from}`);
        froms.add(v.from);
        if (i > 0 && typeof v.value !== typeof values[0]!.value) {
          at(parameters, `/${name}/${i}/value`, `parameter ${name} changes type (${typeof values[0]!.value} → ${typeof v.value})`);
        }
      });
    }
  }

  const ids = new Map<string, string>();
  for (const l of rules) {
    const rule = l.value;
    const prior = ids.get(rule.id);
    if (prior) at(l, '/id', `duplicate rule id ${rule.id} (also in ${prior})`);
    else ids.set(rule.id, l.file);

    const { from, until } = rule.effective;
    if (!isCalendarDate(from)) at(l, '/effective/from', `${from} is not a calendar date`);
    if (until !== null && !isCalendarDate(until)) at(l, '/effective/until', `${until} is not a calendar date`);
    else if (until !== null && dayNumber(until) < dayNumber(from)) at(l, '/effective/until', `effective.until ${until} is before effective.from ${from}`);

    const placeholderNames = new Set(COMMON_PLACEHOLDERS);
    let unknownFact = false;
    const lintLeaf = (c: LeafCondition, pointer: string) => {
      const fact = facts.get(c.fact);
      if (!fact) unknownFact = true;
      if (!fact) at(l, `${pointer}/fact`, `unknown fact ${c.fact} (known: ${[...facts.keys()].join(', ')})`);
      const op = operators.parse(c.operator);
      if (!op) at(l, `${pointer}/operator`, `unknown operator ${c.operator}`);
      else {
        const problem = operatorValueProblem(op, bindFirst(c.value), operators.listValue);
        if (problem) at(l, `${pointer}/value`, `operator ${c.operator}: ${problem}`);
      }
      if (op && !operators.isCustom(op.base) && c.value === undefined) at(l, pointer, `operator ${c.operator} needs a value`);
      if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && Object.hasOwn(c.value, 'fact')) {
        at(l, `${pointer}/value`, 'a fact as value is not supported: compare with a literal or a { param: name }');
      }
      const refs: { name: string; pointer: string }[] = [];
      collectParamRefs(c.value, refs, `${pointer}/value`);
      collectParamRefs(c.params, refs, `${pointer}/params`);
      for (const r of refs) {
        // declared parameters only: `toString` or `__proto__` must not be found on the object's prototype
        const values = Object.hasOwn(params, r.name) ? params[r.name] : undefined;
        if (!Array.isArray(values)) at(l, r.pointer, `unknown parameter ${r.name}`);
        else if (!values.some((v) => dayNumber(v.from) <= dayNumber(from))) {
          at(l, r.pointer, `parameter ${r.name} has no value in force on ${from}, when the rule takes effect`);
        }
      }
      if (c.path !== undefined && !isPlainPath(c.path)) {
        at(l, `${pointer}/path`, `path ${c.path} is not a plain path (use a.b[0].c; JSONPath expressions are not evaluated)`);
      }
      if (fact) {
        const validate = paramValidators.get(fact.id)!;
        if (!validate(bindFirst(c.params ?? {}))) {
          for (const p of schemaProblems(validate.errors)) at(l, `${pointer}/params${p.pointer}`, `params of ${fact.id}: ${p.pointer ? `${p.pointer.slice(1)} ` : ''}${p.message}`);
        }
        if (fact.needsPath && c.path === undefined) at(l, pointer, `fact ${fact.id} needs a path`);
        if (c.path !== undefined && isPlainPath(c.path)) {
          const segs = pathSegments(c.path);
          if (fact.id === 'filing' && !filingHasPath(segs)) at(l, `${pointer}/path`, `path ${c.path} names no field of a filing`);
          if (fact.id !== 'filing' && fact.returns === 'object' && !fact.fields.includes(segs[0]!)) {
            at(l, `${pointer}/path`, `fact ${fact.id} has no field ${segs[0]} (fields: ${fact.fields.join(', ')})`);
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
        if (!placeholderNames.has(name)) at(l, `/message/${lang}`, `placeholder {{${name}}} is not a field of this rule's facts`);
      }
    }
    rule.tests.forEach((t, i) => {
      if (t.filing !== undefined && !Object.hasOwn(fixtures, t.filing)) at(l, `/tests/${i}/filing`, `test filing ${t.filing} not found in the rule folder`);
      if (t.filing === undefined && !Object.hasOwn(fixtures, 'tests/base.yaml')) at(l, `/tests/${i}`, 'tests need tests/base.yaml in the rule folder');
      (t.history ?? []).forEach((h, j) => {
        if (h.filing !== undefined && !Object.hasOwn(fixtures, h.filing)) at(l, `/tests/${i}/history/${j}/filing`, `test filing ${h.filing} not found in the rule folder`);
      });
    });
  }

  if (waivers) {
    waivers.value.forEach((w, i) => {
      if (!ids.has(w.rule)) at(waivers, `/${i}/rule`, `waiver names unknown rule ${w.rule}`);
      if (!isCalendarDate(w.from)) at(waivers, `/${i}/from`, `${w.from} is not a calendar date`);
      if (!isCalendarDate(w.until)) at(waivers, `/${i}/until`, `${w.until} is not a calendar date`);
      else if (dayNumber(w.until) < dayNumber(w.from)) at(waivers, `/${i}/until`, `until ${w.until} is before from ${w.from}`);
    });
  }
  return problems;
}
