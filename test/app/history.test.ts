// The store-backed history of checks and submissions: reused while the platform's stored filings have
// not changed (their count has not moved), read again as soon as one is added, kept apart per store.

import { describe, expect, it } from 'vitest';
import { historyOf } from '../../src/app/history.js';
import type { HistoryRecord } from '../../src/engine/history.js';
import type { Store } from '../../src/store/types.js';

/** A store that holds `filings` per platform and counts the reads of history records. */
function stubStore(filings: Map<string, number>) {
  const reads: string[] = [];
  const record = (platformId: string, n: number): HistoryRecord => ({
    filingId: `${platformId}-${n}`,
    platformId,
    period: { start: '2021-01-01', end: '2021-01-15' },
    supersedes: null,
    membersActive: n,
    shares: { count: 0, sum: '0' },
  });
  const store = {
    listPlatforms: async (ids: readonly string[]) =>
      ids
        .filter((id) => (filings.get(id) ?? 0) > 0)
        .map((id) => ({ platformId: id, filings: filings.get(id)! })),
    historyRecords: async (id: string) => {
      reads.push(id);
      return Array.from({ length: filings.get(id) ?? 0 }, (_, n) => record(id, n));
    },
  } as unknown as Store;
  return { store, reads };
}

describe('historyOf', () => {
  it('reads a platform once while its filings do not change, again when one is added', async () => {
    const filings = new Map([['a', 2]]);
    const { store, reads } = stubStore(filings);
    expect((await historyOf(store, 'a')).length).toBe(2);
    expect((await historyOf(store, 'a')).length).toBe(2);
    expect(reads).toEqual(['a']);
    filings.set('a', 3);
    expect((await historyOf(store, 'a')).map((r) => r.filingId)).toEqual(['a-0', 'a-1', 'a-2']);
    expect(reads).toEqual(['a', 'a']);
  });

  it('answers nothing for a platform with no filing, without reading records', async () => {
    const { store, reads } = stubStore(new Map());
    expect(await historyOf(store, 'nobody')).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('keeps each store apart', async () => {
    const one = stubStore(new Map([['a', 1]]));
    const two = stubStore(new Map([['a', 1]]));
    await historyOf(one.store, 'a');
    await historyOf(two.store, 'a');
    expect(one.reads).toEqual(['a']);
    expect(two.reads).toEqual(['a']);
  });
});
