// Scans of the store as jobs (DESIGN §8, §10) on SQLite, where shards run in the service's own process:
// 202 with Location, status with shards and the summary so far, results once done equal to the
// synchronous scan's, 409 before, cancel, roles, bad input.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardQueue } from '../../src/queue/types.js';
import { failingFiling, filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

const all = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
/** The lines after the ruleset line a bulk scan's answer starts with (DESIGN §7 revision 3). */
const lines = (text: string) => {
  const out = all(text);
  expect(out[0]).toMatchObject({ type: 'ruleset' });
  return out.slice(1);
};

async function waitFor(t: TestServer, id: string, token: string, states: string[]) {
  for (let i = 0; i < 200; i++) {
    const res = await t.request('GET', `/v1/scans/${id}`, { token });
    if (states.includes(res.json.state)) return res;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`scan ${id} never reached ${states.join(' or ')}`);
}

describe('scan jobs on SQLite (in-process shards)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
    const docs = [
      ...Array.from({ length: 7 }, (_, n) => filingFor(`ok-${n}`, { n })),
      failingFiling('bad-1'),
      filingFor('other-1', { platform: 'other-mutual' }),
    ];
    for (const doc of docs) expect((await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: doc })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 202 with Location, runs its shards, and gives the synchronous scan’s results and summary', async () => {
    const started = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true, shardSize: 2 } });
    expect(started.status).toBe(202);
    const id = started.json.id as string;
    expect(started.headers.get('location')).toBe(`/v1/scans/${id}`);
    expect(started.json).toMatchObject({ state: expect.stringMatching(/queued|running|done/), shards: { total: 5 } });

    const done = await waitFor(t, id, t.tokens.auditor, ['done']);
    expect(done.json).toMatchObject({ state: 'done', shards: { done: 5, total: 5 }, filings: 9 });

    const sync = lines((await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store' } })).text);
    const results = await t.request('GET', `/v1/scans/${id}/results`, { token: t.tokens.auditor });
    expect(results.status).toBe(200);
    expect(results.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const asyncLines = lines(results.text);
    // the reports are the synchronous scan's (a job's come platform by platform, in period order:
    // its shards are whole platforms); the summaries equal but for the job's id
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      `${String(a.platformId)}/${String(a.filingId)}`.localeCompare(`${String(b.platformId)}/${String(b.filingId)}`);
    expect(asyncLines.slice(0, -1).sort(byKey)).toEqual(sync.slice(0, -1).sort(byKey));
    expect(asyncLines.slice(0, -1).map((l) => l.platformId)).toEqual(['base-mutual', 'base-mutual', 'base-mutual', 'base-mutual', 'base-mutual', 'base-mutual', 'base-mutual', 'other-mutual', 'xianghubao']);
    const { id: jobId, ...summary } = asyncLines.at(-1)!;
    expect(jobId).toBe(id);
    expect(summary).toEqual(sync.at(-1));
    expect(done.json.summary).toEqual({ ...sync.at(-1), id });
    // the ruleset line of the version the job judged with, then bulk scan lines; whole reports with ?full=true
    expect(all(results.text)[0]).toEqual(all((await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store' } })).text)[0]);
    const syncFull = all((await t.request('POST', '/v1/scans?full=true', { token: t.tokens.supervisor, body: { source: 'store' } })).text);
    const full = all((await t.request('GET', `/v1/scans/${id}/results?full=true`, { token: t.tokens.auditor })).text);
    expect(full[0]).toHaveProperty('findings');
    expect(full.slice(0, -1).sort(byKey)).toEqual(syncFull.slice(0, -1).sort(byKey));
    expect((await t.request('GET', `/v1/scans/${id}/results?full=1`, { token: t.tokens.auditor })).status).toBe(400);
  });

  it('scans only the platforms asked for', async () => {
    const started = await t.request('POST', '/v1/scans', { token: t.tokens.auditor, body: { source: 'store', async: true, platforms: ['other-mutual'] } });
    const done = await waitFor(t, started.json.id, t.tokens.auditor, ['done']);
    expect(done.json).toMatchObject({ filings: 1, shards: { total: 1 }, summary: { byPlatform: { 'other-mutual': { filings: 1 } } } });
    expect(Object.keys(done.json.summary.byPlatform)).toEqual(['other-mutual']);
  });

  it('refuses officers, unknown ids, bad shard sizes and async with all', async () => {
    expect((await t.request('POST', '/v1/scans', { token: t.tokens.officer, body: { source: 'store', async: true } })).status).toBe(403);
    expect((await t.request('GET', '/v1/scans/scan_0000000000000000', { token: t.tokens.officer })).status).toBe(403);
    const missing = await t.request('GET', '/v1/scans/scan_0000000000000000', { token: t.tokens.supervisor });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('scan_not_found');
    expect((await t.request('GET', '/v1/scans/../../etc', { token: t.tokens.supervisor })).status).toBe(404);
    const bad = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true, shardSize: 0 } });
    expect(bad.status).toBe(422);
    const all = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true, all: true } });
    expect(all.status).toBe(422);
    expect(all.json.code).toBe('scan_unavailable');
    expect((await t.request('GET', '/v1/scans/scan_0000000000000000')).status).toBe(401);
  });
});

describe('a scan job not yet run', () => {
  let t: TestServer;
  const taken: string[] = [];
  beforeAll(async () => {
    // a queue that never runs its shards: the job stays queued until cancelled
    const idle: ShardQueue = {
      enqueue: (scanId) => {
        taken.push(scanId);
        return Promise.resolve();
      },
      cancel: () => Promise.resolve(),
      depth: () => Promise.resolve(taken.length),
      close: () => Promise.resolve(),
    };
    t = await startServer({ queue: () => idle });
    await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: filingFor('q-1') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 409 for its results before it is done, and cancels it', async () => {
    const started = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true } });
    const id = started.json.id as string;
    expect(taken).toContain(id);
    const early = await t.request('GET', `/v1/scans/${id}/results`, { token: t.tokens.supervisor });
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ code: 'scan_not_done', state: 'queued' });
    // an auditor may cancel only its own scans; the supervisor who asked for it may
    expect((await t.request('DELETE', `/v1/scans/${id}`, { token: t.tokens.auditor })).status).toBe(403);
    const cancelled = await t.request('DELETE', `/v1/scans/${id}`, { token: t.tokens.supervisor });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ state: 'cancelled', shards: { done: 0, total: 1 } });
    expect((await t.request('GET', `/v1/scans/${id}`, { token: t.tokens.supervisor })).json.state).toBe('cancelled');
    expect((await t.request('DELETE', `/v1/scans/${id}`, { token: t.tokens.officer })).status).toBe(403);
  });

  it('is taken up again by the next service on the same store (a restart does not orphan it)', async () => {
    const started = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true } });
    const id = started.json.id as string;
    // a second app on the same SQLite file, with the default in-process queue, as after a restart
    const { createApp } = await import('../../src/http/app.js');
    const again = await createApp({ store: t.store });
    try {
      for (let i = 0; i < 200 && (await t.store.getScan(id))!.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await t.store.getScan(id)).toMatchObject({ state: 'done', filings: 1, shards: { done: 1, total: 1 } });
    } finally {
      await again.queue.close();
    }
  });

  it('decides ownership by the token, not its name: a namesake auditor may not cancel', async () => {
    const { issueToken } = await import('../../src/store/tokens.js');
    // anyone may be issued a token named like the supervisor ('sam') or like another auditor ('ada')
    const namesakeOfSupervisor = (await issueToken(t.store, { name: 'sam', role: 'auditor' }, 'test')).secret;
    const namesakeOfAuditor = (await issueToken(t.store, { name: 'ada', role: 'auditor' }, 'test')).secret;
    const bySupervisor = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: { source: 'store', async: true } });
    const byAuditor = await t.request('POST', '/v1/scans', { token: t.tokens.auditor, body: { source: 'store', async: true } });
    const refused = await t.request('DELETE', `/v1/scans/${bySupervisor.json.id}`, { token: namesakeOfSupervisor });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('forbidden_role');
    expect((await t.request('DELETE', `/v1/scans/${byAuditor.json.id}`, { token: namesakeOfAuditor })).status).toBe(403);
    expect((await t.store.getScan(bySupervisor.json.id))!.state).toBe('queued');
    expect((await t.store.getScan(byAuditor.json.id))!.state).toBe('queued');
    // the token that asked may
    expect((await t.request('DELETE', `/v1/scans/${byAuditor.json.id}`, { token: t.tokens.auditor })).json.state).toBe('cancelled');
  });

  it('lets an auditor cancel the scans it asked for', async () => {
    const started = await t.request('POST', '/v1/scans', { token: t.tokens.auditor, body: { source: 'store', async: true } });
    const cancelled = await t.request('DELETE', `/v1/scans/${started.json.id}`, { token: t.tokens.auditor });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.state).toBe('cancelled');
  });

  it('reports the queue depth in /metrics', async () => {
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.text).toMatch(/^compliance_scan_queue_depth \d+$/m);
  });
});
