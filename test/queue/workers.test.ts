// Scans of the store on pg-boss with worker processes (DESIGN §10): a store scan of 20,000 filings on
// two `compliance worker` processes, one SIGKILLed mid-scan, finishes on the other with the summary of
// a scan in one process; a retried shard counts once; cancelling stops the shards not yet taken.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JudgeCache } from '../../src/app/judges.js';
import { scanView, startStoreScan } from '../../src/app/scans.js';
import { storeHistory } from '../../src/http/history.js';
import { PgBossQueue } from '../../src/queue/index.js';
import { readRuleSources, BUNDLED_RULES_DIR } from '../../src/rules/load.js';
import { scan } from '../../src/scan/index.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { CLI } from '../support/cli.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';
import { filingFor } from '../store/support.js';

const available = await postgresAvailable();
const FILINGS = 20_000;
const PLATFORMS = 100;
const SHARD_TIMEOUT = 6;
const SHARD = 250;

/** Stores `count` filings straight into the filings table, a thousand rows per statement. */
async function storeFilings(store: PostgresStore, count: number): Promise<void> {
  for (let first = 0; first < count; first += 1000) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = first; i < Math.min(count, first + 1000); i++) {
      const doc = filingFor(`f-${i}`, { platform: `p-${i % PLATFORMS}`, n: Math.floor(i / PLATFORMS) });
      const period = doc.period as { start: string; end: string };
      const text = JSON.stringify(doc);
      const b = params.length;
      values.push(`($${b + 1}, $${b + 2}, 'P', $${b + 3}, $${b + 4}, true, 'application/json', $${b + 5}, $${b + 5}, 'd', 'test', 'now')`);
      params.push(`f-${i}`, `p-${i % PLATFORMS}`, period.start, period.end, text);
    }
    await store.pool.query(
      `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, current, received_type, received_text, parsed_json, digest, submitted_by, stored_at) VALUES ${values.join(',')}`,
      params,
    );
  }
}

function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'worker', '--db', url, '--shard-timeout', String(SHARD_TIMEOUT)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(available)('scans on pg-boss with worker processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: PostgresStore;
  let queue: PgBossQueue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await openPostgresStore(db.url, { max: 4 });
    await seedRuleSet(store, readRuleSources(BUNDLED_RULES_DIR));
    await storeFilings(store, FILINGS);
    queue = await PgBossQueue.start({ url: db.url, shardTimeout: SHARD_TIMEOUT });
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await queue?.close();
    await store?.close();
    await db?.drop();
  });

  it('finishes on the surviving worker after the other is killed, with the summary of one process', async () => {
    const version = (await store.currentVersion())!.version;
    const judges = new JudgeCache(store);
    const engine = (await judges.at(version))!;
    const record = await startStoreScan({ store, queue, version }, { platforms: null, shardSize: SHARD, lang: 'en', by: { name: 'test', tokenId: null } });
    // shards of whole platforms (DESIGN §10): 200 filings a platform, two platforms would pass 250
    const SHARDS = PLATFORMS;
    expect(record.shards.total).toBe(SHARDS);
    workers.push(startWorker(db.url), startWorker(db.url));
    // once a few shards are recorded, kill one worker in the middle of its work
    await until('the first shards', 300, async () => {
      const s = await store.getScan(record.id);
      return s && s.shards.done >= 4;
    });
    workers[0]!.kill('SIGKILL');
    const done = await until('the scan to finish', 600, async () => {
      const s = await store.getScan(record.id);
      if (s?.state === 'failed') throw new Error(`scan failed: ${s.error}`);
      return s?.state === 'done' ? s : null;
    });
    expect(done.shards).toEqual({ done: SHARDS, total: SHARDS });
    expect(done.filings).toBe(FILINGS);

    // the same filings judged in this one process, with the same histories
    const alone = await scan(
      (async function* () {
        for await (const d of store.documents('current')) yield { source: d.filingId, text: d.parsedJson, format: 'json' as const, validated: true as const };
      })(),
      { ruleSet: engine.ruleSet, judge: engine.judge, workers: 0, lang: 'en', history: { index: storeHistory(store, 200) } },
    );
    const { id, ...summary } = scanView(done, engine).summary;
    expect(id).toBe(record.id);
    expect(summary).toEqual(alone);
    let lines = 0;
    for await (const chunk of store.scanResults(record.id)) lines += chunk.split('\n').length - 1;
    expect(lines).toBe(FILINGS);
  }, 900_000);

  it('cancels the shards not yet taken', async () => {
    const version = (await store.currentVersion())!.version;
    const record = await startStoreScan({ store, queue, version }, { platforms: null, shardSize: 100, lang: 'en', by: { name: 'test', tokenId: null } });
    await until('a first shard', 60, async () => ((await store.getScan(record.id))?.shards.done ?? 0) >= 1);
    await store.cancelScan(record.id);
    await queue.cancel(record.id);
    const at = (await store.getScan(record.id))!;
    expect(at.state).toBe('cancelled');
    // shards in progress at the moment of cancelling may still finish; nothing after them
    await new Promise((r) => setTimeout(r, 3000));
    const later = (await store.getScan(record.id))!;
    expect(later.state).toBe('cancelled');
    expect(later.shards.done).toBeLessThan(later.shards.total);
    expect(later.shards.done - at.shards.done).toBeLessThanOrEqual(2);
  }, 120_000);
});
