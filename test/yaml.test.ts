// parseYaml as hostile text meets it: duplicate keys named by pointer, depth, nodes and aliases refused before
// parsing, wide documents in linear time, positions that survive the trip from a worker thread.

import { describe, expect, it } from 'vitest';
import { ComplianceError } from '../src/errors.js';
import { parseFilingText } from '../src/filing/parse.js';
import { MAX_YAML_ALIASES, MAX_YAML_NODES, parseYaml, parseYamlPlain, withPositions, type YamlParse } from '../src/yaml.js';

function problems(text: string) {
  const r = parseYaml(text);
  return r.ok ? [] : r.problems;
}

describe('parseYaml', () => {
  it.each([
    ['a: 1\na: 2', '/a', 2],
    ['x:\n  - b: 1\n    c: 2\n    b: 3', '/x/0/b', 4],
    ['{a: {k: 1, k: 2}}', '/a/k', 1],
    ['"1": a\n1: b', '/1', 2],
    ['a~b/c: 1\n"a~b/c": 2', '/a~0b~1c', 2],
  ])('refuses the duplicate key in %j, naming %s', (text, pointer, line) => {
    const p = problems(text);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ pointer, line });
    expect(p[0]!.message).toMatch(/duplicate key/);
  });

  it('refuses a collection as a key (JSON has none, and JavaScript would stringify it)', () => {
    expect(problems('? [a]\n: b')[0]).toMatchObject({ line: 1, pointer: '' });
  });

  it('refuses nesting deeper than 64 before parsing, and accepts 64', () => {
    expect(problems('['.repeat(65) + ']'.repeat(65))[0]!.message).toMatch(/deeper than 64/);
    expect(parseYaml('['.repeat(64) + ']'.repeat(64)).ok).toBe(true);
  });

  it('reads a wide document in time linear in its size (no quadratic duplicate-key check)', () => {
    // 80,000 nodes: within the limit of 100,000
    const small = Array.from({ length: 1_000 }, (_, i) => `k${i}: {a: ${i}}`).join('\n');
    const large = Array.from({ length: 20_000 }, (_, i) => `k${i}: {a: ${i}}`).join('\n');
    // the quickest of a few runs: a loaded machine adds noise, never takes time away
    const time = (text: string, runs: number) => {
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        expect(parseYaml(text).ok).toBe(true);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(small, 1); // warm up
    const ratio = time(large, 2) / Math.max(time(small, 5), 1);
    // 20 times the keys: about 20 times the time when linear, 400 when quadratic
    expect(ratio).toBeLessThan(120);
  });

  it('keeps __proto__ an ordinary own key', () => {
    const r = parseYaml('__proto__: {polluted: 1}\nconstructor: 2');
    expect(r.ok).toBe(true);
    const v = (r as { doc: { value: Record<string, unknown> } }).doc.value;
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseYaml: nodes and aliases', () => {
  it('refuses more than 100,000 nodes before parsing, located where the count passed the limit, and accepts 100,000', () => {
    const over = 'a: 1\ns:\n' + '- 1\n'.repeat(MAX_YAML_NODES);
    const [p, ...rest] = problems(over);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ limit: 'nodes', line: MAX_YAML_NODES - 2, column: 1 });
    expect(p!.message).toMatch(/more than 100,000 nodes/);
    // the root map, a, 1, s and its sequence: 5 nodes, and 99,995 entries
    expect(parseYaml('a: 1\ns:\n' + '- 1\n'.repeat(MAX_YAML_NODES - 5)).ok).toBe(true);
  });

  it('refuses more than 1,000 aliases before parsing, and refuses every alias after it', () => {
    const many = 'a: &x 1\ns: [' + '*x, '.repeat(MAX_YAML_ALIASES + 1) + ']';
    expect(problems(many)).toEqual([expect.objectContaining({ limit: 'aliases', line: 2, message: expect.stringMatching(/more than 1,000 aliases/) })]);
    expect(problems('a: &x 1\nb: *x').map((p) => p.message)).toEqual(['anchors are not allowed', 'aliases are not allowed']);
  });

  it('says so in words through a filing: filing_parse_error, never "not valid YAML" for a valid but too large one', () => {
    const text = 'schemaVersion: 1\ns:\n' + '- 1\n'.repeat(MAX_YAML_NODES);
    let caught: unknown;
    try {
      parseFilingText(text, 'big.yaml');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ComplianceError);
    const e = caught as ComplianceError;
    expect(e.code).toBe('filing_parse_error');
    expect(e.problems).toEqual([expect.objectContaining({ code: 'filing_parse_error', file: 'big.yaml', line: expect.any(Number) })]);
    expect(e.message).toMatch(/^the YAML has more than 100,000 nodes/);
    expect(e.message).not.toMatch(/Error|not valid YAML/);
  });
});

describe('parseYaml: positions', () => {
  const text = ['a: 1', 'b:', '  c: [x, {d: 2}]', '  e:', '    - f', '    -   g: 3', 'h:', '"i/j~k": 4'].join('\n');

  it.each([
    ['', undefined, 1, 1],
    ['/a', undefined, 1, 4],
    ['/a', true, 1, 1],
    ['/b', undefined, 3, 3],
    ['/b/c/0', undefined, 3, 7],
    ['/b/c/1/d', undefined, 3, 14],
    ['/b/c/1/d', true, 3, 11],
    ['/b/e/1', undefined, 6, 9],
    ['/b/e/1/g', undefined, 6, 12],
    ['/h', undefined, 7, 3],
    ['/i~1j~0k', undefined, 8, 10],
    // missing: the nearest that exists, by its key
    ['/b/c/9', undefined, 3, 3],
    ['/b/zz/0', undefined, 2, 1],
    ['/a/b', undefined, 1, 1],
  ])('%s (key: %s) is at line %i, column %i', (pointer, key, line, column) => {
    const r = parseYaml(text);
    if (!r.ok) throw new Error('expected a parse');
    expect(r.doc.position(pointer, key ? { key } : {})).toEqual({ line, column });
  });

  it('cross a worker thread’s message as plain data: the same value and positions after a structured clone', () => {
    const plain = parseYamlPlain(text + '\n__proto__: {x: 1}\ninf: .inf\nnan: .nan');
    expect(plain.ok).toBe(true);
    const { at } = (plain as Extract<YamlParse, { ok: true }>).positions;
    const copy = structuredClone(plain, { transfer: [at.buffer as ArrayBuffer] });
    const local = withPositions(parseYamlPlain(text + '\n__proto__: {x: 1}\ninf: .inf\nnan: .nan'));
    const sent = withPositions(copy);
    if (!local.ok || !sent.ok) throw new Error('expected a parse');
    expect(sent.doc.value).toEqual(local.doc.value);
    const v = sent.doc.value as Record<string, unknown>;
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect([v.inf, v.nan]).toEqual([Infinity, NaN]);
    for (const p of ['/a', '/b/c/1/d', '/b/e/1/g', '/i~1j~0k', '/__proto__/x', '/nope']) expect(sent.doc.position(p)).toEqual(local.doc.position(p));
  });
});
