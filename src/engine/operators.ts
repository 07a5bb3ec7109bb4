// Operators: json-rules-engine's built-ins and decorators, our custom ones, and one sync evaluator for all.

import { isBlank } from './facts/text.js';

/** Operators we add to json-rules-engine. A non-array or a failed fact is never empty nor non-empty. */
export const CUSTOM_OPERATORS: Readonly<Record<string, (factValue: unknown, value: unknown) => boolean>> = {
  notEmpty: (a) => Array.isArray(a) && a.length > 0,
  isEmpty: (a) => Array.isArray(a) && a.length === 0,
  isNull: (a) => a === null || a === undefined,
  notNull: (a) => a !== null && a !== undefined,
  // DESIGN section 4: blank is nothing left after NFKC and removing white space and invisible characters
  isBlank: (a) => a === null || a === undefined || (typeof a === 'string' && isBlank(a)),
};

type Validator = (factValue: unknown) => boolean;
type Evaluator = (factValue: unknown, value: unknown) => boolean;

// json-rules-engine's test, `parseFloat(v).toString() !== 'NaN'`, without the string for plain numbers
const numberValidator: Validator = (v) => (typeof v === 'number' ? !Number.isNaN(v) : !Number.isNaN(Number.parseFloat(v as string)));
const always: Validator = () => true;
const idx = (x: unknown) => x as { indexOf(v: unknown): number };

// json-rules-engine 7's built-in operators, with the same validators, so the fast path agrees with it.
// Registries are Maps: a name from a rule (`toString`, `__proto__`) must never find something on a prototype.
const BUILTIN: ReadonlyMap<string, [Evaluator, Validator]> = new Map<string, [Evaluator, Validator]>([
  ['equal', [(a, b) => a === b, always]],
  ['notEqual', [(a, b) => a !== b, always]],
  ['in', [(a, b) => idx(b).indexOf(a) > -1, always]],
  ['notIn', [(a, b) => idx(b).indexOf(a) === -1, always]],
  ['contains', [(a, b) => idx(a).indexOf(b) > -1, Array.isArray]],
  ['doesNotContain', [(a, b) => idx(a).indexOf(b) === -1, Array.isArray]],
  ['lessThan', [(a, b) => (a as number) < (b as number), numberValidator]],
  ['lessThanInclusive', [(a, b) => (a as number) <= (b as number), numberValidator]],
  ['greaterThan', [(a, b) => (a as number) > (b as number), numberValidator]],
  ['greaterThanInclusive', [(a, b) => (a as number) >= (b as number), numberValidator]],
]);

type Decorator = [(a: unknown, b: unknown, next: Evaluator) => boolean, Validator];
const arr = (x: unknown) => x as unknown[];
const DECORATORS: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  ['someFact', [(a, b, next) => arr(a).some((x) => next(x, b)), Array.isArray]],
  ['someValue', [(a, b, next) => arr(b).some((y) => next(a, y)), always]],
  ['everyFact', [(a, b, next) => arr(a).every((x) => next(x, b)), Array.isArray]],
  ['everyValue', [(a, b, next) => arr(b).every((y) => next(a, y)), always]],
  ['swap', [(a, b, next) => next(b, a), always]],
  ['not', [(a, b, next) => !next(a, b), always]],
]);

/** A custom operator by its own name only (the object literal above has a prototype). */
export function customOperator(name: string): ((factValue: unknown, value: unknown) => boolean) | undefined {
  return Object.hasOwn(CUSTOM_OPERATORS, name) ? CUSTOM_OPERATORS[name] : undefined;
}

/** Operators whose `value` must be a list. */
export const LIST_VALUE_OPERATORS = new Set(['in', 'notIn']);

/** The names of every base operator a rule may use (built-in and custom). */
export const OPERATOR_NAMES: readonly string[] = [...BUILTIN.keys(), ...Object.keys(CUSTOM_OPERATORS)];
export const DECORATOR_NAMES: readonly string[] = [...DECORATORS.keys()];

/** Splits `not:someFact:equal` into decorators and base operator; null when any part is unknown. */
export function parseOperator(name: string): { decorators: string[]; base: string } | null {
  const parts = name.split(':');
  const base = parts.pop()!;
  if (!BUILTIN.has(base) && customOperator(base) === undefined) return null;
  if (!parts.every((d) => DECORATORS.has(d))) return null;
  return { decorators: parts, base };
}

const compiledCache = new Map<string, Evaluator>();

/**
 * A sync evaluator with json-rules-engine's semantics (validator, then callback; decorators wrap
 * from the right), for the compiled fast path. Throws for an unknown operator (the linter stops those).
 */
export function operatorEvaluator(name: string): Evaluator {
  const hit = compiledCache.get(name);
  if (hit) return hit;
  const parsed = parseOperator(name);
  if (!parsed) throw new Error(`unknown operator ${name}`);
  let evaluate: Evaluator;
  const custom = customOperator(parsed.base);
  if (custom) evaluate = custom;
  else {
    const [cb, validator] = BUILTIN.get(parsed.base)!;
    evaluate = (a, b) => validator(a) && cb(a, b);
  }
  for (const d of [...parsed.decorators].reverse()) {
    const [cb, validator] = DECORATORS.get(d)!;
    const next = evaluate;
    evaluate = (a, b) => validator(a) && cb(a, b, next);
  }
  compiledCache.set(name, evaluate);
  return evaluate;
}
