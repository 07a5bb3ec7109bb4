// The reference evaluator: the rule set compiled into json-rules-engine rules with our facts and operators.
// What a rule means is defined here; the fast path is held to this by a differential test.

import { Engine, type Almanac, type RuleResult } from 'json-rules-engine';
import type { Filing } from '../filing/types.js';
import type { ConditionTrace } from './report-model.js';
import type { Condition, LeafCondition } from '../rules/types.js';
import { conditionLeaves, leavesOf, mapTree } from '../rules/walk.js';
import { type Epoch } from './epochs.js';
import { FACTS, type Fact, type FactContext } from './facts/index.js';
import type { HistoryDigest } from './history.js';
import { CUSTOM_OPERATORS } from './operators.js';
import type { RuleOutcome } from './outcome.js';
import { FactFailure, resolvePlainPath } from './path.js';

const CONTEXT = '$context';

interface RunContext {
  filing: Filing;
  ctx: FactContext;
}

/** Sets one evidence value as an own, enumerable field, whatever its key is named. */
export function defineEvidence(evidence: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(evidence, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Evidence key of a leaf: its `name`, else the path for the `filing` fact, else the fact id. */
export function evidenceKey(c: LeafCondition): string {
  return c.name ?? (c.fact === 'filing' && c.path ? c.path : c.fact);
}

/** json-rules-engine wants a `value` on every leaf; our unary operators ignore it. */
function withValues(c: Condition): Condition {
  return mapTree<Condition, Condition>(
    c,
    (leaf) => (Object.hasOwn(leaf, 'value') ? leaf : { ...leaf, value: null }) as Condition,
    (key, kids, node) => ({ ...node, [key]: key === 'not' ? kids[0] : kids }) as Condition,
  );
}

/** Builds one json-rules-engine Engine holding an epoch's rules (`ID:applies` and `ID:when`). */
export function buildEngine(epoch: Epoch, facts: ReadonlyMap<string, Fact> = FACTS): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePlainPath });
  for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, op);
  for (const fact of facts.values()) {
    engine.addFact(fact.id, async (params: Record<string, unknown>, almanac: Almanac) => {
      const ctx = await almanac.factValue<RunContext>(CONTEXT);
      try {
        return fact.compute(ctx.filing, params, ctx.ctx);
      } catch (e) {
        return new FactFailure(fact.id, e instanceof Error ? e.message : String(e));
      }
    });
  }
  for (const b of epoch.rules) {
    // a top-level leaf is wrapped so json-rules-engine accepts it; the trace unwraps it again
    if (b.appliesWhen) engine.addRule({ name: `${b.rule.id}:applies`, conditions: { all: [withValues(b.appliesWhen)] } as never, event: { type: 'applies' } });
    engine.addRule({ name: `${b.rule.id}:when`, conditions: { all: [withValues(b.when)] } as never, event: { type: 'violation' } });
  }
  return engine;
}

type JreNode = Record<string, unknown> & { result?: boolean; factResult?: unknown };

function toTrace(root: JreNode): ConditionTrace {
  return mapTree<JreNode, ConditionTrace>(root, leafTrace, (key, kids, node) => {
    const result = node.result === undefined ? {} : { result: node.result };
    return (key === 'not' ? { not: kids[0]!, ...result } : { [key]: kids, ...result }) as ConditionTrace;
  });
}

function leafTrace(node: JreNode): ConditionTrace {
  return {
    fact: node.fact as string,
    ...(node.params && Object.keys(node.params).length > 0 ? { params: node.params as Record<string, unknown> } : {}),
    ...(node.path ? { path: node.path as string } : {}),
    operator: node.operator as string,
    value: node.value,
    factValue: node.factResult instanceof FactFailure ? { error: node.factResult.message } : node.factResult,
    ...(node.result === undefined ? {} : { result: node.result }),
  };
}

/** Evaluated leaves of a json-rules-engine condition tree, with the original leaf conditions (same shape, so same order). */
function evaluatedLeaves(node: JreNode, original: Condition, out: { node: JreNode; leaf: LeafCondition }[]): void {
  const originals = conditionLeaves(original);
  leavesOf(node).forEach((n, i) => {
    if (n.result !== undefined) out.push({ node: n, leaf: originals[i]! });
  });
}

const firstFailure = (leaves: { node: JreNode }[]): FactFailure | null =>
  (leaves.find((l) => l.node.factResult instanceof FactFailure)?.node.factResult as FactFailure | undefined) ?? null;

/**
 * Runs a filing through an epoch's engine and returns each rule's outcome, by rule id.
 * @example const outcomes = await runReference(engine, epoch, filing, { explain: true })
 */
export async function runReference(
  engine: Engine,
  epoch: Epoch,
  filing: Filing,
  opts: { explain?: boolean; history?: HistoryDigest } = {},
): Promise<Map<string, RuleOutcome>> {
  const ctx: FactContext = opts.history ? { asOf: filing.period.end, history: opts.history } : { asOf: filing.period.end };
  const run: RunContext = { filing, ctx };
  const { results, failureResults, almanac } = await engine.run({ [CONTEXT]: run });
  const byName = new Map<string, RuleResult>();
  for (const r of [...results, ...failureResults]) byName.set(r.name, r);
  const out = new Map<string, RuleOutcome>();
  for (const b of epoch.rules) {
    const id = b.rule.id;
    const whenResult = byName.get(`${id}:when`)!;
    const whenRoot = (whenResult.conditions as unknown as { all: JreNode[] }).all[0]!;
    const whenLeaves: { node: JreNode; leaf: LeafCondition }[] = [];
    evaluatedLeaves(whenRoot, b.when, whenLeaves);
    let applies: boolean | null = null;
    let appliesFailure: FactFailure | null = null;
    let appliesRoot: JreNode | null = null;
    if (b.appliesWhen) {
      const r = byName.get(`${id}:applies`)!;
      appliesRoot = (r.conditions as unknown as { all: JreNode[] }).all[0]!;
      const leaves: { node: JreNode; leaf: LeafCondition }[] = [];
      evaluatedLeaves(appliesRoot, b.appliesWhen, leaves);
      applies = r.result === true;
      appliesFailure = firstFailure(leaves);
    }
    const outcome: RuleOutcome = { applies, when: whenResult.result === true, failure: firstFailure(whenLeaves), appliesFailure };
    if (outcome.when || opts.explain) {
      const evidence: Record<string, unknown> = {};
      for (const { node, leaf } of whenLeaves) {
        const key = evidenceKey(leaf);
        // own keys only, defined not assigned: a condition may be named `constructor` (compiled.ts alike)
        if (Object.hasOwn(evidence, key)) continue;
        defineEvidence(evidence, key, leaf.fact === 'filing' || !leaf.path ? node.factResult : await almanac.factValue(leaf.fact, leaf.params ?? {}));
      }
      outcome.evidence = evidence;
    }
    if (opts.explain) {
      outcome.trace = { when: toTrace(whenRoot), ...(appliesRoot ? { appliesWhen: toTrace(appliesRoot) } : {}) };
    }
    out.set(id, outcome);
  }
  return out;
}
