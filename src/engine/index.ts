// The engine facade: a rule set compiled once, judging filings on the fast path or on json-rules-engine.

import type { Engine } from 'json-rules-engine';
import type { Filing } from '../filing/types.js';
import type { Outcome } from './report-model.js';
import type { RuleSet } from '../rules/types.js';
import { CompiledEpoch } from './compiled.js';
import { Epochs, type Epoch } from './epochs.js';
import { historyReason, historyWindowOf } from './facts/history.js';
import { FACTS, type Fact } from './facts/index.js';
import { digestHistory, digestSorted, emptyDigest, type HistoryDigest, type HistorySubject, type SortedHistory } from './history.js';
import { assembleOutcome } from './judge.js';
import type { JudgeOptions, RuleOutcome } from './outcome.js';
import { buildEngine, runReference } from './reference.js';
import { conditionLeaves } from '../rules/walk.js';

export type { JudgeOptions } from './outcome.js';
export type { HistoryDigest, HistoryRecord, HistorySubject, HistorySummary, HistoryWindow, SortedHistory } from './history.js';
export { historyRecord } from './history.js';

/**
 * A rule set ready to judge filings. Each epoch (span of days with the same rules and parameter
 * values) is compiled on first use, both into closures and into a json-rules-engine Engine.
 * Judging yields an Outcome (no text); src/report renders it in a language (`judgeReport`).
 * @example const judge = new Judge(loadRuleSet()); const outcome = judge.outcome(filing);
 */
export class Judge {
  private readonly epochs: Epochs;
  private readonly fast = new Map<number, CompiledEpoch>();
  private readonly engines = new Map<number, Engine>();

  constructor(
    readonly ruleSet: RuleSet,
    private readonly facts: ReadonlyMap<string, Fact> = FACTS,
  ) {
    this.epochs = new Epochs(ruleSet);
  }

  private epoch(filing: Filing): Epoch {
    return this.epochs.on(filing.period.end);
  }

  /**
   * The windows (days) the history rules in force on `asOf` ask for, each rule its own (HIST-002
   * `historyMemberWindowDays`, HIST-003 `historyShareWindowDays`, HIST-004 `spiralWindowDays`), each
   * day count once, ascending: what every digest for a filing ending on `asOf` must hold.
   */
  historyWindowsOn(asOf: string): readonly number[] {
    return windowsOf(this.epochs.on(asOf));
  }

  /**
   * The digest of a filing's history from its platform's sorted history (what a scan's index holds),
   * with the windows in force on its period.end: the same digest `judge` makes from the raw records.
   */
  digestSorted(subject: HistorySubject, sorted: SortedHistory): HistoryDigest {
    return digestSorted(sorted, subject, this.historyWindowsOn(subject.period.end));
  }

  private digestFor(filing: Filing, opts: JudgeOptions): HistoryDigest {
    if (opts.historyDigest) return opts.historyDigest;
    return opts.history && opts.history.length > 0
      ? digestHistory(filing, opts.history, this.historyWindowsOn(filing.period.end))
      : emptyDigest();
  }

  /** Judges on the compiled fast path (what production runs); `explain` falls back to the reference. */
  outcome(filing: Filing, opts: JudgeOptions = {}): Outcome {
    const epoch = this.epoch(filing);
    let compiled = this.fast.get(epoch.index);
    if (!compiled) {
      compiled = new CompiledEpoch(epoch, this.facts);
      this.fast.set(epoch.index, compiled);
    }
    const digest = this.digestFor(filing, opts);
    const outcomes = compiled.run(filing, digest);
    explainNotApplicable(epoch, outcomes, digest);
    notInSchema(epoch, outcomes, filing, this.facts);
    return assembleOutcome(this.ruleSet, filing, outcomes, digest.summary);
  }

  /** Judges with json-rules-engine itself: the definition of what a rule means, and the `--explain` trace. */
  async outcomeReference(filing: Filing, opts: JudgeOptions = {}): Promise<Outcome> {
    const epoch = this.epoch(filing);
    let engine = this.engines.get(epoch.index);
    if (!engine) {
      engine = buildEngine(epoch, this.facts);
      this.engines.set(epoch.index, engine);
    }
    const digest = this.digestFor(filing, opts);
    const outcomes = await runReference(engine, epoch, filing, { explain: opts.explain ?? false, history: digest });
    explainNotApplicable(epoch, outcomes, digest);
    notInSchema(epoch, outcomes, filing, this.facts);
    return assembleOutcome(this.ruleSet, filing, outcomes, digest.summary);
  }
}

/** The leaves of a condition tree in document order. */
const leaves = conditionLeaves;

/**
 * Gives a not-applicable outcome its reason code when a history fact of its `appliesWhen` explains it
 * (no earlier filing, none in the window): the first such leaf in document order decides. Both
 * evaluators share this, so their findings agree.
 */
function explainNotApplicable(epoch: Epoch, outcomes: Map<string, RuleOutcome>, digest: HistoryDigest): void {
  for (const b of epoch.rules) {
    if (!b.appliesWhen) continue;
    const o = outcomes.get(b.rule.id);
    if (!o || o.applies !== false || o.appliesFailure) continue;
    for (const leaf of leaves(b.appliesWhen)) {
      const code = historyReason(leaf.fact, leaf.params, digest);
      if (code) {
        o.reasonCode = code;
        break;
      }
    }
  }
}

// the history windows of each epoch's rules, worked out once per epoch
const windowsByEpoch = new WeakMap<Epoch, readonly number[]>();

/** The distinct windows the history conditions of an epoch's rules ask for (their params bound), ascending. */
function windowsOf(epoch: Epoch): readonly number[] {
  let windows = windowsByEpoch.get(epoch);
  if (!windows) {
    const days = new Set<number>();
    for (const b of epoch.rules)
      for (const leaf of [...leaves(b.appliesWhen), ...leaves(b.when)]) {
        const w = historyWindowOf(leaf.fact, leaf.params);
        if (w !== null) days.add(w);
      }
    windows = Object.freeze([...days].sort((a, b) => a - b));
    windowsByEpoch.set(epoch, windows);
  }
  return windows;
}

/**
 * DESIGN section 3: a rule that reads what only a later filing schema has (a fact declaring
 * `schemaVersion`) is not-applicable on an earlier filing, with the reason `not_in_schema`, whatever
 * its conditions gave. Both evaluators share this, so their findings agree.
 */
function notInSchema(epoch: Epoch, outcomes: Map<string, RuleOutcome>, filing: Filing, facts: ReadonlyMap<string, Fact>): void {
  const needs = schemaNeeds(epoch, facts);
  for (const b of epoch.rules) {
    if ((needs.get(b.rule.id) ?? 1) <= filing.schemaVersion) continue;
    const o = outcomes.get(b.rule.id);
    if (!o) continue;
    o.applies = false;
    o.when = false;
    o.failure = null;
    o.appliesFailure = null;
    delete o.evidence;
    o.reasonCode = 'not_in_schema';
  }
}

// the filing schema each rule of an epoch needs, worked out once per epoch (and facts registry)
const needsByEpoch = new WeakMap<Epoch, WeakMap<ReadonlyMap<string, Fact>, Map<string, number>>>();

function schemaNeeds(epoch: Epoch, facts: ReadonlyMap<string, Fact>): Map<string, number> {
  let byFacts = needsByEpoch.get(epoch);
  if (!byFacts) needsByEpoch.set(epoch, (byFacts = new WeakMap()));
  let needs = byFacts.get(facts);
  if (!needs) {
    needs = new Map();
    for (const b of epoch.rules) {
      const used = [...(b.appliesWhen ? leaves(b.appliesWhen) : []), ...leaves(b.when)];
      const version = Math.max(1, ...used.map((l) => facts.get(l.fact)?.schemaVersion ?? 1));
      if (version > 1) needs.set(b.rule.id, version);
    }
    byFacts.set(facts, needs);
  }
  return needs;
}
