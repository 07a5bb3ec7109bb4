// The bulk scan line (DESIGN §7 revision 3): a `ruleset` line with each rule's words once, then per
// filing its report with only the findings that are not pass or not-applicable, the rest by id.

import type { Outcome, Report, ReportCitation, Status, Verdict } from '../engine/report-model.js';
import type { Family, Lang, RuleSet, Severity } from '../rules/types.js';
import { citationOf, renderShown, type ScanFinding } from './render.js';

/** What each filing's line of a scan is: the bulk scan line, the whole report, or none (only the summary counts). */
export type ScanLines = 'scan' | 'full' | 'none';

/** One rule as the ruleset line names it: the words a scan line's findings leave out. */
export interface RulesetRule {
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  mode: 'enforce' | 'audit';
  /** As a finding that is not pass or not-applicable carries it (with its note). */
  citation: ReportCitation;
  /** What a failed, advisory or waived finding of the rule carries as its `remediation`. */
  remediation: string;
}

/** The first line of a bulk scan: the rule set's version and each rule's words in `lang`, in rule order. */
export interface RulesetLine {
  type: 'ruleset';
  version: string;
  lang: Lang;
  rules: RulesetRule[];
}

/**
 * One filing's bulk scan line: its report with only the findings that are not pass or not-applicable
 * (without title, citation and remediation) and the ids of the others in rule order.
 */
export interface ScanLine extends Omit<Report, 'findings'> {
  findings: ScanFinding[];
  passed: string[];
  notApplicable: string[];
}

/** The ruleset line of a scan with `ruleSet` in `lang`. */
export function rulesetLine(ruleSet: RuleSet, lang: Lang): RulesetLine {
  return {
    type: 'ruleset',
    version: ruleSet.version,
    lang,
    rules: ruleSet.rules.map((r) => ({
      id: r.id,
      title: r.title[lang],
      family: r.family,
      severity: r.severity,
      mode: r.mode,
      citation: citationOf(r, lang, true),
      remediation: r.remediation[lang],
    })),
  };
}

// the ruleset line's text, made once per rule set and language
const rulesetTexts = new WeakMap<RuleSet, Map<Lang, string>>();

/** The ruleset line as text, ending in a newline. */
export function formatRulesetLine(ruleSet: RuleSet, lang: Lang): string {
  let byLang = rulesetTexts.get(ruleSet);
  if (!byLang) rulesetTexts.set(ruleSet, (byLang = new Map()));
  let text = byLang.get(lang);
  if (text === undefined) {
    text = JSON.stringify(rulesetLine(ruleSet, lang)) + '\n';
    byLang.set(lang, text);
  }
  return text;
}

/**
 * A filing's bulk scan line from its outcome: text is rendered only for the findings it shows.
 * @example JSON.stringify(renderScanLine(judge.outcome(filing), judge.ruleSet, 'zh'))
 */
export function renderScanLine(outcome: Outcome, ruleSet: RuleSet, lang: Lang): ScanLine {
  return {
    filingId: outcome.filingId,
    platformId: outcome.platformId,
    asOf: outcome.asOf,
    lang,
    ruleset: outcome.ruleset,
    history: outcome.history,
    verdict: outcome.verdict,
    summary: outcome.summary,
    ...renderShown(outcome, ruleSet, lang),
  };
}

/**
 * The bulk scan line of a whole report: the same line renderScanLine gives for the outcome the report
 * was rendered from (a scan job keeps whole reports and answers either).
 */
export function scanLineOfReport(report: Report): ScanLine {
  const { findings, ...head } = report;
  const line: ScanLine = { ...head, findings: [], passed: [], notApplicable: [] };
  for (const f of findings) {
    if (f.status === 'pass') line.passed.push(f.ruleId);
    else if (f.status === 'not-applicable') line.notApplicable.push(f.ruleId);
    else {
      const { title: _title, citation: _citation, remediation: _remediation, ...shown } = f;
      line.findings.push(shown);
    }
  }
  return line;
}

/**
 * A whole NDJSON report line as a bulk scan line; any other line (`invalid`, `summary`) as it is.
 * Both end in a newline.
 */
export function toScanLineText(line: string): string {
  // a report is the only line without a `type`, and its first key is filingId
  if (!line.startsWith('{"filingId":')) return line.endsWith('\n') ? line : line + '\n';
  return JSON.stringify(scanLineOfReport(JSON.parse(line) as Report)) + '\n';
}

/** A scan item's status as one character in its meta (src/scan): rule statuses, then verdicts. */
export const STATUS_CODE: Readonly<Record<Status, string>> = { fail: 'F', pass: 'P', 'not-applicable': 'N', advisory: 'A', waived: 'W', error: 'E' };
export const CODE_STATUS: Readonly<Record<string, Status>> = { F: 'fail', P: 'pass', N: 'not-applicable', A: 'advisory', W: 'waived', E: 'error' };
export const VERDICT_CODE: Readonly<Record<Verdict, string>> = { pass: 'p', fail: 'f', error: 'e' };
export const CODE_VERDICT: Readonly<Record<string, Verdict>> = { p: 'pass', f: 'fail', e: 'error' };
