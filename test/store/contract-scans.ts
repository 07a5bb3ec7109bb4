// The Store contract for asynchronous scans: shards stored with their filings, each shard's output
// counted once however often it is completed, the scan done when every shard is, cancel and fail.

import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { NewScan } from '../../src/store/scan-types.js';
import { filingFor, newFiling } from './support.js';

const scanInput = (over: Partial<NewScan> = {}): NewScan => ({
  id: 'scan_1',
  platforms: null,
  shardSize: 2,
  rulesetVersion: 'sha256:x',
  lang: 'en',
  createdBy: 'sam',
  createdByToken: 'tok_sam',
  shards: [
    [
      { platformId: 'p', filingId: 'a' },
      { platformId: 'p', filingId: 'b' },
    ],
    [{ platformId: 'q', filingId: 'a' }],
  ],
  ...over,
});
const out = (filings: number, line: string) => ({ filings, summary: JSON.stringify({ filings }), ndjson: `${line}\n` });

/** Registers the scan part of the contract; `store()` is the suite's fresh store of the current test. */
export function describeScanContract(store: () => Store): void {
  describe('asynchronous scans', () => {
    it('stores a scan queued with its shards, and each shard’s filings in order', async () => {
      const created = await store().createScan(scanInput({ platforms: ['p', 'q'] }));
      expect(created).toMatchObject({ id: 'scan_1', state: 'queued', platforms: ['p', 'q'], shardSize: 2, shards: { done: 0, total: 2 }, filings: 0, summaries: [], finishedAt: null, createdBy: 'sam', createdByToken: 'tok_sam' });
      expect(await store().shardKeys('scan_1', 0)).toEqual([
        { platformId: 'p', filingId: 'a' },
        { platformId: 'p', filingId: 'b' },
      ]);
      expect(await store().shardKeys('scan_1', 2)).toBeNull();
      expect(await store().shardKeys('nope', 0)).toBeNull();
      expect(await store().getScan('nope')).toBeNull();
    });

    it('counts a shard once however often it is completed, and is done when every shard is', async () => {
      await store().createScan(scanInput());
      await store().startScan('scan_1');
      expect((await store().getScan('scan_1'))!.state).toBe('running');
      expect(await store().completeShard('scan_1', 1, out(1, 'second'))).toBe(true);
      expect(await store().completeShard('scan_1', 1, out(99, 'again'))).toBe(false);
      expect(await store().getScan('scan_1')).toMatchObject({ state: 'running', shards: { done: 1, total: 2 }, filings: 1 });
      expect(await store().completeShard('scan_1', 0, out(2, 'first'))).toBe(true);
      const done = await store().getScan('scan_1');
      expect(done).toMatchObject({ state: 'done', shards: { done: 2, total: 2 }, filings: 3, summaries: ['{"filings":2}', '{"filings":1}'] });
      expect(done!.finishedAt).not.toBeNull();
      const lines: string[] = [];
      for await (const chunk of store().scanResults('scan_1')) lines.push(chunk);
      expect(lines).toEqual(['first\n', 'second\n']);
    });

    it('cancels a scan not yet finished, and never a finished one', async () => {
      await store().createScan(scanInput());
      expect((await store().cancelScan('scan_1'))!.state).toBe('cancelled');
      expect(await store().completeShard('scan_1', 0, out(2, 'late'))).toBe(true);
      expect((await store().getScan('scan_1'))!.state).toBe('cancelled');
      await store().createScan(scanInput({ id: 'scan_2', shards: [[{ platformId: 'p', filingId: 'a' }]] }));
      await store().completeShard('scan_2', 0, out(1, 'x'));
      expect((await store().cancelScan('scan_2'))!.state).toBe('done');
      expect(await store().cancelScan('nope')).toBeNull();
    });

    it('lists the unfinished shards of queued and running scans, for resuming after a restart', async () => {
      await store().createScan(scanInput());
      await store().createScan(scanInput({ id: 'scan_2', shards: [[{ platformId: 'p', filingId: 'a' }]] }));
      await store().completeShard('scan_1', 0, out(2, 'x'));
      await store().cancelScan('scan_2');
      expect(await store().pendingShards()).toEqual([{ scanId: 'scan_1', shard: 1 }]);
      await store().completeShard('scan_1', 1, out(1, 'y'));
      expect(await store().pendingShards()).toEqual([]);
    });

    it('fails a scan with its reason', async () => {
      await store().createScan(scanInput());
      await store().failScan('scan_1', 'shard 0 could not be judged');
      expect(await store().getScan('scan_1')).toMatchObject({ state: 'failed', error: 'shard 0 could not be judged' });
    });

    it('makes a scan with no filings done at once', async () => {
      expect(await store().createScan(scanInput({ shards: [] }))).toMatchObject({ state: 'done', shards: { done: 0, total: 0 } });
    });

    it('reads stored filings by key, in the order asked, leaving out missing ones', async () => {
      await store().submitFiling(newFiling(filingFor('f-1', { platform: 'alpha' })));
      await store().submitFiling(newFiling(filingFor('f-2', { platform: 'alpha', n: 1 })));
      await store().submitFiling(newFiling(filingFor('f-1', { platform: 'beta' })));
      const docs = await store().documentsByKeys([
        { platformId: 'beta', filingId: 'f-1' },
        { platformId: 'alpha', filingId: 'nope' },
        { platformId: 'alpha', filingId: 'f-2' },
      ]);
      expect(docs.map((d) => [d.platformId, d.filingId])).toEqual([
        ['beta', 'f-1'],
        ['alpha', 'f-2'],
      ]);
      expect(JSON.parse(docs[1]!.parsedJson).filingId).toBe('f-2');
      expect(await store().documentsByKeys([])).toEqual([]);
    });
  });
}
