// Where a per-key rate limit is kept: in the database on PostgreSQL (every instance spends one
// allowance), in this process's memory on SQLite (one process serves the file).

import { PostgresRateLimits } from '../store/postgres-rate-limit.js';
import { PostgresStore } from '../store/postgres.js';
import type { Store } from '../store/types.js';
import { RateLimiter, type Take } from './rate-limit.js';

/** A limit of `perMinute` requests a minute per key (a token, a client address). */
export interface Limiter {
  readonly perMinute: number;
  /** Spends one request of `key`'s allowance. */
  take(key: string): Promise<Take>;
}

/**
 * The limiter of one scope (`token`, `auth-failed`, …) for the service on `store`: shared through the
 * `rate_limits` table on PostgreSQL, a token bucket in memory otherwise. Both allow the same rate with
 * the same burst (a full minute's allowance), refilled continuously.
 * @example const perToken = limiterFor(store, 'token', 1200);
 */
export function limiterFor(store: Store, scope: string, perMinute: number, now: () => number = () => Date.now()): Limiter {
  if (store instanceof PostgresStore) return new PostgresRateLimits(store.pool, scope, perMinute);
  const memory = new RateLimiter(perMinute, now);
  return { perMinute, take: (key) => Promise.resolve(memory.take(key)) };
}
