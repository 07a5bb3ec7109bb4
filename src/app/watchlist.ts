// The watchlist from the store (DESIGN §5.1, §8): each platform's latest current filing (as of a date, when
// asked) judged with its history by the rule set in force; the platforms it puts on the early-warning list.

import { historyRecord, platformHistory, sortedArray } from '../engine/history.js';
import type { Judge } from '../engine/index.js';
import { compareWatchEntries, trendOf, watchEntry, type WatchEntry } from '../engine/watchlist.js';
import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import { Slicer } from '../scan/slice.js';
import type { Store } from '../store/types.js';

export type { WatchEntry, WatchTrend } from '../engine/watchlist.js';

/**
 * The watchlist as of `asOf` (default: every platform's latest current filing), judged by `judge` (the
 * rule set in force). Each platform's latest current filing whose period.end is on or before `asOf` is
 * judged with the history it had then: the filings that start before it. The work is cut into slices,
 * so a store of thousands of platforms does not hold the event loop (DESIGN §8).
 */
export async function watchlist(deps: { store: Store; judge: Judge }, req: { asOf?: string | null } = {}): Promise<WatchEntry[]> {
  const asOf = req.asOf ? dayNumber(req.asOf) : Infinity;
  const slicer = new Slicer();
  const out: WatchEntry[] = [];
  for (const p of await deps.store.listPlatforms()) {
    const records = platformHistory(await deps.store.historyRecords(p.platformId));
    let latest = -1;
    for (let i = 0; i < records.length; i++) if (dayNumber(records[i]!.period.end) <= asOf) latest = i;
    if (latest < 0) continue;
    const stored = await deps.store.getFiling(p.platformId, records[latest]!.filingId);
    if (!stored) continue;
    const filing = JSON.parse(stored.parsedJson) as Filing;
    // the digest the judge judges it with, so the trend is the figures its rules compared
    const digest = deps.judge.digestSorted({ filingId: filing.filingId, period: filing.period, supersedes: filing.supersedes ?? null }, sortedArray(records));
    const outcome = deps.judge.outcome(filing, { historyDigest: digest });
    const entry = watchEntry(outcome, trendOf(historyRecord(filing), digest, deps.judge.ruleSet.parameters));
    if (entry) out.push(entry);
    await slicer.pause();
  }
  return out.sort(compareWatchEntries);
}
