// What a computed fact is: a named, documented, pure function of a filing and its as-of date.

import type { Filing } from '../../filing/types.js';
import type { HistoryDigest } from '../history.js';

/** What a fact knows besides the filing: the day it is judged as of (the filing's period.end). */
export interface FactContext {
  asOf: string;
  /** The filing's history as the history facts read it (DESIGN §5.1); absent = no history. */
  history?: HistoryDigest;
}

/** An offending item of a list fact, with the JSON pointer that names it in the filing. */
export interface EvidenceItem {
  pointer: string;
  [field: string]: unknown;
}

/**
 * A computed fact. `params` is a JSON Schema for the condition's `params` (checked by the linter);
 * `fields` are the item or object fields a message may use as `{{placeholders}}`.
 */
export interface Fact<P = Record<string, unknown>> {
  id: string;
  description: string;
  returns: 'items' | 'object' | 'number' | 'boolean' | 'string';
  params: Record<string, unknown>;
  fields: readonly string[];
  /** True when a condition on this fact must give a `path` (the `filing` fact). */
  needsPath?: boolean;
  /** The filing schema version that first has what this fact reads: a rule using it is not-applicable on earlier ones. */
  schemaVersion?: 2;
  compute(filing: Filing, params: P, ctx: FactContext): unknown;
}

/** Declares a fact with typed params; the catalogue stores it untyped. */
export function defineFact<P>(fact: Fact<P>): Fact {
  return fact as unknown as Fact;
}
