// The one condition-tree walker: leaves in document order with their pointers, rebuilding bottom-up,
// and only a node's own all/any/not counting as a branch (never one found on its prototype).

import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/rules/types.js';
import { branchOf, conditionLeaves, forEachLeaf, mapTree } from '../../src/rules/walk.js';

const leaf = (fact: string) => ({ fact, operator: 'equal', value: 1 });
const tree = {
  all: [leaf('a'), { any: [leaf('b'), { not: leaf('c') }] }, { not: { all: [leaf('d')] } }],
} as unknown as Condition;

describe('the condition walker', () => {
  it('visits every leaf in document order with its JSON pointer', () => {
    const seen: string[] = [];
    forEachLeaf(tree, (l, p) => seen.push(`${(l as { fact: string }).fact} ${p}`), '/when');
    expect(seen).toEqual(['a /when/all/0', 'b /when/all/1/any/0', 'c /when/all/1/any/1/not', 'd /when/all/2/not/all/0']);
    expect(conditionLeaves(tree).map((l) => l.fact)).toEqual(['a', 'b', 'c', 'd']);
    expect(conditionLeaves(null)).toEqual([]);
    expect(conditionLeaves(leaf('x') as Condition)).toEqual([leaf('x')]);
  });

  it('rebuilds a tree bottom-up, keeping what a branch carries', () => {
    const withPriority = { ...tree, priority: 3 } as Condition;
    const text = mapTree<Condition, string>(
      withPriority,
      (l) => (l as { fact: string }).fact,
      (key, kids, node) => `${key}${(node as { priority?: number }).priority ?? ''}(${kids.join(',')})`,
    );
    expect(text).toBe('all3(a,any(b,not(c)),not(all(d)))');
  });

  it('reads only own all/any/not arrays as branches', () => {
    const inherited = Object.create({ all: [leaf('z')] }) as object;
    expect(branchOf(inherited)).toBeNull();
    expect(branchOf({ all: 'not an array' })).toBeNull();
    expect(branchOf({ not: null })).toBeNull();
    expect(branchOf({ any: [] })).toEqual({ key: 'any', kids: [] });
  });
});
