// `compliance serve`: the HTTP service on an embedded SQLite file, with JSON logs and a graceful SIGTERM.

import { defaultDb, redact } from '../../store/open.js';
import { Command } from 'commander';
import { tokenRefusal } from '../../store/tokens.js';
import { usage } from '../output.js';
import { isTimeZone } from '../../app/orders/machine.js';
import { setExitCode, warn } from '../io.js';
import { complianceCommand, dbArgument } from '../hint.js';

interface ServeOptions {
  host: string;
  port: string;
  db: string;
  rateLimit: string;
  requestTimeout: string;
  rules?: string;
  tz: string;
  worker?: boolean;
  shardSize: string;
  shardTimeout: string;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw usage(`${name} must be an integer from ${min} to ${max}, not ${value}`);
  return n;
}

/** `compliance serve`: runs until SIGTERM or SIGINT, then shuts down gracefully (exit 0). */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the HTTP API and the web console, storing filings, reports and rule versions in a SQLite file or a shared PostgreSQL database')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option(
      '--db <file|url>',
      'the SQLite database (created with its folder on first start) or a postgres:// URL shared by several instances (default: DATABASE_URL, else ./data/compliance.db)',
      defaultDb(),
    )
    .option('--rate-limit <n>', 'requests a minute per token (0 = off)', '1200')
    .option('--request-timeout <s>', 'seconds a request\'s headers, then its body, may take to arrive (0 = off); an NDJSON scan may stream longer while its lines keep coming', '30')
    .option('--rules <dir>', 'rule folder that seeds an empty database (default: the bundled pack)')
    .option('--tz <zone>', 'IANA time zone of "today" for rectification orders (openedOn, overdue)', 'Asia/Shanghai')
    .option('--worker', 'on PostgreSQL, also judge scan shards in this process (on SQLite it always does)')
    .option('--shard-size <n>', 'filings per shard of an async scan', '1000')
    .option('--shard-timeout <s>', "seconds within which a dead worker's shard is taken again (PostgreSQL)", '60')
    .action(async (opts: ServeOptions) => {
      const shardSize = integer(opts.shardSize, '--shard-size', 1, 100_000);
      const shardTimeout = integer(opts.shardTimeout, '--shard-timeout', 2, 86_400);
      if (!isTimeZone(opts.tz)) throw usage(`--tz ${opts.tz} is not an IANA time zone (such as Asia/Shanghai or UTC)`);
      const port = integer(opts.port, '--port', 0, 65535);
      const rateLimit = integer(opts.rateLimit, '--rate-limit', 0, 1_000_000);
      const requestTimeout = integer(opts.requestTimeout, '--request-timeout', 0, 86_400);
      // loaded here, not at the top: other commands should not pay for express, pino and prom-client
      const [{ pino }, { startService }] = await Promise.all([
        import('pino'),
        import('../../http/server.js'),
      ]);
      const logger = pino({ base: { service: 'compliance' } });
      const svc = await startService({
        host: opts.host,
        port,
        db: opts.db,
        rateLimit,
        requestTimeout,
        logger,
        timeZone: opts.tz,
        shardSize,
        shardTimeout,
        worker: opts.worker ?? false,
        ...(opts.rules ? { seedRules: opts.rules } : {}),
      });
      const { version, label } = svc.app.engines.current;
      logger.info({ url: svc.url, db: redact(opts.db), ruleset: { version, label }, rateLimit }, 'listening');
      warn(
        `compliance: serving ${svc.url} from ${redact(opts.db)} (rule set ${label}, ${version})\n`,
      );
      if (svc.seeded)
        warn(
          `compliance: new database; seeded with ${svc.seeded.rules} rules (${svc.seeded.note})\n`,
        );
      const usable = (await svc.store.listTokens()).filter((t) => tokenRefusal(t, new Date()) === null);
      if (usable.length === 0) {
        warn(
          [
            'compliance: no token can use this service yet. Create a supervisor token (printed alone on stdout) with:',
            `  ${complianceCommand()} token create ${dbArgument(opts.db, redact(opts.db))} --role supervisor --name admin`,
            'then send it as "Authorization: Bearer <token>". Officers: --role officer --platform PLATFORM-ID.',
            '',
          ].join('\n'),
        );
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'shutting down: finishing requests in flight');
          svc
            .close()
            .then(() => {
              logger.info('stopped');
              logger.flush();
              resolve();
            })
            .catch((e: unknown) => {
              logger.error({ err: e }, 'shutdown failed');
              setExitCode(1);
              resolve();
            });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
