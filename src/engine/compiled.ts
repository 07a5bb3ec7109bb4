// The fast path: each epoch's condition trees compiled once into plain synchronous closures, fact values
// computed once per filing in numbered slots. Held to json-rules-engine by a differential test.

import type { Filing } from '../filing/types.js';
import { canonicalJson } from '../rules/canonical.js';
import type { Condition, LeafCondition } from '../rules/types.js';
import { branchOf } from '../rules/walk.js';
import type { Epoch } from './epochs.js';
import { FACTS, type Fact, type FactContext } from './facts/index.js';
import type { HistoryDigest } from './history.js';
import { operatorEvaluator } from './operators.js';
import type { RuleOutcome } from './outcome.js';
import { FactFailure, pathSegments, resolveSegments } from './path.js';
import { defineEvidence, evidenceKey } from './reference.js';

const UNSET = Symbol('unset');

/** Per-filing evaluation state: fact values by slot, the current tree's first failure, evaluated leaves. */
interface State {
  filing: Filing;
  ctx: FactContext;
  values: unknown[];
  failure: FactFailure | null;
  /** Document-order index of the leaf that gave `failure`: the reference reports the first in the document. */
  failureAt: number;
  evaluated: number[] | null;
}

type Node = (st: State) => boolean;

interface CompiledLeaf {
  leaf: LeafCondition;
  slot: number;
  segments: string[] | null;
}

interface CompiledRule {
  id: string;
  applies: Node | null;
  when: Node;
}

/** An epoch compiled to closures. */
export class CompiledEpoch {
  private readonly slots: { fact: Fact; params: Record<string, unknown> }[] = [];
  private readonly slotIndex = new Map<string, number>();
  private readonly leaves: CompiledLeaf[] = [];
  private readonly rules: CompiledRule[];

  constructor(epoch: Epoch, private readonly facts: ReadonlyMap<string, Fact> = FACTS) {
    this.rules = epoch.rules.map((b) => ({
      id: b.rule.id,
      applies: b.appliesWhen ? this.compile(b.appliesWhen) : null,
      when: this.compile(b.when),
    }));
  }

  private slotFor(fact: string, params: Record<string, unknown>): number {
    const key = `${fact}\u0000${canonicalJson(params)}`;
    let slot = this.slotIndex.get(key);
    if (slot === undefined) {
      const def = this.facts.get(fact);
      if (!def) throw new Error(`unknown fact ${fact}`);
      slot = this.slots.length;
      this.slots.push({ fact: def, params });
      this.slotIndex.set(key, slot);
    }
    return slot;
  }

  private compile(c: Condition): Node {
    const b = branchOf(c);
    if (b === null) return this.compileLeaf(c as LeafCondition);
    if (b.key === 'not') {
      const inner = this.compile(b.kids[0]);
      return (st) => !inner(st);
    }
    const isAll = b.key === 'all';
    const kids = b.kids;
    if (kids.length === 1) return this.compile(kids[0]!);
    // json-rules-engine evaluates a priority group in full, and short-circuits only between groups
    const byPriority = new Map<number, Node[]>();
    for (const k of kids) {
      const p = k.priority ?? 1;
      if (!byPriority.has(p)) byPriority.set(p, []);
      byPriority.get(p)!.push(this.compile(k));
    }
    const groups = [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, nodes]) => nodes);
    if (isAll) {
      return (st) => {
        for (const g of groups) {
          let ok = true;
          for (const n of g) if (!n(st)) ok = false;
          if (!ok) return false;
        }
        return true;
      };
    }
    return (st) => {
      for (const g of groups) {
        let ok = false;
        for (const n of g) if (n(st)) ok = true;
        if (ok) return true;
      }
      return false;
    };
  }

  private compileLeaf(c: LeafCondition): Node {
    const slot = this.slotFor(c.fact, c.params ?? {});
    const segments = c.path ? pathSegments(c.path) : null;
    const op = operatorEvaluator(c.operator);
    const expected = c.value;
    const index = this.leaves.length;
    this.leaves.push({ leaf: c, slot, segments });
    const slots = this.slots;
    return (st) => {
      let v = st.values[slot];
      if (v === UNSET) {
        const { fact, params } = slots[slot]!;
        try {
          v = fact.compute(st.filing, params, st.ctx);
        } catch (e) {
          v = new FactFailure(fact.id, e instanceof Error ? e.message : String(e));
        }
        st.values[slot] = v;
      }
      if (segments) v = resolveSegments(v, segments);
      if (v instanceof FactFailure && (st.failure === null || index < st.failureAt)) {
        st.failure = v;
        st.failureAt = index;
      }
      if (st.evaluated) st.evaluated.push(index);
      return op(v, expected);
    };
  }

  /** Each in-force rule's outcome on a filing; evidence only for rules whose `when` holds. */
  run(filing: Filing, history?: HistoryDigest): Map<string, RuleOutcome> {
    const ctx: FactContext = history ? { asOf: filing.period.end, history } : { asOf: filing.period.end };
    const st: State = { filing, ctx, values: new Array(this.slots.length).fill(UNSET), failure: null, failureAt: 0, evaluated: null };
    const out = new Map<string, RuleOutcome>();
    for (const r of this.rules) {
      let applies: boolean | null = null;
      let appliesFailure: FactFailure | null = null;
      if (r.applies) {
        st.failure = null;
        applies = r.applies(st);
        appliesFailure = st.failure;
      }
      st.failure = null;
      st.evaluated = [];
      const when = r.when(st);
      const outcome: RuleOutcome = { applies, when, failure: st.failure, appliesFailure };
      if (when) outcome.evidence = this.evidence(st);
      st.evaluated = null;
      out.set(r.id, outcome);
    }
    return out;
  }

  private evidence(st: State): Record<string, unknown> {
    const evidence: Record<string, unknown> = {};
    // leaves are numbered in document order, which is the reference's evidence order whatever the priorities
    for (const i of [...st.evaluated!].sort((a, b) => a - b)) {
      const { leaf, slot, segments } = this.leaves[i]!;
      const key = evidenceKey(leaf);
      // own keys only, defined not assigned: a condition may be named `constructor` (reference.ts alike)
      if (Object.hasOwn(evidence, key)) continue;
      const full = st.values[slot];
      defineEvidence(evidence, key, leaf.fact === 'filing' && segments ? resolveSegments(full, segments) : full);
    }
    return evidence;
  }
}
