// Previewing a proposed change against stored filings: the latest of each platform (or all), judged with the
// rule set in force and with the proposal, a page at a time; nothing is published.

import { Judge } from '../engine/index.js';
import { previewOne, ruleSetChanges, sortByRule, type PreviewResult } from '../engine/preview.js';
import type { Filing } from '../filing/types.js';
import type { HistoryRecord } from '../engine/history.js';
import { parseRuleSet } from '../rules/parse.js';
import { Slicer, yieldToLoop } from '../scan/slice.js';
import type { Store } from '../store/types.js';
import { applyChange, type Change } from './proposal.js';
import type { EngineState } from './ruleset.js';
import { REGISTRIES } from '../engine/registries.js';

/** A preview's answer: which filings were judged, and what the proposal changes. */
export type StoredPreview = { scope: 'latest' | 'all' } & PreviewResult;

/**
 * Judges the latest filing of each platform (every stored filing with `all`) with `base` and with
 * `base` changed by `change` (lint problems throw as they would on publishing). The store is read a
 * page at a time, so memory stays flat, and the judging is cut into slices (src/scan/slice.ts), so a
 * preview of every stored filing never holds the event loop.
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
    // what the proposal changes in the rules and parameters, as `compliance rules preview` prints it
    ruleSet: ruleSetChanges(base.ruleSet, proposed.ruleSet),
    filings: 0,
    verdictChanges: 0,
    changes: [],
    byRule: {},
  };
  // each filing is judged with its platform's current stored filings as history (DESIGN §5.1), read once per platform
  const histories = new Map<string, Promise<HistoryRecord[]>>();
  // the proposal's parse and lint were one slice; the judging starts in the next
  await yieldToLoop();
  const slicer = new Slicer();
  for await (const doc of deps.store.documents(scope)) {
    let history = histories.get(doc.platformId);
    if (!history) {
      // a few platforms at a time, so memory stays flat however many the store holds
      if (histories.size >= 64) histories.delete(histories.keys().next().value!);
      history = deps.store.historyRecords(doc.platformId);
      histories.set(doc.platformId, history);
    }
    previewOne(total, base.judge, proposed, {
      filing: JSON.parse(doc.parsedJson) as Filing,
      history: await history,
    });
    await slicer.pause();
  }
  total.byRule = sortByRule(total.byRule);
  return { scope, ...total };
}
