// The SQLite store: the Store contract, plus what is SQLite's own (migrations, WAL, triggers, backup, durability).

import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/store/backup.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { describeStoreContract } from './contract.js';
import { filingFor, newFiling, tempDir } from './support.js';

describeStoreContract('SQLite', async () => {
  const tmp = tempDir();
  const store = openSqliteStore(join(tmp.dir, 'db', 'compliance.db'));
  return {
    store,
    destroy: async () => {
      await store.close();
      tmp.remove();
    },
  };
});

describe('SQLite store', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));
  const fresh = () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    return join(tmp.dir, 'nested', 'folder', 'compliance.db');
  };

  it('creates its folder, runs in WAL mode with full sync, and applies each migration once', async () => {
    const path = fresh();
    const store = openSqliteStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    const applied = () => store.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all();
    expect(applied()).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    await store.close();
    const again = openSqliteStore(path);
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    await again.close();
  });

  it('fills the light history columns of a filing stored before they existed on its first read, once', async () => {
    const store = openSqliteStore(fresh());
    await store.submitFiling(newFiling(filingFor('old-1', { n: 1 })));
    const stored = await store.historyRecords('base-mutual');
    // as a filing stored before migration 7 would be
    store.db.prepare('UPDATE filings SET members_active = NULL, shares_count = NULL, shares_sum = NULL').run();
    expect(await store.historyRecords('base-mutual')).toEqual(stored);
    expect(store.db.prepare('SELECT members_active, shares_count, shares_sum FROM filings').get()).toEqual({
      members_active: stored[0]!.membersActive,
      shares_count: stored[0]!.shares.count,
      shares_sum: stored[0]!.shares.sum,
    });
    await store.close();
  });

  it('creates the database file and its -wal and -shm readable by their owner only', async () => {
    const path = fresh();
    const store = openSqliteStore(path);
    await store.submitFiling(newFiling(filingFor('m-1')));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    }
    await store.close();
  });

  it('narrows an existing database file to its owner at start, and writes backups owner-only', async () => {
    const path = fresh();
    openSqliteStore(path).db.close();
    chmodSync(path, 0o644);
    const store = openSqliteStore(path);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    const copy = join(path, '..', 'backups', 'copy.db');
    await store.backup(copy);
    expect((statSync(copy).mode & 0o777).toString(8)).toBe('600');
    await store.close();
  });

  it('migrates a store of version 1 in place to filing ids per platform (migration 2)', async () => {
    const path = fresh();
    mkdirSync(dirname(path), { recursive: true });
    const v1 = new Database(path);
    migrate(v1, MIGRATIONS.filter((m) => m.id === 1));
    const a = newFiling(filingFor('old-1'));
    const b = newFiling(filingFor('old-2', { supersedes: 'old-1' }));
    const insert = v1.prepare(
      `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, supersedes, superseded_by, current,
         received_type, received_text, parsed_json, digest, submitted_by, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const report = v1.prepare(
      'INSERT INTO reports (filing_id, ruleset_version, ruleset_label, lang, verdict, report_json, judged_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [f, current, by] of [[a, 0, 'old-2'], [b, 1, null]] as const) {
      insert.run(f.filingId, f.platformId, f.platformName, f.period.start, f.period.end, f.supersedes, by, current,
        f.receivedType, f.receivedText, f.parsedJson, f.digest, f.submittedBy, '2020-01-01T00:00:00.000Z');
      report.run(f.filingId, 'sha256:old', 1, 'en', 'pass', f.report.json, '2020-01-01T00:00:00.000Z');
    }
    v1.close();
    const store = openSqliteStore(path);
    expect(store.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual(
      MIGRATIONS.map((m) => ({ id: m.id })),
    );
    expect(await store.getFiling('base-mutual', 'old-1')).toMatchObject({ current: false, supersededBy: 'old-2' });
    expect(await store.getFiling('base-mutual', 'old-2')).toMatchObject({ current: true, supersedes: 'old-1' });
    expect(await store.getReport('base-mutual', 'old-2')).toMatchObject({ rulesetVersion: 'sha256:old' });
    // the old global uniqueness is gone: another platform may now use the id
    expect((await store.submitFiling(newFiling(filingFor('old-1', { platform: 'beta' })))).kind).toBe('created');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await store.close();
  });

  it('keeps the audit log and published rule sets append-only', async () => {
    const store = openSqliteStore(fresh());
    await store.appendAudit({
      actor: 'a',
      action: 'seed',
      target: null,
      note: 'x',
      before: null,
      after: null,
    });
    expect(() => store.db.prepare("UPDATE audit SET note = 'y'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    await store.publishRuleSet({
      expected: null,
      version: 'sha256:a',
      sources: { rules: [], parameters: null, waivers: null, extra: [] },
      rules: 0,
      author: 'a',
      note: 'n',
      action: 'seed',
      target: null,
    });
    expect(() => store.db.prepare('DELETE FROM rule_sets').run()).toThrow(/immutable/);
    await store.close();
  });

  it('has a committed filing after the handle is dropped without closing', async () => {
    const path = fresh();
    const store = openSqliteStore(path);
    await store.submitFiling(newFiling(filingFor('d-1')));
    // a second connection sees the commit at once (what a restarted process would see)
    const other = new Database(path, { readonly: true });
    expect(other.prepare('SELECT filing_id FROM filings').all()).toEqual([{ filing_id: 'd-1' }]);
    other.close();
    await store.close();
  });

  it('backs up online to a consistent copy, and refuses to overwrite without force', async () => {
    const path = fresh();
    const store = openSqliteStore(path);
    await store.submitFiling(newFiling(filingFor('b-1')));
    const to = join(path, '..', 'backup', 'copy.db');
    // the service keeps its handle open (and writing) while the copy is taken
    const copying = backupDatabase(path, to);
    await store.submitFiling(newFiling(filingFor('b-2', { n: 1 })));
    expect((await copying).pages).toBeGreaterThan(0);
    const copy = openSqliteStore(to);
    expect(await copy.getFiling('base-mutual', 'b-1')).toMatchObject({ filingId: 'b-1' });
    await copy.close();
    await expect(backupDatabase(path, to)).rejects.toMatchObject({ code: 'usage_error' });
    await backupDatabase(path, to, { force: true });
    await expect(backupDatabase(join(path, '..', 'missing.db'), to)).rejects.toMatchObject({
      code: 'usage_error',
    });
    await store.close();
  });
});
