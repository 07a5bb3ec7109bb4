// Plain paths (`a.b[0].c`): the only kind of path a rule may use. No JSONPath filter or script is ever evaluated.

import { pathSegments } from '../rules/path.js';

// what a plain path is belongs to the rules (src/rules/path.ts); resolving one against a value is the engine's
export { isPlainPath, pathSegments } from '../rules/path.js';

/** Marks a fact that threw: passed through paths and never equal to anything a rule expects. */
export class FactFailure {
  constructor(
    readonly factId: string,
    readonly message: string,
  ) {}
}

/**
 * json-rules-engine `pathResolver`: follows a plain path through own properties, undefined when absent.
 * A failed fact passes through unchanged so the failure stays visible.
 */
export function resolvePlainPath(value: unknown, path: string): unknown {
  return resolveSegments(value, pathSegments(path));
}

/**
 * Follows split path segments as json-rules-engine's almanac does: only objects are entered (any
 * other value comes back as it is), and a failed fact passes through.
 */
export function resolveSegments(value: unknown, segments: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || value instanceof FactFailure) return value;
  let cur: unknown = value;
  for (const seg of segments) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
