// yamlDepth and yamlShape: the nesting, nodes and aliases of YAML text read without parsing; equal to what the
// yaml library builds for every layout it writes, never below it for any text it accepts.

import fc from 'fast-check';
import { Document, isCollection, parse, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_ALIASES, MAX_YAML_NODES, yamlDepth, yamlShape } from '../src/yaml-depth.js';

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

/** What the yaml library builds: its nodes (scalars, keys among them, maps, sequences, aliases) and its aliases. */
function built(text: string): { nodes: number; aliases: number; ok: boolean } {
  const doc = parseDocument(text, { uniqueKeys: false });
  let nodes = 0;
  let aliases = 0;
  visit(doc, {
    Scalar: () => void nodes++,
    Map: () => void nodes++,
    Seq: () => void nodes++,
    Alias: () => void (nodes++, aliases++),
  });
  return { nodes, aliases, ok: doc.errors.length === 0 };
}

describe('yamlShape', () => {
  it.each([
    ['a: 1', 3, 0],
    ['- 1\n- 2', 3, 0],
    ['a:\n  b: 1', 5, 0],
    ['a:\n- 1\n- 2', 5, 0],
    ['a:', 3, 0],
    ['- a: 1\n  b: 2', 6, 0],
    ['{a: 1, b: [1, 2]}', 7, 0],
    ['[a: 1]', 4, 0],
    ['{a: , b: }', 5, 0],
    ['{"a":1}', 3, 0],
    ['[a]: 1', 4, 0],
    ['- [a]: 1', 5, 0],
    ['x:\n  [1, 2]', 5, 0],
    ['a: |\n  - x\n  - y\n', 3, 0],
    ['a: "x\n  - y"\n', 3, 0],
    ["a: 'it''s [' # - b: c\n", 3, 0],
    ['a: &x 1\nb: *x', 5, 1],
    ['[*a, *b]', 3, 2],
    ['- *a\n- "*a"\n- |\n  *a\n', 4, 1],
  ])('%j has %i nodes and %i aliases, as the library builds', (text, nodes, aliases) => {
    expect(built(text)).toEqual({ nodes, aliases, ok: true });
    expect(yamlShape(text)).toMatchObject({ nodes, aliases, over: null, at: -1 });
  });

  it('counts an explicit key’s value with an empty key, in case there is none: one node too many, never too few', () => {
    expect(built('? a\n: b').nodes).toBe(3);
    expect(yamlShape('? a\n: b').nodes).toBe(4);
  });

  it('equals what the library builds for whatever it writes, block, flow or mixed', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2, 3, 8), fc.constantFrom(1, 2, 4), (v, flowLevel, indent) => {
        const doc = new Document(v);
        visit(doc, {
          Collection(_key, node, path) {
            if (path.filter((p) => isCollection(p)).length >= flowLevel) node.flow = true;
          },
        });
        const text = doc.toString({ indent });
        const shape = yamlShape(text);
        expect(shape.nodes).toBe(built(text).nodes);
        expect(shape.depth).toBe(yamlDepth(text));
      }),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 600) },
    );
  });

  it('is never below what the library builds, in nodes or aliases, for any text it accepts', () => {
    const piece = fc.constantFrom(
      '- ', '? ', ': ', ':', 'a', 'b: ', '[', ']', '{', '}', ', ', '"', "'", ' #', '\n', '  ', '|', '>', '&x ', '!t ', '---\n', 'k"', '\\', '-', '\t', '*x ', '*y', '*z: ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const lib = built(text);
        if (!lib.ok) return;
        const shape = yamlShape(text);
        expect(shape.nodes).toBeGreaterThanOrEqual(lib.nodes);
        expect(shape.aliases).toBeGreaterThanOrEqual(lib.aliases);
      }),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 5000) },
    );
  });

  it('leaves the depth as yamlDepth finds it, limits or not', () => {
    for (const text of ['a:\n  - [1, {b: 2}]', '- - - x', '? a\n: [b]', '[a]: [b]']) {
      expect(yamlShape(text, { nodes: MAX_YAML_NODES, aliases: MAX_YAML_ALIASES }).depth).toBe(yamlDepth(text));
    }
    // a flow key's flow value is read too (it was not, and the depth came out below the parser's)
    expect(depth(parse('[a]: [b]'))).toBe(2);
    expect(yamlDepth('[a]: [b]')).toBe(2);
  });

  it('stops as soon as the nodes or aliases pass their limits, in time linear in the text, saying where', () => {
    const MiB = 1024 * 1024;
    const shapes: [string, 'nodes' | 'aliases'][] = [
      ['s:\n' + '- 1\n'.repeat(MiB / 4), 'nodes'],
      ['m: {' + Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join(', ') + '}', 'nodes'],
      ['[' + '1,'.repeat(MiB / 2) + ']', 'nodes'],
      ['a: &a 1\ns: [' + '*a,'.repeat(MiB / 3) + ']', 'aliases'],
      ['a: &a 1\ns:\n' + '- *a\n'.repeat(MiB / 5), 'aliases'],
      [Array.from({ length: 60_000 }, (_, i) => `k${i}: x`).join('\n'), 'nodes'],
    ];
    for (const [text, over] of shapes) {
      const t0 = performance.now();
      const shape = yamlShape(text, { depth: 64, nodes: MAX_YAML_NODES, aliases: MAX_YAML_ALIASES });
      expect(performance.now() - t0).toBeLessThan(500);
      expect(shape.over).toBe(over);
      if (over === 'nodes') expect(shape.nodes).toBe(MAX_YAML_NODES + 1);
      else expect(shape.aliases).toBe(MAX_YAML_ALIASES + 1);
      expect(shape.at).toBeGreaterThan(0);
      expect(shape.at).toBeLessThan(text.length);
    }
    // at the limit itself: read to the end, within it
    const exactly = '- 1\n'.repeat(MAX_YAML_NODES - 1);
    expect(yamlShape(exactly, { nodes: MAX_YAML_NODES })).toMatchObject({ nodes: MAX_YAML_NODES, over: null });
    expect(built(exactly).nodes).toBe(MAX_YAML_NODES);
  });
});
