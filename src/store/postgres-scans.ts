// Asynchronous scans on PostgreSQL: the scan, its shards' filings, each shard's output written once in
// a transaction keyed by (scan, shard), so a shard retried after its worker died counts once.

import type pg from 'pg';
import type { Lang } from '../rules/types.js';
import { inTransaction } from './postgres-tx.js';
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
  total: string;
}

/** The scan half of PostgresStore. */
export class PostgresScans implements ScanStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly stamp: () => string,
  ) {}

  private async record(q: Pick<pg.PoolClient, 'query'>, row: ScanRow): Promise<ScanRecord> {
    const done = (
      await q.query<{ filings: number; summary_json: string }>('SELECT filings, summary_json FROM scan_shards WHERE scan_id = $1 AND done_at IS NOT NULL ORDER BY shard', [row.id])
    ).rows;
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
      shards: { done: done.length, total: Number(row.total) },
      filings: done.reduce((n, s) => n + s.filings, 0),
      summaries: done.map((s) => s.summary_json),
    };
  }

  private async row(q: Pick<pg.PoolClient, 'query'>, id: string): Promise<ScanRow | undefined> {
    return (await q.query<ScanRow>('SELECT s.*, (SELECT COUNT(*) FROM scan_shards x WHERE x.scan_id = s.id) AS total FROM scans s WHERE s.id = $1', [id])).rows[0];
  }

  createScan(input: NewScan): Promise<ScanRecord> {
    return inTransaction(this.pool, async (c) => {
      const empty = input.shards.length === 0;
      await c.query(
        'INSERT INTO scans (id, state, platforms_json, shard_size, ruleset_version, lang, created_by, created_by_token, created_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [input.id, empty ? 'done' : 'queued', input.platforms === null ? null : JSON.stringify(input.platforms), input.shardSize, input.rulesetVersion, input.lang, input.createdBy, input.createdByToken, this.stamp(), empty ? this.stamp() : null],
      );
      for (const [i, keys] of input.shards.entries()) {
        await c.query('INSERT INTO scan_shards (scan_id, shard, keys_json) VALUES ($1, $2, $3)', [input.id, i, JSON.stringify(keys.map((k) => [k.platformId, k.filingId]))]);
      }
      return this.record(c, (await this.row(c, input.id))!);
    });
  }

  async getScan(id: string): Promise<ScanRecord | null> {
    const row = await this.row(this.pool, id);
    return row ? this.record(this.pool, row) : null;
  }

  async shardKeys(scanId: string, shard: number): Promise<FilingKey[] | null> {
    const row = (await this.pool.query<{ keys_json: string }>('SELECT keys_json FROM scan_shards WHERE scan_id = $1 AND shard = $2', [scanId, shard])).rows[0];
    return row ? (JSON.parse(row.keys_json) as [string, string][]).map(([platformId, filingId]) => ({ platformId, filingId })) : null;
  }

  async startScan(scanId: string): Promise<void> {
    await this.pool.query(`UPDATE scans SET state = 'running' WHERE id = $1 AND state = 'queued'`, [scanId]);
  }

  completeShard(scanId: string, shard: number, out: ShardOutput): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const res = await c.query(
        'UPDATE scan_shards SET filings = $1, summary_json = $2, ndjson = $3, done_at = $4 WHERE scan_id = $5 AND shard = $6 AND done_at IS NULL',
        [out.filings, out.summary, out.ndjson, this.stamp(), scanId, shard],
      );
      if (res.rowCount === 0) return false;
      // the scan row is locked so that the last two shards finishing together agree on who closes it
      await c.query('SELECT 1 FROM scans WHERE id = $1 FOR UPDATE', [scanId]);
      const left = Number((await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM scan_shards WHERE scan_id = $1 AND done_at IS NULL', [scanId])).rows[0]!.n);
      if (left === 0) await c.query(`UPDATE scans SET state = 'done', finished_at = $1 WHERE id = $2 AND state IN ('queued', 'running')`, [this.stamp(), scanId]);
      else await c.query(`UPDATE scans SET state = 'running' WHERE id = $1 AND state = 'queued'`, [scanId]);
      return true;
    });
  }

  async failScan(scanId: string, error: string): Promise<void> {
    await this.pool.query(`UPDATE scans SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3 AND state IN ('queued', 'running')`, [error, this.stamp(), scanId]);
  }

  async cancelScan(scanId: string): Promise<ScanRecord | null> {
    await this.pool.query(`UPDATE scans SET state = 'cancelled', finished_at = $1 WHERE id = $2 AND state IN ('queued', 'running')`, [this.stamp(), scanId]);
    return this.getScan(scanId);
  }

  async *scanResults(scanId: string): AsyncIterable<string> {
    const shards = (await this.pool.query<{ shard: number }>('SELECT shard FROM scan_shards WHERE scan_id = $1 AND done_at IS NOT NULL ORDER BY shard', [scanId])).rows;
    for (const { shard } of shards) {
      yield (await this.pool.query<{ ndjson: string }>('SELECT ndjson FROM scan_shards WHERE scan_id = $1 AND shard = $2', [scanId, shard])).rows[0]!.ndjson;
    }
  }

  async pendingShards(): Promise<{ scanId: string; shard: number }[]> {
    const res = await this.pool.query<{ scan_id: string; shard: number }>(
      `SELECT x.scan_id, x.shard FROM scan_shards x JOIN scans s ON s.id = x.scan_id
       WHERE s.state IN ('queued', 'running') AND x.done_at IS NULL ORDER BY s.created_at, s.id, x.shard`,
    );
    return res.rows.map((r) => ({ scanId: r.scan_id, shard: r.shard }));
  }

  async documentsByKeys(keys: readonly FilingKey[]): Promise<{ filingId: string; platformId: string; parsedJson: string }[]> {
    if (keys.length === 0) return [];
    const res = await this.pool.query<{ platform_id: string; filing_id: string; parsed_json: string }>(
      `SELECT f.platform_id, f.filing_id, f.parsed_json FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(platform_id, filing_id, n)
       JOIN filings f ON f.platform_id = k.platform_id AND f.filing_id = k.filing_id ORDER BY k.n`,
      [keys.map((k) => k.platformId), keys.map((k) => k.filingId)],
    );
    return res.rows.map((r) => ({ platformId: r.platform_id, filingId: r.filing_id, parsedJson: r.parsed_json }));
  }
}
