// Histories from the store (DESIGN §5.1): a platform's current stored filings at the moment of judging,
// for checks and submissions (reused while the platform's filings have not changed) and for scans.

import { platformHistory, sortedArray, type HistoryRecord, type SortedHistory } from '../engine/history.js';
import type { HistorySource } from '../scan/history.js';
import type { Store } from '../store/types.js';

/**
 * A scan's history source backed by the store: each platform's records are read when its first filing
 * comes and kept for the rest of the scan (at most `maxPlatforms` at a time, the least recently used
 * dropped first), so a scan of one platform's thousand filings reads the store once, not a thousand times.
 */
export function storeHistory(store: Store, maxPlatforms = 64): HistorySource {
  const cache = new Map<string, Promise<SortedHistory>>();
  return {
    platform(platformId) {
      let hit = cache.get(platformId);
      if (hit) {
        cache.delete(platformId);
        cache.set(platformId, hit);
        return hit;
      }
      hit = store.historyRecords(platformId).then((records) => sortedArray(platformHistory(records)));
      cache.set(platformId, hit);
      if (cache.size > maxPlatforms) cache.delete(cache.keys().next().value!);
      return hit;
    },
  };
}

/** Cached records per store: a platform's records with the count of its stored filings they were read at. */
const caches = new WeakMap<Store, Map<string, { filings: number; records: HistoryRecord[] }>>();
/** Records kept across platforms, at most (about 200 bytes each). */
const MAX_CACHED_RECORDS = 200_000;

/**
 * A platform's history records for a check or a submission: its current stored filings at this
 * moment. Stored filings never change or go (a correction is a new one), so the number of filings
 * stored for the platform tells whether the records read before still hold: when it has not moved,
 * they are reused instead of reading and parsing every stored filing again. Correct across
 * instances, since the count is read from the store each time.
 */
export async function historyOf(store: Store, platformId: string): Promise<HistoryRecord[]> {
  const filings = (await store.listPlatforms([platformId]))[0]?.filings ?? 0;
  if (filings === 0) return [];
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const hit = cache.get(platformId);
  if (hit && hit.filings === filings) {
    cache.delete(platformId);
    cache.set(platformId, hit);
    return hit.records;
  }
  const records = await store.historyRecords(platformId);
  cache.delete(platformId);
  cache.set(platformId, { filings, records });
  let total = 0;
  for (const v of cache.values()) total += v.records.length;
  for (const [key, v] of cache) {
    if (total <= MAX_CACHED_RECORDS || key === platformId) break;
    cache.delete(key);
    total -= v.records.length;
  }
  return records;
}
