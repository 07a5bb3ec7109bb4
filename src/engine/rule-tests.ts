// `compliance rules test`: every rule's own cases judged on json-rules-engine, plus condition coverage.

import { filingProblems } from '../filing/validate.js';
import type { Filing } from '../filing/types.js';
import type { ConditionTrace, Status } from './report-model.js';
import type { Condition, Lang, RuleSet, RuleTestCase } from '../rules/types.js';
import { forEachLeaf } from '../rules/walk.js';
import { pointerToPath } from '../yaml.js';
import { historyRecord, type HistoryRecord } from './history.js';
import { Judge } from './index.js';

export interface CaseResult {
  ruleId: string;
  file: string;
  index: number;
  name: string;
  expect: RuleTestCase['expect'];
  actual: Status | 'invalid';
  ok: boolean;
  detail?: string;
}

export interface CoverageGap {
  ruleId: string;
  file: string;
  /** Where the leaf is in the rule document, e.g. `/when/all/0`. */
  pointer: string;
  seenTrue: boolean;
  seenFalse: boolean;
}

export interface RuleTestResult {
  cases: CaseResult[];
  gaps: CoverageGap[];
  ok: boolean;
}

/** Applies `set` (JSON pointer → value) to a deep copy of the base filing. */
export function applySet(base: unknown, set: Record<string, unknown>): unknown {
  const doc = structuredClone(base) as Record<string, unknown>;
  for (const [pointer, value] of Object.entries(set)) {
    const path = pointerToPath(pointer);
    if (path.length === 0) throw new Error('cannot set the whole filing; use `filing:` instead');
    let cur: unknown = doc;
    for (const seg of path.slice(0, -1)) {
      // own fields only: `/__proto__/x` or `/constructor/prototype/x` must not reach a shared prototype
      if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, String(seg))) throw new Error(`${pointer}: no such parent in the base filing`);
      cur = (cur as Record<string, unknown>)[String(seg)];
    }
    const last = path[path.length - 1]!;
    if (cur === null || typeof cur !== 'object') throw new Error(`${pointer}: parent is not an object or list`);
    if (Array.isArray(cur) && last === '-') cur.push(value);
    // defined, not assigned: a field named __proto__ is a field, not the object's prototype
    else Object.defineProperty(cur, String(last), { value, writable: true, enumerable: true, configurable: true });
  }
  return doc;
}

/**
 * A case's history as light records: each entry is the base filing with its `set` applied, or a whole
 * `filing` file. An entry that is not a valid filing makes the case fail (a message, not records):
 * a typo in a test must not silently shorten the history.
 */
function caseHistory(tc: RuleTestCase, base: unknown, fixtures: Record<string, unknown>): HistoryRecord[] | string {
  const out: HistoryRecord[] = [];
  for (const [j, h] of (tc.history ?? []).entries()) {
    let value: unknown;
    try {
      value = h.filing !== undefined ? (Object.hasOwn(fixtures, h.filing) ? fixtures[h.filing] : undefined) : applySet(base, h.set ?? {});
    } catch (e) {
      return `history ${j}: ${(e as Error).message}`;
    }
    const problems = filingProblems(value);
    if (problems.length > 0) return `history ${j} is not a valid filing: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`;
    out.push(historyRecord(value as Filing));
  }
  return out;
}

/** Each leaf of an explain trace with its pointer and result. */
function walkLeaves(t: ConditionTrace | undefined, pointer: string, visit: (pointer: string, result: boolean | undefined) => void): void {
  forEachLeaf(t, (leaf, at) => visit(at, leaf.result), pointer);
}

/**
 * Runs every rule's test cases. A case passes when the rule's finding has exactly the expected status
 * (on json-rules-engine and on the fast path alike); `error` never satisfies an expectation. A leaf
 * condition never seen both true and false across a rule's cases is a coverage gap.
 */
export async function runRuleTests(ruleSet: RuleSet, opts: { lang?: Lang; only?: string[] } = {}): Promise<RuleTestResult> {
  const judge = new Judge(ruleSet);
  const base = ruleSet.fixtures['tests/base.yaml'];
  const cases: CaseResult[] = [];
  const gaps: CoverageGap[] = [];
  for (const rule of ruleSet.rules) {
    if (opts.only && !opts.only.includes(rule.id)) continue;
    const seen = new Map<string, { t: boolean; f: boolean }>();
    for (const [index, tc] of rule.tests.entries()) {
      const result: CaseResult = { ruleId: rule.id, file: rule.file, index, name: tc.name, expect: tc.expect, actual: 'invalid', ok: false };
      cases.push(result);
      let value: unknown;
      try {
        // a case starts from its own filing file when it names one, else from the base, then applies `set`
        value = applySet(tc.filing !== undefined ? ruleSet.fixtures[tc.filing] : base, tc.set ?? {});
      } catch (e) {
        result.detail = (e as Error).message;
        continue;
      }
      const problems = filingProblems(value);
      if (problems.length > 0) {
        result.detail = `the case's filing is invalid: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`;
        continue;
      }
      const history = caseHistory(tc, base, ruleSet.fixtures);
      if (typeof history === 'string') {
        result.detail = history;
        continue;
      }
      const filing = value as Filing;
      const reference = await judge.outcomeReference(filing, { explain: true, history });
      const finding = reference.findings.find((f) => f.ruleId === rule.id)!;
      const fast = judge.outcome(filing, { history }).findings.find((f) => f.ruleId === rule.id)!;
      result.actual = finding.status;
      result.ok = finding.status === tc.expect && fast.status === finding.status;
      if (fast.status !== finding.status) result.detail = `the fast path says ${fast.status}`;
      else if (finding.status === 'error') result.detail = finding.error?.message;
      const mark = (pointer: string, r: boolean | undefined) => {
        const s = seen.get(pointer) ?? { t: false, f: false };
        if (r === true) s.t = true;
        if (r === false) s.f = true;
        seen.set(pointer, s);
      };
      walkLeaves(finding.explain?.appliesWhen, '/appliesWhen', mark);
      walkLeaves(finding.explain?.when, '/when', mark);
    }
    // every leaf of the rule, evaluated or not, must have been seen both ways
    const all = new Map<string, boolean>();
    const collect = (c: Condition | null, pointer: string) => forEachLeaf(c, (_leaf, at) => all.set(at, true), pointer);
    // the engine wraps nothing: a top-level leaf has the bare pointer
    collect(rule.appliesWhen, '/appliesWhen');
    collect(rule.when, '/when');
    for (const pointer of all.keys()) {
      const s = seen.get(pointer) ?? { t: false, f: false };
      if (!s.t || !s.f) gaps.push({ ruleId: rule.id, file: rule.file, pointer, seenTrue: s.t, seenFalse: s.f });
    }
  }
  return { cases, gaps, ok: cases.every((c) => c.ok) && gaps.length === 0 };
}
