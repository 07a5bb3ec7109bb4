// Rectification orders on SQLite: the orders table (migration 3), compare-and-set status changes, audit entries with orderId.

import type Database from 'better-sqlite3';
import type { Status } from '../engine/report-model.js';
import type {
  CloseOrderInput,
  CreateOrderOutcome,
  MoveOrderInput,
  NewOrder,
  OrderChangeOutcome,
  OrderEvidence,
  OrderRecord,
  OrderStore,
  StoredOrderState,
} from './order-types.js';
import { status } from './rows.js';
import type { AuditAction, AuditEntry } from './types.js';

interface OrderRow {
  id: string;
  platform_id: string;
  rule_id: string;
  from_filing_id: string;
  from_period_end: string;
  opened_on: string;
  opened_by: string;
  opened_at: string;
  deadline: string;
  note: string;
  state: string;
  relapsed: number;
  rectified_by: string | null;
  late: number;
  revision: number;
  closed_on: string | null;
  closed_by: string | null;
  closed_at: string | null;
  close_note: string | null;
  closed_evidence_json: string | null;
}

function order(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    platformId: row.platform_id,
    ruleId: row.rule_id,
    fromFilingId: row.from_filing_id,
    fromPeriodEnd: row.from_period_end,
    openedOn: row.opened_on,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    deadline: row.deadline,
    note: row.note,
    stored: {
      state: row.state as StoredOrderState,
      relapsed: row.relapsed === 1,
      rectifiedBy: row.rectified_by,
      late: row.late === 1,
    },
    revision: row.revision,
    closed:
      row.closed_on === null
        ? null
        : {
            on: row.closed_on,
            by: row.closed_by ?? '',
            at: row.closed_at ?? '',
            note: row.close_note ?? '',
            evidence: JSON.parse(row.closed_evidence_json ?? '[]') as OrderEvidence[],
          },
  };
}

/** The status of a rule's finding inside a stored report's JSON, extracted by SQLite itself. */
const FINDING_STATUS = `(SELECT json_extract(j.value, '$.status') FROM json_each(r.report_json, '$.findings') j
   WHERE json_extract(j.value, '$.ruleId') = ? LIMIT 1)`;

/** The order half of SqliteStore: SqliteStore delegates each OrderStore method here. */
export class SqliteOrders implements OrderStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    /** The store's clock, as an RFC 3339 time. */
    private readonly stamp: () => string,
  ) {}

  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st as unknown as Database.Statement<P, R>;
  }

  private row(id: string): OrderRow | undefined {
    return this.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?').get(id);
  }

  private audit(entry: {
    actor: string;
    action: AuditAction;
    orderId: string;
    filingId: string | null;
    note: string;
    before: string | null;
    after: string | null;
  }): AuditEntry {
    const at = this.stamp();
    const info = this.prepare(
      `INSERT INTO audit (at, actor, action, target, note, before_version, after_version, order_id, filing_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      at,
      entry.actor,
      entry.action,
      entry.orderId,
      entry.note,
      entry.before,
      entry.after,
      entry.orderId,
      entry.filingId,
    );
    return {
      id: Number(info.lastInsertRowid),
      at,
      actor: entry.actor,
      action: entry.action,
      target: entry.orderId,
      note: entry.note,
      before: entry.before,
      after: entry.after,
      orderId: entry.orderId,
      filingId: entry.filingId,
    };
  }

  createOrder(input: NewOrder): Promise<CreateOrderOutcome> {
    const run = this.db.transaction((): CreateOrderOutcome => {
      const existing = this.prepare<[string, string, string], OrderRow>(
        `SELECT * FROM orders WHERE platform_id = ? AND rule_id = ? AND from_filing_id = ? AND state <> 'closed'`,
      ).get(input.platformId, input.ruleId, input.fromFilingId);
      if (existing) return { kind: 'exists', order: order(existing) };
      this.prepare(
        `INSERT INTO orders (id, platform_id, rule_id, from_filing_id, from_period_end, opened_on, opened_by, opened_at,
             deadline, note, state, relapsed, rectified_by, late, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, NULL, 0, 1)`,
      ).run(
        input.id,
        input.platformId,
        input.ruleId,
        input.fromFilingId,
        input.fromPeriodEnd,
        input.openedOn,
        input.openedBy,
        this.stamp(),
        input.deadline,
        input.note,
      );
      const audit = this.audit({
        actor: input.openedBy,
        action: 'order-open',
        orderId: input.id,
        filingId: input.fromFilingId,
        note: `${input.platformId} to rectify ${input.ruleId} by ${input.deadline}${input.note ? `: ${input.note}` : ''}`,
        before: null,
        after: 'open',
      });
      return { kind: 'created', order: order(this.row(input.id)!), audit };
    });
    return Promise.resolve(run.immediate());
  }

  getOrder(id: string): Promise<OrderRecord | null> {
    const row = this.row(id);
    return Promise.resolve(row ? order(row) : null);
  }

  listOrders(platforms?: readonly string[] | null): Promise<OrderRecord[]> {
    const rows = platforms
      ? this.prepare<[string], OrderRow>(
          'SELECT * FROM orders WHERE platform_id IN (SELECT value FROM json_each(?)) ORDER BY seq',
        ).all(JSON.stringify(platforms))
      : this.prepare<[], OrderRow>('SELECT * FROM orders ORDER BY seq').all();
    return Promise.resolve(rows.map(order));
  }

  findingStatus(platformId: string, filingId: string, ruleId: string): Promise<Status | null> {
    const row = this.prepare<[string, string, string], { status: unknown }>(
      `SELECT ${FINDING_STATUS} AS status FROM reports r WHERE r.platform_id = ? AND r.filing_id = ?`,
    ).get(ruleId, platformId, filingId);
    return Promise.resolve(row ? status(row.status) : null);
  }

  orderEvidence(
    o: Pick<OrderRecord, 'platformId' | 'ruleId' | 'fromFilingId' | 'fromPeriodEnd'>,
  ): Promise<OrderEvidence[]> {
    const rows = this.prepare<
      [string, string, string, string],
      { filing_id: string; period_end: string; status: unknown }
    >(
      `SELECT f.filing_id, f.period_end, ${FINDING_STATUS} AS status
         FROM filings f JOIN reports r ON r.platform_id = f.platform_id AND r.filing_id = f.filing_id
         WHERE f.platform_id = ? AND f.current = 1 AND f.filing_id <> ? AND f.period_end >= ?
         ORDER BY f.period_end, f.filing_id`,
    ).all(o.ruleId, o.platformId, o.fromFilingId, o.fromPeriodEnd);
    return Promise.resolve(
      rows.map((r) => ({ filingId: r.filing_id, periodEnd: r.period_end, status: status(r.status) })),
    );
  }

  moveOrder(input: MoveOrderInput): Promise<OrderChangeOutcome> {
    const run = this.db.transaction((): OrderChangeOutcome => {
      const before = this.row(input.id);
      if (
        !before ||
        before.revision !== input.revision ||
        before.state === 'closed' ||
        input.next.state === 'closed'
      )
        return { kind: 'stale', order: before ? order(before) : null };
      const n = input.next;
      this.prepare(
        'UPDATE orders SET state = ?, relapsed = ?, rectified_by = ?, late = ?, revision = revision + 1 WHERE id = ?',
      ).run(n.state, n.relapsed ? 1 : 0, n.rectifiedBy, n.late ? 1 : 0, input.id);
      const audit = before.state === n.state ? null : this.audit({
        actor: 'system',
        action: 'order-move',
        orderId: input.id,
        filingId: input.cause,
        note: input.note,
        before: before.state,
        after: n.state,
      });
      return { kind: 'changed', order: order(this.row(input.id)!), audit };
    });
    return Promise.resolve(run.immediate());
  }

  closeOrder(input: CloseOrderInput): Promise<OrderChangeOutcome> {
    const run = this.db.transaction((): OrderChangeOutcome => {
      const before = this.row(input.id);
      if (!before || before.revision !== input.revision || before.state === 'closed')
        return { kind: 'stale', order: before ? order(before) : null };
      const s = input.status;
      this.prepare(
        `UPDATE orders SET state = 'closed', relapsed = ?, rectified_by = ?, late = ?, revision = revision + 1,
             closed_on = ?, closed_by = ?, closed_at = ?, close_note = ?, closed_evidence_json = ? WHERE id = ?`,
      ).run(
        s.relapsed ? 1 : 0,
        s.rectifiedBy,
        s.late ? 1 : 0,
        input.on,
        input.by,
        this.stamp(),
        input.note,
        JSON.stringify(input.evidence),
        input.id,
      );
      const audit = this.audit({
        actor: input.by,
        action: 'order-close',
        orderId: input.id,
        filingId: null,
        note: input.note,
        before: before.state,
        after: 'closed',
      });
      return { kind: 'changed', order: order(this.row(input.id)!), audit };
    });
    return Promise.resolve(run.immediate());
  }
}
