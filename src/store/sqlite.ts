// The Store on embedded SQLite (better-sqlite3): WAL mode, full sync on commit, migrations at open.

import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ComplianceError } from '../errors.js';
import type { HistoryRecord } from '../engine/history.js';
import type { Verdict } from '../engine/report-model.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { lightColumns, lightRecord, report, ruleSet, token, type LightRow, type ReportRow, type RuleSetRow, type TokenRow } from './rows.js';
import { migrate } from './migrations.js';
import type { CloseOrderInput, MoveOrderInput, NewOrder } from './order-types.js';
import { SqliteOrders } from './sqlite-orders.js';
import { SqliteScans } from './sqlite-scans.js';
import type { FilingKey, NewScan, ShardOutput } from './scan-types.js';
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

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The clock for stored times (tests move it). */
  now?: () => Date;
  /** Open an existing file without writing to it (no migrations): for backups. */
  readonly?: boolean;
}

interface FilingRow {
  seq: number;
  filing_id: string;
  platform_id: string;
  platform_name: string;
  period_start: string;
  period_end: string;
  supersedes: string | null;
  superseded_by: string | null;
  current: number;
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
  id: number;
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

/** A filing's report: the same id on the same platform. */
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
    current: row.current === 1,
    submittedBy: row.submitted_by,
    storedAt: row.stored_at,
    verdict: row.verdict as Verdict,
    rulesetVersion: row.ruleset_version,
    rulesetLabel: row.ruleset_label,
  };
}

function filing(row: FilingRow): FilingRecord {
  return {
    ...summary(row),
    receivedType: row.received_type as FilingMediaType,
    receivedText: row.received_text,
    parsedJson: row.parsed_json,
    digest: row.digest,
  };
}

function audit(row: AuditRow): AuditEntry {
  return {
    id: row.id,
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

/** A Store on one SQLite file. Writes are synchronous transactions, so each is atomic in this process and across processes. */
export class SqliteStore implements Store {
  private readonly now: () => Date;

  constructor(
    /** The open database (exposed for tests and tooling; routes never touch it). */
    readonly db: Database.Database,
    opts: SqliteStoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  // Preparing a statement costs more than running it (measured: most of a request's store time), so
  // each SQL text is prepared once per store and reused.
  private readonly statements = new Map<string, Database.Statement>();

  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st as unknown as Database.Statement<P, R>;
  }

  private filingRow(platformId: string, filingId: string): FilingRow | undefined {
    return this
      .prepare<[string, string], FilingRow>(
        `SELECT ${FILING_COLUMNS}, f.received_type, f.received_text, f.parsed_json, f.digest
         FROM filings f ${JOIN_REPORT} WHERE f.platform_id = ? AND f.filing_id = ?`,
      )
      .get(platformId, filingId);
  }

  private reportRow(platformId: string, filingId: string): ReportRow | undefined {
    return this
      .prepare<[string, string], ReportRow>('SELECT * FROM reports WHERE platform_id = ? AND filing_id = ?')
      .get(platformId, filingId);
  }

  private insertAudit(entry: NewAuditEntry): AuditEntry {
    const at = this.stamp();
    const info = this
      .prepare(
        'INSERT INTO audit (at, actor, action, target, note, before_version, after_version) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, entry.actor, entry.action, entry.target, entry.note, entry.before, entry.after);
    return { id: Number(info.lastInsertRowid), at, ...entry, orderId: null, filingId: null };
  }

  submitFiling(input: NewFiling): Promise<SubmitOutcome> {
    const run = this.db.transaction((): SubmitOutcome => {
      const existing = this.filingRow(input.platformId, input.filingId);
      if (existing) {
        if (existing.digest === input.digest)
          return {
            kind: 'duplicate',
            filing: filing(existing),
            report: report(this.reportRow(input.platformId, input.filingId)!),
          };
        return {
          kind: 'conflict',
          reason: 'filing_id_taken',
          pointer: '/filingId',
          message: `filingId ${input.filingId} is taken by another document; a correction needs a new filingId and supersedes: ${input.filingId}`,
        };
      }
      const current = this
        .prepare<[string, string, string], { filing_id: string }>(
          'SELECT filing_id FROM filings WHERE platform_id = ? AND period_start = ? AND period_end = ? AND current = 1',
        )
        .get(input.platformId, input.period.start, input.period.end);
      const period = `${input.period.start}..${input.period.end}`;
      if (input.supersedes === null) {
        if (current) {
          return {
            kind: 'conflict',
            reason: 'period_taken',
            pointer: '/supersedes',
            message: `platform ${input.platformId} already filed period ${period} as ${current.filing_id}; name it in supersedes to correct it`,
          };
        }
      } else {
        // supersedes names a filing of the same platform: another platform's ids are not looked at
        const target = this
          .prepare<[string, string], { current: number }>(
            'SELECT current FROM filings WHERE platform_id = ? AND filing_id = ?',
          )
          .get(input.platformId, input.supersedes);
        if (!target || target.current !== 1) {
          return {
            kind: 'conflict',
            reason: 'supersedes_invalid',
            pointer: '/supersedes',
            message: `supersedes must name a current filing of platform ${input.platformId}; ${input.supersedes} is ${!target ? 'not one' : 'already superseded'}`,
          };
        }
        if (current && current.filing_id !== input.supersedes) {
          return {
            kind: 'conflict',
            reason: 'period_taken',
            pointer: '/supersedes',
            message: `platform ${input.platformId} already filed period ${period} as ${current.filing_id}; name it in supersedes to correct it`,
          };
        }
        this
          .prepare('UPDATE filings SET current = 0, superseded_by = ? WHERE platform_id = ? AND filing_id = ?')
          .run(input.filingId, input.platformId, input.supersedes);
      }
      const at = this.stamp();
      const light = lightColumns(input.parsedJson);
      this
        .prepare(
          `INSERT INTO filings (filing_id, platform_id, platform_name, period_start, period_end, supersedes, superseded_by, current,
             received_type, received_text, parsed_json, digest, submitted_by, stored_at, members_active, shares_count, shares_sum)
           VALUES (?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.filingId,
          input.platformId,
          input.platformName,
          input.period.start,
          input.period.end,
          input.supersedes,
          input.receivedType,
          input.receivedText,
          input.parsedJson,
          input.digest,
          input.submittedBy,
          at,
          light.membersActive,
          light.sharesCount,
          light.sharesSum,
        );
      const r = input.report;
      this
        .prepare(
          'INSERT INTO reports (platform_id, filing_id, ruleset_version, ruleset_label, lang, verdict, report_json, outcome_json, judged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(input.platformId, input.filingId, r.rulesetVersion, r.rulesetLabel, r.lang, r.verdict, r.json, r.outcome ?? null, at);
      return {
        kind: 'created',
        filing: filing(this.filingRow(input.platformId, input.filingId)!),
        report: report(this.reportRow(input.platformId, input.filingId)!),
      };
    });
    return Promise.resolve(run.immediate());
  }

  getFiling(platformId: string, filingId: string): Promise<FilingRecord | null> {
    const row = this.filingRow(platformId, filingId);
    return Promise.resolve(row ? filing(row) : null);
  }

  getReport(platformId: string, filingId: string): Promise<ReportRecord | null> {
    const row = this.reportRow(platformId, filingId);
    return Promise.resolve(row ? report(row) : null);
  }

  findFilings(filingId: string, platforms?: readonly string[] | null): Promise<FilingSummary[]> {
    const filter = platforms ? 'AND f.platform_id IN (SELECT value FROM json_each(?))' : '';
    const rows = this
      .prepare<unknown[], FilingRow>(
        `SELECT ${FILING_COLUMNS} FROM filings f ${JOIN_REPORT} WHERE f.filing_id = ? ${filter} ORDER BY f.platform_id`,
      )
      .all(filingId, ...(platforms ? [JSON.stringify(platforms)] : []));
    return Promise.resolve(rows.map(summary));
  }

  listPlatforms(platforms?: readonly string[]): Promise<PlatformSummary[]> {
    const filter = platforms ? 'AND f.platform_id IN (SELECT value FROM json_each(?))' : '';
    const rows = this
      .prepare<unknown[], FilingRow & { total: number }>(
        `SELECT * FROM (
           SELECT ${FILING_COLUMNS},
             ROW_NUMBER() OVER (PARTITION BY f.platform_id ORDER BY f.period_end DESC, f.seq DESC) AS rn,
             (SELECT COUNT(*) FROM filings a WHERE a.platform_id = f.platform_id) AS total
           FROM filings f ${JOIN_REPORT}
           WHERE f.current = 1 ${filter}
         ) WHERE rn = 1 ORDER BY platform_id`,
      )
      .all(...(platforms ? [JSON.stringify(platforms)] : []));
    return Promise.resolve(
      rows.map((row) => ({
        platformId: row.platform_id,
        platformName: row.platform_name,
        filings: row.total,
        latest: summary(row),
      })),
    );
  }

  hasPlatform(platformId: string): Promise<boolean> {
    return Promise.resolve(
      this.prepare('SELECT 1 FROM filings WHERE platform_id = ? LIMIT 1').get(platformId) !== undefined,
    );
  }

  listFilings(
    platformId: string,
    page: { limit: number; cursor?: string | null },
  ): Promise<Page<FilingSummary>> {
    try {
      const after = page.cursor ? decodeCursor(page.cursor, ['string', 'number']) : null;
      const rows = this
        .prepare<unknown[], FilingRow>(
          `SELECT ${FILING_COLUMNS} FROM filings f ${JOIN_REPORT}
           WHERE f.platform_id = ? ${after ? 'AND (f.period_end < ? OR (f.period_end = ? AND f.seq < ?))' : ''}
           ORDER BY f.period_end DESC, f.seq DESC LIMIT ?`,
        )
        .all(platformId, ...(after ? [after[0], after[0], after[1]] : []), page.limit + 1);
      const more = rows.length > page.limit;
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return Promise.resolve({
        items: items.map(summary),
        nextCursor: more && last ? encodeCursor([last.period_end, last.seq]) : null,
      });
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  historyRecords(platformId: string): Promise<HistoryRecord[]> {
    // an index scan of the light columns (DESIGN §10): no document is read, unless one was stored
    // before the columns were, which is filled in now, once
    const rows = this.prepare<[string], LightRow>(
      `SELECT filing_id, platform_id, period_start, period_end, supersedes, members_active, shares_count, shares_sum,
         CASE WHEN shares_count IS NULL THEN parsed_json END AS parsed_json
       FROM filings WHERE platform_id = ? AND current = 1 ORDER BY period_end, filing_id`,
    ).all(platformId);
    return Promise.resolve(rows.map((r) => lightRecord(r) ?? this.fillLight(r)));
  }

  /** Fills the light columns of a filing stored before they existed, and answers its record. */
  private fillLight(row: LightRow): HistoryRecord {
    const light = lightColumns(row.parsed_json!);
    this.prepare('UPDATE filings SET members_active = ?, shares_count = ?, shares_sum = ? WHERE platform_id = ? AND filing_id = ?').run(
      light.membersActive,
      light.sharesCount,
      light.sharesSum,
      row.platform_id,
      row.filing_id,
    );
    return lightRecord({ ...row, members_active: light.membersActive, shares_count: light.sharesCount, shares_sum: light.sharesSum })!;
  }

  currentKeys(platforms?: readonly string[] | null): Promise<{ platformId: string; filingId: string }[]> {
    const filter = platforms ? 'AND platform_id IN (SELECT value FROM json_each(?))' : '';
    const rows = this.prepare<unknown[], { platform_id: string; filing_id: string }>(
      `SELECT platform_id, filing_id FROM filings WHERE current = 1 ${filter} ORDER BY platform_id, period_end, filing_id`,
    ).all(...(platforms ? [JSON.stringify(platforms)] : []));
    return Promise.resolve(rows.map((r) => ({ platformId: r.platform_id, filingId: r.filing_id })));
  }

  async *documents(scope: FilingScope, platforms?: readonly string[] | null): AsyncIterable<StoredDocument> {
    const filter = platforms ? 'AND platform_id IN (SELECT value FROM json_each(?))' : '';
    const base =
      scope === 'latest'
        ? `SELECT * FROM (SELECT seq, filing_id, platform_id, parsed_json,
             ROW_NUMBER() OVER (PARTITION BY platform_id ORDER BY period_end DESC, seq DESC) AS rn
             FROM filings WHERE current = 1 ${filter}) WHERE rn = 1`
        : `SELECT seq, filing_id, platform_id, parsed_json FROM filings WHERE ${scope === 'current' ? 'current = 1' : '1 = 1'} ${filter}`;
    const query = this.prepare<
      unknown[],
      { seq: number; filing_id: string; platform_id: string; parsed_json: string }
    >(`SELECT * FROM (${base}) WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
    let after = 0;
    for (;;) {
      const rows = query.all(...(platforms ? [JSON.stringify(platforms)] : []), after);
      for (const row of rows)
        yield { filingId: row.filing_id, platformId: row.platform_id, parsedJson: row.parsed_json };
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
      // let other requests run between pages of a long scan
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  currentRuleSet(): Promise<RuleSetRecord | null> {
    const row = this.prepare<[], RuleSetRow>('SELECT * FROM rule_sets ORDER BY label DESC LIMIT 1').get();
    return Promise.resolve(row ? ruleSet(row) : null);
  }

  currentVersion(): Promise<{ version: string; label: number } | null> {
    const row = this
      .prepare<[], { version: string; label: number }>('SELECT version, label FROM rule_sets ORDER BY label DESC LIMIT 1')
      .get();
    return Promise.resolve(row ?? null);
  }

  getRuleSet(version: string): Promise<RuleSetRecord | null> {
    const row = this
      .prepare<[string], RuleSetRow>('SELECT * FROM rule_sets WHERE version = ? ORDER BY label DESC LIMIT 1')
      .get(version);
    return Promise.resolve(row ? ruleSet(row) : null);
  }

  listRuleSets(): Promise<Omit<RuleSetRecord, 'sources'>[]> {
    const rows = this
      .prepare<[], RuleSetRow>(
        'SELECT label, version, rules, author, note, created_at FROM rule_sets ORDER BY label DESC',
      )
      .all();
    return Promise.resolve(
      rows.map(({ sources_json: _s, created_at, ...r }) => ({ ...r, createdAt: created_at })),
    );
  }

  publishRuleSet(input: PublishInput): Promise<PublishOutcome> {
    const run = this.db.transaction((): PublishOutcome => {
      const row = this
        .prepare<[], RuleSetRow>('SELECT * FROM rule_sets ORDER BY label DESC LIMIT 1')
        .get();
      const previous = row ? ruleSet(row) : null;
      if ((previous?.version ?? null) !== input.expected) return { kind: 'stale', current: previous };
      const label = (previous?.label ?? 0) + 1;
      const createdAt = this.stamp();
      this
        .prepare(
          'INSERT INTO rule_sets (label, version, sources_json, rules, author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          label,
          input.version,
          JSON.stringify(input.sources),
          input.rules,
          input.author,
          input.note,
          createdAt,
        );
      const entry = this.insertAudit({
        actor: input.author,
        action: input.action,
        target: input.target,
        note: input.note,
        before: previous?.version ?? null,
        after: input.version,
      });
      const record: RuleSetRecord = {
        label,
        version: input.version,
        sources: input.sources,
        rules: input.rules,
        author: input.author,
        note: input.note,
        createdAt,
      };
      return { kind: 'published', record, previous, audit: entry };
    });
    return Promise.resolve(run.immediate());
  }

  createToken(t: NewToken, actor: string): Promise<TokenRecord> {
    const run = this.db.transaction((): TokenRecord => {
      const createdAt = this.stamp();
      this
        .prepare(
          'INSERT INTO tokens (id, hash, name, role, platforms_json, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
        )
        .run(t.id, t.hash, t.name, t.role, JSON.stringify(t.platforms), createdAt, t.expiresAt);
      const platforms = t.platforms.length > 0 ? ` for ${t.platforms.join(', ')}` : '';
      this.insertAudit({
        actor,
        action: 'token-create',
        target: t.id,
        note: `${t.name} (${t.role}${platforms})`,
        before: null,
        after: null,
      });
      return {
        id: t.id,
        name: t.name,
        role: t.role,
        platforms: [...t.platforms],
        createdAt,
        expiresAt: t.expiresAt,
        revokedAt: null,
      };
    });
    return Promise.resolve(run.immediate());
  }

  findToken(hash: string): Promise<TokenRecord | null> {
    const row = this.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE hash = ?').get(hash);
    return Promise.resolve(row ? token(row) : null);
  }

  listTokens(): Promise<TokenRecord[]> {
    return Promise.resolve(
      this.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at, id').all().map(token),
    );
  }

  revokeToken(idOrName: string, actor: string): Promise<TokenRecord[]> {
    const run = this.db.transaction((): TokenRecord[] => {
      const byId = this
        .prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL')
        .all(idOrName);
      const rows =
        byId.length > 0
          ? byId
          : this
              .prepare<[string], TokenRow>('SELECT * FROM tokens WHERE name = ? AND revoked_at IS NULL')
              .all(idOrName);
      const at = this.stamp();
      for (const row of rows) {
        this.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, row.id);
        this.insertAudit({
          actor,
          action: 'token-revoke',
          target: row.id,
          note: `${row.name} (${row.role})`,
          before: null,
          after: null,
        });
      }
      return rows.map((row) => ({ ...token(row), revokedAt: at }));
    });
    return Promise.resolve(run.immediate());
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return Promise.resolve(this.insertAudit(entry));
  }

  // rectification orders live in sqlite-orders.ts; these delegate to it
  private ordersPart: SqliteOrders | null = null;
  private get orders(): SqliteOrders {
    return (this.ordersPart ??= new SqliteOrders(this.db, () => this.stamp()));
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
  orderEvidence(order: Parameters<SqliteOrders['orderEvidence']>[0]) {
    return this.orders.orderEvidence(order);
  }
  moveOrder(input: MoveOrderInput) {
    return this.orders.moveOrder(input);
  }
  closeOrder(input: CloseOrderInput) {
    return this.orders.closeOrder(input);
  }

  // asynchronous scans live in sqlite-scans.ts; these delegate to it
  private scansPart: SqliteScans | null = null;
  private get scans(): SqliteScans {
    return (this.scansPart ??= new SqliteScans(this.db, () => this.stamp()));
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

  listAudit(page: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>> {
    try {
      const after = page.cursor ? decodeCursor(page.cursor, ['number']) : null;
      const rows = this
        .prepare<unknown[], AuditRow>(
          `SELECT * FROM audit ${after ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`,
        )
        .all(...(after ? [after[0]] : []), page.limit + 1);
      const more = rows.length > page.limit;
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return Promise.resolve({
        items: items.map(audit),
        nextCursor: more && last ? encodeCursor([last.id]) : null,
      });
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  async backup(destination: string): Promise<void> {
    mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });
    // a copy holds the same filings and token hashes: owner-only like the original
    closeSync(openSync(destination, 'a', 0o600));
    await this.db.backup(destination);
    chmodSync(destination, 0o600);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/**
 * Makes the database file readable by its owner only before SQLite opens it: a new file is created
 * with mode 0600 (SQLite gives its -wal and -shm the mode of the database file), an existing one is
 * narrowed to it. A new folder is 0700.
 */
function ownerOnly(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
  } catch (e) {
    throw new ComplianceError('usage_error', [{ code: 'usage_error', message: `cannot create the database here: ${fsReason(e, path)}`, file: path }], { cause: e });
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * Opens (creating the file and its folder on first use) a SQLite store and applies pending migrations.
 * WAL lets readers (a backup, `token list`) work beside the running service; `synchronous = FULL`
 * makes every commit durable before it returns, which is what a 201 promises.
 * @example const store = openSqliteStore('./data/compliance.db');
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  if (!opts.readonly && path !== ':memory:') ownerOnly(path);
  const db = new Database(path, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return new SqliteStore(db, opts);
}

/** Why a file could not be made, in words (never the system's error text). */
function fsReason(e: unknown, path: string): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a part of its folder is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EISDIR':
      return `${path} is a folder; give a file name`;
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return 'the folder or file cannot be written';
  }
}
