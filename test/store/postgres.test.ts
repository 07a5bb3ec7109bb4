// The PostgreSQL store: the same Store contract as SQLite, plus what is PostgreSQL's own (migrations
// under a lock, constraints held by the database, races between connections, backup by pg_dump).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres-migrations.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';
import { describeStoreContract } from './contract.js';
import { filingFor, newFiling } from './support.js';

const available = await postgresAvailable();
const TABLES = 'filings, reports, rule_sets, tokens, audit, orders, rate_limits, scans, scan_shards';

describe.runIf(available)('PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeStoreContract('PostgreSQL', async () => {
    const store = await openPostgresStore(db.url, { max: 4 });
    await store.pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
    return { store, destroy: () => store.close() };
  });

  describe('PostgreSQL store', () => {
    it('applies its migrations once, even when several instances start together', async () => {
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(db.url, { max: 2 })));
      try {
        const { rows } = await stores[0]!.pool.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
        expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(await migratePostgres(stores[0]!.pool)).toEqual([]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('holds one filing per (platform, id) and one current filing per period, whichever connection submits', async () => {
      const stores = await Promise.all([1, 2].map(() => openPostgresStore(db.url, { max: 2 })));
      try {
        await stores[0]!.pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
        const doc = newFiling(filingFor('race-1', { platform: 'race-a' }));
        const outcomes = await Promise.all([stores[0]!.submitFiling(doc), stores[1]!.submitFiling(doc), stores[0]!.submitFiling(doc)]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['created', 'duplicate', 'duplicate']);
        // a second id for the same period, raced: one is stored, the other is told the period is taken
        const a = newFiling(filingFor('x-1', { platform: 'race-b' }));
        const b = newFiling(filingFor('x-2', { platform: 'race-b' }));
        const two = await Promise.all([stores[0]!.submitFiling(a), stores[1]!.submitFiling(b)]);
        expect(two.map((o) => o.kind).sort()).toEqual(['conflict', 'created']);
        // the database itself refuses a second current filing for the period, whoever writes
        await expect(
          stores[0]!.pool.query(
            `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, current, received_type, received_text, parsed_json, digest, submitted_by, stored_at)
             SELECT 'x-3', platform_id, platform_name, period_start, period_end, true, received_type, received_text, parsed_json, digest, submitted_by, stored_at FROM filings WHERE platform_id = 'race-b'`,
          ),
        ).rejects.toThrow(/duplicate key/);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('refuses to change a published rule set or the audit log, whoever asks', async () => {
      const store = await openPostgresStore(db.url, { max: 1 });
      try {
        await store.appendAudit({ actor: 't', action: 'seed', target: null, note: 'n', before: null, after: null });
        await expect(store.pool.query('UPDATE audit SET note = $1', ['changed'])).rejects.toThrow(/append-only/);
        await expect(store.pool.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      } finally {
        await store.close();
      }
    });

    it('says that backups are made with pg_dump', async () => {
      const store: PostgresStore = await openPostgresStore(db.url, { max: 1 });
      try {
        await expect(store.backup()).rejects.toMatchObject({ code: 'usage_error', message: expect.stringMatching(/pg_dump/) });
      } finally {
        await store.close();
      }
    });

    it('refuses an unreachable database with an error, not a hang', async () => {
      const url = new URL(db.url);
      url.port = '1';
      await expect(openPostgresStore(url.toString())).rejects.toBeInstanceOf(Error);
    });
  });
});
