// The SQLite schema as numbered migrations, applied in order at start, each exactly once.

import type { Database } from 'better-sqlite3';

/** One schema step. Never edit a released migration: add the next number. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'filings, reports, rule sets, tokens, audit log',
    sql: `
      CREATE TABLE filings (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        filing_id     TEXT NOT NULL UNIQUE,
        platform_id   TEXT NOT NULL,
        platform_name TEXT NOT NULL,
        period_start  TEXT NOT NULL,
        period_end    TEXT NOT NULL,
        supersedes    TEXT REFERENCES filings (filing_id),
        superseded_by TEXT,
        current       INTEGER NOT NULL CHECK (current IN (0, 1)),
        received_type TEXT NOT NULL,
        received_text TEXT NOT NULL,
        parsed_json   TEXT NOT NULL,
        digest        TEXT NOT NULL,
        submitted_by  TEXT NOT NULL,
        stored_at     TEXT NOT NULL
      );
      -- one current filing per platform and period, enforced by the database itself
      CREATE UNIQUE INDEX filings_current_period ON filings (platform_id, period_start, period_end) WHERE current = 1;
      CREATE INDEX filings_by_platform ON filings (platform_id, period_end DESC, seq DESC);

      CREATE TABLE reports (
        filing_id       TEXT PRIMARY KEY REFERENCES filings (filing_id),
        ruleset_version TEXT NOT NULL,
        ruleset_label   INTEGER NOT NULL,
        lang            TEXT NOT NULL,
        verdict         TEXT NOT NULL,
        report_json     TEXT NOT NULL,
        judged_at       TEXT NOT NULL
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
      CREATE TRIGGER rule_sets_no_update BEFORE UPDATE ON rule_sets BEGIN SELECT RAISE(ABORT, 'published rule sets are immutable'); END;
      CREATE TRIGGER rule_sets_no_delete BEFORE DELETE ON rule_sets BEGIN SELECT RAISE(ABORT, 'published rule sets are immutable'); END;

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
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        action         TEXT NOT NULL,
        target         TEXT,
        note           TEXT NOT NULL,
        before_version TEXT,
        after_version  TEXT
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    id: 2,
    name: 'filing ids unique within a platform, not globally',
    // SQLite cannot change a table's keys in place: the old tables are renamed, the new ones built
    // with (platform_id, filing_id) as key, the rows copied (seq kept, so storage order and cursors
    // survive), and the old tables dropped. A filing only ever superseded one of its own platform,
    // so the composite reference holds for every existing row.
    sql: `
      PRAGMA defer_foreign_keys = ON;
      ALTER TABLE reports RENAME TO reports_v1;
      ALTER TABLE filings RENAME TO filings_v1;
      DROP INDEX filings_current_period;
      DROP INDEX filings_by_platform;

      CREATE TABLE filings (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        filing_id     TEXT NOT NULL,
        platform_id   TEXT NOT NULL,
        platform_name TEXT NOT NULL,
        period_start  TEXT NOT NULL,
        period_end    TEXT NOT NULL,
        supersedes    TEXT,
        superseded_by TEXT,
        current       INTEGER NOT NULL CHECK (current IN (0, 1)),
        received_type TEXT NOT NULL,
        received_text TEXT NOT NULL,
        parsed_json   TEXT NOT NULL,
        digest        TEXT NOT NULL,
        submitted_by  TEXT NOT NULL,
        stored_at     TEXT NOT NULL,
        UNIQUE (platform_id, filing_id),
        FOREIGN KEY (platform_id, supersedes) REFERENCES filings (platform_id, filing_id)
      );
      CREATE UNIQUE INDEX filings_current_period ON filings (platform_id, period_start, period_end) WHERE current = 1;
      CREATE INDEX filings_by_platform ON filings (platform_id, period_end DESC, seq DESC);
      -- the shortcut route looks an id up across platforms
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

      INSERT INTO filings (seq, filing_id, platform_id, platform_name, period_start, period_end, supersedes, superseded_by,
          current, received_type, received_text, parsed_json, digest, submitted_by, stored_at)
        SELECT seq, filing_id, platform_id, platform_name, period_start, period_end, supersedes, superseded_by,
          current, received_type, received_text, parsed_json, digest, submitted_by, stored_at
        FROM filings_v1 ORDER BY seq;
      INSERT INTO reports (platform_id, filing_id, ruleset_version, ruleset_label, lang, verdict, report_json, judged_at)
        SELECT f.platform_id, r.filing_id, r.ruleset_version, r.ruleset_label, r.lang, r.verdict, r.report_json, r.judged_at
        FROM reports_v1 r JOIN filings_v1 f ON f.filing_id = r.filing_id;
      DROP TABLE reports_v1;
      DROP TABLE filings_v1;
    `,
  },
  {
    id: 3,
    name: 'rectification orders; audit entries naming an order and the filing that moved it',
    sql: `
      CREATE TABLE orders (
        seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
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
        relapsed             INTEGER NOT NULL CHECK (relapsed IN (0, 1)),
        rectified_by         TEXT,
        late                 INTEGER NOT NULL CHECK (late IN (0, 1)),
        revision             INTEGER NOT NULL,
        closed_on            TEXT,
        closed_by            TEXT,
        closed_at            TEXT,
        close_note           TEXT,
        closed_evidence_json TEXT
      );
      -- one order not yet closed per platform, rule and failing filing, held by the database across instances
      CREATE UNIQUE INDEX orders_one_open ON orders (platform_id, rule_id, from_filing_id) WHERE state <> 'closed';
      CREATE INDEX orders_by_platform ON orders (platform_id, seq);
      CREATE TRIGGER orders_closed_final BEFORE UPDATE ON orders WHEN OLD.state = 'closed'
        BEGIN SELECT RAISE(ABORT, 'a closed order is final'); END;
      CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders BEGIN SELECT RAISE(ABORT, 'orders are kept'); END;

      ALTER TABLE audit ADD COLUMN order_id TEXT;
      ALTER TABLE audit ADD COLUMN filing_id TEXT;
      CREATE INDEX audit_by_order ON audit (order_id) WHERE order_id IS NOT NULL;
    `,
  },
  {
    id: 4,
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
    id: 5,
    name: 'a scan belongs to the id of the token that asked for it (names are not unique)',
    sql: `ALTER TABLE scans ADD COLUMN created_by_token TEXT;`,
  },
  {
    id: 6,
    name: 'a report keeps its language-neutral outcome: another language is rendered from it, never judged again',
    sql: `ALTER TABLE reports ADD COLUMN outcome_json TEXT;`,
  },
  {
    id: 7,
    name: "each filing's light history record in columns (members, count and exact sum of shares): a history read parses no JSON",
    sql: `
      ALTER TABLE filings ADD COLUMN members_active INTEGER;
      ALTER TABLE filings ADD COLUMN shares_count INTEGER;
      ALTER TABLE filings ADD COLUMN shares_sum TEXT;
      CREATE INDEX filings_current_by_platform ON filings (platform_id, period_end, filing_id) WHERE current = 1;
    `,
  },
];

/**
 * Applies every migration not yet applied, each in its own transaction, and returns their ids.
 * `BEGIN IMMEDIATE` makes two processes starting on one new file take turns instead of both migrating.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = db.prepare<[number], { id: number }>('SELECT id FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    db.transaction(() => {
      if (applied.get(m.id)) return;
      db.exec(m.sql);
      record.run(m.id, m.name, new Date().toISOString());
      done.push(m.id);
    }).immediate();
  }
  return done;
}
