// Previewing a rule change: the same filings judged by the current and the proposed rule sets, compared.

import { dayNumber } from '../filing/dates.js';
import type { Filing } from '../filing/types.js';
import type { Report, Status, Verdict } from './report-model.js';
import type { Parameters, Rule, RuleSet } from '../rules/types.js';
import type { HistoryRecord } from './history.js';
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

/** One value of a parameter that the proposal adds, changes or removes, and the day it takes effect. */
export interface ParameterValueChange {
  from: string;
  kind: 'added' | 'changed' | 'removed';
  /** The proposed value (absent when removed). */
  value?: unknown;
  /** The value the current rule set has in force that day (absent when it has none). */
  was?: unknown;
}

/** What a proposal changes in the rule set itself, before any filing is judged. */
export interface RuleSetChanges {
  rules: { added: string[]; changed: string[]; removed: string[] };
  parameters: { name: string; values: ParameterValueChange[] }[];
}

export interface PreviewResult {
  current: string;
  proposed: string;
  /** The rules and parameter values the proposal adds, changes or removes. */
  ruleSet?: RuleSetChanges;
  filings: number;
  verdictChanges: number;
  /** Only the filings where something changes. */
  changes: FilingChange[];
  byRule: Record<string, RuleImpact>;
}

/** A rule as it judges: everything but the file it was read from. */
function ruleText(r: Rule): string {
  const { file: _file, ...rest } = r;
  return JSON.stringify(rest);
}

function valueOn(values: Parameters[string] | undefined, day: string): { value: unknown } | undefined {
  let best: { from: string; value: unknown } | undefined;
  for (const v of values ?? [])
    if (dayNumber(v.from) <= dayNumber(day) && (!best || dayNumber(v.from) > dayNumber(best.from))) best = v;
  return best;
}

/** The rules added, changed and removed, and each parameter value added, changed or removed with its date. */
export function ruleSetChanges(current: RuleSet, proposed: RuleSet): RuleSetChanges {
  const before = new Map(current.rules.map((r) => [r.id, ruleText(r)]));
  const after = new Map(proposed.rules.map((r) => [r.id, ruleText(r)]));
  const added = [...after.keys()].filter((id) => !before.has(id)).sort();
  const removed = [...before.keys()].filter((id) => !after.has(id)).sort();
  const changed = [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)).sort();
  const parameters: RuleSetChanges['parameters'] = [];
  const names = [
    ...new Set([...Object.keys(current.parameters), ...Object.keys(proposed.parameters)]),
  ].sort();
  for (const name of names) {
    const was = Object.hasOwn(current.parameters, name) ? current.parameters[name]! : [];
    const now = Object.hasOwn(proposed.parameters, name) ? proposed.parameters[name]! : [];
    const values: ParameterValueChange[] = [];
    for (const v of now) {
      const same = was.find((w) => w.from === v.from);
      if (same && JSON.stringify(same.value) === JSON.stringify(v.value)) continue;
      const before = valueOn(was, v.from);
      values.push({
        from: v.from,
        kind: same ? 'changed' : 'added',
        value: v.value,
        ...(before ? { was: before.value } : {}),
      });
    }
    for (const w of was)
      if (!now.some((v) => v.from === w.from)) values.push({ from: w.from, kind: 'removed', was: w.value });
    values.sort((a, b) => dayNumber(a.from) - dayNumber(b.from));
    if (values.length > 0) parameters.push({ name, values });
  }
  return { rules: { added, changed, removed }, parameters };
}

/** What a comparison reads of a judgement: an Outcome or a rendered Report alike. */
type Judged = Pick<Report, 'filingId' | 'platformId' | 'asOf' | 'verdict'> & { findings: readonly { ruleId: string; status: Status }[] };

/** Compares two judgements (outcomes or reports) of the same filing rule by rule. */
export function diffReports(before: Judged, after: Judged): FilingChange {
  const a = new Map(before.findings.map((f) => [f.ruleId, f.status]));
  const b = new Map(after.findings.map((f) => [f.ruleId, f.status]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const findings: FindingChange[] = [];
  for (const id of ids) {
    const from = a.get(id) ?? 'absent';
    const to = b.get(id) ?? 'absent';
    if (from !== to) findings.push({ ruleId: id, from, to });
  }
  return {
    filingId: after.filingId,
    platformId: after.platformId,
    asOf: after.asOf,
    verdict: { from: before.verdict, to: after.verdict },
    findings,
  };
}

/** A filing to preview, with its history (DESIGN §5.1) when it comes with one. */
export type PreviewItem = Filing | { filing: Filing; history: readonly HistoryRecord[] };

/**
 * Judges one filing with both rule sets and adds what changes to `result` (its `byRule` in the order
 * rules first change; `previewChange` sorts it): the step of a preview that its caller may pace.
 */
export function previewOne(result: PreviewResult, current: Judge, proposed: Judge, item: PreviewItem): void {
  result.filings++;
  // a filing may come with its history (DESIGN §5.1): both rule sets judge it with the same one
  const { filing, history } = Object.hasOwn(item, 'history')
    ? (item as { filing: Filing; history: readonly HistoryRecord[] })
    : { filing: item as Filing, history: undefined };
  const change = diffReports(current.outcome(filing, { history }), proposed.outcome(filing, { history }));
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

/** A preview's rules in id order, as every preview answers them. */
export function sortByRule(byRule: Record<string, RuleImpact>): Record<string, RuleImpact> {
  return Object.fromEntries(Object.entries(byRule).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/**
 * Judges each filing with both rule sets and reports what changes, per filing and per rule.
 * @example previewChange(new Judge(current), new Judge(proposed), filings).verdictChanges
 */
export function previewChange(current: Judge, proposed: Judge, filings: Iterable<PreviewItem>): PreviewResult {
  const result: PreviewResult = {
    current: current.ruleSet.version,
    proposed: proposed.ruleSet.version,
    ruleSet: ruleSetChanges(current.ruleSet, proposed.ruleSet),
    filings: 0,
    verdictChanges: 0,
    changes: [],
    byRule: {},
  };
  for (const item of filings) previewOne(result, current, proposed, item);
  result.byRule = sortByRule(result.byRule);
  return result;
}
