// Correction loops (DESIGN §3 revision 3): found per platform, named from the smallest id, chains without loops left alone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleChain, supersedesCycles, type SupersedesLink } from '../../src/engine/supersedes.js';

const link = (filingId: string, supersedes: string | null, platformId = 'p'): SupersedesLink => ({ platformId, filingId, supersedes });

describe('supersedesCycles', () => {
  it('finds X ↔ Y and a longer loop, per platform', () => {
    expect(supersedesCycles([link('x', 'y'), link('y', 'x')])).toEqual([{ platformId: 'p', filingIds: ['x', 'y'] }]);
    expect(supersedesCycles([link('c', 'a'), link('a', 'b'), link('b', 'c'), link('d', 'a')])).toEqual([{ platformId: 'p', filingIds: ['a', 'b', 'c'] }]);
    expect(supersedesCycles([link('s', 's')])).toEqual([{ platformId: 'p', filingIds: ['s'] }]);
  });

  it('leaves chains without a loop, and the same ids on two platforms, alone', () => {
    expect(supersedesCycles([link('b', 'a'), link('c', 'b'), link('a', null)])).toEqual([]);
    expect(supersedesCycles([link('x', 'y', 'p'), link('y', 'x', 'q')])).toEqual([]);
    expect(supersedesCycles([link('x', 'missing')])).toEqual([]);
  });

  it('names the chain back to its first filing', () => {
    expect(cycleChain({ platformId: 'p', filingIds: ['x', 'y'] })).toBe('x y x');
  });

  it('finds exactly the filings whose chain comes back to themselves (random links)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.option(fc.integer({ min: 0, max: 8 }))), { maxLength: 12 }), (pairs) => {
        const next = new Map<string, string>();
        const links = pairs.map(([a, b]) => link(`f${a}`, b === null ? null : `f${b}`));
        for (const l of links) if (l.supersedes !== null) next.set(l.filingId, l.supersedes);
        const inLoop = (id: string) => {
          let at = next.get(id);
          for (let i = 0; i <= next.size && at !== undefined; i++, at = next.get(at)) if (at === id) return true;
          return false;
        };
        const expected = [...next.keys()].filter(inLoop).sort();
        expect(supersedesCycles(links).flatMap((c) => c.filingIds).sort()).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
