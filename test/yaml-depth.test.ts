// yamlDepth: the nesting of YAML text read without parsing; equal to the parsed value's for every layout the yaml library writes, never below it.

import fc from 'fast-check';
import { Document, isCollection, parse, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlDepth } from '../src/yaml-depth.js';

/** Depth of a parsed value: a scalar 0, a collection one more than its deepest member. */
function depth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v as object).map(depth));
}

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b: c', '- x', '#', '[', 'k"q', "it's", '|'));
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('[', ']', '{a', '- b', 'x: y', 'line\nbreak\n[[', '# not a comment', '"', "'", '|', '> x'),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 3 }),
  ),
})).node;

describe('yamlDepth', () => {
  it.each([
    ['a: 1', 1],
    ['[]', 1],
    ['a:\n  - [1, {b: 2}]', 4],
    ['- - - x', 3],
    ['- a: 1\n  b:\n    - c', 3],
    ['key:\n- a\n- b\nother: {x: [1]}', 3],
    ['a: "quoted [ { not nested"\nb: |\n  [[[[ text\n  {{{{\nc: 1', 1],
    ["a: 'it''s [ fine'\nb: # a [ comment\n  c: 2", 2],
    ['--- {a: {b: 1}}\n...\n', 2],
    ['a: !!map {b: &x [1]}', 3],
    ['a: "multi\n  line [[[ \\" {{"\nb: 1', 1],
    ['a: [\n  [1,\n   [2]],\n  # ]]]\n  3]', 4],
  ])('%j is %i deep', (text, expected) => {
    expect(depth(parse(text))).toBe(expected);
    expect(yamlDepth(text)).toBe(expected);
  });

  it('counts an explicit key’s value one level too deep rather than risk too shallow', () => {
    expect(depth(parse('? a\n: [b]'))).toBe(2);
    expect(yamlDepth('? a\n: [b]')).toBe(3);
  });

  it('equals the parsed depth for whatever the yaml library writes, block, flow or mixed', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2, 3, 8), fc.constantFrom(1, 2, 4), (v, flowLevel, indent) => {
        // collections from `flowLevel` levels down are written in flow style ([a, b], {k: v})
        const doc = new Document(v);
        visit(doc, {
          Collection(_key, node, path) {
            if (path.filter((p) => isCollection(p)).length >= flowLevel) node.flow = true;
          },
        });
        const text = doc.toString({ indent });
        expect(yamlDepth(text)).toBe(depth(parse(text)));
      }),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 600) },
    );
  });

  it('is never below the parsed depth, for any text the yaml library accepts', () => {
    const piece = fc.constantFrom(
      '- ', '? ', ': ', ':', 'a', 'b: ', '[', ']', '{', '}', ', ', '"', "'", ' #', '\n', '  ', '|', '>', '&x ', '!t ', '---\n', 'k"', '\\', '-', '\t',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const doc = parseDocument(text, { uniqueKeys: false });
        if (doc.errors.length > 0) return;
        expect(yamlDepth(text)).toBeGreaterThanOrEqual(depth(doc.toJS()));
      }),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('stops as soon as the depth passes the limit, in time linear in the text', () => {
    const MiB = 1024 * 1024;
    const shapes = [
      '['.repeat(MiB),
      '{a: '.repeat(MiB / 4),
      '- '.repeat(MiB / 2),
      '{"a": ['.repeat(MiB / 7),
      '? '.repeat(MiB / 2),
      Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ];
    for (const text of shapes) {
      const t0 = performance.now();
      expect(yamlDepth(text, 64)).toBe(65);
      expect(performance.now() - t0).toBeLessThan(500);
    }
    // a wide document is read to its end and found shallow
    const wide = Array.from({ length: 40_000 }, (_, i) => `k${i}: [1, 2, {a: "b]"}]`).join('\n');
    const t0 = performance.now();
    expect(yamlDepth(wide, 64)).toBe(3);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
