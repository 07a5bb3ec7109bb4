// The Store on PostgreSQL (node-postgres): several service instances and workers share one database;
// uniqueness and compare-and-set are held by its constraints, transactions and advisory locks.

import pg from 'pg';
import { ComplianceError } from '../errors.js';
import type { HistoryRecord } from '../engine/history.js';
import type { Verdict } from '../engine/report-model.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { lightColumns, lightRecord, report, ruleSet, token, type LightRow, type ReportRow, type RuleSetRow, type TokenRow } from './rows.js';
import type { CloseOrderInput, MoveOrderInput, NewOrder } from './order-types.js';
import { PostgresOrders } from './postgres-orders.js';
import { PostgresScans } from './postgres-scans.js';
import type { FilingKey, NewScan, ShardOutput } from './scan-types.js';
import { migratePostgres } from './postgres-migrations.js';
import { inTransaction, type Queryable } from './postgres-tx.js';
import type {
  AuditAction,
  AuditEntry,
  FilingMediaType,
  FilingRecord,
  FilingScope,
  FilingSummary,
  NewAuditEntry,
  NewFiling,
  NewToken,
  Page,
  PlatformSummary,
  PublishInput,
  PublishOutcome,
  ReportRecord,
  RuleSetRecord,
  StoredDocument,
  Store,
  SubmitOutcome,
  TokenRecord,
} from './types.js';

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** The clock for stored times (tests move it). */
  now?: () => Date;
  /** Connections in the pool (default 10). */
  max?: number;
}

interface FilingRow {
  seq: string;
  filing_id: string;
  platform_id: string;
  platform_name: string;
  period_start: string;
  period_end: string;
  supersedes: string | null;
  superseded_by: string | null;
  current: boolean;
  received_type: string;
  received_text: string;
  parsed_json: string;
  digest: string;
  submitted_by: string;
  stored_at: string;
  verdict: string;
  ruleset_version: string;
  ruleset_label: number;
}

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  note: string;
  before_version: string | null;
  after_version: string | null;
  order_id: string | null;
  filing_id: string | null;
}

/** Stored documents are read this many at a time, so a scan of millions keeps memory flat. */
const PAGE = 500;
/** The advisory lock publishing takes, so two instances publishing at once take turns. */
const PUBLISH_LOCK = 0x7075626c6973;

const JOIN_REPORT = 'JOIN reports r ON r.platform_id = f.platform_id AND r.filing_id = f.filing_id';
const FILING_COLUMNS = `f.seq, f.filing_id, f.platform_id, f.platform_name, f.period_start, f.period_end, f.supersedes,
  f.superseded_by, f.current, f.submitted_by, f.stored_at, r.verdict, r.ruleset_version, r.ruleset_label`;

function summary(row: FilingRow): FilingSummary {
  return {
    filingId: row.filing_id,
    platformId: row.platform_id,
    platformName: row.platform_name,
    period: { start: row.period_start, end: row.period_end },
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    current: row.current,
    submittedBy: row.submitted_by,
    storedAt: row.stored_at,
    verdict: row.verdict as Verdict,
    rulesetVersion: row.ruleset_version,
    rulesetLabel: row.ruleset_label,
  };
}

function filing(row: FilingRow): FilingRecord {
  return { ...summary(row), receivedType: row.received_type as FilingMediaType, receivedText: row.received_text, parsedJson: row.parsed_json, digest: row.digest };
}

function audit(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action as AuditAction,
    target: row.target,
    note: row.note,
    before: row.before_version,
    after: row.after_version,
    orderId: row.order_id,
    filingId: row.filing_id,
  };
}

/** A Store on one PostgreSQL database, shared by every instance and worker that opens it. */
export class PostgresStore implements Store {
  private readonly now: () => Date;
  private readonly orders: PostgresOrders;
  private readonly scans: PostgresScans;

  constructor(
    /** The connection pool (exposed for the queue and tests; routes never touch it). */
    readonly pool: pg.Pool,
    opts: PostgresStoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.orders = new PostgresOrders(pool, () => this.stamp());
    this.scans = new PostgresScans(pool, () => this.stamp());
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private async filingRow(q: Queryable, platformId: string, filingId: string): Promise<FilingRow | undefined> {
    const res = await q.query<FilingRow>(
      `SELECT ${FILING_COLUMNS}, f.received_type, f.received_text, f.parsed_json, f.digest
       FROM filings f ${JOIN_REPORT} WHERE f.platform_id = $1 AND f.filing_id = $2`,
      [platformId, filingId],
    );
    return res.rows[0];
  }

  private async reportRow(q: Queryable, platformId: string, filingId: string): Promise<ReportRow | undefined> {
    return (await q.query<ReportRow>('SELECT * FROM reports WHERE platform_id = $1 AND filing_id = $2', [platformId, filingId])).rows[0];
  }

  private async insertAudit(q: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
    const at = this.stamp();
    const res = await q.query<{ id: string }>(
      'INSERT INTO audit (at, actor, action, target, note, before_version, after_version) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [at, entry.actor, entry.action, entry.target, entry.note, entry.before, entry.after],
    );
    return { id: Number(res.rows[0]!.id), at, ...entry, orderId: null, filingId: null };
  }

  submitFiling(input: NewFiling): Promise<SubmitOutcome> {
    return inTransaction(this.pool, async (c) => {
      // submissions of one platform take turns, on every instance; the unique indexes stay the last word
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.platformId]);
      const existing = await this.filingRow(c, input.platformId, input.filingId);
      if (existing) {
        if (existing.digest === input.digest) {
          return { kind: 'duplicate', filing: filing(existing), report: report((await this.reportRow(c, input.platformId, input.filingId))!) };
        }
        return {
          kind: 'conflict',
          reason: 'filing_id_taken',
          pointer: '/filingId',
          message: `filingId ${input.filingId} is taken by another document; a correction needs a new filingId and supersedes: ${input.filingId}`,
        };
      }
      const current = (
        await c.query<{ filing_id: string }>(
          'SELECT filing_id FROM filings WHERE platform_id = $1 AND period_start = $2 AND period_end = $3 AND current',
          [input.platformId, input.period.start, input.period.end],
        )
      ).rows[0];
      const period = `${input.period.start}..${input.period.end}`;
      const periodTaken = (id: string): SubmitOutcome => ({
        kind: 'conflict',
        reason: 'period_taken',
        pointer: '/supersedes',
        message: `platform ${input.platformId} already filed period ${period} as ${id}; name it in supersedes to correct it`,
      });
      if (input.supersedes === null) {
        if (current) return periodTaken(current.filing_id);
      } else {
        const target = (
          await c.query<{ current: boolean }>('SELECT current FROM filings WHERE platform_id = $1 AND filing_id = $2', [input.platformId, input.supersedes])
        ).rows[0];
        if (!target || !target.current) {
          return {
            kind: 'conflict',
            reason: 'supersedes_invalid',
            pointer: '/supersedes',
            message: `supersedes must name a current filing of platform ${input.platformId}; ${input.supersedes} is ${!target ? 'not one' : 'already superseded'}`,
          };
        }
        if (current && current.filing_id !== input.supersedes) return periodTaken(current.filing_id);
        await c.query('UPDATE filings SET current = false, superseded_by = $1 WHERE platform_id = $2 AND filing_id = $3', [input.filingId, input.platformId, input.supersedes]);
      }
      const at = this.stamp();
      const light = lightColumns(input.parsedJson);
      await c.query(
        `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, supersedes, superseded_by, current,
           received_type, received_text, parsed_json, digest, submitted_by, stored_at, members_active, shares_count, shares_sum)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, true, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [input.filingId, input.platformId, input.platformName, input.period.start, input.period.end, input.supersedes, input.receivedType, input.receivedText, input.parsedJson, input.digest, input.submittedBy, at, light.membersActive, light.sharesCount, light.sharesSum],
      );
      const r = input.report;
      await c.query(
        'INSERT INTO reports (platform_id, filing_id, ruleset_version, ruleset_label, lang, verdict, report_json, outcome_json, judged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [input.platformId, input.filingId, r.rulesetVersion, r.rulesetLabel, r.lang, r.verdict, r.json, r.outcome ?? null, at],
      );
      return {
        kind: 'created',
        filing: filing((await this.filingRow(c, input.platformId, input.filingId))!),
        report: report((await this.reportRow(c, input.platformId, input.filingId))!),
      };
    });
  }

  async getFiling(platformId: string, filingId: string): Promise<FilingRecord | null> {
    const row = await this.filingRow(this.pool, platformId, filingId);
    return row ? filing(row) : null;
  }

  async getReport(platformId: string, filingId: string): Promise<ReportRecord | null> {
    const row = await this.reportRow(this.pool, platformId, filingId);
    return row ? report(row) : null;
  }

  async findFilings(filingId: string, platforms?: readonly string[] | null): Promise<FilingSummary[]> {
    const res = await this.pool.query<FilingRow>(
      `SELECT ${FILING_COLUMNS} FROM filings f ${JOIN_REPORT} WHERE f.filing_id = $1 ${platforms ? 'AND f.platform_id = ANY($2)' : ''} ORDER BY f.platform_id`,
      platforms ? [filingId, [...platforms]] : [filingId],
    );
    return res.rows.map(summary);
  }

  async listPlatforms(platforms?: readonly string[]): Promise<PlatformSummary[]> {
    const res = await this.pool.query<FilingRow & { total: string }>(
      `SELECT * FROM (
         SELECT ${FILING_COLUMNS},
           ROW_NUMBER() OVER (PARTITION BY f.platform_id ORDER BY f.period_end DESC, f.seq DESC) AS rn,
           (SELECT COUNT(*) FROM filings a WHERE a.platform_id = f.platform_id) AS total
         FROM filings f ${JOIN_REPORT}
         WHERE f.current ${platforms ? 'AND f.platform_id = ANY($1)' : ''}
       ) latest WHERE rn = 1 ORDER BY platform_id COLLATE "C"`,
      platforms ? [[...platforms]] : [],
    );
    return res.rows.map((row) => ({ platformId: row.platform_id, platformName: row.platform_name, filings: Number(row.total), latest: summary(row) }));
  }

  async hasPlatform(platformId: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM filings WHERE platform_id = $1 LIMIT 1', [platformId])).rowCount! > 0;
  }

  async listFilings(platformId: string, page: { limit: number; cursor?: string | null }): Promise<Page<FilingSummary>> {
    const after = page.cursor ? decodeCursor(page.cursor, ['string', 'number']) : null;
    const res = await this.pool.query<FilingRow>(
      `SELECT ${FILING_COLUMNS} FROM filings f ${JOIN_REPORT}
       WHERE f.platform_id = $1 ${after ? 'AND (f.period_end < $3 OR (f.period_end = $3 AND f.seq < $4))' : ''}
       ORDER BY f.period_end DESC, f.seq DESC LIMIT $2`,
      after ? [platformId, page.limit + 1, after[0], after[1]] : [platformId, page.limit + 1],
    );
    const more = res.rows.length > page.limit;
    const items = res.rows.slice(0, page.limit);
    const last = items.at(-1);
    return { items: items.map(summary), nextCursor: more && last ? encodeCursor([last.period_end, Number(last.seq)]) : null };
  }

  async historyRecords(platformId: string): Promise<HistoryRecord[]> {
    // an index scan of the light columns (DESIGN §10): no document is read, unless one was stored
    // before the columns were, which is filled in now, once
    const res = await this.pool.query<LightRow>(
      `SELECT filing_id, platform_id, period_start, period_end, supersedes, members_active, shares_count, shares_sum,
         CASE WHEN shares_count IS NULL THEN parsed_json END AS parsed_json
       FROM filings WHERE platform_id = $1 AND current ORDER BY period_end, filing_id COLLATE "C"`,
      [platformId],
    );
    const out: HistoryRecord[] = [];
    for (const row of res.rows) {
      const known = lightRecord(row);
      if (known) {
        out.push(known);
        continue;
      }
      const light = lightColumns(row.parsed_json!);
      await this.pool.query('UPDATE filings SET members_active = $1, shares_count = $2, shares_sum = $3 WHERE platform_id = $4 AND filing_id = $5', [
        light.membersActive,
        light.sharesCount,
        light.sharesSum,
        row.platform_id,
        row.filing_id,
      ]);
      out.push(lightRecord({ ...row, members_active: light.membersActive, shares_count: light.sharesCount, shares_sum: light.sharesSum })!);
    }
    return out;
  }

  async currentKeys(platforms?: readonly string[] | null): Promise<{ platformId: string; filingId: string }[]> {
    const res = await this.pool.query<{ platform_id: string; filing_id: string }>(
      `SELECT platform_id, filing_id FROM filings WHERE current ${platforms ? 'AND platform_id = ANY($1)' : ''}
       ORDER BY platform_id COLLATE "C", period_end, filing_id COLLATE "C"`,
      platforms ? [[...platforms]] : [],
    );
    return res.rows.map((r) => ({ platformId: r.platform_id, filingId: r.filing_id }));
  }

  async *documents(scope: FilingScope, platforms?: readonly string[] | null): AsyncIterable<StoredDocument> {
    const filter = platforms ? 'AND platform_id = ANY($2)' : '';
    const base =
      scope === 'latest'
        ? `SELECT * FROM (SELECT seq, filing_id, platform_id, parsed_json,
             ROW_NUMBER() OVER (PARTITION BY platform_id ORDER BY period_end DESC, seq DESC) AS rn
             FROM filings WHERE current ${filter}) l WHERE rn = 1`
        : `SELECT seq, filing_id, platform_id, parsed_json FROM filings WHERE ${scope === 'current' ? 'current' : 'true'} ${filter}`;
    let after = '0';
    for (;;) {
      const res = await this.pool.query<{ seq: string; filing_id: string; platform_id: string; parsed_json: string }>(
        `SELECT * FROM (${base}) d WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
        platforms ? [after, [...platforms]] : [after],
      );
      for (const row of res.rows) yield { filingId: row.filing_id, platformId: row.platform_id, parsedJson: row.parsed_json };
      if (res.rows.length < PAGE) return;
      after = res.rows.at(-1)!.seq;
    }
  }

  async currentRuleSet(): Promise<RuleSetRecord | null> {
    const row = (await this.pool.query<RuleSetRow>('SELECT * FROM rule_sets ORDER BY label DESC LIMIT 1')).rows[0];
    return row ? ruleSet(row) : null;
  }

  async currentVersion(): Promise<{ version: string; label: number } | null> {
    return (await this.pool.query<{ version: string; label: number }>('SELECT version, label FROM rule_sets ORDER BY label DESC LIMIT 1')).rows[0] ?? null;
  }

  async getRuleSet(version: string): Promise<RuleSetRecord | null> {
    const row = (await this.pool.query<RuleSetRow>('SELECT * FROM rule_sets WHERE version = $1 ORDER BY label DESC LIMIT 1', [version])).rows[0];
    return row ? ruleSet(row) : null;
  }

  async listRuleSets(): Promise<Omit<RuleSetRecord, 'sources'>[]> {
    const res = await this.pool.query<RuleSetRow>('SELECT label, version, rules, author, note, created_at FROM rule_sets ORDER BY label DESC');
    return res.rows.map(({ sources_json: _s, created_at, ...r }) => ({ ...r, createdAt: created_at }));
  }

  publishRuleSet(input: PublishInput): Promise<PublishOutcome> {
    return inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const row = (await c.query<RuleSetRow>('SELECT * FROM rule_sets ORDER BY label DESC LIMIT 1')).rows[0];
      const previous = row ? ruleSet(row) : null;
      if ((previous?.version ?? null) !== input.expected) return { kind: 'stale', current: previous };
      const label = (previous?.label ?? 0) + 1;
      const createdAt = this.stamp();
      await c.query(
        'INSERT INTO rule_sets (label, version, sources_json, rules, author, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [label, input.version, JSON.stringify(input.sources), input.rules, input.author, input.note, createdAt],
      );
      const entry = await this.insertAudit(c, { actor: input.author, action: input.action, target: input.target, note: input.note, before: previous?.version ?? null, after: input.version });
      const record: RuleSetRecord = { label, version: input.version, sources: input.sources, rules: input.rules, author: input.author, note: input.note, createdAt };
      return { kind: 'published', record, previous, audit: entry };
    });
  }

  createToken(t: NewToken, actor: string): Promise<TokenRecord> {
    return inTransaction(this.pool, async (c) => {
      const createdAt = this.stamp();
      await c.query(
        'INSERT INTO tokens (id, hash, name, role, platforms_json, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)',
        [t.id, t.hash, t.name, t.role, JSON.stringify(t.platforms), createdAt, t.expiresAt],
      );
      const platforms = t.platforms.length > 0 ? ` for ${t.platforms.join(', ')}` : '';
      await this.insertAudit(c, { actor, action: 'token-create', target: t.id, note: `${t.name} (${t.role}${platforms})`, before: null, after: null });
      return { id: t.id, name: t.name, role: t.role, platforms: [...t.platforms], createdAt, expiresAt: t.expiresAt, revokedAt: null };
    });
  }

  async findToken(hash: string): Promise<TokenRecord | null> {
    const row = (await this.pool.query<TokenRow>('SELECT * FROM tokens WHERE hash = $1', [hash])).rows[0];
    return row ? token(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.pool.query<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id')).rows.map(token);
  }

  revokeToken(idOrName: string, actor: string): Promise<TokenRecord[]> {
    return inTransaction(this.pool, async (c) => {
      const byId = (await c.query<TokenRow>('SELECT * FROM tokens WHERE id = $1 AND revoked_at IS NULL FOR UPDATE', [idOrName])).rows;
      const rows = byId.length > 0 ? byId : (await c.query<TokenRow>('SELECT * FROM tokens WHERE name = $1 AND revoked_at IS NULL FOR UPDATE', [idOrName])).rows;
      const at = this.stamp();
      for (const row of rows) {
        await c.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2', [at, row.id]);
        await this.insertAudit(c, { actor, action: 'token-revoke', target: row.id, note: `${row.name} (${row.role})`, before: null, after: null });
      }
      return rows.map((row) => ({ ...token(row), revokedAt: at }));
    });
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.insertAudit(this.pool, entry);
  }

  async listAudit(page: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>> {
    const after = page.cursor ? decodeCursor(page.cursor, ['number']) : null;
    const res = await this.pool.query<AuditRow>(
      `SELECT * FROM audit ${after ? 'WHERE id < $2' : ''} ORDER BY id DESC LIMIT $1`,
      after ? [page.limit + 1, after[0]] : [page.limit + 1],
    );
    const more = res.rows.length > page.limit;
    const items = res.rows.slice(0, page.limit);
    const last = items.at(-1);
    return { items: items.map(audit), nextCursor: more && last ? encodeCursor([Number(last.id)]) : null };
  }

  createOrder(input: NewOrder) {
    return this.orders.createOrder(input);
  }
  getOrder(id: string) {
    return this.orders.getOrder(id);
  }
  listOrders(platforms?: readonly string[] | null) {
    return this.orders.listOrders(platforms);
  }
  findingStatus(platformId: string, filingId: string, ruleId: string) {
    return this.orders.findingStatus(platformId, filingId, ruleId);
  }
  orderEvidence(order: Parameters<PostgresOrders['orderEvidence']>[0]) {
    return this.orders.orderEvidence(order);
  }
  moveOrder(input: MoveOrderInput) {
    return this.orders.moveOrder(input);
  }
  closeOrder(input: CloseOrderInput) {
    return this.orders.closeOrder(input);
  }

  createScan(input: NewScan) {
    return this.scans.createScan(input);
  }
  getScan(id: string) {
    return this.scans.getScan(id);
  }
  shardKeys(scanId: string, shard: number) {
    return this.scans.shardKeys(scanId, shard);
  }
  startScan(scanId: string) {
    return this.scans.startScan(scanId);
  }
  completeShard(scanId: string, shard: number, output: ShardOutput) {
    return this.scans.completeShard(scanId, shard, output);
  }
  failScan(scanId: string, error: string) {
    return this.scans.failScan(scanId, error);
  }
  cancelScan(scanId: string) {
    return this.scans.cancelScan(scanId);
  }
  scanResults(scanId: string) {
    return this.scans.scanResults(scanId);
  }
  pendingShards() {
    return this.scans.pendingShards();
  }
  documentsByKeys(keys: readonly FilingKey[]) {
    return this.scans.documentsByKeys(keys);
  }

  /** PostgreSQL is backed up online with its own tool: this says so instead of copying anything. */
  backup(): Promise<void> {
    return Promise.reject(
      new ComplianceError('usage_error', [
        {
          code: 'usage_error',
          message: 'a PostgreSQL store is backed up online with its own tool, pg_dump (e.g. pg_dump --format=custom --file=compliance.dump "$DATABASE_URL"), not with compliance backup',
          pointer: '--db',
        },
      ]),
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** True when `db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Connects to a PostgreSQL database and applies pending migrations (safe when several instances start together).
 * @example const store = await openPostgresStore('postgres://compliance@db.internal/compliance');
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // an idle client losing its connection must not take the process down: the pool replaces it
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  return new PostgresStore(pool, opts);
}
