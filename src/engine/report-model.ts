// The Report, version 1 (schemas/report.schema.json): one finding per rule, the verdict and the summary;
// the model of what the engine makes (the formats in src/report read it).

import type { Family, Lang, Severity } from '../rules/types.js';

export type Status = 'fail' | 'pass' | 'not-applicable' | 'advisory' | 'waived' | 'error';
export type Verdict = 'pass' | 'fail' | 'error';

/** One leaf or boolean node of a rule's condition tree as judged (`--explain`). */
export type ConditionTrace =
  | {
      fact: string;
      params?: Record<string, unknown>;
      path?: string;
      operator: string;
      value: unknown;
      factValue: unknown;
      /** Absent when the engine never evaluated the condition (a higher-priority one decided). */
      result?: boolean;
    }
  | { all: ConditionTrace[]; result?: boolean }
  | { any: ConditionTrace[]; result?: boolean }
  | { not: ConditionTrace; result?: boolean };

/** Why a finding is not applicable: a stable code, translated into `reason` in the report's language. */
export type ReasonCode = 'not_in_force' | 'nothing_to_judge' | 'no_earlier_filing' | 'no_earlier_filing_in_window' | 'ramp_up' | 'not_in_schema';
export const REASON_CODES: readonly ReasonCode[] = ['not_in_force', 'nothing_to_judge', 'no_earlier_filing', 'no_earlier_filing_in_window', 'ramp_up', 'not_in_schema'];

/** A parameter a rule used, the value in force on the report's as-of date and the day that value took effect. */
export interface ExplainParameter {
  name: string;
  value: unknown;
  from: string;
}
/** A text a text condition searched: as written and as normalised (DESIGN §4). */
export interface ExplainText {
  pointer: string;
  text: string;
  normalized: string;
}
/** `--explain`: json-rules-engine's result for every condition, the parameters used, the texts searched. */
export interface Explain {
  appliesWhen?: ConditionTrace;
  when?: ConditionTrace;
  parameters?: ExplainParameter[];
  texts?: ExplainText[];
}

/** A rule's citation in the report's language; the note goes with violations only. */
export interface ReportCitation {
  source: string;
  article?: string;
  note?: string;
  url?: string;
}

/** The judgement of one rule on one filing. */
export interface Finding {
  ruleId: string;
  status: Status;
  severity: Severity;
  family: Family;
  mode?: 'audit';
  title: string;
  /** fail, advisory, waived: what is wrong, with the offending values. */
  message?: string;
  remediation?: string;
  /** fail, advisory, waived: the values that made the rule fail, lists naming items by JSON pointer. */
  evidence?: Record<string, unknown>;
  citation: ReportCitation;
  /** not-applicable: why, as a stable code (REASON_CODES) … */
  reasonCode?: ReasonCode;
  /** … and in the report's language. */
  reason?: string;
  waiver?: { reason: string; reference: string; until: string };
  /** error: which fact failed and why. */
  error?: { code: 'eval_fact_error'; fact: string; message: string };
  explain?: Explain;
}

export interface Summary {
  failed: number;
  passed: number;
  notApplicable: number;
  advisory: number;
  waived: number;
  error: number;
  bySeverity: Record<Severity, number>;
}

export interface Report {
  filingId: string;
  platformId: string;
  asOf: string;
  lang: Lang;
  ruleset: { version: string; rules: number };
  /** The filing's history (DESIGN §5.1): null when it has none, else how many filings, from and through which dates. */
  history: { filings: number; from: string; through: string } | null;
  verdict: Verdict;
  summary: Summary;
  findings: Finding[];
}

/**
 * The judgement of one rule as the judge makes it: no text at all (DESIGN §6 revision 3). Its
 * words — title, message, remediation, citation, reason — are the rule set's, rendered for a
 * language by src/report; `evidence` holds every value the message needs.
 */
export interface FindingOutcome {
  ruleId: string;
  status: Status;
  severity: Severity;
  family: Family;
  mode?: 'audit';
  evidence?: Record<string, unknown>;
  reasonCode?: ReasonCode;
  waiver?: { reason: string; reference: string; until: string };
  error?: { code: 'eval_fact_error'; fact: string; message: string };
  explain?: Explain;
}

/**
 * A filing's judgement, language-neutral: what the store keeps, and what a report in any language is
 * rendered from (never judged again). The filing values a message may name are kept with it.
 */
export interface Outcome {
  filingId: string;
  platformId: string;
  /** The platform's name as filed: `{{platform}}` in messages. */
  platformName: string;
  asOf: string;
  ruleset: { version: string; rules: number };
  history: Report['history'];
  verdict: Verdict;
  summary: Summary;
  findings: FindingOutcome[];
}
