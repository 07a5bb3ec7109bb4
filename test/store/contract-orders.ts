// The Store contract for rectification orders: opening, evidence from stored reports, compare-and-set moves, closing, audit.

import { describe, expect, it } from 'vitest';
import type { NewOrder } from '../../src/store/order-types.js';
import type { Store } from '../../src/store/types.js';
import { filingFor, newFiling } from './support.js';

type Json = Record<string, unknown>;

/** A store input whose stand-in report has these findings (ruleId → status), as a judged report would. */
export function filingWithFindings(
  id: string,
  findings: Record<string, string>,
  opts: { platform?: string; n?: number; supersedes?: string | null } = {},
) {
  const input = newFiling(filingFor(id, opts) as Json, {
    verdict: Object.values(findings).includes('fail') ? 'fail' : 'pass',
  });
  input.report.json = JSON.stringify({
    filingId: id,
    findings: Object.entries(findings).map(([ruleId, status]) => ({ ruleId, status })),
  });
  return input;
}

const orderInput = (over: Partial<NewOrder> = {}): NewOrder => ({
  id: 'ord_1',
  platformId: 'base-mutual',
  ruleId: 'LIC-001',
  fromFilingId: 'f-0',
  fromPeriodEnd: '2019-01-15',
  openedOn: '2019-02-01',
  openedBy: 'sam',
  deadline: '2019-03-22',
  note: 'get a licence',
  ...over,
});

/** Registers the order part of the contract; `store()` is the suite's fresh store of the current test. */
export function describeOrderContract(store: () => Store): void {
  describe('rectification orders', () => {
    it('opens an order with its audit entry, and refuses a second one not closed on the same failure', async () => {
      const s = store();
      await s.submitFiling(filingWithFindings('f-0', { 'LIC-001': 'fail' }));
      const out = await s.createOrder(orderInput());
      expect(out.kind).toBe('created');
      if (out.kind !== 'created') return;
      expect(out.order).toMatchObject({
        id: 'ord_1',
        platformId: 'base-mutual',
        ruleId: 'LIC-001',
        fromFilingId: 'f-0',
        fromPeriodEnd: '2019-01-15',
        openedOn: '2019-02-01',
        openedBy: 'sam',
        deadline: '2019-03-22',
        note: 'get a licence',
        stored: { state: 'open', relapsed: false, rectifiedBy: null, late: false },
        closed: null,
      });
      expect(out.audit).toMatchObject({
        action: 'order-open',
        actor: 'sam',
        orderId: 'ord_1',
        filingId: 'f-0',
        after: 'open',
      });
      expect(await s.getOrder('ord_1')).toEqual(out.order);
      expect(await s.getOrder('ord_nope')).toBeNull();
      const again = await s.createOrder(orderInput({ id: 'ord_2' }));
      expect(again).toMatchObject({ kind: 'exists', order: { id: 'ord_1' } });
      expect(await s.getOrder('ord_2')).toBeNull();
      // another rule on the same filing is another order
      expect((await s.createOrder(orderInput({ id: 'ord_3', ruleId: 'NAME-001' }))).kind).toBe('created');
    });

    it('lets exactly one of many racing openings of the same failure through', async () => {
      const s = store();
      await s.submitFiling(filingWithFindings('f-0', { 'LIC-001': 'fail' }));
      const outs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => s.createOrder(orderInput({ id: `ord_${i}` }))),
      );
      expect(outs.filter((o) => o.kind === 'created')).toHaveLength(1);
      expect(await s.listOrders()).toHaveLength(1);
    });

    it('lists orders oldest first, by platform', async () => {
      const s = store();
      await s.createOrder(orderInput({ id: 'ord_a' }));
      await s.createOrder(orderInput({ id: 'ord_b', platformId: 'beta' }));
      await s.createOrder(orderInput({ id: 'ord_c', ruleId: 'NAME-001' }));
      expect((await s.listOrders()).map((o) => o.id)).toEqual(['ord_a', 'ord_b', 'ord_c']);
      expect((await s.listOrders(['beta'])).map((o) => o.id)).toEqual(['ord_b']);
      expect((await s.listOrders(['base-mutual', 'gamma'])).map((o) => o.id)).toEqual(['ord_a', 'ord_c']);
      expect(await s.listOrders([])).toEqual([]);
    });

    it('reads a stored finding’s status for a rule, per platform', async () => {
      const s = store();
      await s.submitFiling(filingWithFindings('f-0', { 'LIC-001': 'fail', 'NAME-001': 'pass' }));
      await s.submitFiling(filingWithFindings('f-0', { 'LIC-001': 'waived' }, { platform: 'beta' }));
      expect(await s.findingStatus('base-mutual', 'f-0', 'LIC-001')).toBe('fail');
      expect(await s.findingStatus('base-mutual', 'f-0', 'NAME-001')).toBe('pass');
      expect(await s.findingStatus('beta', 'f-0', 'LIC-001')).toBe('waived');
      expect(await s.findingStatus('base-mutual', 'f-0', 'MKT-001')).toBeNull();
      expect(await s.findingStatus('base-mutual', 'nope', 'LIC-001')).toBeNull();
      expect(await s.findingStatus('gamma', 'f-0', 'LIC-001')).toBeNull();
    });

    it('gives as evidence the current later filings of the platform, by (period.end, filingId), with their status', async () => {
      const s = store();
      await s.submitFiling(filingWithFindings('f-0', { 'LIC-001': 'fail' }, { n: 2 }));
      // an earlier period: not later
      await s.submitFiling(filingWithFindings('e-1', { 'LIC-001': 'pass' }, { n: 1 }));
      // later periods, stored out of order, one superseded by a correction
      await s.submitFiling(filingWithFindings('f-4', { 'LIC-001': 'pass' }, { n: 4 }));
      await s.submitFiling(filingWithFindings('f-3', { 'LIC-001': 'fail' }, { n: 3 }));
      await s.submitFiling(
        filingWithFindings('f-3b', { 'LIC-001': 'advisory' }, { n: 3, supersedes: 'f-3' }),
      );
      await s.submitFiling(filingWithFindings('f-5', { 'NAME-001': 'fail' }, { n: 5 }));
      // a correction of the fromFiling itself counts
      await s.submitFiling(filingWithFindings('f-0b', { 'LIC-001': 'pass' }, { n: 2, supersedes: 'f-0' }));
      // another platform's filings never count
      await s.submitFiling(filingWithFindings('f-9', { 'LIC-001': 'pass' }, { platform: 'beta', n: 9 }));
      const ev = await s.orderEvidence({
        platformId: 'base-mutual',
        ruleId: 'LIC-001',
        fromFilingId: 'f-0',
        fromPeriodEnd: '2019-02-15',
      });
      expect(ev).toEqual([
        { filingId: 'f-0b', periodEnd: '2019-02-15', status: 'pass' },
        { filingId: 'f-3b', periodEnd: '2019-02-28', status: 'advisory' },
        { filingId: 'f-4', periodEnd: '2019-03-15', status: 'pass' },
        { filingId: 'f-5', periodEnd: '2019-03-28', status: null },
      ]);
    });

    it('moves an order only from the revision it was read at, with an audit entry naming the filing', async () => {
      const s = store();
      const created = await s.createOrder(orderInput());
      if (created.kind !== 'created') throw new Error('not created');
      const next = { state: 'rectified' as const, relapsed: false, rectifiedBy: 'f-1', late: false };
      const moved = await s.moveOrder({
        id: 'ord_1',
        revision: created.order.revision,
        next,
        cause: 'f-1',
        note: 'fixed',
      });
      expect(moved).toMatchObject({
        kind: 'changed',
        order: { stored: next, revision: created.order.revision + 1 },
        audit: {
          action: 'order-move',
          orderId: 'ord_1',
          filingId: 'f-1',
          before: 'open',
          after: 'rectified',
          note: 'fixed',
        },
      });
      // a writer that read the old revision finds the order moved on, and changes nothing
      const stale = await s.moveOrder({
        id: 'ord_1',
        revision: created.order.revision,
        next: { ...next, state: 'open', rectifiedBy: null },
        cause: 'f-2',
        note: 'x',
      });
      expect(stale).toMatchObject({ kind: 'stale', order: { stored: next } });
      expect(await s.moveOrder({ id: 'ord_nope', revision: 1, next, cause: 'f-1', note: '' })).toEqual({
        kind: 'stale',
        order: null,
      });
      // of two racing moves from one revision, one lands
      const rev = (await s.getOrder('ord_1'))!.revision;
      const race = await Promise.all(
        ['f-2', 'f-3'].map((cause) =>
          s.moveOrder({
            id: 'ord_1',
            revision: rev,
            next: { ...next, state: 'open', relapsed: true, rectifiedBy: null },
            cause,
            note: '',
          }),
        ),
      );
      expect(race.map((r) => r.kind).sort()).toEqual(['changed', 'stale']);
    });

    it('closes an order for good, keeping the evidence it was closed on, with an audit entry naming the token', async () => {
      const s = store();
      const created = await s.createOrder(orderInput());
      if (created.kind !== 'created') throw new Error('not created');
      const evidence = [{ filingId: 'f-1', periodEnd: '2019-01-31', status: 'pass' as const }];
      const closing = {
        id: 'ord_1',
        revision: created.order.revision,
        status: { relapsed: false, rectifiedBy: 'f-1', late: false },
        on: '2019-02-10',
        by: 'sam',
        note: 'accepted',
        evidence,
      };
      const closed = await s.closeOrder(closing);
      expect(closed).toMatchObject({
        kind: 'changed',
        order: {
          stored: { state: 'closed', rectifiedBy: 'f-1' },
          closed: { on: '2019-02-10', by: 'sam', note: 'accepted', evidence },
        },
        audit: {
          action: 'order-close',
          actor: 'sam',
          orderId: 'ord_1',
          filingId: null,
          before: 'open',
          after: 'closed',
          note: 'accepted',
        },
      });
      // closed is final: neither a second closing nor a move lands
      const rev = (await s.getOrder('ord_1'))!.revision;
      expect((await s.closeOrder({ ...closing, revision: rev, note: 'again' })).kind).toBe('stale');
      expect(
        (
          await s.moveOrder({
            id: 'ord_1',
            revision: rev,
            next: { state: 'open', relapsed: true, rectifiedBy: null, late: false },
            cause: 'f-2',
            note: '',
          })
        ).kind,
      ).toBe('stale');
      expect((await s.getOrder('ord_1'))!.closed?.note).toBe('accepted');
      // once closed, the same failure may be ordered again
      expect((await s.createOrder(orderInput({ id: 'ord_2' }))).kind).toBe('created');
      const log = (await s.listAudit({ limit: 10 })).items;
      expect(log.filter((e) => e.orderId === 'ord_1').map((e) => e.action)).toEqual([
        'order-close',
        'order-open',
      ]);
      // entries about no order say so
      expect(log.every((e) => e.orderId !== undefined && e.filingId !== undefined)).toBe(true);
    });
  });
}
