// What an evaluator (json-rules-engine, or the compiled fast path) tells the judge about one rule.

import type { ConditionTrace, ReasonCode } from './report-model.js';
import type { HistoryDigest, HistoryRecord } from './history.js';
import type { FactFailure } from './path.js';

/** The raw result of evaluating one rule's conditions on one filing. */
export interface RuleOutcome {
  /** null when the rule has no appliesWhen. */
  applies: boolean | null;
  when: boolean;
  /** The first fact that failed among the evaluated conditions, if any. */
  failure: FactFailure | null;
  /** Failure inside appliesWhen (it decides before `when` does). */
  appliesFailure: FactFailure | null;
  /** Evidence from the evaluated `when` leaves; filled when the rule fails or is asked to explain. */
  evidence?: Record<string, unknown>;
  trace?: { appliesWhen?: ConditionTrace; when?: ConditionTrace };
  /**
   * When `applies` is false for a reason more specific than `nothing_to_judge` (`no_earlier_filing`,
   * `no_earlier_filing_in_window`, `ramp_up`, `not_in_schema`): the judge puts it in the finding with its translation.
   */
  reasonCode?: ReasonCode;
}

/** Options for judging. */
export interface JudgeOptions {
  /** The language to render in: read by src/report's `judgeReport`, never by the judge. */
  lang?: 'en' | 'zh';
  explain?: boolean;
  /**
   * The filing's history (DESIGN §5.1): light records of its platform's other valid filings, gathered by
   * the adapter; the engine keeps those of the filing's platform that start before it starts, and leaves
   * out superseded ones. Absent or empty: no history.
   */
  history?: readonly HistoryRecord[];
  /** The same history already digested by `Judge.digestSorted` (scans hand this to workers instead of the records). */
  historyDigest?: HistoryDigest;
}
