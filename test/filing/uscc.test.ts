// The GB 32100-2015 check character of the unified social credit code.

import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter } from '../../src/filing/uscc.js';

describe('isValidUscc', () => {
  it.each([
    ['91330100MA27Y5LH96', true],
    ['91110000802100433B', true],
    ['91440300708461136T', true],
    ['91330100MA27Y5LH97', false],
    ['91330100MA27Y5LH9A', false],
    ['91110000802100433A', false],
    ['91330100MA27Y5LH9', false],
    ['91330100MA27Y5LH966', false],
    ['91330100MA27Y5LHI6', false],
    ['', false],
  ])('%s → %s', (code, valid) => {
    expect(isValidUscc(code)).toBe(valid);
  });

  it('has exactly one valid check character for a given body', () => {
    const body = '91330100MA27Y5LH9';
    const valid = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].filter((c) => isValidUscc(body + c));
    expect(valid).toEqual(['6']);
    expect(usccCheckCharacter(body)).toBe('6');
  });

  it('gives no check character when the body holds a letter GB 32100 excludes (I, O, S, V, Z)', () => {
    expect(usccCheckCharacter('91330100MA27Y5LHI')).toBeNull();
    expect(usccCheckCharacter('O1330100MA27Y5LH9')).toBeNull();
  });
});
