// jsonDuplicateKey: the first key repeated in a JSON object (which JSON.parse silently keeps the last of), by pointer and offset.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDuplicateKey, quickJsonCheck } from '../../src/filing/json-error.js';

const mayRepeatKeys = (text: string, parsed: unknown) => quickJsonCheck(text, parsed, Infinity).repeat;

describe('jsonDuplicateKey', () => {
  it.each([
    ['{"a": 1, "a": 2}', '/a', 9],
    ['{"a": {"b": 1}, "c": [{"x": 1}, {"x": 1, "y": 2, "x": 3}]}', '/c/1/x', 49],
    ['[{"k~/": 1, "k~/": 2}]', '/0/k~0~1', 12],
    ['{"\\u0061": 1, "a": 2}', '/a', 14],
    ['{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": "]"}', null, 0],
    ['{"a": {"a": {"a": 1}}}', null, 0],
    ['[1, "a", {"a": 1}, {"a": 2}]', null, 0],
  ])('%s → %s', (text, pointer, offset) => {
    JSON.parse(text); // valid JSON all: only the duplicates are wrong
    const dup = jsonDuplicateKey(text);
    if (pointer === null) expect(dup).toBeNull();
    else expect(dup).toEqual({ pointer, offset });
  });

  it('finds nothing in any JSON.stringify output, and finds a key repeated anywhere', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const text = JSON.stringify(v, null, 1);
        expect(jsonDuplicateKey(text)).toBeNull();
        const doubled = `{"x": ${text}, "y": {"k": 1, "k": ${text}}}`;
        expect(jsonDuplicateKey(doubled)?.pointer).toBe('/y/k');
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('reads a 1 MiB object of unique keys in linear time', () => {
    const text = JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`key-${i}`, i])));
    const t0 = performance.now();
    expect(jsonDuplicateKey(text)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('quickJsonCheck: may a key repeat (the cheap test before the exact scan)', () => {
  it.each([
    ['{"a": 1, "b": {"c": 2}}', false],
    ['{"a": 1, "a": 2}', true],
    ['{"a" : 1, "b": [{"a": 1}, {"a": 2}]}', false],
    ['{"x": [{"k": 1, "k": 2}]}', true],
    // a string value holding `":` makes it say maybe: the exact scan then finds nothing
    ['{"note": "he said \\": yes", "b": 2}', true],
    ['[]', false],
  ])('%s → %s', (text, maybe) => {
    expect(mayRepeatKeys(text, JSON.parse(text))).toBe(maybe);
  });

  it('never misses a repeat that the exact scan finds (random documents with and without repeats)', () => {
    const keys = fc.constantFrom('a', 'b', 'c', 'members', 'x"y', 'a:b');
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant('": '), fc.constant(null)),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.array(fc.tuple(keys, tie('node')), { maxLength: 4 }).map((pairs) => ({ pairs })),
      ),
    })).node;
    // objects written by hand, so a key may be repeated in the text
    const write = (v: unknown): string => {
      if (v && typeof v === 'object' && 'pairs' in (v as object)) {
        return `{${(v as { pairs: [string, unknown][] }).pairs.map(([k, x]) => `${JSON.stringify(k)}${' '.repeat(k.length % 2)}:${write(x)}`).join(',')}}`;
      }
      if (Array.isArray(v)) return `[${v.map(write).join(', ')}]`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(value, (v) => {
        const text = write(v);
        if (jsonDuplicateKey(text) !== null) expect(mayRepeatKeys(text, JSON.parse(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
