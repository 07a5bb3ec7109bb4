// Rendering: a language-neutral Outcome and the rule set's texts → the Report in one language (DESIGN §6 revision 3).

import type { Filing } from '../filing/types.js';
import type { Judge, JudgeOptions } from '../engine/index.js';
import type { Finding, FindingOutcome, Outcome, ReasonCode, Report, ReportCitation } from '../engine/report-model.js';
import type { Lang, Rule, RuleSet, Text } from '../rules/types.js';
import { renderMessage } from './message.js';

/** Why a finding is not applicable, in each report language (the code is stable, the words are for people). */
export const REASONS: Readonly<Record<ReasonCode, Text>> = {
  not_in_force: { en: 'not in force', zh: '不在生效期内' },
  nothing_to_judge: { en: 'nothing to judge', zh: '无可判定事项' },
  no_earlier_filing: { en: 'no earlier filing', zh: '无更早的报送' },
  no_earlier_filing_in_window: { en: 'no earlier filing in the window', zh: '窗口期内无更早的报送' },
  ramp_up: {
    en: "ramp-up: the platform's history is shorter than the guard, its share not yet comparable",
    zh: '起步期：平台报送历史短于观察期，人均分摊尚不具可比性',
  },
  not_in_schema: { en: "not in this filing's schema", zh: '本报送的版本无此字段' },
};

/** The words of an error finding: which fact could not be computed. */
function errorMessage(error: NonNullable<FindingOutcome['error']>, lang: Lang): string {
  return lang === 'zh' ? `无法判定：事实 ${error.fact} 计算失败` : `Could not be judged: fact ${error.fact} failed: ${error.message}`;
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

/** The rules of a rule set by id, worked out once per rule set. */
const byId = new WeakMap<RuleSet, Map<string, Rule>>();
function rulesOf(ruleSet: RuleSet): Map<string, Rule> {
  let m = byId.get(ruleSet);
  if (!m) {
    m = new Map(ruleSet.rules.map((r) => [r.id, r]));
    byId.set(ruleSet, m);
  }
  return m;
}

// A frozen, shared finding outcome (pass, not-applicable) renders to a frozen, shared finding per
// rule and language: a bulk scan renders each once.
const sharedRenderings = new WeakMap<FindingOutcome, Map<string, Finding>>();

/** The values a message may name besides its evidence: the filing's, as the outcome keeps them. */
function messageFiling(outcome: Outcome): Filing {
  return { filingId: outcome.filingId, platform: { id: outcome.platformId, name: outcome.platformName }, period: { end: outcome.asOf } } as unknown as Filing;
}

/** One finding in `lang`: the outcome's values with the rule's words. */
export function renderFinding(rule: Rule, f: FindingOutcome, outcome: Outcome, lang: Lang): Finding {
  const frozen = Object.isFrozen(f);
  if (frozen) {
    const hit = sharedRenderings.get(f)?.get(lang);
    if (hit) return hit;
  }
  const violation = f.status === 'fail' || f.status === 'advisory' || f.status === 'waived';
  const out: Finding = {
    ruleId: f.ruleId,
    status: f.status,
    severity: f.severity,
    family: f.family,
    ...(f.mode ? { mode: f.mode } : {}),
    title: rule.title[lang],
    ...(f.error ? { message: errorMessage(f.error, lang), error: f.error } : {}),
    ...(violation
      ? { message: renderMessage(rule.message[lang], f.evidence ?? {}, messageFiling(outcome), lang), remediation: rule.remediation[lang], evidence: f.evidence ?? {} }
      : {}),
    ...(f.waiver ? { waiver: f.waiver } : {}),
    citation: citationOf(rule, lang, f.status !== 'pass' && f.status !== 'not-applicable'),
    ...(f.reasonCode ? { reasonCode: f.reasonCode, reason: REASONS[f.reasonCode][lang] } : {}),
    ...(f.explain ? { explain: f.explain } : {}),
  };
  if (frozen) {
    Object.freeze(out);
    let m = sharedRenderings.get(f);
    if (!m) sharedRenderings.set(f, (m = new Map()));
    m.set(lang, out);
  }
  return out;
}

/** A finding as a bulk scan line shows it (DESIGN §7 revision 3): without the rule's own words — title, citation, remediation — which the scan's ruleset line holds. */
export type ScanFinding = Omit<Finding, 'title' | 'citation' | 'remediation'>;

/** What a bulk scan line shows of an outcome: the findings that are not pass or not-applicable, and the ids of the others in rule order. */
export interface ShownFindings {
  findings: ScanFinding[];
  passed: string[];
  notApplicable: string[];
}

/**
 * One finding as a bulk scan line shows it: renderFinding's finding without title, citation and
 * remediation, its keys in the same order (test/report/scan-line.test.ts holds the two equal).
 */
export function renderScanFinding(f: FindingOutcome, rule: Rule, outcome: Outcome, lang: Lang): ScanFinding {
  const out: ScanFinding = { ruleId: f.ruleId, status: f.status, severity: f.severity, family: f.family };
  if (f.mode) out.mode = f.mode;
  if (f.error) {
    out.message = errorMessage(f.error, lang);
    out.error = f.error;
  }
  if (f.status === 'fail' || f.status === 'advisory' || f.status === 'waived') {
    out.message = renderMessage(rule.message[lang], f.evidence ?? {}, messageFiling(outcome), lang);
    out.evidence = f.evidence ?? {};
  }
  if (f.waiver) out.waiver = f.waiver;
  if (f.reasonCode) {
    out.reasonCode = f.reasonCode;
    out.reason = REASONS[f.reasonCode][lang];
  }
  if (f.explain) out.explain = f.explain;
  return out;
}

/**
 * Renders only what a bulk scan line shows (DESIGN §6, §7 revision 3): the findings that are not
 * pass or not-applicable, in `lang`; a passing or not-applicable rule is named by its id and no text
 * is made for it.
 * @example renderShown(judge.outcome(filing), judge.ruleSet, 'en').passed // ['DISC-001', …]
 */
export function renderShown(outcome: Outcome, ruleSet: RuleSet, lang: Lang): ShownFindings {
  const shown: ShownFindings = { findings: [], passed: [], notApplicable: [] };
  const rules = ruleSet.rules;
  outcome.findings.forEach((f, i) => {
    if (f.status === 'pass') shown.passed.push(f.ruleId);
    else if (f.status === 'not-applicable') shown.notApplicable.push(f.ruleId);
    else {
      // an outcome's findings are in its rule set's order: the rule is found by place, else by id
      const rule = rules[i]?.id === f.ruleId ? rules[i] : rulesOf(ruleSet).get(f.ruleId);
      if (!rule) throw new Error(`rule ${f.ruleId} of the outcome is not in rule set ${ruleSet.version}`);
      shown.findings.push(renderScanFinding(f, rule, outcome, lang));
    }
  });
  return shown;
}

/**
 * A report in `lang` from an outcome and the rule set that judged it (the same version: a stored
 * outcome is rendered with the texts of the version that produced it). Rendering never judges.
 * @example renderReport(judge.outcome(filing), judge.ruleSet, 'zh').findings[0].title
 */
export function renderReport(outcome: Outcome, ruleSet: RuleSet, lang: Lang): Report {
  const rules = rulesOf(ruleSet);
  return {
    filingId: outcome.filingId,
    platformId: outcome.platformId,
    asOf: outcome.asOf,
    lang,
    ruleset: outcome.ruleset,
    history: outcome.history,
    verdict: outcome.verdict,
    summary: outcome.summary,
    findings: outcome.findings.map((f) => {
      const rule = rules.get(f.ruleId);
      if (!rule) throw new Error(`rule ${f.ruleId} of the outcome is not in rule set ${ruleSet.version}`);
      return renderFinding(rule, f, outcome, lang);
    }),
  };
}

/** Judges on the fast path and renders the report in `opts.lang` (English by default). */
export function judgeReport(judge: Judge, filing: Filing, opts: JudgeOptions = {}): Report {
  return renderReport(judge.outcome(filing, opts), judge.ruleSet, opts.lang ?? 'en');
}

/** Judges with json-rules-engine (the reference, and `--explain`) and renders the report. */
export async function judgeReferenceReport(judge: Judge, filing: Filing, opts: JudgeOptions = {}): Promise<Report> {
  return renderReport(await judge.outcomeReference(filing, opts), judge.ruleSet, opts.lang ?? 'en');
}

/**
 * The outcome a stored report (of any language, written before outcomes were stored) holds: its
 * statuses, evidence, reason codes, waivers and errors are language-neutral already; only its words
 * are dropped. `platformName` comes from the stored filing.
 */
export function outcomeOfReport(report: Report, platformName: string): Outcome {
  return {
    filingId: report.filingId,
    platformId: report.platformId,
    platformName,
    asOf: report.asOf,
    ruleset: report.ruleset,
    history: report.history,
    verdict: report.verdict,
    summary: report.summary,
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      status: f.status,
      severity: f.severity,
      family: f.family,
      ...(f.mode ? { mode: f.mode } : {}),
      ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
      ...(f.reasonCode ? { reasonCode: f.reasonCode } : {}),
      ...(f.waiver ? { waiver: f.waiver } : {}),
      ...(f.error ? { error: f.error } : {}),
      ...(f.explain ? { explain: f.explain } : {}),
    })),
  };
}
