// pg-boss start-up on a new database: several processes starting at once take turns (no deadlock),
// and a queue that cannot start leaves nothing running.

import { describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/queue/index.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';

const available = await postgresAvailable();

describe.runIf(available)('PgBossQueue.start', () => {
  it('starts three queues at once on a new database', async () => {
    const db = await createTestDatabase();
    try {
      const queues = await Promise.all([1, 2, 3].map(() => PgBossQueue.start({ url: db.url, shardTimeout: 6 })));
      expect(await queues[0]!.depth()).toBe(0);
      await queues[1]!.enqueue('scan_0000000000000000', 3);
      expect(await queues[2]!.depth()).toBe(3);
      await Promise.all(queues.map((q) => q.close()));
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('refuses an unreachable database with an error', async () => {
    await expect(PgBossQueue.start({ url: 'postgres://nobody@127.0.0.1:1/none', shardTimeout: 6 })).rejects.toBeInstanceOf(Error);
  }, 30_000);
});
