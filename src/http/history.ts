// Histories over HTTP (DESIGN §5.1): a platform's current stored filings at the moment of judging,
// read from the store once per platform for the length of one scan.

import { platformHistory, sortedArray, type SortedHistory } from '../engine/history.js';
import type { HistorySource } from '../scan/index.js';
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
