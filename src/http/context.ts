// What every route is given (the store, the engines, metrics, the logger, the clock) and what a request carries.

import type { Logger } from 'pino';
import type { JudgeCache } from '../app/judges.js';
import type { ShardQueue } from '../queue/types.js';
import type { Store, TokenRecord } from '../store/types.js';
import type { Engines } from '../app/ruleset.js';
import type { Metrics } from './metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id (X-Request-Id), in every log line and problem document. */
    id: string;
    /** The request's child logger. */
    log: Logger;
    /** The bearer token's record, once authenticated. */
    auth?: TokenRecord;
  }
}

/** The dependencies routes share. */
export interface AppContext {
  store: Store;
  engines: Engines;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
  /** Worker threads for NDJSON scans (0 = judge on the event loop between reads). */
  scanWorkers: number;
  /** The IANA time zone whose calendar day is "today" for rectification orders (`--tz`). */
  timeZone: string;
  /** Where async scans' shards go (in this process on SQLite, pg-boss on PostgreSQL). */
  queue: ShardQueue;
  /** Judges of published versions, for scans asked with an earlier version in force. */
  judges: JudgeCache;
  /** Filings per shard of an async scan when the request does not say (`--shard-size`). */
  shardSize: number;
}
