// Operators: the fast path's evaluator must agree with json-rules-engine's own Engine, built-ins,
// custom operators and decorators alike.

import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_OPERATORS,
  DECORATOR_NAMES,
  OPERATOR_NAMES,
  operatorEvaluator,
  parseOperator,
} from '../../src/engine/operators.js';

/** json-rules-engine's answer for `fact operator value`, with our custom operators registered as the engine does. */
async function jre(operator: string, factValue: unknown, value: unknown): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, op);
  engine.addFact('x', () => factValue);
  engine.addRule({
    conditions: { all: [{ fact: 'x', operator, value: value as never }] },
    event: { type: 'hit' },
  });
  const { results } = await engine.run();
  return results.length === 1;
}

type Case = [string, unknown, unknown, boolean];

const CASES: Case[] = [
  // built-ins
  ['equal', 1, 1, true],
  ['equal', 1, '1', false],
  ['equal', null, null, true],
  ['equal', false, false, true],
  ['equal', undefined, null, false],
  ['notEqual', 1, 2, true],
  ['notEqual', 'a', 'a', false],
  ['in', 1, [1, 2], true],
  ['in', 3, [1, 2], false],
  ['notIn', 3, [1, 2], true],
  ['notIn', 1, [1, 2], false],
  ['contains', [1, 2], 2, true],
  ['contains', [1, 2], 3, false],
  ['contains', 'abc', 'b', false],
  ['doesNotContain', [1, 2], 3, true],
  ['doesNotContain', 'abc', 'z', false],
  ['lessThan', 89, 90, true],
  ['lessThan', 90, 90, false],
  ['lessThan', '5', 10, true],
  ['lessThan', null, 1, false],
  ['lessThan', 'abc', 1, false],
  ['lessThanInclusive', 90, 90, true],
  ['lessThanInclusive', 91, 90, false],
  ['greaterThan', 0.0801, 0.08, true],
  ['greaterThan', 0.08, 0.08, false],
  ['greaterThan', undefined, 0, false],
  ['greaterThan', [], -1, false],
  ['greaterThanInclusive', 0, 0, true],
  ['greaterThanInclusive', -1, 0, false],
  // custom
  ['notEmpty', [1], null, true],
  ['notEmpty', [], null, false],
  ['notEmpty', 'x', null, false],
  ['notEmpty', null, null, false],
  ['notEmpty', { length: 1 }, null, false],
  ['isEmpty', [], null, true],
  ['isEmpty', [0], null, false],
  ['isEmpty', null, null, false],
  ['isEmpty', '', null, false],
  ['isNull', null, null, true],
  ['isNull', undefined, null, true],
  ['isNull', 0, null, false],
  ['notNull', 0, null, true],
  ['notNull', null, null, false],
  // decorators
  ['not:equal', 1, 1, false],
  ['not:equal', 1, 2, true],
  ['someFact:greaterThan', [1, 5], 3, true],
  ['someFact:greaterThan', [1, 2], 3, false],
  ['someFact:greaterThan', 5, 3, false],
  ['everyFact:lessThan', [1, 2], 3, true],
  ['everyFact:lessThan', [1, 4], 3, false],
  ['everyFact:lessThan', [], 3, true],
  ['someValue:equal', 1, [1, 2], true],
  ['someValue:equal', 3, [1, 2], false],
  ['everyValue:notEqual', 3, [1, 2], true],
  ['everyValue:notEqual', 1, [1, 2], false],
  ['swap:contains', 2, [1, 2], true],
  ['swap:in', [1, 2], 2, true],
  ['not:someFact:equal', [1, 2], 2, false],
  ['someFact:not:equal', [2, 2], 2, false],
  ['someFact:not:equal', [1, 2], 2, true],
  ['not:notEmpty', [], null, true],
  ['not:isNull', undefined, null, false],
  ['everyFact:isNull', [null, undefined], null, true],
  ['someFact:notEmpty', [[], [1]], null, true],
  ['not:greaterThan', null, 1, true],
];

describe('operatorEvaluator', () => {
  it.each(CASES)(
    '%s(%j, %j) is %s, as json-rules-engine says',
    async (operator, factValue, value, expected) => {
      expect(operatorEvaluator(operator)(factValue, value)).toBe(expected);
      expect(await jre(operator, factValue, value)).toBe(expected);
    },
  );

  it('agrees with json-rules-engine on random operators and values', async () => {
    const scalar = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0.08, '1', 'a', '', null, true, false),
    );
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }),
    );
    const operator = fc
      .tuple(
        fc.array(fc.constantFrom(...DECORATOR_NAMES), { maxLength: 2 }),
        fc.constantFrom(...OPERATOR_NAMES),
      )
      .map(([decorators, base]) => [...decorators, base].join(':'));
    await fc.assert(
      fc.asyncProperty(operator, value, value, async (op, a, b) => {
        let fast: boolean | 'threw';
        try {
          fast = operatorEvaluator(op)(a, b);
        } catch {
          fast = 'threw';
        }
        let reference: boolean | 'threw';
        try {
          reference = await jre(op, a, b);
        } catch {
          reference = 'threw';
        }
        expect(fast).toBe(reference);
      }),
      { numRuns: 400 },
    );
  });

  it('throws for an unknown operator (the linter keeps those out of a rule set)', () => {
    expect(() => operatorEvaluator('roughlyEqual')).toThrow();
    expect(() => operatorEvaluator('maybe:equal')).toThrow();
  });
});

describe('parseOperator', () => {
  it.each<[string, { decorators: string[]; base: string } | null]>([
    ['equal', { decorators: [], base: 'equal' }],
    ['notEmpty', { decorators: [], base: 'notEmpty' }],
    ['not:equal', { decorators: ['not'], base: 'equal' }],
    ['not:someFact:greaterThan', { decorators: ['not', 'someFact'], base: 'greaterThan' }],
    ['equal:not', null],
    ['maybe:equal', null],
    ['roughlyEqual', null],
    ['', null],
    ['not:', null],
  ])('%j → %j', (name, parsed) => {
    expect(parseOperator(name)).toEqual(parsed);
  });
});
