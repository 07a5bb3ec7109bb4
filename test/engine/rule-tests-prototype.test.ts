// A rule's test cases set fields of the base filing by JSON pointer: never through a prototype, never onto one.

import { afterEach, describe, expect, it } from 'vitest';
import { applySet } from '../../src/engine/rule-tests.js';

afterEach(() => {
  // undo a pollution, should one happen, so one failure does not spread to other tests
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('applySet', () => {
  it.each(['/__proto__/polluted', '/constructor/prototype/polluted', '/platform/__proto__/polluted', '/toString/polluted'])(
    'refuses %s as a path through the prototype chain, and pollutes nothing',
    (pointer) => {
      const base = { platform: { id: 'p' } };
      expect(() => applySet(base, { [pointer]: 'yes' })).toThrow(/no such parent/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('sets __proto__ as an own field, leaving the prototype alone', () => {
    const doc = applySet({ platform: { id: 'p' } }, { '/platform/__proto__': { polluted: 'yes' } }) as {
      platform: Record<string, unknown>;
    };
    expect(Object.hasOwn(doc.platform, '__proto__')).toBe(true);
    expect(doc.platform.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc.platform)).toBe(Object.prototype);
  });

  it('still sets ordinary fields and appends to lists', () => {
    const doc = applySet({ a: { b: 1 }, l: [1] }, { '/a/b': 2, '/l/-': 3 }) as { a: { b: number }; l: number[] };
    expect(doc).toEqual({ a: { b: 2 }, l: [1, 3] });
  });
});
