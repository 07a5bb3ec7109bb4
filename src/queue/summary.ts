// The summary of an asynchronous scan: the sum of its shards' partial summaries, in the shape of a
// synchronous scan's summary line, so the two are equal but for the job's own fields.

import type { ScanSummary } from '../scan/index.js';

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

/** Sums partial summaries (JSON texts); `empty` is the summary of a scan of nothing. */
export function sumSummaries(parts: readonly string[], empty: ScanSummary): ScanSummary {
  let total = JSON.parse(JSON.stringify(empty)) as Json;
  for (const p of parts) total = add(total, JSON.parse(p) as Json);
  const s = total as unknown as ScanSummary;
  return { ...s, byPlatform: sorted(s.byPlatform), byRule: sorted(s.byRule) };
}
