// Previewing a proposed change against stored filings: the latest of each platform (or all), judged with the
// rule set in force and with the proposal, a page at a time; nothing is published.

import { Judge } from '../engine/index.js';
import { previewChange, type PreviewResult } from '../engine/preview.js';
import type { Filing } from '../filing/types.js';
import type { HistoryRecord } from '../engine/history.js';
import { parseRuleSet } from '../rules/parse.js';
import type { Store } from '../store/types.js';
import { applyChange, type Change } from './proposal.js';
import type { EngineState } from './ruleset.js';
import { REGISTRIES } from '../engine/registries.js';

/** Filings judged per round: the store is read a page at a time, so memory stays flat. */
const CHUNK = 500;

/** A preview's answer: which filings were judged, and what the proposal changes. */
export type StoredPreview = { scope: 'latest' | 'all' } & PreviewResult;

/** Adds one round's preview into the running total. */
function merge(total: PreviewResult, part: PreviewResult): void {
  total.filings += part.filings;
  total.verdictChanges += part.verdictChanges;
  total.changes.push(...part.changes);
  for (const [rule, impact] of Object.entries(part.byRule)) {
    const t = (total.byRule[rule] ??= { appeared: 0, disappeared: 0, changed: 0 });
    t.appeared += impact.appeared;
    t.disappeared += impact.disappeared;
    t.changed += impact.changed;
  }
}

/**
 * Judges the latest filing of each platform (every stored filing with `all`) with `base` and with
 * `base` changed by `change` (lint problems throw as they would on publishing).
 */
export async function previewStored(
  deps: { store: Pick<Store, 'documents' | 'historyRecords'> },
  base: EngineState,
  change: Change,
  all = false,
): Promise<StoredPreview> {
  const proposed = new Judge(parseRuleSet(applyChange(base.ruleSet, change), REGISTRIES));
  const scope = all ? 'all' : 'latest';
  const total: PreviewResult = {
    current: base.version,
    proposed: proposed.ruleSet.version,
    filings: 0,
    verdictChanges: 0,
    changes: [],
    byRule: {},
  };
  let chunk: { filing: Filing; history: HistoryRecord[] }[] = [];
  // each filing is judged with its platform's current stored filings as history (DESIGN §5.1), read once per platform
  const histories = new Map<string, Promise<HistoryRecord[]>>();
  const judgeChunk = () => {
    merge(total, previewChange(base.judge, proposed, chunk));
    chunk = [];
  };
  for await (const doc of deps.store.documents(scope)) {
    let history = histories.get(doc.platformId);
    if (!history) {
      // a few platforms at a time, so memory stays flat however many the store holds
      if (histories.size >= 64) histories.delete(histories.keys().next().value!);
      history = deps.store.historyRecords(doc.platformId);
      histories.set(doc.platformId, history);
    }
    chunk.push({ filing: JSON.parse(doc.parsedJson) as Filing, history: await history });
    if (chunk.length >= CHUNK) judgeChunk();
  }
  judgeChunk();
  total.byRule = Object.fromEntries(Object.entries(total.byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { scope, ...total };
}
