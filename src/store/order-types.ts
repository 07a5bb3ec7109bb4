// What the store keeps of rectification orders (DESIGN §11): the order as opened, its stored status, its closing.

import type { Status } from '../engine/report-model.js';
import type { AuditEntry } from './types.js';

/** The states that are stored as they happen; `overdue` is derived when asked and never stored. */
export type StoredOrderState = 'open' | 'rectified' | 'closed';

/** The part of an order's status that is stored (and audited) as it changes. */
export interface StoredOrderStatus {
  state: StoredOrderState;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
}

/**
 * A later filing of an order's platform with its stored finding's status for the order's rule
 * (null when its stored report has no finding for that rule).
 */
export interface OrderEvidence {
  filingId: string;
  periodEnd: string;
  status: Status | null;
}

/** How an order was closed, and the later filings it was judged on then (a closed order is final). */
export interface OrderClosing {
  on: string;
  /** The token name that closed it. */
  by: string;
  at: string;
  note: string;
  evidence: OrderEvidence[];
}

/** An order as stored. */
export interface OrderRecord {
  id: string;
  platformId: string;
  ruleId: string;
  /** The failing filing the order was opened from (an id of `platformId`'s). */
  fromFilingId: string;
  /** That filing's period.end: later filings are those ending on or after it. */
  fromPeriodEnd: string;
  /** The day of opening in the service's time zone. */
  openedOn: string;
  /** The token name that opened it. */
  openedBy: string;
  openedAt: string;
  deadline: string;
  note: string;
  /** The status last stored (by opening, by a filing that moved it, or by closing). */
  stored: StoredOrderStatus;
  /** Grows by one with each stored change: what moves and closings compare and set. */
  revision: number;
  closed: OrderClosing | null;
}

/** An order to open: the store adds its stored status (open), revision and time. */
export interface NewOrder {
  id: string;
  platformId: string;
  ruleId: string;
  fromFilingId: string;
  fromPeriodEnd: string;
  openedOn: string;
  openedBy: string;
  deadline: string;
  note: string;
}

/** Opening lands with its audit entry, or finds an order not yet closed for the same platform, rule and filing. */
export type CreateOrderOutcome =
  { kind: 'created'; order: OrderRecord; audit: AuditEntry } | { kind: 'exists'; order: OrderRecord };

/** A change of an order's stored status, if its revision is still `revision`. */
export interface MoveOrderInput {
  id: string;
  revision: number;
  next: StoredOrderStatus;
  /** The filing (of the order's platform) whose finding made the new status. */
  cause: string;
  note: string;
}

/** Closing an order, if its revision is still `revision`; `status` is its status just before closing. */
export interface CloseOrderInput {
  id: string;
  revision: number;
  status: Omit<StoredOrderStatus, 'state'>;
  on: string;
  by: string;
  note: string;
  evidence: OrderEvidence[];
}

/**
 * A compare-and-set on an order either lands or finds the order moved on (or gone). A landed change
 * carries its audit entry when the order's state changed; a change of details alone (relapsed,
 * rectifiedBy, late with the same state) is stored without one: one entry per state change.
 */
export type OrderChangeOutcome =
  { kind: 'changed'; order: OrderRecord; audit: AuditEntry | null } | { kind: 'stale'; order: OrderRecord | null };

/** The order methods of the Store (see `Store`). */
export interface OrderStore {
  /** Opens an order and its audit entry in one transaction, unless one not closed exists for the same platform, rule and fromFiling. */
  createOrder(input: NewOrder): Promise<CreateOrderOutcome>;
  getOrder(id: string): Promise<OrderRecord | null>;
  /** Orders, oldest first; only those of the platforms named when `platforms` is given. */
  listOrders(platforms?: readonly string[] | null): Promise<OrderRecord[]>;
  /** The status of a stored filing's finding for a rule: null when the filing or the finding is not there. */
  findingStatus(platformId: string, filingId: string, ruleId: string): Promise<Status | null>;
  /**
   * An order's later filings (§11): the platform's current filings other than `fromFilingId` whose
   * period.end is on or after `fromPeriodEnd`, by (period.end, filingId), each with its stored finding's status for the rule.
   */
  orderEvidence(
    order: Pick<OrderRecord, 'platformId' | 'ruleId' | 'fromFilingId' | 'fromPeriodEnd'>,
  ): Promise<OrderEvidence[]>;
  /** Stores a new status of an open or rectified order, with an audit entry naming the filing that caused it when its state changed. */
  moveOrder(input: MoveOrderInput): Promise<OrderChangeOutcome>;
  /** Closes an order for good with an audit entry naming the token that closed it. */
  closeOrder(input: CloseOrderInput): Promise<OrderChangeOutcome>;
}
