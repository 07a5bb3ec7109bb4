// feesOverCap, disclosuresWith and shareMismatches: the fee against the cap on the aid, and whether a
// round's shares add up, compared exactly at and one fen around every boundary.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Disclosure } from '../../../src/filing/types.js';
import { makeFiling } from '../../support/filing-factory.js';
import { factValue, pointers } from '../../support/facts.js';

const round = (over: Partial<Disclosure>): Disclosure => ({ publishedAt: '2021-06-30', periodStart: '2021-06-16', periodEnd: '2021-06-30', ...over });
const withRounds = (...ds: Disclosure[]) => makeFiling({ '/disclosures': ds });
const fen = (n: number) => n / 100;

describe('feesOverCap', () => {
  it.each<[string, Partial<Disclosure>, boolean]>([
    ['exactly 8 % of the aid', { amountToShareCny: 2376000, managementFeeCny: 176000 }, false],
    ['one fen over', { amountToShareCny: 2376000.01, managementFeeCny: 176000.01 }, true],
    ['one fen under', { amountToShareCny: 2375999.99, managementFeeCny: 175999.99 }, false],
    ['8 % of the amount to share (more than 8 % of the aid)', { amountToShareCny: 2400000, managementFeeCny: 192000 }, true],
    ['the DESIGN example', { amountToShareCny: 560000000, managementFeeCny: 41480000 }, false],
    ['no fee', { amountToShareCny: 1000 }, false],
    ['a zero fee', { amountToShareCny: 1000, managementFeeCny: 0 }, false],
    ['a fee with nothing shared', { amountToShareCny: 10, managementFeeCny: 10 }, true],
  ])('%s', (_name, d, over) => {
    const v = factValue('feesOverCap', withRounds(round(d)), { cap: 0.08 });
    expect(pointers(v)).toEqual(over ? ['/disclosures/0'] : []);
  });

  it('names the fee, the aid, the fee allowed and the rate', () => {
    const [item] = factValue('feesOverCap', withRounds(round({ amountToShareCny: 2400000, managementFeeCny: 192000 })), { cap: 0.08 }) as Record<string, unknown>[];
    expect(item).toMatchObject({ managementFeeCny: 192000, amountToShareCny: 2400000, aidCny: 2208000, allowedFeeCny: 176640, cap: 0.08 });
    expect(item!.feeRate).toBeCloseTo(0.0869565217, 9);
  });

  it('is exact in fen at the boundary, one fen under and one over (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom(-1, 0, 1), (aidFen, delta) => {
        // the fee allowed on an aid of a whole number of yuan × 25 is a whole number of fen at 8 %
        const aid = aidFen * 25;
        const feeFen = (aid * 8) / 100 + delta;
        const filing = withRounds(round({ amountToShareCny: fen(aid + feeFen), managementFeeCny: fen(feeFen) }));
        expect(pointers(factValue('feesOverCap', filing, { cap: 0.08 })).length).toBe(delta > 0 ? 1 : 0);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('disclosuresWith', () => {
  it('keeps the disclosures giving every figure, positive where asked', () => {
    const filing = withRounds(round({ amountToShareCny: 1, managementFeeCny: 0 }), round({ amountToShareCny: 1 }), round({ amountToShareCny: 1, managementFeeCny: 0, participatingMembers: 0 }));
    expect(pointers(factValue('disclosuresWith', filing, { fields: ['amountToShareCny', 'managementFeeCny'] }))).toEqual(['/disclosures/0', '/disclosures/2']);
    expect(pointers(factValue('disclosuresWith', filing, { fields: ['participatingMembers'], positive: ['participatingMembers'] }))).toEqual([]);
  });
});

describe('shareMismatches', () => {
  const share = (perMemberShareCny: number, over: Partial<Disclosure> = {}) =>
    pointers(factValue('shareMismatches', withRounds(round({ amountToShareCny: 2376000, participatingMembers: 2000000, perMemberShareCny, ...over })), { tolerance: 0.01 }));

  it.each<[string, number, Partial<Disclosure>, boolean]>([
    ['the figures agree', 1.188, {}, false],
    ['exactly 1 % over', 1.19988, {}, false],
    ['just over 1 % over', 1.19989, {}, true],
    ['exactly 1 % under', 1.17612, {}, false],
    ['just over 1 % under', 1.17611, {}, true],
    ['what the platform bore is left out', 1, { borneByPlatformCny: 376000 }, false],
    ['a share that ignores what the platform bore', 1.188, { borneByPlatformCny: 376000 }, true],
    ['no participating members', 5, { participatingMembers: 0 }, false],
    ['no amount', 5, { amountToShareCny: undefined }, false],
  ])('%s', (_name, perMember, over, mismatch) => {
    expect(share(perMember, over)).toEqual(mismatch ? ['/disclosures/0'] : []);
  });

  it('names the shares compared', () => {
    const [item] = factValue('shareMismatches', withRounds(round({ amountToShareCny: 2376000, participatingMembers: 2000000, perMemberShareCny: 1.3 })), { tolerance: 0.01 }) as Record<string, unknown>[];
    expect(item).toMatchObject({ sharedCny: 2600000, expectedCny: 2376000, differenceCny: 224000, tolerance: 0.01 });
  });

  it('declares that it needs schema 2', async () => {
    const { FACTS } = await import('../../../src/engine/facts/index.js');
    expect(FACTS.get('shareMismatches')!.schemaVersion).toBe(2);
  });
});
