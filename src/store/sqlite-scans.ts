// Asynchronous scans on SQLite (migration 4): the scan, its shards' filings, each shard's output written once.

import type Database from 'better-sqlite3';
import type { Lang } from '../rules/types.js';
import type { FilingKey, NewScan, ScanRecord, ScanState, ScanStore, ShardOutput } from './scan-types.js';

interface ScanRow {
  id: string;
  state: string;
  platforms_json: string | null;
  shard_size: number;
  ruleset_version: string;
  lang: string;
  created_by: string;
  created_by_token: string | null;
  created_at: string;
  finished_at: string | null;
  error: string | null;
  total: number;
}

/** The scan half of SqliteStore. */
export class SqliteScans implements ScanStore {
  constructor(
    private readonly db: Database.Database,
    private readonly stamp: () => string,
  ) {}

  private record(row: ScanRow): ScanRecord {
    const done = this.db
      .prepare<[string], { filings: number; summary_json: string }>('SELECT filings, summary_json FROM scan_shards WHERE scan_id = ? AND done_at IS NOT NULL ORDER BY shard')
      .all(row.id);
    return {
      id: row.id,
      state: row.state as ScanState,
      platforms: row.platforms_json === null ? null : (JSON.parse(row.platforms_json) as string[]),
      shardSize: row.shard_size,
      rulesetVersion: row.ruleset_version,
      lang: row.lang as Lang,
      createdBy: row.created_by,
      createdByToken: row.created_by_token,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      error: row.error,
      shards: { done: done.length, total: row.total },
      filings: done.reduce((n, s) => n + s.filings, 0),
      summaries: done.map((s) => s.summary_json),
    };
  }

  private row(id: string): ScanRow | undefined {
    return this.db.prepare<[string], ScanRow>('SELECT s.*, (SELECT COUNT(*) FROM scan_shards x WHERE x.scan_id = s.id) AS total FROM scans s WHERE s.id = ?').get(id);
  }

  createScan(input: NewScan): Promise<ScanRecord> {
    const run = this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO scans (id, state, platforms_json, shard_size, ruleset_version, lang, created_by, created_by_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.id, input.shards.length === 0 ? 'done' : 'queued', input.platforms === null ? null : JSON.stringify(input.platforms), input.shardSize, input.rulesetVersion, input.lang, input.createdBy, input.createdByToken, this.stamp());
      const shard = this.db.prepare('INSERT INTO scan_shards (scan_id, shard, keys_json) VALUES (?, ?, ?)');
      input.shards.forEach((keys, i) => shard.run(input.id, i, JSON.stringify(keys.map((k) => [k.platformId, k.filingId]))));
      if (input.shards.length === 0) this.db.prepare('UPDATE scans SET finished_at = ? WHERE id = ?').run(this.stamp(), input.id);
      return this.record(this.row(input.id)!);
    });
    return Promise.resolve(run.immediate());
  }

  getScan(id: string): Promise<ScanRecord | null> {
    const row = this.row(id);
    return Promise.resolve(row ? this.record(row) : null);
  }

  shardKeys(scanId: string, shard: number): Promise<FilingKey[] | null> {
    const row = this.db.prepare<[string, number], { keys_json: string }>('SELECT keys_json FROM scan_shards WHERE scan_id = ? AND shard = ?').get(scanId, shard);
    return Promise.resolve(row ? (JSON.parse(row.keys_json) as [string, string][]).map(([platformId, filingId]) => ({ platformId, filingId })) : null);
  }

  startScan(scanId: string): Promise<void> {
    this.db.prepare(`UPDATE scans SET state = 'running' WHERE id = ? AND state = 'queued'`).run(scanId);
    return Promise.resolve();
  }

  completeShard(scanId: string, shard: number, out: ShardOutput): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const info = this.db
        .prepare('UPDATE scan_shards SET filings = ?, summary_json = ?, ndjson = ?, done_at = ? WHERE scan_id = ? AND shard = ? AND done_at IS NULL')
        .run(out.filings, out.summary, out.ndjson, this.stamp(), scanId, shard);
      if (info.changes === 0) return false;
      const left = this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM scan_shards WHERE scan_id = ? AND done_at IS NULL').get(scanId)!.n;
      if (left === 0) this.db.prepare(`UPDATE scans SET state = 'done', finished_at = ? WHERE id = ? AND state IN ('queued', 'running')`).run(this.stamp(), scanId);
      else this.db.prepare(`UPDATE scans SET state = 'running' WHERE id = ? AND state = 'queued'`).run(scanId);
      return true;
    });
    return Promise.resolve(run.immediate());
  }

  failScan(scanId: string, error: string): Promise<void> {
    this.db.prepare(`UPDATE scans SET state = 'failed', error = ?, finished_at = ? WHERE id = ? AND state IN ('queued', 'running')`).run(error, this.stamp(), scanId);
    return Promise.resolve();
  }

  cancelScan(scanId: string): Promise<ScanRecord | null> {
    this.db.prepare(`UPDATE scans SET state = 'cancelled', finished_at = ? WHERE id = ? AND state IN ('queued', 'running')`).run(this.stamp(), scanId);
    return this.getScan(scanId);
  }

  async *scanResults(scanId: string): AsyncIterable<string> {
    const shards = this.db.prepare<[string], { shard: number }>('SELECT shard FROM scan_shards WHERE scan_id = ? AND done_at IS NOT NULL ORDER BY shard').all(scanId);
    const one = this.db.prepare<[string, number], { ndjson: string }>('SELECT ndjson FROM scan_shards WHERE scan_id = ? AND shard = ?');
    for (const { shard } of shards) {
      yield one.get(scanId, shard)!.ndjson;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  pendingShards(): Promise<{ scanId: string; shard: number }[]> {
    const rows = this.db
      .prepare<[], { scan_id: string; shard: number }>(
        `SELECT x.scan_id, x.shard FROM scan_shards x JOIN scans s ON s.id = x.scan_id
         WHERE s.state IN ('queued', 'running') AND x.done_at IS NULL ORDER BY s.created_at, s.id, x.shard`,
      )
      .all();
    return Promise.resolve(rows.map((r) => ({ scanId: r.scan_id, shard: r.shard })));
  }

  documentsByKeys(keys: readonly FilingKey[]): Promise<{ filingId: string; platformId: string; parsedJson: string }[]> {
    const one = this.db.prepare<[string, string], { parsed_json: string }>('SELECT parsed_json FROM filings WHERE platform_id = ? AND filing_id = ?');
    const out: { filingId: string; platformId: string; parsedJson: string }[] = [];
    for (const k of keys) {
      const row = one.get(k.platformId, k.filingId);
      if (row) out.push({ ...k, parsedJson: row.parsed_json });
    }
    return Promise.resolve(out);
  }
}
