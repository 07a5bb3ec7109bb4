// Running the service: open (and on first start seed) the store, listen, and shut down gracefully.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { BUNDLED_RULES_DIR, readRuleSources } from '../rules/load.js';
import { seedRuleSet } from '../store/seed.js';
import { openStore } from '../store/open.js';
import { isPostgresUrl } from '../store/postgres.js';
import type { JudgeCache } from '../app/judges.js';
import { PgBossQueue, shardRunner } from '../queue/index.js';
import type { Metrics } from './metrics.js';
import type { RuleSetRecord, Store } from '../store/types.js';
import { createApp, type ComplianceApp } from './app.js';

/** How `startService` runs. */
export interface ServiceOptions {
  host: string;
  port: number;
  /** The SQLite file (it and its folder are created on first start) or a `postgres://` URL. */
  db: string;
  /** Requests a minute per token; 0 = off. */
  rateLimit: number;
  /** Seconds a request's headers, and then its body, may take to arrive (`--request-timeout`, default 30; 0 = off). */
  requestTimeout?: number;
  /** The rule folder that seeds an empty store (default: the bundled pack). */
  seedRules?: string;
  logger?: Logger;
  /** How long in-flight requests may take to finish after a shutdown begins, in ms. */
  shutdownGraceMs?: number;
  /** IANA time zone of "today" for rectification orders (default Asia/Shanghai). */
  timeZone?: string;
  /** Filings per shard of an async scan (default 1,000). */
  shardSize?: number;
  /** Seconds within which a dead worker's shard is taken again (PostgreSQL; default 60). */
  shardTimeout?: number;
  /** On PostgreSQL, also take scan shards in this process (`--worker`); on SQLite shards always run here. */
  worker?: boolean;
}

/** A running service. */
export interface Service {
  server: Server;
  store: Store;
  app: ComplianceApp;
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  /** The rule set seeded on this start, when the store was empty. */
  seeded: RuleSetRecord | null;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the store, seeds it on first start, and serves the app until `close()`.
 * @example const svc = await startService({ host: '127.0.0.1', port: 8080, db: './data/compliance.db', rateLimit: 1200 });
 */
export async function startService(opts: ServiceOptions): Promise<Service> {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const timeoutMs = Math.round((opts.requestTimeout ?? 30) * 1000);
  const store = await openStore(opts.db);
  try {
    const seeded = (await store.currentRuleSet())
      ? null
      : await seedRuleSet(
          store,
          readRuleSources(opts.seedRules ?? BUNDLED_RULES_DIR),
          opts.seedRules ? `seeded from ${opts.seedRules}` : 'seeded with the bundled rule pack',
        );
    const app = await createApp({
      store,
      logger,
      rateLimit: opts.rateLimit,
      requestTimeoutMs: timeoutMs,
      defaultMetrics: true,
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      ...(opts.shardSize ? { shardSize: opts.shardSize } : {}),
      ...(isPostgresUrl(opts.db)
        ? {
            queue: ({ judges, metrics }: { judges: JudgeCache; metrics: Metrics }) =>
              PgBossQueue.start({
                url: opts.db,
                shardTimeout: opts.shardTimeout ?? 60,
                events: metrics,
                ...(opts.worker ? { worker: shardRunner(store, judges) } : {}),
              }),
          }
        : {}),
    });
    // node checks its header timeout this often: often enough that a short --request-timeout holds
    const server = createServer(
      { connectionsCheckingInterval: Math.max(250, Math.min(30_000, (timeoutMs || 30_000) / 4)) },
      app.app,
    );
    // node's own whole-request timeout stays off: scans stream for as long as their lines keep
    // coming, and the app's body deadline (deadline.ts) cuts off bodies that stall; slow headers,
    // which never reach the app, are cut off by node after the same time
    server.requestTimeout = 0;
    if (timeoutMs > 0) server.headersTimeout = timeoutMs;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        app.drain();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), opts.shutdownGraceMs ?? 25_000);
          // a keep-alive connection goes idle when its request in flight is answered: close it then,
          // rather than waiting for the client or the keep-alive timeout
          const idle = setInterval(() => server.closeIdleConnections(), 50);
          server.close(() => {
            clearTimeout(force);
            clearInterval(idle);
            resolve();
          });
          server.closeIdleConnections();
        });
        await app.queue.close();
        await store.close();
      })());
    return { server, store, app, url: `http://${host}:${address.port}`, seeded, close };
  } catch (e) {
    await store.close();
    throw e;
  }
}
