// Rate limits kept in PostgreSQL's `rate_limits` table, so every instance on the database spends one allowance per key.

import type { Queryable } from './postgres-tx.js';

/** Whether a request may proceed, and if not how many seconds until it may. */
export type RateTake = { ok: true } | { ok: false; retryAfter: number };

/** Takes between two sweeps of rows that hold nothing any more (per process). */
const SWEEP_EVERY = 10_000;

/**
 * One statement per take, atomic under the row's lock: the generic cell rate algorithm, the token
 * bucket of the in-memory limiter written as one timestamp per key. `expires_at` is the key's
 * theoretical arrival time — the moment its bucket is full again, after which the row holds nothing
 * and may be swept — and `points` counts the requests refused since the last one allowed (0: this
 * take was allowed). Time is the database's `now()`, so instances with skewed clocks agree.
 *
 * A bucket of `perMinute` tokens refilled at `perMinute` a minute allows a request when at least one
 * token is left, i.e. when the arrival time is no more than `perMinute - 1` intervals ahead of now.
 */
const TAKE = `
  INSERT INTO rate_limits AS r (key, points, expires_at)
  VALUES ($1, 0, now() + make_interval(secs => $2))
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN r.expires_at - now() <= make_interval(secs => $3) THEN 0 ELSE LEAST(r.points + 1, 1000000000) END,
    expires_at = CASE WHEN r.expires_at - now() <= make_interval(secs => $3)
                      THEN GREATEST(r.expires_at, now()) + make_interval(secs => $2)
                      ELSE r.expires_at END
  RETURNING points, EXTRACT(EPOCH FROM (r.expires_at - now() - make_interval(secs => $3)))::float8 AS wait`;

/**
 * The per-key limits of one scope (`token`, `auth-failed`, …) kept in the database: keys are stored as
 * `scope:key`, so scopes with different limits never share a bucket.
 */
export class PostgresRateLimits {
  private takes = 0;

  constructor(
    private readonly db: Queryable,
    readonly scope: string,
    readonly perMinute: number,
  ) {}

  /** Spends one request of `key`'s allowance, on whichever instance it arrives. */
  async take(key: string): Promise<RateTake> {
    if (this.perMinute <= 0) return { ok: true };
    if (++this.takes % SWEEP_EVERY === 0) await this.sweep();
    const interval = 60 / this.perMinute;
    const tolerance = (this.perMinute - 1) * interval;
    const res = await this.db.query<{ points: number; wait: number }>(TAKE, [`${this.scope}:${key}`, interval, tolerance]);
    const row = res.rows[0]!;
    if (row.points === 0) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, Math.ceil(row.wait)) };
  }

  /** Deletes the rows whose bucket has refilled: they hold nothing worth remembering. */
  async sweep(): Promise<number> {
    const res = await this.db.query('DELETE FROM rate_limits WHERE expires_at < now()');
    return res.rowCount ?? 0;
  }
}
