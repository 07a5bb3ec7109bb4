// A per-token rate limiter: a token bucket per key, in this process's memory.

/** Whether a request may proceed, and if not how many seconds until it may. */
export type Take = { ok: true } | { ok: false; retryAfter: number };

/**
 * Allows `perMinute` requests a minute per key, refilled continuously (a bucket of `perMinute`
 * tokens), so there is no burst of twice the limit at a window's edge. Per process: the service on
 * SQLite uses it; on PostgreSQL the same bucket is kept in the database for every instance (limits.ts).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private calls = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Spends one request of `key`'s allowance. */
  take(key: string): Take {
    if (this.perMinute <= 0) return { ok: true };
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (++this.calls % 10_000 === 0) this.prune(now, rate);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) };
  }

  /** Forgets keys whose bucket has refilled: they hold nothing worth remembering. */
  private prune(now: number, rate: number): void {
    for (const [k, b] of this.buckets)
      if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(k);
  }
}
