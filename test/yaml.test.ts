// parseYaml as hostile text meets it: duplicate keys named by pointer, depth refused before parsing, wide documents in linear time.

import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/yaml.js';

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
    const small = Array.from({ length: 2_000 }, (_, i) => `k${i}: {a: ${i}}`).join('\n');
    const large = Array.from({ length: 40_000 }, (_, i) => `k${i}: {a: ${i}}`).join('\n');
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
