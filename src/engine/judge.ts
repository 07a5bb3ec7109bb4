// Judging: rule outcomes → findings by the status precedence of DESIGN section 5 → the Report.

import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import type { Finding, ReasonCode, Report, ReportCitation, Status, Summary, Verdict } from './report-model.js';
import type { Lang, Parameters, Rule, RuleSet, Text, Waiver } from '../rules/types.js';
import { explainOf } from './explain.js';
import { renderMessage } from './message.js';
import type { RuleOutcome } from './outcome.js';

/** The waiver covering this platform's filing for this rule on `asOf`, if any (judging never reads the clock). */
export function findWaiver(waivers: readonly Waiver[], platformId: string, ruleId: string, asOf: string): Waiver | undefined {
  const day = dayNumber(asOf);
  return waivers.find((w) => w.platform === platformId && w.rule === ruleId && dayNumber(w.from) <= day && day <= dayNumber(w.until));
}

/** Why a finding is not applicable, in each report language (the code is stable, the words are for people). */
export const REASONS: Readonly<Record<ReasonCode, Text>> = {
  not_in_force: { en: 'not in force', zh: '不在生效期内' },
  nothing_to_judge: { en: 'nothing to judge', zh: '无可判定事项' },
  no_earlier_filing: { en: 'no earlier filing', zh: '无更早的报送' },
  no_earlier_filing_in_window: { en: 'no earlier filing in the window', zh: '窗口期内无更早的报送' },
  not_in_schema: { en: "not in this filing's schema", zh: '本报送的版本无此字段' },
};

/** The reason code of a not-applicable outcome: the evaluator's own, else "nothing to judge". */
function reasonOf(outcome: RuleOutcome): ReasonCode {
  const code = outcome.reasonCode;
  return code !== undefined && Object.hasOwn(REASONS, code) ? code : 'nothing_to_judge';
}

/**
 * One finding from one rule's outcome. Precedence, first match wins: not in force → not-applicable;
 * a fact in appliesWhen failed → error; appliesWhen false → not-applicable; a fact in `when` failed →
 * error; `when` false → pass; audit mode → advisory; a waiver covers it → waived; else fail.
 * `parameters` (the rule set's) lets `--explain` name each parameter a rule used and when its value took effect.
 */
export function toFinding(
  rule: Rule,
  outcome: RuleOutcome | undefined,
  filing: Filing,
  waivers: readonly Waiver[],
  lang: Lang,
  parameters: Parameters = {},
): Finding {
  const make = (status: Status, rest: Partial<Finding> = {}, reason?: ReasonCode): Finding => {
    const f: Finding = {
      ruleId: rule.id,
      status,
      severity: rule.severity,
      family: rule.family,
      ...(rule.mode === 'audit' ? { mode: 'audit' as const } : {}),
      title: rule.title[lang],
      ...rest,
      citation: citationOf(rule, lang, status !== 'pass' && status !== 'not-applicable'),
      ...(reason ? { reasonCode: reason, reason: REASONS[reason][lang] } : {}),
    };
    if (outcome?.trace) f.explain = explainOf(rule, outcome.trace, filing, parameters);
    return f;
  };
  if (!outcome) return outcomeFree(rule, lang, 'not_in_force');
  const failure = outcome.appliesFailure ?? (outcome.applies === false ? null : outcome.failure);
  if (failure) {
    return make('error', {
      message: lang === 'zh' ? `无法判定：事实 ${failure.factId} 计算失败` : `Could not be judged: fact ${failure.factId} failed: ${failure.message}`,
      error: { code: 'eval_fact_error', fact: failure.factId, message: failure.message },
    });
  }
  if (outcome.applies === false) {
    const reason = reasonOf(outcome);
    return outcome.trace ? make('not-applicable', {}, reason) : outcomeFree(rule, lang, reason);
  }
  if (!outcome.when) return outcome.trace ? make('pass') : outcomeFree(rule, lang, 'pass');
  const evidence = outcome.evidence ?? {};
  const violation = {
    message: renderMessage(rule.message[lang], evidence, filing, lang),
    remediation: rule.remediation[lang],
    evidence,
  };
  if (rule.mode === 'audit') return make('advisory', violation);
  const waiver = findWaiver(waivers, filing.platform.id, rule.id, filing.period.end);
  if (waiver) return make('waived', { ...violation, waiver: { reason: waiver.reason, reference: waiver.reference, until: waiver.until } });
  return make('fail', violation);
}

// Findings that depend only on the rule, the language and the reason code (pass, not-applicable) are
// built once and shared, frozen, by every report: a bulk scan then allocates almost nothing for them.
const shared = new WeakMap<Rule, Map<string, Finding>>();

function outcomeFree(rule: Rule, lang: Lang, kind: 'pass' | ReasonCode): Finding {
  let byKey = shared.get(rule);
  if (!byKey) {
    byKey = new Map();
    shared.set(rule, byKey);
  }
  const key = `${lang}\u0000${kind}`;
  let f = byKey.get(key);
  if (!f) {
    f = {
      ruleId: rule.id,
      status: kind === 'pass' ? 'pass' : 'not-applicable',
      severity: rule.severity,
      family: rule.family,
      ...(rule.mode === 'audit' ? { mode: 'audit' as const } : {}),
      title: rule.title[lang],
      // the note explaining the basis goes with violations; passing findings name the source only
      citation: citationOf(rule, lang, false),
      ...(kind === 'pass' ? {} : { reasonCode: kind, reason: REASONS[kind][lang] }),
    };
    deepFreeze(f);
    byKey.set(key, f);
  }
  return f;
}

// A rule's citation in one language, built once per rule, language and shape and shared, frozen, by
// every finding (the JSON writer then serialises it once).
const citations = new WeakMap<Rule, Map<string, ReportCitation>>();

/** The citation of `rule` in `lang`, with its note when `withNote` (violations carry the note). */
export function citationOf(rule: Rule, lang: Lang, withNote: boolean): ReportCitation {
  let byKey = citations.get(rule);
  if (!byKey) {
    byKey = new Map();
    citations.set(rule, byKey);
  }
  const key = `${lang}\u0000${withNote ? 'note' : ''}`;
  let c = byKey.get(key);
  if (!c) {
    const src = rule.citation;
    c = Object.freeze({
      source: src.source[lang],
      ...(src.article ? { article: src.article[lang] } : {}),
      ...(withNote && src.note ? { note: src.note[lang] } : {}),
      ...(src.url ? { url: src.url } : {}),
    });
    byKey.set(key, c);
  }
  return c;
}

function deepFreeze(o: object): void {
  Object.freeze(o);
  for (const v of Object.values(o)) if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v as object);
}

/** Counts by status, and failures by severity. */
export function summarize(findings: readonly Finding[]): Summary {
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

/** Assembles the report of a filing from the outcomes of the rules in force (absent ones are not in force). */
export function assembleReport(ruleSet: RuleSet, filing: Filing, outcomes: ReadonlyMap<string, RuleOutcome>, lang: Lang, history: Report['history'] = null): Report {
  const findings = ruleSet.rules.map((r) => toFinding(r, outcomes.get(r.id), filing, ruleSet.waivers, lang, ruleSet.parameters));
  const summary = summarize(findings);
  return {
    filingId: filing.filingId,
    platformId: filing.platform.id,
    asOf: filing.period.end,
    lang,
    ruleset: { version: ruleSet.version, rules: ruleSet.rules.length },
    history,
    verdict: verdictOf(summary),
    summary,
    findings,
  };
}
