// What an evaluator (json-rules-engine, or the compiled fast path) tells the judge about one rule.

import type { ConditionTrace } from '../report/types.js';
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
}

/** Options for judging. */
export interface JudgeOptions {
  lang?: 'en' | 'zh';
  explain?: boolean;
}
