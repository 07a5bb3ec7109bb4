// Rectification orders on PostgreSQL: compare-and-set status changes in transactions, audit entries with orderId.

import type pg from 'pg';
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
import { inTransaction, type Queryable } from './postgres-tx.js';
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
  relapsed: boolean;
  rectified_by: string | null;
  late: boolean;
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
    stored: { state: row.state as StoredOrderState, relapsed: row.relapsed, rectifiedBy: row.rectified_by, late: row.late },
    revision: row.revision,
    closed:
      row.closed_on === null
        ? null
        : { on: row.closed_on, by: row.closed_by ?? '', at: row.closed_at ?? '', note: row.close_note ?? '', evidence: JSON.parse(row.closed_evidence_json ?? '[]') as OrderEvidence[] },
  };
}

/** The status of a rule's finding inside a stored report's JSON, extracted by PostgreSQL itself ($1 is the rule id). */
const FINDING_STATUS = `(SELECT j->>'status' FROM jsonb_array_elements(r.report_json::jsonb->'findings') j WHERE j->>'ruleId' = $1 LIMIT 1)`;

/** The order half of PostgresStore. */
export class PostgresOrders implements OrderStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly stamp: () => string,
  ) {}

  private async row(q: Queryable, id: string, lock = false): Promise<OrderRow | undefined> {
    return (await q.query<OrderRow>(`SELECT * FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  }

  private async audit(
    q: Queryable,
    e: { actor: string; action: AuditAction; orderId: string; filingId: string | null; note: string; before: string | null; after: string | null },
  ): Promise<AuditEntry> {
    const at = this.stamp();
    const res = await q.query<{ id: string }>(
      `INSERT INTO audit (at, actor, action, target, note, before_version, after_version, order_id, filing_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [at, e.actor, e.action, e.orderId, e.note, e.before, e.after, e.orderId, e.filingId],
    );
    return { id: Number(res.rows[0]!.id), at, actor: e.actor, action: e.action, target: e.orderId, note: e.note, before: e.before, after: e.after, orderId: e.orderId, filingId: e.filingId };
  }

  createOrder(input: NewOrder): Promise<CreateOrderOutcome> {
    return inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`order:${input.platformId}:${input.ruleId}:${input.fromFilingId}`]);
      const existing = (
        await c.query<OrderRow>(`SELECT * FROM orders WHERE platform_id = $1 AND rule_id = $2 AND from_filing_id = $3 AND state <> 'closed'`, [input.platformId, input.ruleId, input.fromFilingId])
      ).rows[0];
      if (existing) return { kind: 'exists', order: order(existing) };
      await c.query(
        `INSERT INTO orders (id, platform_id, rule_id, from_filing_id, from_period_end, opened_on, opened_by, opened_at,
           deadline, note, state, relapsed, rectified_by, late, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', false, NULL, false, 1)`,
        [input.id, input.platformId, input.ruleId, input.fromFilingId, input.fromPeriodEnd, input.openedOn, input.openedBy, this.stamp(), input.deadline, input.note],
      );
      const audit = await this.audit(c, {
        actor: input.openedBy,
        action: 'order-open',
        orderId: input.id,
        filingId: input.fromFilingId,
        note: `${input.platformId} to rectify ${input.ruleId} by ${input.deadline}${input.note ? `: ${input.note}` : ''}`,
        before: null,
        after: 'open',
      });
      return { kind: 'created', order: order((await this.row(c, input.id))!), audit };
    });
  }

  async getOrder(id: string): Promise<OrderRecord | null> {
    const row = await this.row(this.pool, id);
    return row ? order(row) : null;
  }

  async listOrders(platforms?: readonly string[] | null): Promise<OrderRecord[]> {
    const res = platforms
      ? await this.pool.query<OrderRow>('SELECT * FROM orders WHERE platform_id = ANY($1) ORDER BY seq', [[...platforms]])
      : await this.pool.query<OrderRow>('SELECT * FROM orders ORDER BY seq');
    return res.rows.map(order);
  }

  async findingStatus(platformId: string, filingId: string, ruleId: string): Promise<Status | null> {
    const row = (await this.pool.query<{ status: unknown }>(`SELECT ${FINDING_STATUS} AS status FROM reports r WHERE r.platform_id = $2 AND r.filing_id = $3`, [ruleId, platformId, filingId])).rows[0];
    return row ? status(row.status) : null;
  }

  async orderEvidence(o: Pick<OrderRecord, 'platformId' | 'ruleId' | 'fromFilingId' | 'fromPeriodEnd'>): Promise<OrderEvidence[]> {
    const res = await this.pool.query<{ filing_id: string; period_end: string; status: unknown }>(
      `SELECT f.filing_id, f.period_end, ${FINDING_STATUS} AS status
       FROM filings f JOIN reports r ON r.platform_id = f.platform_id AND r.filing_id = f.filing_id
       WHERE f.platform_id = $2 AND f.current AND f.filing_id <> $3 AND f.period_end >= $4
       ORDER BY f.period_end, f.filing_id COLLATE "C"`,
      [o.ruleId, o.platformId, o.fromFilingId, o.fromPeriodEnd],
    );
    return res.rows.map((r) => ({ filingId: r.filing_id, periodEnd: r.period_end, status: status(r.status) }));
  }

  moveOrder(input: MoveOrderInput): Promise<OrderChangeOutcome> {
    return inTransaction(this.pool, async (c) => {
      const before = await this.row(c, input.id, true);
      if (!before || before.revision !== input.revision || before.state === 'closed' || input.next.state === 'closed') return { kind: 'stale', order: before ? order(before) : null };
      const n = input.next;
      await c.query('UPDATE orders SET state = $1, relapsed = $2, rectified_by = $3, late = $4, revision = revision + 1 WHERE id = $5', [n.state, n.relapsed, n.rectifiedBy, n.late, input.id]);
      const audit = before.state === n.state ? null : await this.audit(c, { actor: 'system', action: 'order-move', orderId: input.id, filingId: input.cause, note: input.note, before: before.state, after: n.state });
      return { kind: 'changed', order: order((await this.row(c, input.id))!), audit };
    });
  }

  closeOrder(input: CloseOrderInput): Promise<OrderChangeOutcome> {
    return inTransaction(this.pool, async (c) => {
      const before = await this.row(c, input.id, true);
      if (!before || before.revision !== input.revision || before.state === 'closed') return { kind: 'stale', order: before ? order(before) : null };
      const s = input.status;
      await c.query(
        `UPDATE orders SET state = 'closed', relapsed = $1, rectified_by = $2, late = $3, revision = revision + 1,
           closed_on = $4, closed_by = $5, closed_at = $6, close_note = $7, closed_evidence_json = $8 WHERE id = $9`,
        [s.relapsed, s.rectifiedBy, s.late, input.on, input.by, this.stamp(), input.note, JSON.stringify(input.evidence), input.id],
      );
      const audit = await this.audit(c, { actor: input.by, action: 'order-close', orderId: input.id, filingId: null, note: input.note, before: before.state, after: 'closed' });
      return { kind: 'changed', order: order((await this.row(c, input.id))!), audit };
    });
  }
}
