// First start: a store with no rule set gets the bundled pack (or the folder given) as version 1.

import { parseRuleSet } from '../rules/parse.js';
import type { RuleSetSources } from '../rules/types.js';
import type { RuleSetRecord, Store } from './types.js';
import { REGISTRIES } from '../engine/registries.js';

/**
 * Publishes `sources` as the first rule set when the store has none; returns it, or null when the
 * store was already seeded. Throws the rule set's lint problems when it does not load.
 */
export async function seedRuleSet(
  store: Store,
  sources: RuleSetSources,
  note = 'seeded with the bundled rule pack',
): Promise<RuleSetRecord | null> {
  if (await store.currentRuleSet()) return null;
  const ruleSet = parseRuleSet(sources, REGISTRIES);
  const outcome = await store.publishRuleSet({
    expected: null,
    version: ruleSet.version,
    sources: ruleSet.sources,
    rules: ruleSet.rules.length,
    author: 'system',
    note,
    action: 'seed',
    target: null,
  });
  // another process seeding the same file at the same moment: its seed stands
  return outcome.kind === 'published' ? outcome.record : null;
}
