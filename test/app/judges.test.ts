// JudgeCache: compiled rule sets by version, read from the store once, a failed read not remembered.

import { describe, expect, it } from 'vitest';
import { JUDGE_CACHE_BYTES, JudgeCache, judgeWeight } from '../../src/app/judges.js';
import type { RuleSetRecord, Store } from '../../src/store/types.js';
import { bundledRuleSet } from '../support/rule-sets.js';

function storeWith(record: RuleSetRecord | null, failFirst = false): { store: Store; reads: () => number } {
  let reads = 0;
  const store = {
    getRuleSet: (version: string) => {
      reads++;
      if (failFirst && reads === 1) return Promise.reject(new Error('connection lost'));
      return Promise.resolve(record && record.version === version ? record : null);
    },
  } as unknown as Store;
  return { store, reads: () => reads };
}

const ruleSet = bundledRuleSet();
const record: RuleSetRecord = { label: 1, version: ruleSet.version, sources: ruleSet.sources, rules: ruleSet.rules.length, author: 't', note: 'n', createdAt: 'now' };

describe('JudgeCache', () => {
  it('compiles a version once, however many ask at the same moment', async () => {
    const { store, reads } = storeWith(record);
    const cache = new JudgeCache(store);
    const [a, b] = await Promise.all([cache.at(record.version), cache.at(record.version)]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(a!.ruleSet.version).toBe(record.version);
    expect(reads()).toBe(1);
  });

  it('answers null for a version the store does not have, and asks again next time', async () => {
    const { store, reads } = storeWith(record);
    const cache = new JudgeCache(store);
    expect(await cache.at('sha256:nope')).toBeNull();
    expect(await cache.at('sha256:nope')).toBeNull();
    expect(reads()).toBe(2);
  });

  it('does not remember a failed read', async () => {
    const { store, reads } = storeWith(record, true);
    const cache = new JudgeCache(store);
    await expect(cache.at(record.version)).rejects.toThrow('connection lost');
    expect(await cache.at(record.version)).not.toBeNull();
    expect(reads()).toBe(2);
  });

  it('keeps versions within its byte budget, the least recently used dropped first', async () => {
    const { store, reads } = storeWith(record);
    const cache = new JudgeCache(store, judgeWeight(ruleSet));
    await cache.at(record.version);
    cache.remember('sha256:other', (await cache.at(record.version))!);
    expect(cache.size).toBe(1);
    await cache.at(record.version);
    expect(reads()).toBe(2);
  });

  it('compiles each of twenty past versions once when a client cycles through them (?version=)', async () => {
    let reads = 0;
    const store = {
      getRuleSet: (version: string) => {
        reads++;
        return Promise.resolve({ ...record, version });
      },
    } as unknown as Store;
    const cache = new JudgeCache(store);
    const versions = Array.from({ length: 20 }, (_, i) => `sha256:${String(i).padStart(64, '0')}`);
    for (let round = 0; round < 3; round++) for (const v of versions) expect(await cache.at(v)).not.toBeNull();
    expect(reads).toBe(20);
    expect(cache.size).toBe(20);
    // and the budget holds: far more versions than fit keep the cache within it
    expect(JUDGE_CACHE_BYTES / judgeWeight(ruleSet)).toBeGreaterThanOrEqual(20);
    const small = new JudgeCache(store, judgeWeight(ruleSet) * 3);
    for (const v of versions) await small.at(v);
    expect(small.size).toBe(3);
  });
});
