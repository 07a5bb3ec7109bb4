// The rectification order's state machine (DESIGN §11): a pure function of the order and the platform's later filings.

import { addDays, dayNumber } from '../../filing/dates.js';
import type { Status } from '../../engine/report-model.js';

/** What an order can be in; `overdue` is derived when asked and never stored. */
export type OrderState = 'open' | 'rectified' | 'overdue' | 'closed';
/** Every state, in the order a supervisor follows them. */
export const ORDER_STATES: readonly OrderState[] = ['open', 'overdue', 'rectified', 'closed'];
/** The states that are stored as they happen (overdue is only ever derived). */
export type StoredOrderState = Exclude<OrderState, 'overdue'>;

/**
 * A later filing of the order's platform as the state machine sees it: its id, its period.end and
 * its stored finding's status for the order's rule (null when its report has no finding for the
 * rule, e.g. a rule added after the filing was judged: that changes nothing, like `error`).
 */
export interface OrderEvidence {
  filingId: string;
  periodEnd: string;
  status: Status | null;
}

/** One step of an order's life: when, into which state, and the filing id or token name that caused it. */
export interface TimelineEntry {
  on: string;
  state: StoredOrderState;
  cause: string;
}

/** What the machine needs to know of an order itself. */
export interface OrderBasis {
  openedOn: string;
  /** The token name that opened it (the cause of the first timeline entry). */
  openedBy: string;
  deadline: string;
  /** Set once the supervisor closed it. */
  closed: { on: string; by: string } | null;
}

/** The derived part of an order: where it stands and how it got there. */
export interface OrderStatus {
  state: OrderState;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
  timeline: TimelineEntry[];
}

/** The fields that are stored as they change (and audited): the derived status without overdue and timeline. */
export interface StoredOrderStatus {
  state: StoredOrderState;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
}

/** pass, not-applicable and waived mean the rule holds: the order is fixed by such a filing. */
const FIXES: ReadonlySet<Status> = new Set<Status>(['pass', 'not-applicable', 'waived']);

/** (period.end, filingId), the order §11 takes later filings in; ids compare by code unit, as SQL's BINARY collation does. */
export function byPeriodEndThenId(a: OrderEvidence, b: OrderEvidence): number {
  if (a.periodEnd !== b.periodEnd) return a.periodEnd < b.periodEnd ? -1 : 1;
  return a.filingId < b.filingId ? -1 : a.filingId > b.filingId ? 1 : 0;
}

/**
 * Derives an order's state from its later filings (those §11 names: current, not the fromFiling,
 * period.end on or after the fromFiling's), in any order given: they are sorted here.
 * Starting open, a fixing filing rectifies it (late when its period.end is after the deadline), a
 * failing one after that opens it again as relapsed; advisory, error and a missing finding change
 * nothing. Then closed wins over everything, and an open order is overdue when `asOf` is after the deadline.
 * @example orderStatus({ openedOn: '2021-01-05', openedBy: 'sam', deadline: '2021-02-23', closed: null },
 *   [{ filingId: 'f-2', periodEnd: '2021-01-31', status: 'pass' }], '2021-03-01').state // 'rectified'
 */
export function orderStatus(order: OrderBasis, later: readonly OrderEvidence[], asOf: string): OrderStatus {
  const stored = walk(order, later);
  const state: OrderState =
    stored.state === 'open' && dayNumber(asOf) > dayNumber(order.deadline) ? 'overdue' : stored.state;
  return { ...stored, state };
}

/** The stored fields of the derived status: what `orderStatus` says but for overdue (an overdue order is stored open). */
export function storedStatus(status: OrderStatus): StoredOrderStatus {
  return {
    state: status.state === 'overdue' ? 'open' : status.state,
    relapsed: status.relapsed,
    rectifiedBy: status.rectifiedBy,
    late: status.late,
  };
}

/** True when two stored statuses differ in any field (what makes an audit entry). */
export function statusChanged(a: StoredOrderStatus, b: StoredOrderStatus): boolean {
  return (
    a.state !== b.state || a.relapsed !== b.relapsed || a.rectifiedBy !== b.rectifiedBy || a.late !== b.late
  );
}

function walk(order: OrderBasis, later: readonly OrderEvidence[]): OrderStatus & { state: StoredOrderState } {
  let state: StoredOrderState = 'open';
  let relapsed = false;
  let rectifiedBy: string | null = null;
  let late = false;
  const timeline: TimelineEntry[] = [{ on: order.openedOn, state: 'open', cause: order.openedBy }];
  for (const f of [...later].sort(byPeriodEndThenId)) {
    if (f.status === null) continue;
    if (state === 'open' && FIXES.has(f.status)) {
      state = 'rectified';
      rectifiedBy = f.filingId;
      late = dayNumber(f.periodEnd) > dayNumber(order.deadline);
      timeline.push({ on: f.periodEnd, state, cause: f.filingId });
    } else if (state === 'rectified' && f.status === 'fail') {
      state = 'open';
      relapsed = true;
      // rectifiedBy and late describe the rectification in force; a relapse undoes it
      rectifiedBy = null;
      late = false;
      timeline.push({ on: f.periodEnd, state, cause: f.filingId });
    }
  }
  if (order.closed) {
    state = 'closed';
    timeline.push({ on: order.closed.on, state, cause: order.closed.by });
  }
  return { state, relapsed, rectifiedBy, late, timeline };
}

/** Date formats by zone: building one costs far more than using it. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Today's date in an IANA time zone (`Asia/Shanghai`, `UTC`…): the day an order is opened on and
 * the default `asOf`. Throws RangeError on an unknown zone (check it once at start with `checkTimeZone`).
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // a service uses one zone; the bound only keeps odd callers from growing the map
    if (formats.size >= 16) formats.clear();
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The default deadline: `openedOn` plus the days the parameter gives. */
export function defaultDeadline(openedOn: string, days: number): string {
  return addDays(openedOn, days);
}
