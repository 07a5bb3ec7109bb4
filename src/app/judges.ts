// Judges by rule-set version, compiled once per process from the versions published in the store:
// what a queue worker needs to judge any scan's shards, whatever version it was asked with.

import { Judge } from '../engine/index.js';
import { parseRuleSet } from '../rules/parse.js';
import type { RuleSet } from '../rules/types.js';
import type { Store } from '../store/types.js';
import { REGISTRIES } from '../engine/registries.js';

/** A rule set ready to judge. */
export interface EngineAt {
  ruleSet: RuleSet;
  judge: Judge;
}

/** Compiled rule sets by version, the most recently used kept (a handful: versions change rarely). */
export class JudgeCache {
  private readonly cache = new Map<string, Promise<EngineAt | null>>();

  constructor(
    private readonly store: Store,
    private readonly keep = 8,
  ) {}

  /** Keeps an engine already compiled (the version that was in force until a publish). */
  remember(version: string, engine: EngineAt): void {
    this.cache.delete(version);
    this.cache.set(version, Promise.resolve(engine));
    this.trim();
  }

  private trim(): void {
    while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
  }

  /** The judge of a published version, or null when the store has no such version. */
  at(version: string): Promise<EngineAt | null> {
    let hit = this.cache.get(version);
    if (hit) {
      this.cache.delete(version);
      this.cache.set(version, hit);
      return hit;
    }
    hit = this.store.getRuleSet(version).then(
      (record) => {
        if (!record) {
          this.cache.delete(version);
          return null;
        }
        const ruleSet = parseRuleSet(record.sources, REGISTRIES);
        return { ruleSet, judge: new Judge(ruleSet) };
      },
      (e: unknown) => {
        // a failed read is not remembered: the next caller asks the store again
        this.cache.delete(version);
        throw e;
      },
    );
    this.cache.set(version, hit);
    this.trim();
    return hit;
  }
}
