// `compliance worker`: judges the shards of queued scans (DESIGN §10) from the shared PostgreSQL
// database, until SIGTERM or SIGINT; a shard in progress is finished before it exits.

import { Command } from 'commander';
import { defaultDb, redact } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { usage } from '../output.js';
import { setExitCode, warn } from '../io.js';

interface WorkerOptions {
  db: string;
  concurrency: string;
  shardTimeout: string;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw usage(`${name} must be an integer from ${min} to ${max}, not ${value}`);
  return n;
}

/** `compliance worker --db postgres://… [--concurrency N] [--shard-timeout S]`. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('judge the shards of queued scans from a shared PostgreSQL database (run as many as you like)')
    .option('--db <url>', 'the postgres:// URL the service instances share (default: DATABASE_URL)', defaultDb(''))
    .option('--concurrency <n>', 'shards judged at a time in this process', '1')
    .option('--shard-timeout <s>', "seconds within which a dead worker's shard is taken again", '60')
    .action(async (opts: WorkerOptions) => {
      if (!isPostgresUrl(opts.db)) {
        throw usage(
          opts.db === ''
            ? 'a worker needs --db postgres://… (or DATABASE_URL): the database the service instances share'
            : `--db ${opts.db} is not a postgres:// URL: on an embedded SQLite file, compliance serve judges scan shards itself`,
        );
      }
      const concurrency = integer(opts.concurrency, '--concurrency', 1, 64);
      const shardTimeout = integer(opts.shardTimeout, '--shard-timeout', 2, 86_400);
      const [{ pino }, { openStore }, { JudgeCache }, { PgBossQueue, shardRunner }] = await Promise.all([
        import('pino'),
        import('../../store/open.js'),
        import('../../app/judges.js'),
        import('../../queue/index.js'),
      ]);
      const logger = pino({ base: { service: 'compliance-worker' } });
      const store = await openStore(opts.db);
      const judges = new JudgeCache(store);
      const { run, onFailed } = shardRunner(store, judges);
      const queue = await PgBossQueue.start({
        url: opts.db,
        shardTimeout,
        worker: {
          concurrency,
          onFailed,
          run: async (scanId, shard) => {
            const started = performance.now();
            const outcome = await run(scanId, shard);
            logger.info({ scanId, shard, outcome, ms: Math.round(performance.now() - started) }, 'shard');
            return outcome;
          },
        },
      });
      logger.info({ db: redact(opts.db), concurrency, shardTimeout }, 'taking scan shards');
      warn(`compliance: worker taking scan shards from ${redact(opts.db)} (${concurrency} at a time)\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'stopping: finishing the shards in progress');
          queue
            .close()
            .then(() => store.close())
            .then(() => {
              logger.info('stopped');
              logger.flush();
              resolve();
            })
            .catch((e: unknown) => {
              logger.error({ err: e }, 'stop failed');
              setExitCode(1);
              resolve();
            });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
