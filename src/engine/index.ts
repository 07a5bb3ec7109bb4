// The engine facade: a rule set compiled once, judging filings on the fast path or on json-rules-engine.

import type { Engine } from 'json-rules-engine';
import type { Filing } from '../filing/types.js';
import type { Report } from '../report/types.js';
import type { RuleSet } from '../rules/types.js';
import { CompiledEpoch } from './compiled.js';
import { Epochs, type Epoch } from './epochs.js';
import { FACTS, type Fact } from './facts/index.js';
import { assembleReport } from './judge.js';
import type { JudgeOptions } from './outcome.js';
import { buildEngine, runReference } from './reference.js';

export type { JudgeOptions } from './outcome.js';

/**
 * A rule set ready to judge filings. Each epoch (span of days with the same rules and parameter
 * values) is compiled on first use, both into closures and into a json-rules-engine Engine.
 * @example const judge = new Judge(loadRuleSet()); const report = judge.judge(filing, { lang: 'zh' });
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

  /** Judges on the compiled fast path (what production runs); `explain` falls back to the reference. */
  judge(filing: Filing, opts: JudgeOptions = {}): Report {
    const epoch = this.epoch(filing);
    let compiled = this.fast.get(epoch.index);
    if (!compiled) {
      compiled = new CompiledEpoch(epoch, this.facts);
      this.fast.set(epoch.index, compiled);
    }
    return assembleReport(this.ruleSet, filing, compiled.run(filing), opts.lang ?? 'en');
  }

  /** Judges with json-rules-engine itself: the definition of what a rule means, and the `--explain` trace. */
  async judgeReference(filing: Filing, opts: JudgeOptions = {}): Promise<Report> {
    const epoch = this.epoch(filing);
    let engine = this.engines.get(epoch.index);
    if (!engine) {
      engine = buildEngine(epoch, this.facts);
      this.engines.set(epoch.index, engine);
    }
    const outcomes = await runReference(engine, epoch, filing, { explain: opts.explain ?? false });
    return assembleReport(this.ruleSet, filing, outcomes, opts.lang ?? 'en');
  }
}
