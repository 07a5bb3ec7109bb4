// Shards of whole platforms (DESIGN §10 revision 3): platforms kept together, a large one split by periods.

import { describe, expect, it } from 'vitest';
import { shardsByPlatform } from '../../src/app/scans.js';

const keys = (spec: Record<string, number>) =>
  Object.entries(spec).flatMap(([platformId, n]) => Array.from({ length: n }, (_, i) => ({ platformId, filingId: `${platformId}-${i}` })));
const shape = (shards: { platformId: string }[][]) => shards.map((s) => s.map((k) => k.platformId).join(','));

describe('shardsByPlatform', () => {
  it('puts whole platforms together while a shard stays within its size', () => {
    expect(shape(shardsByPlatform(keys({ a: 2, b: 1, c: 2 }), 3))).toEqual(['a,a,b', 'c,c']);
    expect(shape(shardsByPlatform(keys({ a: 3, b: 3 }), 3))).toEqual(['a,a,a', 'b,b,b']);
  });

  it('gives a platform larger than the size shards of its own, in period order, and goes on after it', () => {
    const shards = shardsByPlatform(keys({ a: 1, big: 7, c: 1 }), 3);
    expect(shape(shards)).toEqual(['a', 'big,big,big', 'big,big,big', 'big', 'c']);
    expect(shards[1]!.map((k) => k.filingId)).toEqual(['big-0', 'big-1', 'big-2']);
  });

  it('keeps every key once, in order', () => {
    const all = keys({ a: 5, b: 2, c: 9, d: 1, e: 4 });
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const shards = shardsByPlatform(all, size);
      expect(shards.flat()).toEqual(all);
      for (const s of shards) expect(s.length).toBeLessThanOrEqual(size);
    }
    expect(shardsByPlatform([], 10)).toEqual([]);
  });
});
