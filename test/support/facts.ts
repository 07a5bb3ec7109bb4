// Test helper: compute one registered fact on a filing, as of its period.end unless told otherwise.

import { FACTS } from '../../src/engine/facts/index.js';
import type { Filing } from '../../src/filing/types.js';

/** The value of fact `id` with `params` on `filing`. Throws for an unknown fact id. */
export function factValue(
  id: string,
  filing: Filing,
  params: Record<string, unknown> = {},
  asOf = filing.period.end,
): unknown {
  const fact = FACTS.get(id);
  if (!fact) throw new Error(`no fact ${id}`);
  return fact.compute(filing, params, { asOf });
}

/** The `pointer` of each item of a list fact. */
export function pointers(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Error(`not a list: ${JSON.stringify(value)}`);
  return value.map((i) => (i as { pointer: string }).pointer);
}
