// Rectification orders as the application runs them: open, read, list, close, and follow the platform's stored filings.

import { randomBytes } from 'node:crypto';
import { parametersOn } from '../../engine/epochs.js';
import { dayNumber } from '../../filing/dates.js';
import { say } from '../../messages/index.js';
import type { Parameters } from '../../rules/types.js';
import type { OrderEvidence, OrderRecord, OrderStore } from '../../store/order-types.js';
import type { AuditEntry, Store } from '../../store/types.js';
import { OrderError } from './errors.js';
import {
  defaultDeadline,
  orderStatus,
  statusChanged,
  storedStatus,
  todayIn,
  type OrderState,
  type OrderStatus,
  type TimelineEntry,
} from './machine.js';
import type { CloseOrderRequest, OpenOrderRequest } from './requests.js';

/** The days to rectify when neither the request nor the parameters say (the 2016 campaign's seven weeks). */
export const DEFAULT_ORDER_DEADLINE_DAYS = 49;

/** How many times a change is recomputed when another writer moved the order first. */
const RETRIES = 8;

/** What order handling needs: the store, the service's clock and time zone, and the parameters in force. */
export interface OrderDeps {
  store: OrderStore & Pick<Store, 'getFiling'>;
  /** IANA zone whose calendar day is "today" (`--tz`, default Asia/Shanghai). */
  timeZone: string;
  now: () => Date;
  /** The parameters of the rule set in force (orderDeadlineDays is read from them). */
  parameters: () => Parameters | Promise<Parameters>;
}

/** The platforms a caller may see: null for every platform (supervisors, auditors). */
export type Visibility = readonly string[] | null;

/** An order as the API and the CLI show it (DESIGN §11). */
export interface OrderView {
  id: string;
  platformId: string;
  ruleId: string;
  fromFilingId: string;
  openedOn: string;
  openedBy: string;
  deadline: string;
  note: string;
  state: OrderState;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
  timeline: TimelineEntry[];
  /** How it was closed (accepted or withdrawn, in the note), or null while it is followed. */
  closed: { on: string; by: string; note: string } | null;
}

function canSee(visible: Visibility, platformId: string): boolean {
  return visible === null || visible.includes(platformId);
}

/** Today in the service's time zone. */
export function today(deps: Pick<OrderDeps, 'timeZone' | 'now'>): string {
  return todayIn(deps.timeZone, deps.now());
}

/** orderDeadlineDays in force on a day: a positive whole number from the parameters, else 49. */
export function deadlineDays(parameters: Parameters, on: string): number {
  const values = parametersOn(parameters, on);
  const days = Object.hasOwn(values, 'orderDeadlineDays') ? values.orderDeadlineDays : undefined;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_ORDER_DEADLINE_DAYS;
}

/** The later filings an order is judged on: frozen at closing for a closed order, else the store's now. */
async function evidenceOf(deps: OrderDeps, order: OrderRecord): Promise<OrderEvidence[]> {
  return order.closed ? order.closed.evidence : deps.store.orderEvidence(order);
}

function statusOf(order: OrderRecord, evidence: readonly OrderEvidence[], asOf: string): OrderStatus {
  return orderStatus(
    {
      openedOn: order.openedOn,
      openedBy: order.openedBy,
      deadline: order.deadline,
      closed: order.closed ? { on: order.closed.on, by: order.closed.by } : null,
    },
    evidence,
    asOf,
  );
}

function view(order: OrderRecord, status: OrderStatus): OrderView {
  return {
    id: order.id,
    platformId: order.platformId,
    ruleId: order.ruleId,
    fromFilingId: order.fromFilingId,
    openedOn: order.openedOn,
    openedBy: order.openedBy,
    deadline: order.deadline,
    note: order.note,
    state: status.state,
    relapsed: status.relapsed,
    rectifiedBy: status.rectifiedBy,
    late: status.late,
    timeline: status.timeline,
    closed: order.closed ? { on: order.closed.on, by: order.closed.by, note: order.closed.note } : null,
  };
}

/** An order's view on `asOf` (default today). */
export async function showOrder(deps: OrderDeps, order: OrderRecord, asOf?: string): Promise<OrderView> {
  return view(order, statusOf(order, await evidenceOf(deps, order), asOf ?? today(deps)));
}

/** The order with this id, if the caller may see its platform; else `order_not_found` (so another platform's order does not leak). */
export async function findOrder(deps: OrderDeps, id: string, visible: Visibility): Promise<OrderRecord> {
  const order = await deps.store.getOrder(id);
  if (!order || !canSee(visible, order.platformId)) throw new OrderError('order_not_found', say('order.not_found', { id }));
  return order;
}

/**
 * Opens an order on a stored filing whose finding for the rule failed (DESIGN §11), then brings it
 * up to date with the filings already stored after it (a fix may have come before the order).
 * @example await openOrder(deps, { platformId: 'xianghubao', ruleId: 'LIC-001', fromFilingId: 'xhb-2021-12b' }, 'sam')
 */
export async function openOrder(deps: OrderDeps, req: OpenOrderRequest, actor: string): Promise<OrderView> {
  const filing = await deps.store.getFiling(req.platformId, req.fromFilingId);
  if (!filing) {
    throw OrderError.at(
      'order_filing_not_found',
      say('order.filing_not_found', { platform: req.platformId, filing: req.fromFilingId }),
      '/fromFilingId',
    );
  }
  const status = await deps.store.findingStatus(req.platformId, req.fromFilingId, req.ruleId);
  if (status !== 'fail') {
    throw OrderError.at(
      'order_rule_not_failed',
      say('order.rule_not_failed', { filing: req.fromFilingId, rule: req.ruleId, status: status ?? null }),
      '/ruleId',
    );
  }
  const openedOn = today(deps);
  const deadline = req.deadline ?? defaultDeadline(openedOn, deadlineDays(await deps.parameters(), openedOn));
  if (dayNumber(deadline) <= dayNumber(filing.period.end)) {
    throw OrderError.at(
      'invalid_request',
      say('order.deadline_too_early', { deadline, end: filing.period.end }),
      '/deadline',
    );
  }
  const out = await deps.store.createOrder({
    id: `ord_${randomBytes(6).toString('hex')}`,
    platformId: req.platformId,
    ruleId: req.ruleId,
    fromFilingId: req.fromFilingId,
    fromPeriodEnd: filing.period.end,
    openedOn,
    openedBy: actor,
    deadline,
    note: req.note ?? '',
  });
  if (out.kind === 'exists') {
    throw OrderError.at(
      'order_exists',
      say('order.exists', { order: out.order.id, rule: req.ruleId, filing: req.fromFilingId }),
      '/fromFilingId',
    );
  }
  await syncOrder(deps, out.order.id);
  return showOrder(deps, (await deps.store.getOrder(out.order.id)) ?? out.order);
}

/** Orders the caller may see, newest first, filtered by platform and state (on `asOf`, default today). */
export async function listOrders(
  deps: OrderDeps,
  query: { visible: Visibility; platform?: string; state?: OrderState; asOf?: string },
): Promise<OrderView[]> {
  const asOf = query.asOf ?? today(deps);
  const platforms = query.platform !== undefined ? [query.platform] : query.visible;
  const orders = (await deps.store.listOrders(platforms)).filter((o) => canSee(query.visible, o.platformId));
  const views = await Promise.all(orders.map((o) => showOrder(deps, o, asOf)));
  return views.filter((v) => query.state === undefined || v.state === query.state).reverse();
}

/** Closes an order for good (accepted or withdrawn), judged on the filings stored at that moment. */
export async function closeOrder(
  deps: OrderDeps,
  id: string,
  req: CloseOrderRequest,
  actor: string,
  visible: Visibility,
): Promise<OrderView> {
  for (let attempt = 0; ; attempt++) {
    const order = await findOrder(deps, id, visible);
    if (order.closed) {
      throw new OrderError(
        'order_closed',
        say('order.closed', { id, on: order.closed.on, by: order.closed.by }),
      );
    }
    const evidence = await deps.store.orderEvidence(order);
    const on = today(deps);
    const status = statusOf(order, evidence, on);
    const out = await deps.store.closeOrder({
      id,
      revision: order.revision,
      status: { relapsed: status.relapsed, rectifiedBy: status.rectifiedBy, late: status.late },
      on,
      by: actor,
      note: req.note,
      evidence,
    });
    if (out.kind === 'changed') return showOrder(deps, out.order, on);
    if (attempt >= RETRIES) throw new Error(`order ${id} kept moving while being closed`);
  }
}

/**
 * Why the stored status changed, for the audit entry: the filing whose storing moved it when that is
 * known (a correction moves an order by the filing that corrects, never by the one it supersedes),
 * else the filing of the last step of its timeline.
 */
function describe(order: OrderRecord, status: OrderStatus, storedFiling: string | null): { cause: string; note: string } {
  const last = status.timeline.at(-1)!;
  const cause = storedFiling ?? (status.timeline.length > 1 ? last.cause : order.fromFilingId);
  const note =
    status.state === 'rectified'
      ? `${order.ruleId} rectified by filing ${status.rectifiedBy}${status.late ? ` (late: after the deadline ${order.deadline})` : ''}`
      : status.relapsed
        ? `${order.ruleId} failed again in filing ${cause}: open again (relapsed)`
        : `${order.ruleId} no longer rectified after filing ${cause}: the filing that fixed it is no longer current or no longer passes`;
  return { cause, note };
}

/**
 * Brings one order's stored status up to date with the platform's current filings, recording each
 * change in the audit log. Idempotent and safe between instances: the order's revision is read
 * before the filings, so a change stored meanwhile by another writer makes this one recompute.
 * Returns the audit entries it wrote: one when its state changed, none when the status was up to
 * date or only its details changed (relapsed, rectifiedBy, late: stored, not audited as a move).
 * `storedFiling` is the filing whose storing asked for this, the cause an entry names.
 */
export async function syncOrder(deps: OrderDeps, id: string, storedFiling: string | null = null): Promise<AuditEntry[]> {
  for (let attempt = 0; ; attempt++) {
    const order = await deps.store.getOrder(id);
    if (!order || order.closed) return [];
    const status = statusOf(order, await deps.store.orderEvidence(order), today(deps));
    const next = storedStatus(status);
    if (!statusChanged(order.stored, next)) return [];
    const out = await deps.store.moveOrder({
      id,
      revision: order.revision,
      next,
      ...describe(order, status, storedFiling),
    });
    if (out.kind === 'changed') return out.audit ? [out.audit] : [];
    if (attempt >= RETRIES) throw new Error(`order ${id} kept moving while being followed`);
  }
}

/** After a platform's filing is stored: every order of the platform not closed is brought up to date. */
export async function syncPlatformOrders(deps: OrderDeps, platformId: string, storedFiling: string | null = null): Promise<AuditEntry[]> {
  const orders = (await deps.store.listOrders([platformId])).filter((o) => !o.closed);
  const out: AuditEntry[] = [];
  for (const o of orders) out.push(...(await syncOrder(deps, o.id, storedFiling)));
  return out;
}

/**
 * A platform's open orders as of today: open or overdue (what GET /v1/platforms/{platform} lists and
 * GET /v1/platforms counts). Rectified orders awaiting the supervisor's closing are not open.
 */
export async function openOrdersOf(deps: OrderDeps, platformId: string): Promise<OrderView[]> {
  return (await listOrders(deps, { visible: [platformId] })).filter(
    (o) => o.state === 'open' || o.state === 'overdue',
  );
}
