// Rate limits in PostgreSQL: one allowance per key whichever connection (instance) spends it, atomic
// under concurrent takes, refused with the seconds until the next token, swept once refilled.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { PostgresRateLimits } from '../../src/store/postgres-rate-limit.js';
import { limiterFor } from '../../src/http/limits.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';

const available = await postgresAvailable();

describe.runIf(available)('rate limits in PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: PostgresStore;
  let b: PostgresStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    // two stores, two pools: what two service instances on one database hold
    a = await openPostgresStore(db.url, { max: 4 });
    b = await openPostgresStore(db.url, { max: 4 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('spends one allowance across instances: what A took, B cannot take again', async () => {
    const onA = new PostgresRateLimits(a.pool, 'token', 3);
    const onB = new PostgresRateLimits(b.pool, 'token', 3);
    const taken = [await onA.take('t1'), await onB.take('t1'), await onA.take('t1')];
    expect(taken.every((t) => t.ok)).toBe(true);
    const refused = await onB.take('t1');
    expect(refused.ok).toBe(false);
    // 3 a minute: the next token arrives within 20 s
    if (!refused.ok) {
      expect(refused.retryAfter).toBeGreaterThanOrEqual(19);
      expect(refused.retryAfter).toBeLessThanOrEqual(20);
    }
    // another key and another scope have their own buckets
    expect((await onB.take('t2')).ok).toBe(true);
    expect((await new PostgresRateLimits(b.pool, 'auth-failed', 3).take('t1')).ok).toBe(true);
  });

  it('allows exactly the limit when many takes race on both instances', async () => {
    const limits = [new PostgresRateLimits(a.pool, 'token', 10), new PostgresRateLimits(b.pool, 'token', 10)];
    const takes = await Promise.all(Array.from({ length: 30 }, (_, i) => limits[i % 2]!.take('race')));
    expect(takes.filter((t) => t.ok)).toHaveLength(10);
    const { rows } = await a.pool.query<{ points: number }>("SELECT points FROM rate_limits WHERE key = 'token:race'");
    expect(rows[0]!.points).toBe(20); // refused since the last one allowed
  });

  it('refills continuously: a key whose bucket has refilled is allowed again and swept', async () => {
    // 60 a minute: one token a second
    const fast = new PostgresRateLimits(a.pool, 'token', 60);
    const burst = await Promise.all(Array.from({ length: 60 }, () => fast.take('refill')));
    expect(burst.every((t) => t.ok)).toBe(true);
    const refused = await fast.take('refill');
    expect(refused).toEqual({ ok: false, retryAfter: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await fast.take('refill')).ok).toBe(true);
    await a.pool.query("UPDATE rate_limits SET expires_at = now() - interval '1 second' WHERE key = 'token:refill'");
    expect(await fast.sweep()).toBeGreaterThanOrEqual(1);
    const { rowCount } = await a.pool.query("SELECT 1 FROM rate_limits WHERE key = 'token:refill'");
    expect(rowCount).toBe(0);
  });

  it('0 is no limit, and the service chooses the database on PostgreSQL', async () => {
    const off = new PostgresRateLimits(a.pool, 'token', 0);
    for (let i = 0; i < 5; i++) expect((await off.take('off')).ok).toBe(true);
    expect(limiterFor(a, 'token', 5)).toBeInstanceOf(PostgresRateLimits);
  });
});
