// Judging: rule outcomes → findings by the status precedence of DESIGN section 5 → the Outcome (no text: src/report renders it).

import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import { REASON_CODES, type Finding, type FindingOutcome, type Outcome, type ReasonCode, type Report, type Status, type Summary, type Verdict } from './report-model.js';
import type { Parameters, Rule, RuleSet, Waiver } from '../rules/types.js';
import { explainOf } from './explain.js';
import type { RuleOutcome } from './outcome.js';

/** The waiver covering this platform's filing for this rule on `asOf`, if any (judging never reads the clock). */
export function findWaiver(waivers: readonly Waiver[], platformId: string, ruleId: string, asOf: string): Waiver | undefined {
  const day = dayNumber(asOf);
  return waivers.find((w) => w.platform === platformId && w.rule === ruleId && dayNumber(w.from) <= day && day <= dayNumber(w.until));
}

/** The reason codes the judge gives not-applicable findings. */
const KNOWN_REASONS: ReadonlySet<string> = new Set(REASON_CODES);

/** The reason code of a not-applicable outcome: the evaluator's own, else "nothing to judge". */
function reasonOf(outcome: RuleOutcome): ReasonCode {
  const code = outcome.reasonCode;
  return code !== undefined && KNOWN_REASONS.has(code) ? code : 'nothing_to_judge';
}

/**
 * One rule's outcome on one filing, without a word of text. Precedence, first match wins: not in
 * force → not-applicable; a fact in appliesWhen failed → error; appliesWhen false → not-applicable;
 * a fact in `when` failed → error; `when` false → pass; audit mode → advisory; a waiver covers it →
 * waived; else fail. `parameters` (the rule set's) lets `--explain` name each parameter a rule used
 * and when its value took effect.
 */
export function toFindingOutcome(
  rule: Rule,
  outcome: RuleOutcome | undefined,
  filing: Filing,
  waivers: readonly Waiver[],
  parameters: Parameters = {},
): FindingOutcome {
  const make = (status: Status, rest: Partial<FindingOutcome> = {}): FindingOutcome => {
    const f: FindingOutcome = {
      ruleId: rule.id,
      status,
      severity: rule.severity,
      family: rule.family,
      ...(rule.mode === 'audit' ? { mode: 'audit' as const } : {}),
      ...rest,
    };
    if (outcome?.trace) f.explain = explainOf(rule, outcome.trace, filing, parameters);
    return f;
  };
  if (!outcome) return outcomeFree(rule, 'not_in_force');
  const failure = outcome.appliesFailure ?? (outcome.applies === false ? null : outcome.failure);
  if (failure) return make('error', { error: { code: 'eval_fact_error', fact: failure.factId, message: failure.message } });
  if (outcome.applies === false) {
    const reason = reasonOf(outcome);
    return outcome.trace ? make('not-applicable', { reasonCode: reason }) : outcomeFree(rule, reason);
  }
  if (!outcome.when) return outcome.trace ? make('pass') : outcomeFree(rule, 'pass');
  const evidence = outcome.evidence ?? {};
  if (rule.mode === 'audit') return make('advisory', { evidence });
  const waiver = findWaiver(waivers, filing.platform.id, rule.id, filing.period.end);
  if (waiver) return make('waived', { evidence, waiver: { reason: waiver.reason, reference: waiver.reference, until: waiver.until } });
  return make('fail', { evidence });
}

// Outcomes that depend only on the rule and the reason code (pass, not-applicable) are built once and
// shared, frozen, by every outcome: a bulk scan then allocates almost nothing for them, and the
// renderer keeps one rendering of each per language.
const shared = new WeakMap<Rule, Map<string, FindingOutcome>>();

function outcomeFree(rule: Rule, kind: 'pass' | ReasonCode): FindingOutcome {
  let byKind = shared.get(rule);
  if (!byKind) {
    byKind = new Map();
    shared.set(rule, byKind);
  }
  let f = byKind.get(kind);
  if (!f) {
    f = {
      ruleId: rule.id,
      status: kind === 'pass' ? 'pass' : 'not-applicable',
      severity: rule.severity,
      family: rule.family,
      ...(rule.mode === 'audit' ? { mode: 'audit' as const } : {}),
      ...(kind === 'pass' ? {} : { reasonCode: kind }),
    };
    deepFreeze(f);
    byKind.set(kind, f);
  }
  return f;
}

function deepFreeze(o: object): void {
  Object.freeze(o);
  for (const v of Object.values(o)) if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v as object);
}

/** Counts by status, and failures by severity. */
export function summarize(findings: readonly { status: Status; severity: Finding['severity'] }[]): Summary {
  const s: Summary = { failed: 0, passed: 0, notApplicable: 0, advisory: 0, waived: 0, error: 0, bySeverity: { critical: 0, major: 0, minor: 0, info: 0 } };
  for (const f of findings) {
    switch (f.status) {
      case 'fail':
        s.failed++;
        s.bySeverity[f.severity]++;
        break;
      case 'pass':
        s.passed++;
        break;
      case 'not-applicable':
        s.notApplicable++;
        break;
      case 'advisory':
        s.advisory++;
        break;
      case 'waived':
        s.waived++;
        break;
      case 'error':
        s.error++;
        break;
    }
  }
  return s;
}

/** `fail` when any finding fails, else `error` when any is error, else `pass`. */
export function verdictOf(summary: Summary): Verdict {
  return summary.failed > 0 ? 'fail' : summary.error > 0 ? 'error' : 'pass';
}

/** Assembles the outcome of a filing from the outcomes of the rules in force (absent ones are not in force). */
export function assembleOutcome(ruleSet: RuleSet, filing: Filing, outcomes: ReadonlyMap<string, RuleOutcome>, history: Report['history'] = null): Outcome {
  const findings = ruleSet.rules.map((r) => toFindingOutcome(r, outcomes.get(r.id), filing, ruleSet.waivers, ruleSet.parameters));
  const summary = summarize(findings);
  return {
    filingId: filing.filingId,
    platformId: filing.platform.id,
    platformName: filing.platform.name,
    asOf: filing.period.end,
    ruleset: { version: ruleSet.version, rules: ruleSet.rules.length },
    history,
    verdict: verdictOf(summary),
    summary,
    findings,
  };
}
