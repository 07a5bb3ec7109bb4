// Large work never holds the service's event loop (DESIGN §8 "Revision 3 bounds", §10): while an async
// store scan, a sync store scan, a preview of every stored filing or an NDJSON scan of 10,000 lines
// runs, another client's GET /healthz is answered about as fast as it was before. The service is
// judged with the bundled rule pack, whose reports are the size a real scan writes.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ComplianceApp } from '../../src/http/app.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { issueToken } from '../../src/store/tokens.js';
import { filingFor, newFiling, tempDir } from '../store/support.js';
import { send } from './support.js';

/** Stored filings (the issue's 4,000): judged a shard or a page at a time, they held the loop for 0.5–2 s. */
const STORED = 4000;
/**
 * Platforms, their filings interleaved as they arrive: more than the 64 whose histories a scan or a
 * preview keeps at a time, so each filing's history is read again, as in a store of many platforms.
 */
const PLATFORMS = 100;
/** Lines of the NDJSON scan (issue 15, item 6), of the same platforms: each has a stored history. */
const NDJSON_LINES = 10_000;

/** A valid filing of platform `el-(i mod PLATFORMS)`, each of a platform's in a half-month of its own. */
const filing = (prefix: string, i: number) =>
  filingFor(`${prefix}-${i}`, { platform: `el-${i % PLATFORMS}`, n: Math.floor(i / PLATFORMS) });

const tmp = tempDir('compliance-event-loop-');
let store: SqliteStore;
let app: ComplianceApp;
let server: Server;
let url: string;
let token: string;
beforeAll(async () => {
  store = openSqliteStore(join(tmp.dir, 'compliance.db'));
  await seedRuleSet(store, readRuleSources(BUNDLED_RULES_DIR), 'the bundled pack');
  token = (
    await issueToken(store, { name: 'sam', role: 'supervisor', platforms: [], expiresAt: null }, 'test')
  ).secret;
  // straight into the store (the store never judges): a second, not minutes of POSTs
  for (let i = 0; i < STORED; i++) await store.submitFiling(newFiling(filing('el', i)));
  app = await createApp({ rateLimit: 0, store });
  server = createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.queue.close();
  await store.close();
  tmp.remove();
});

/** Another client: GET /healthz every 10 ms until `done` settles; how late its slowest answer came, in ms. */
async function slowestWhile(done: Promise<unknown>): Promise<{ slowest: number; count: number }> {
  let finished = false;
  void done.then(
    () => (finished = true),
    () => (finished = true),
  );
  let slowest = 0;
  let count = 0;
  while (!finished || count < 5) {
    // timed from when the client meant to ask, so a loop held before the request went out counts too
    const planned = performance.now() + 10;
    await new Promise((r) => setTimeout(r, 10));
    const res = await send(url, 'GET', '/healthz');
    expect(res.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - planned);
    count++;
  }
  return { slowest, count };
}

/** The same client with nothing else running: its slowest answer over half a second. */
async function baseline(): Promise<number> {
  let stop!: () => void;
  const idle = new Promise<void>((resolve) => (stop = resolve));
  const measuring = slowestWhile(idle);
  await new Promise((r) => setTimeout(r, 500));
  stop();
  return (await measuring).slowest;
}

/**
 * A heavy request sent from a thread of its own, as from another machine: it sends its body and reads
 * the answer as fast as the service gives them, and never waits on this thread's event loop.
 */
function heavyRequest(
  path: string,
  type: string,
  body: Uint8Array,
  keep = false,
): Promise<{ status: number; bytes: number; text: string }> {
  const code = `
    const { parentPort, workerData: w } = require('node:worker_threads');
    (async () => {
      const res = await fetch(w.url + w.path, { method: 'POST', headers: { authorization: 'Bearer ' + w.token, 'content-type': w.type }, body: w.body });
      let bytes = 0;
      const parts = [];
      for await (const chunk of res.body) {
        bytes += chunk.length;
        if (w.keep) parts.push(Buffer.from(chunk));
      }
      parentPort.postMessage({ status: res.status, bytes, text: Buffer.concat(parts).toString('utf8') });
    })().catch((e) => parentPort.postMessage({ error: String(e) }));
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { url, path, token, type, body, keep } });
    w.once('message', (m: { status: number; bytes: number; text: string } | { error: string }) => {
      void w.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

/**
 * The bound: a generous multiple of the idle client's slowest answer plus a margin for a loaded machine
 * of two cores (about the design's 0.5 s); judging on the event loop a shard or a page at a time missed it.
 */
function expectPrompt(what: string, before: number, during: { slowest: number; count: number }): void {
  const bound = 3 * before + 400;
  // what was measured, for the record
  console.log(
    `${what}: /healthz slowest ${before.toFixed(0)} ms before, ${during.slowest.toFixed(0)} ms during (${during.count} answers)`,
  );
  expect(during.count).toBeGreaterThanOrEqual(5);
  expect(during.slowest).toBeLessThan(bound);
}

describe('other clients are answered while large work runs', () => {
  it('(a) an async store scan of every stored filing, in two shards', async () => {
    const before = await baseline();
    const job = (async () => {
      const res = await fetch(`${url}/v1/scans`, {
        method: 'POST',
        headers: auth(),
        body: JSON.stringify({ source: 'store', async: true, shardSize: STORED / 2 }),
      });
      expect(res.status).toBe(202);
      const id = ((await res.json()) as { id: string }).id;
      for (let i = 0; i < 1200; i++) {
        const state = (await send(url, 'GET', `/v1/scans/${id}`, { token })).json.state as string;
        if (state === 'done') return id;
        expect(['queued', 'running']).toContain(state);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the scan never finished');
    })();
    const during = await slowestWhile(job);
    const id = await job;
    expect((await send(url, 'GET', `/v1/scans/${id}`, { token })).json).toMatchObject({
      state: 'done',
      filings: STORED,
    });
    expectPrompt('async store scan', before, during);
  });

  it('(b) a sync store scan of every stored filing', async () => {
    const before = await baseline();
    const scan = heavyRequest('/v1/scans', 'application/json', json({ source: 'store' }));
    const during = await slowestWhile(scan);
    expect(await scan).toMatchObject({ status: 200, bytes: expect.any(Number) });
    // reports, not refusals: bulk scan lines of a KB or two a filing (DESIGN §7 revision 3)
    expect((await scan).bytes).toBeGreaterThan(STORED * 1000);
    expectPrompt('sync store scan', before, during);
  });

  it('(c) a preview of a change against every stored filing (all: true)', async () => {
    const before = await baseline();
    const parameters = {
      ...app.engines.current.ruleSet.parameters,
      licenceExpiryWarningDays: [{ from: '2009-10-01', value: 30 }],
    };
    const preview = heavyRequest(
      '/v1/rules/preview',
      'application/json',
      json({ parameters, all: true }),
      true,
    );
    const during = await slowestWhile(preview);
    const answer = await preview;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ scope: 'all', filings: STORED });
    expectPrompt('preview all', before, during);
  });

  it('(d) an NDJSON scan of 10,000 lines', async () => {
    const lines: string[] = [];
    for (let i = 0; i < NDJSON_LINES; i++) lines.push(JSON.stringify(filing('nd', i)));
    const body = Buffer.from(lines.join('\n') + '\n');
    const before = await baseline();
    const scan = heavyRequest('/v1/scans', 'application/x-ndjson', body);
    const during = await slowestWhile(scan);
    expect((await scan).status).toBe(200);
    expect((await scan).bytes).toBeGreaterThan(NDJSON_LINES * 1000);
    expectPrompt('NDJSON scan', before, during);
  });
});
