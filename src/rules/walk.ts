// The one walker of condition trees: all / any / not down to the leaves, in document order, with each
// node's JSON pointer. Our rules' conditions, json-rules-engine's answered trees and --explain traces
// share this shape, so lint, both evaluators, the explain trace and rule-test coverage all walk with it.

import type { Condition, LeafCondition } from './types.js';

/** How a node branches: `all` or `any` with its children, `not` with its one child; null for a leaf. */
export type Branch<T> = { key: 'all' | 'any'; kids: readonly T[] } | { key: 'not'; kids: readonly [T] };

/** A node's own `all` or `any` array, or its own `not`; a node with none of them is a leaf. */
export function branchOf<T>(node: T): Branch<T> | null {
  if (node === null || typeof node !== 'object') return null;
  const o = node as Record<string, unknown>;
  if (Object.hasOwn(o, 'all') && Array.isArray(o.all)) return { key: 'all', kids: o.all as T[] };
  if (Object.hasOwn(o, 'any') && Array.isArray(o.any)) return { key: 'any', kids: o.any as T[] };
  if (Object.hasOwn(o, 'not') && o.not !== null && typeof o.not === 'object') return { key: 'not', kids: [o.not as T] };
  return null;
}

/** The pointer of child `i` of a branch at `at`. */
const childPointer = (at: string, b: Branch<unknown>, i: number) => (b.key === 'not' ? `${at}/not` : `${at}/${b.key}/${i}`);

/** Visits every leaf in document order with its pointer below `at` (`/when/all/0/not`, …); nothing for null. */
export function forEachLeaf<T>(node: T | null | undefined, visit: (leaf: T, pointer: string) => void, at = ''): void {
  if (node === null || node === undefined) return;
  const b = branchOf(node);
  if (b === null) visit(node, at);
  else b.kids.forEach((k, i) => forEachLeaf(k, visit, childPointer(at, b, i)));
}

/** The leaves in document order. */
export function leavesOf<T>(node: T | null | undefined): T[] {
  const out: T[] = [];
  forEachLeaf(node, (l) => out.push(l));
  return out;
}

/** A rule condition's leaves in document order. */
export const conditionLeaves = (c: Condition | null | undefined): LeafCondition[] => leavesOf(c) as LeafCondition[];

/**
 * Rebuilds a tree bottom-up: `leaf` for each leaf, `branch` for each all/any/not once its children are
 * rebuilt (it also gets the node itself, for what a branch carries besides its children).
 */
export function mapTree<T, R>(
  node: T,
  leaf: (leaf: T, pointer: string) => R,
  branch: (key: Branch<T>['key'], kids: R[], node: T, pointer: string) => R,
  at = '',
): R {
  const b = branchOf(node);
  if (b === null) return leaf(node, at);
  return branch(
    b.key,
    b.kids.map((k, i) => mapTree(k, leaf, branch, childPointer(at, b, i))),
    node,
    at,
  );
}
