// The rule set in force (DESIGN §10): read from the store where it is used, compiled once per version, swapped
// atomically on publish; and the engines of past versions for `?version=`. Shared by http, cli and queue.

import { Judge } from '../engine/index.js';
import { parseRuleSet } from '../rules/parse.js';
import type { RuleSet } from '../rules/types.js';
import type { RuleSetRecord, Store } from '../store/types.js';
import { JudgeCache } from './judges.js';
import { REGISTRIES } from '../engine/registries.js';

/** A rule set ready to judge, with its store label. */
export interface EngineState {
  readonly judge: Judge;
  readonly ruleSet: RuleSet;
  readonly version: string;
  readonly label: number;
}

/**
 * Holds the engine in force. Each request first `refresh`es it from the store (the version in force
 * is read where it is used, so a publish made on another instance holds for the next request here),
 * then takes `current` and uses that snapshot to the end: a publish never changes the rules under a
 * request in flight. Engines are cached per version, so a refresh that finds no change costs one query.
 */
export class Engines {
  private state: EngineState;
  private loading: Promise<EngineState> | null = null;
  /** Compiled engines of other published versions (for `?version=` and scan jobs), a handful kept. */
  readonly versions: JudgeCache;

  private constructor(
    private readonly store: Store,
    initial: EngineState,
  ) {
    this.state = initial;
    this.versions = new JudgeCache(store);
  }

  /** Loads the version in force from the store (which must be seeded). */
  static async load(store: Store): Promise<Engines> {
    const record = await store.currentRuleSet();
    if (!record) throw new Error('the store has no rule set: seed it first');
    return new Engines(store, Engines.state(record, parseRuleSet(record.sources, REGISTRIES)));
  }

  private static state(record: RuleSetRecord, ruleSet: RuleSet): EngineState {
    return { judge: new Judge(ruleSet), ruleSet, version: record.version, label: record.label };
  }

  /** The engine in force now. */
  get current(): EngineState {
    return this.state;
  }

  /**
   * Follows the store: when a later version is in force there (published here or on another
   * instance), compiles it (once, however many requests ask at the same moment) and installs it.
   */
  async refresh(): Promise<EngineState> {
    const head = await this.store.currentVersion();
    if (!head || head.label <= this.state.label) return this.state;
    this.loading ??= (async () => {
      try {
        const record = await this.store.getRuleSet(head.version);
        // a rollback republishes an earlier version under a new label: the record's label may be older, the head's is the one in force
        return record ? this.install({ ...record, label: Math.max(record.label, head.label) }, parseRuleSet(record.sources, REGISTRIES)) : this.state;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /**
   * Puts a just-published version in force, unless a later publication already is (two publishes
   * finishing out of order must not leave the older one in force).
   */
  install(record: RuleSetRecord, ruleSet: RuleSet): EngineState {
    if (record.label > this.state.label) {
      this.versions.remember(this.state.version, { ruleSet: this.state.ruleSet, judge: this.state.judge });
      this.state = Engines.state(record, ruleSet);
    }
    return this.state;
  }

  /** The engine of a published version (the one in force, a cached one, or rebuilt from the store), or null. */
  async at(version: string): Promise<Judge | null> {
    if (version === this.state.version) return this.state.judge;
    return (await this.versions.at(version))?.judge ?? null;
  }
}
