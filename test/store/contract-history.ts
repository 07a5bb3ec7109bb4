// The Store contract for histories (DESIGN §5.1): a platform's current stored filings as light records.

import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { filingFor, newFiling } from './support.js';

type Json = Record<string, unknown>;

/** Registers the history part of the Store contract (called inside the suite, with the suite's store). */
export function describeHistoryContract(store: () => Store): void {
  describe('history records', () => {
    it("gives a platform's current filings as light records, in (period.end, filingId) order", async () => {
      const s = store();
      const f2 = filingFor('a-2', { n: 2 });
      (f2.members as Json).active = 1234567;
      (f2.disclosures as Json[])[0]!.perMemberShareCny = 0.1;
      (f2.disclosures as Json[]).push({ ...(f2.disclosures as Json[])[0]!, perMemberShareCny: 0.2 });
      await s.submitFiling(newFiling(f2));
      await s.submitFiling(newFiling(filingFor('a-0', { n: 0 })));
      await s.submitFiling(newFiling(filingFor('a-1', { n: 1 })));
      // a correction: the superseded filing leaves every history
      await s.submitFiling(newFiling(filingFor('a-1b', { n: 1, supersedes: 'a-1' })));
      await s.submitFiling(newFiling(filingFor('b-0', { platform: 'beta', n: 0 })));
      const records = await s.historyRecords('base-mutual');
      expect(records.map((r) => r.filingId)).toEqual(['a-0', 'a-1b', 'a-2']);
      expect(records[2]).toEqual({
        filingId: 'a-2',
        platformId: 'base-mutual',
        period: f2.period,
        supersedes: null,
        membersActive: 1234567,
        shares: { count: 2, sum: '0.3' },
      });
      expect(records[1]!.supersedes).toBe('a-1');
      expect((await s.historyRecords('beta')).map((r) => r.filingId)).toEqual(['b-0']);
      expect(await s.historyRecords('nobody')).toEqual([]);
    });

    it('gives the current keys by platform, then period.end, then filingId, for shards of whole platforms', async () => {
      const s = store();
      for (const [id, platform, n] of [['z-1', 'zeta', 1], ['a-1', 'base-mutual', 1], ['a-0', 'base-mutual', 0], ['z-0', 'zeta', 0], ['b-0', 'beta', 0]] as const) {
        await s.submitFiling(newFiling(filingFor(id, { platform, n })));
      }
      await s.submitFiling(newFiling(filingFor('a-0b', { n: 0, supersedes: 'a-0' })));
      const keys = (await s.currentKeys()).map((k) => `${k.platformId}/${k.filingId}`);
      expect(keys).toEqual(['base-mutual/a-0b', 'base-mutual/a-1', 'beta/b-0', 'zeta/z-0', 'zeta/z-1']);
      expect((await s.currentKeys(['zeta', 'beta'])).map((k) => k.filingId)).toEqual(['b-0', 'z-0', 'z-1']);
    });
  });
}
