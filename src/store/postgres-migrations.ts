// The PostgreSQL schema as numbered migrations, applied at start under an advisory lock so that two
// instances starting together take turns instead of both migrating.

import type { Pool } from 'pg';

/** One schema step. Never edit a released migration: add the next number. */
export interface PgMigration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration, in order. The schema is SQLite's after its migrations 1–3, held by PostgreSQL's own constraints. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    id: 1,
    name: 'filings (ids unique within a platform), reports, rule sets, tokens, audit log, rectification orders',
    sql: `
      CREATE TABLE filings (
        seq           BIGSERIAL PRIMARY KEY,
        filing_id     TEXT NOT NULL,
        platform_id   TEXT NOT NULL,
        platform_name TEXT NOT NULL,
        period_start  TEXT NOT NULL,
        period_end    TEXT NOT NULL,
        supersedes    TEXT,
        superseded_by TEXT,
        current       BOOLEAN NOT NULL,
        received_type TEXT NOT NULL,
        received_text TEXT NOT NULL,
        parsed_json   TEXT NOT NULL,
        digest        TEXT NOT NULL,
        submitted_by  TEXT NOT NULL,
        stored_at     TEXT NOT NULL,
        UNIQUE (platform_id, filing_id),
        FOREIGN KEY (platform_id, supersedes) REFERENCES filings (platform_id, filing_id)
      );
      -- one current filing per platform and period, held by the database across instances
      CREATE UNIQUE INDEX filings_current_period ON filings (platform_id, period_start, period_end) WHERE current;
      CREATE INDEX filings_by_platform ON filings (platform_id, period_end DESC, seq DESC);
      CREATE INDEX filings_by_id ON filings (filing_id);

      CREATE TABLE reports (
        platform_id     TEXT NOT NULL,
        filing_id       TEXT NOT NULL,
        ruleset_version TEXT NOT NULL,
        ruleset_label   INTEGER NOT NULL,
        lang            TEXT NOT NULL,
        verdict         TEXT NOT NULL,
        report_json     TEXT NOT NULL,
        judged_at       TEXT NOT NULL,
        PRIMARY KEY (platform_id, filing_id),
        FOREIGN KEY (platform_id, filing_id) REFERENCES filings (platform_id, filing_id)
      );

      CREATE TABLE rule_sets (
        label        INTEGER PRIMARY KEY,
        version      TEXT NOT NULL,
        sources_json TEXT NOT NULL,
        rules        INTEGER NOT NULL,
        author       TEXT NOT NULL,
        note         TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX rule_sets_by_version ON rule_sets (version, label);

      CREATE TABLE tokens (
        id             TEXT PRIMARY KEY,
        hash           TEXT NOT NULL UNIQUE,
        name           TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'auditor')),
        platforms_json TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        expires_at     TEXT,
        revoked_at     TEXT
      );

      CREATE TABLE audit (
        id             BIGSERIAL PRIMARY KEY,
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        action         TEXT NOT NULL,
        target         TEXT,
        note           TEXT NOT NULL,
        before_version TEXT,
        after_version  TEXT,
        order_id       TEXT,
        filing_id      TEXT
      );
      CREATE INDEX audit_by_order ON audit (order_id) WHERE order_id IS NOT NULL;

      CREATE TABLE orders (
        seq                  BIGSERIAL PRIMARY KEY,
        id                   TEXT NOT NULL UNIQUE,
        platform_id          TEXT NOT NULL,
        rule_id              TEXT NOT NULL,
        from_filing_id       TEXT NOT NULL,
        from_period_end      TEXT NOT NULL,
        opened_on            TEXT NOT NULL,
        opened_by            TEXT NOT NULL,
        opened_at            TEXT NOT NULL,
        deadline             TEXT NOT NULL,
        note                 TEXT NOT NULL,
        state                TEXT NOT NULL CHECK (state IN ('open', 'rectified', 'closed')),
        relapsed             BOOLEAN NOT NULL,
        rectified_by         TEXT,
        late                 BOOLEAN NOT NULL,
        revision             INTEGER NOT NULL,
        closed_on            TEXT,
        closed_by            TEXT,
        closed_at            TEXT,
        close_note           TEXT,
        closed_evidence_json TEXT
      );
      CREATE UNIQUE INDEX orders_one_open ON orders (platform_id, rule_id, from_filing_id) WHERE state <> 'closed';
      CREATE INDEX orders_by_platform ON orders (platform_id, seq);

      -- what is published or recorded is never changed: the database refuses it, whoever asks
      CREATE FUNCTION compliance_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;
      CREATE TRIGGER rule_sets_immutable BEFORE UPDATE OR DELETE ON rule_sets
        FOR EACH ROW EXECUTE FUNCTION compliance_refuse('published rule sets are immutable');
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION compliance_refuse('the audit log is append-only');
      CREATE TRIGGER orders_kept BEFORE DELETE ON orders
        FOR EACH ROW EXECUTE FUNCTION compliance_refuse('orders are kept');
      CREATE TRIGGER orders_closed_final BEFORE UPDATE ON orders
        FOR EACH ROW WHEN (OLD.state = 'closed') EXECUTE FUNCTION compliance_refuse('a closed order is final');
    `,
  },
  {
    id: 2,
    name: 'rate-limit counters shared by every instance',
    sql: `
      CREATE TABLE rate_limits (
        key        TEXT PRIMARY KEY,
        points     INTEGER NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: 'asynchronous scans of stored filings: scans and their shards, each shard written once',
    sql: `
      CREATE TABLE scans (
        id              TEXT PRIMARY KEY,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        platforms_json  TEXT,
        shard_size      INTEGER NOT NULL,
        ruleset_version TEXT NOT NULL,
        lang            TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        finished_at     TEXT,
        error           TEXT
      );
      CREATE TABLE scan_shards (
        scan_id      TEXT NOT NULL REFERENCES scans (id),
        shard        INTEGER NOT NULL,
        keys_json    TEXT NOT NULL,
        filings      INTEGER,
        summary_json TEXT,
        ndjson       TEXT,
        done_at      TEXT,
        PRIMARY KEY (scan_id, shard)
      );
    `,
  },
  {
    id: 4,
    name: 'a scan belongs to the id of the token that asked for it (names are not unique)',
    sql: `ALTER TABLE scans ADD COLUMN created_by_token TEXT;`,
  },
  {
    id: 5,
    name: 'a report keeps its language-neutral outcome: another language is rendered from it, never judged again',
    sql: `ALTER TABLE reports ADD COLUMN outcome_json TEXT;`,
  },
  {
    id: 6,
    name: "each filing's light history record in columns (members, count and exact sum of shares): a history read parses no JSON",
    sql: `
      ALTER TABLE filings ADD COLUMN members_active BIGINT;
      ALTER TABLE filings ADD COLUMN shares_count INTEGER;
      ALTER TABLE filings ADD COLUMN shares_sum TEXT;
      CREATE INDEX filings_current_by_platform ON filings (platform_id, period_end, filing_id COLLATE "C") WHERE current;
    `,
  },
];

/** The advisory lock key migrations take (any constant; "compliance" in ASCII, truncated). */
const MIGRATION_LOCK = 0x636f6d706c69;

/** Applies every migration not yet applied, each in its own transaction, under one advisory lock; returns their ids. */
export async function migratePostgres(pool: Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const done: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const applied = new Set((await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
      if (applied.has(m.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
        await client.query('COMMIT');
        done.push(m.id);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return done;
}
