// `npm run bench:scale [-- --json] [--count N] [--rounds R] [--shard-size S]`: a scan of the store on
// PostgreSQL (DESIGN §10) in filings per second, on 1 and on 2 `compliance worker` processes taking its
// shards from pg-boss, and the same filings judged in one process without the queue; R interleaved
// rounds, medians and spreads. It creates a database of its own (on COMPLIANCE_BENCH_PG, default
// postgres://root@127.0.0.1:5432/postgres) and drops it at the end.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { JudgeCache } from '../src/app/judges.js';
import { startStoreScan } from '../src/app/scans.js';
import { storeHistory } from '../src/http/history.js';
import { PgBossQueue } from '../src/queue/index.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/rules/load.js';
import { scan } from '../src/scan/index.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres.js';
import { seedRuleSet } from '../src/store/seed.js';
import { corpus } from './corpus.js';
import { loadNow, machine, show, spread, type Spread } from './stats.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const asJson = process.argv.includes('--json');
const count = arg('count', 20_000);
const rounds = arg('rounds', 3);
const shardSize = arg('shard-size', 1000);
const platforms = arg('platforms', 200);
const ADMIN = process.env.COMPLIANCE_BENCH_PG ?? 'postgres://root@127.0.0.1:5432/postgres';
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const log = (s: string) => process.stderr.write(s + '\n');

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Stores the corpus as current filings, a thousand rows a statement; a second filing of a platform's period is left out (one current filing per period). */
async function storeCorpus(store: PostgresStore): Promise<number> {
  const periods = new Set<string>();
  let stored = 0;
  let values: string[] = [];
  let params: unknown[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    await store.pool.query(
      `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, current, received_type, received_text, parsed_json, digest, submitted_by, stored_at) VALUES ${values.join(',')}`,
      params,
    );
    values = [];
    params = [];
  };
  for (const text of corpus(count, 1, 24, platforms)) {
    const f = JSON.parse(text) as {
      filingId: string;
      platform: { id: string; name: string };
      period: { start: string; end: string };
    };
    const key = `${f.platform.id} ${f.period.start} ${f.period.end}`;
    if (periods.has(key)) continue;
    periods.add(key);
    const b = params.length;
    values.push(
      `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, true, 'application/json', $${b + 6}, $${b + 6}, 'd', 'bench', 'now')`,
    );
    params.push(f.filingId, f.platform.id, f.platform.name, f.period.start, f.period.end, text);
    stored++;
    if (values.length === 1000) await flush();
  }
  await flush();
  return stored;
}

/** Starts a `compliance worker` process; resolves once it says it takes shards. */
function startWorker(url: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const w = spawn(process.execPath, [CLI, 'worker', '--db', url, '--shard-timeout', '120'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    w.stderr!.on('data', (b: Buffer) => {
      said += b.toString();
      if (said.includes('taking scan shards')) resolve(w);
    });
    w.on('error', reject);
    w.on('exit', (code) => reject(new Error(`compliance worker exited ${code}: ${said.trim()}`)));
  });
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null || w.signalCode !== null) return resolve();
          w.removeAllListeners('exit');
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
}

async function main(): Promise<void> {
  const host = machine();
  const name = `compliance_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = (() => {
    const u = new URL(ADMIN);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  log(`machine: ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAtStart.join(' ')}`);
  await admin(`CREATE DATABASE ${name}`);
  let store: PostgresStore | null = null;
  let queue: PgBossQueue | null = null;
  const workers: ChildProcess[] = [];
  try {
    store = await openPostgresStore(url, { max: 4 });
    await seedRuleSet(store, readRuleSources(BUNDLED_RULES_DIR));
    const filings = await storeCorpus(store);
    log(`database ${name}: ${filings} current filings over ${platforms} platforms; shards of ${shardSize}`);
    queue = await PgBossQueue.start({ url, shardTimeout: 120 });
    const version = (await store.currentVersion())!.version;
    const engine = (await new JudgeCache(store).at(version))!;
    const st = store;
    const q = queue;

    // the queue's way: shards enqueued, taken by worker processes started (and ready) beforehand
    const onWorkers = async (n: number): Promise<number> => {
      for (let i = 0; i < n; i++) workers.push(await startWorker(url));
      try {
        const t0 = performance.now();
        const record = await startStoreScan(
          { store: st, queue: q, version },
          { platforms: null, shardSize, lang: 'en', by: { name: 'bench', tokenId: null } },
        );
        for (;;) {
          const s = await st.getScan(record.id);
          if (s?.state === 'failed') throw new Error(`scan failed: ${s.error}`);
          if (s?.state === 'done') {
            if (s.filings !== filings) throw new Error(`the scan judged ${s.filings} of ${filings} filings`);
            return performance.now() - t0;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await stopWorkers(workers.splice(0));
      }
    };
    // the same filings, each with its platform's stored history, judged in this process without a queue
    const alone = async (): Promise<number> => {
      const t0 = performance.now();
      const summary = await scan(
        (async function* () {
          for await (const d of st.documents('current'))
            yield { source: d.filingId, text: d.parsedJson, format: 'json' as const };
        })(),
        {
          ruleSet: engine.ruleSet,
          judge: engine.judge,
          workers: 0,
          lang: 'en',
          history: { index: storeHistory(st, 256) },
        },
      );
      if (summary.filings !== filings)
        throw new Error(`the scan in one process judged ${summary.filings} of ${filings} filings`);
      return performance.now() - t0;
    };
    const measures: [string, () => Promise<number>][] = [
      ['inProcess', alone],
      ['workers1', () => onWorkers(1)],
      ['workers2', () => onWorkers(2)],
    ];
    const rates: Record<string, number[]> = Object.fromEntries(measures.map(([k]) => [k, []]));
    for (let r = 0; r < rounds; r++) {
      const line: string[] = [];
      for (let i = 0; i < measures.length; i++) {
        const [key, fn] = measures[(i + r) % measures.length]!;
        const rate = Math.round((filings / (await fn())) * 1000);
        rates[key]!.push(rate);
        line.push(`${key} ${rate}/s`);
      }
      log(`round ${r + 1}/${rounds}: ${line.join(', ')} (load ${loadNow()})`);
    }
    const per = (a: string, b: string) => rates[a]!.map((x, i) => x / rates[b]![i]!);
    const figures: Record<string, Spread> = {
      inProcessPerSec: spread(rates.inProcess!),
      workers1PerSec: spread(rates.workers1!),
      workers2PerSec: spread(rates.workers2!),
      workerScaling: spread(per('workers2', 'workers1'), 2),
      queueOverhead: spread(per('inProcess', 'workers1'), 2),
    };
    const result = {
      filings,
      shardSize,
      platforms,
      rounds,
      ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.median])),
      spread: figures,
      machine: { ...host, loadAtEnd: loadNow() },
    };
    if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      const f = figures;
      process.stdout.write(
        [
          `${host.cpu}, ${host.cores} cores, Node ${host.node}; load at start ${host.loadAtStart.join(' ')}, at end ${result.machine.loadAtEnd}`,
          `a store scan of ${filings} filings on PostgreSQL, shards of ${shardSize}, ${rounds} rounds: median (min–max)`,
          `one process, no queue   ${show(f.inProcessPerSec!)}/s`,
          `1 worker process        ${show(f.workers1PerSec!)}/s`,
          `2 worker processes      ${show(f.workers2PerSec!)}/s`,
          `workerScaling (2 / 1)   ${show(f.workerScaling!)}`,
          `queueOverhead (no queue / 1 worker)  ${show(f.queueOverhead!)}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await stopWorkers(workers);
    await queue?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:scale: ${(e as Error).message}\n`);
  process.exit(2);
});
