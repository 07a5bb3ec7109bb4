// Previewing a rule change: the same filings judged by the current and the proposed rule sets, compared.

import type { Filing } from '../filing/types.js';
import type { Report, Status, Verdict } from '../report/types.js';
import type { Judge } from './index.js';

/** A status that counts as a finding being "there": something a supervisor would act on. */
const FLAGGED: ReadonlySet<Status> = new Set(['fail', 'advisory', 'waived', 'error']);

export interface FindingChange {
  ruleId: string;
  from: Status | 'absent';
  to: Status | 'absent';
}

export interface FilingChange {
  filingId: string;
  platformId: string;
  asOf: string;
  verdict: { from: Verdict; to: Verdict };
  findings: FindingChange[];
}

export interface RuleImpact {
  /** Filings where the rule's finding appears (becomes fail, advisory, waived or error). */
  appeared: number;
  /** Filings where it disappears. */
  disappeared: number;
  /** Filings where its status changes in any way. */
  changed: number;
}

export interface PreviewResult {
  current: string;
  proposed: string;
  filings: number;
  verdictChanges: number;
  /** Only the filings where something changes. */
  changes: FilingChange[];
  byRule: Record<string, RuleImpact>;
}

/** Compares two reports of the same filing rule by rule. */
export function diffReports(before: Report, after: Report): FilingChange {
  const a = new Map(before.findings.map((f) => [f.ruleId, f.status]));
  const b = new Map(after.findings.map((f) => [f.ruleId, f.status]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const findings: FindingChange[] = [];
  for (const id of ids) {
    const from = a.get(id) ?? 'absent';
    const to = b.get(id) ?? 'absent';
    if (from !== to) findings.push({ ruleId: id, from, to });
  }
  return { filingId: after.filingId, platformId: after.platformId, asOf: after.asOf, verdict: { from: before.verdict, to: after.verdict }, findings };
}

/**
 * Judges each filing with both rule sets and reports what changes, per filing and per rule.
 * @example previewChange(new Judge(current), new Judge(proposed), filings).verdictChanges
 */
export function previewChange(current: Judge, proposed: Judge, filings: Iterable<Filing>): PreviewResult {
  const result: PreviewResult = { current: current.ruleSet.version, proposed: proposed.ruleSet.version, filings: 0, verdictChanges: 0, changes: [], byRule: {} };
  for (const filing of filings) {
    result.filings++;
    const change = diffReports(current.judge(filing), proposed.judge(filing));
    if (change.verdict.from !== change.verdict.to) result.verdictChanges++;
    for (const f of change.findings) {
      const impact = (result.byRule[f.ruleId] ??= { appeared: 0, disappeared: 0, changed: 0 });
      impact.changed++;
      const was = f.from !== 'absent' && FLAGGED.has(f.from);
      const is = f.to !== 'absent' && FLAGGED.has(f.to);
      if (is && !was) impact.appeared++;
      if (was && !is) impact.disappeared++;
    }
    if (change.findings.length > 0 || change.verdict.from !== change.verdict.to) result.changes.push(change);
  }
  result.byRule = Object.fromEntries(Object.entries(result.byRule).sort(([x], [y]) => (x < y ? -1 : 1)));
  return result;
}
