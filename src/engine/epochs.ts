// Epochs: the spans of days in which the same rules are in force with the same parameter values.
// The rule set is compiled once per epoch it is asked about, parameters bound to their values then.

import { addDays, dayNumber } from '../filing/dates.js';
import type { Condition, Parameters, Rule, RuleSet } from '../rules/types.js';
import { bindParams } from '../rules/params.js';

/** The rules in force and their conditions with every `{ param: X }` replaced by X's value that day. */
export interface Epoch {
  index: number;
  rules: BoundRule[];
  parameters: Record<string, unknown>;
}

export interface BoundRule {
  rule: Rule;
  appliesWhen: Condition | null;
  when: Condition;
}

/** The value of each parameter in force on `asOf` (the entry with the latest `from` not after it). */
export function parametersOn(parameters: Parameters, asOf: string): Record<string, unknown> {
  const day = dayNumber(asOf);
  const out: [string, unknown][] = [];
  for (const [name, values] of Object.entries(parameters)) {
    let best: { day: number; value: unknown } | null = null;
    for (const v of values) {
      const d = dayNumber(v.from);
      if (d <= day && (best === null || d > best.day)) best = { day: d, value: v.value };
    }
    if (best) out.push([name, best.value]);
  }
  // fromEntries defines own properties: a parameter named __proto__ stays a parameter, not a prototype
  return Object.fromEntries(out);
}

export { bindParams };

/** Whether a rule is in force on `asOf` (both ends of its window inclusive). */
export function inForce(rule: Rule, asOf: string): boolean {
  const d = dayNumber(asOf);
  return dayNumber(rule.effective.from) <= d && (rule.effective.until === null || d <= dayNumber(rule.effective.until));
}

/** Splits time into epochs at every parameter change and rule window edge; builds each epoch once. */
export class Epochs {
  private readonly boundaries: number[];
  private readonly built = new Map<number, Epoch>();

  constructor(private readonly ruleSet: RuleSet) {
    const days = new Set<number>();
    for (const values of Object.values(ruleSet.parameters)) for (const v of values) days.add(dayNumber(v.from));
    for (const r of ruleSet.rules) {
      days.add(dayNumber(r.effective.from));
      if (r.effective.until !== null) days.add(dayNumber(addDays(r.effective.until, 1)));
    }
    this.boundaries = [...days].filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  }

  /** The epoch `asOf` falls in. */
  on(asOf: string): Epoch {
    const day = dayNumber(asOf);
    let lo = 0;
    let hi = this.boundaries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.boundaries[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    const index = lo; // number of boundaries on or before asOf
    let epoch = this.built.get(index);
    if (!epoch) {
      const parameters = parametersOn(this.ruleSet.parameters, asOf);
      const rules = this.ruleSet.rules
        .filter((r) => inForce(r, asOf))
        .map((rule) => ({
          rule,
          appliesWhen: rule.appliesWhen ? bindParams(rule.appliesWhen, parameters) : null,
          when: bindParams(rule.when, parameters),
        }));
      epoch = { index, rules, parameters };
      this.built.set(index, epoch);
    }
    return epoch;
  }
}
