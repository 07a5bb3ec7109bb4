// The summary of an asynchronous scan: the sum of its shards' partial summaries, in the shape of a
// synchronous scan's summary line, so the two are equal but for the job's own fields.

import type { ScanSummary } from '../scan/index.js';
import { mergeWatchLatest, watchlistOf, type WatchLatest } from '../scan/summary.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function add(a: Json, b: Json): Json {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: { [k: string]: Json } = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = Object.hasOwn(out, k) ? add(out[k]!, v) : v;
    return out;
  }
  return a;
}

const sorted = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));

/**
 * Sums partial summaries (JSON texts); `empty` is the summary of a scan of nothing. The watchlist is
 * not summed but made again from every shard's latest filing of each platform (a platform larger than
 * a shard spans several; its latest decides).
 */
export function sumSummaries(parts: readonly string[], empty: ScanSummary): ScanSummary {
  const { watchlist: _none, ...rest } = empty;
  let total = JSON.parse(JSON.stringify(rest)) as Json;
  const latest: WatchLatest = {};
  for (const p of parts) {
    const { watchlist: _entries, watchLatest, ...counts } = JSON.parse(p) as ScanSummary & { watchLatest?: WatchLatest };
    total = add(total, counts as unknown as Json);
    if (watchLatest) mergeWatchLatest(latest, watchLatest);
  }
  const s = total as unknown as ScanSummary;
  return { ...s, byPlatform: sorted(s.byPlatform), byRule: sorted(s.byRule), watchlist: watchlistOf(latest) };
}
