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

/**
 * What a compiled rule set is taken to weigh: its source texts times this factor (a compiled judge
 * holds the parsed documents, the json-rules-engine rules and the compiled schema each rule needs;
 * measured on the bundled pack after judging a filing: about 3 times its source text, 290 KB).
 */
const WEIGHT_PER_SOURCE_BYTE = 4;
/** Compiled rule sets kept, by their weight: 64 MiB, some 170 versions of the bundled pack. */
export const JUDGE_CACHE_BYTES = 64 * 1024 * 1024;

/** The weight of a compiled rule set in the cache (see WEIGHT_PER_SOURCE_BYTE). */
export function judgeWeight(ruleSet: RuleSet): number {
  const { rules, parameters, waivers, extra } = ruleSet.sources;
  let bytes = 0;
  for (const f of [...rules, ...extra, ...(parameters ? [parameters] : []), ...(waivers ? [waivers] : [])]) bytes += f.text.length;
  return Math.max(1, bytes * WEIGHT_PER_SOURCE_BYTE);
}

/**
 * Compiled rule sets by version, the most recently used kept within a budget of bytes, not of
 * entries: a client cycling `?version=` through every past version (ten, twenty) finds each one
 * compiled, where a cache of a handful would rebuild an engine on every request (DESIGN §8), and
 * the heap stays bounded however many versions are published.
 */
export class JudgeCache {
  private readonly cache = new Map<string, Promise<EngineAt | null>>();
  private readonly weights = new Map<string, number>();
  private weight = 0;

  constructor(
    private readonly store: Store,
    private readonly budget = JUDGE_CACHE_BYTES,
  ) {}

  /** Keeps an engine already compiled (the version that was in force until a publish). */
  remember(version: string, engine: EngineAt): void {
    this.forget(version);
    this.cache.set(version, Promise.resolve(engine));
    this.weigh(version, engine);
  }

  /** How many compiled versions are kept (for tests and metrics). */
  get size(): number {
    return this.cache.size;
  }

  private forget(version: string): void {
    this.cache.delete(version);
    this.weight -= this.weights.get(version) ?? 0;
    this.weights.delete(version);
  }

  private weigh(version: string, engine: EngineAt | null): void {
    if (!engine || this.cache.get(version) === undefined) return;
    const w = judgeWeight(engine.ruleSet);
    this.weight += w - (this.weights.get(version) ?? 0);
    this.weights.set(version, w);
    // the least recently used go first; the one just added stays even when it alone is over budget
    for (const key of this.cache.keys()) {
      if (this.weight <= this.budget || key === version) break;
      this.forget(key);
    }
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
        const engine = { ruleSet, judge: new Judge(ruleSet) };
        this.weigh(version, engine);
        return engine;
      },
      (e: unknown) => {
        // a failed read is not remembered: the next caller asks the store again
        this.cache.delete(version);
        throw e;
      },
    );
    this.cache.set(version, hit);
    return hit;
  }
}
