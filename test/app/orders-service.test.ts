// The order service on a real store: opening rules, the deadline parameter, and following filings when writers interleave.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderError } from '../../src/app/orders/errors.js';
import {
  closeOrder,
  deadlineDays,
  openOrder,
  showOrder,
  syncOrder,
  syncPlatformOrders,
  type OrderDeps,
} from '../../src/app/orders/service.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { filingWithFindings } from '../store/contract-orders.js';
import { tempDir } from '../store/support.js';

let store: SqliteStore;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(join(tmp.dir, 'orders.db'));
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

const deps = (over: Partial<OrderDeps> = {}): OrderDeps => ({
  store,
  timeZone: 'Asia/Shanghai',
  now: () => new Date('2019-01-20T04:00:00Z'),
  parameters: () => ({}),
  ...over,
});
const LIC = 'LIC-001';
const fail = { [LIC]: 'fail' };
const pass = { [LIC]: 'pass' };

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OrderError) return e.code;
    throw e;
  }
  return 'none';
}

describe('opening', () => {
  it('takes orderDeadlineDays in force on openedOn, a positive whole number, else 49', async () => {
    const parameters = {
      orderDeadlineDays: [
        { from: '2016-12-27', value: 49 },
        { from: '2019-01-21', value: 30 },
      ],
    };
    expect(deadlineDays(parameters, '2019-01-20')).toBe(49);
    expect(deadlineDays(parameters, '2019-01-21')).toBe(30);
    expect(deadlineDays(parameters, '2016-01-01')).toBe(49);
    expect(deadlineDays({ orderDeadlineDays: [{ from: '2009-10-01', value: -3 }] }, '2019-01-01')).toBe(49);
    expect(deadlineDays({ orderDeadlineDays: [{ from: '2009-10-01', value: 'x' }] }, '2019-01-01')).toBe(49);
    await store.submitFiling(filingWithFindings('f-0', fail));
    // 2019-01-21 already in Shanghai at 16:30 UTC on the 20th: the 30-day value is in force
    const o = await openOrder(
      deps({ parameters: () => parameters, now: () => new Date('2019-01-20T16:30:00Z') }),
      { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' },
      'sam',
    );
    expect(o).toMatchObject({ openedOn: '2019-01-21', deadline: '2019-02-20' });
  });

  it('refuses a filing that is not there, a rule that did not fail, and a deadline not after the period', async () => {
    await store.submitFiling(filingWithFindings('f-0', { [LIC]: 'fail', 'NAME-001': 'advisory' }));
    const req = { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' };
    expect(await refusal(openOrder(deps(), { ...req, fromFilingId: 'f-9' }, 'sam'))).toBe(
      'order_filing_not_found',
    );
    expect(await refusal(openOrder(deps(), { ...req, ruleId: 'NAME-001' }, 'sam'))).toBe(
      'order_rule_not_failed',
    );
    expect(await refusal(openOrder(deps(), { ...req, deadline: '2019-01-15' }, 'sam'))).toBe(
      'invalid_request',
    );
    expect(await refusal(openOrder(deps(), { ...req, deadline: '2019-01-16' }, 'sam'))).toBe('none');
    expect(await refusal(openOrder(deps(), req, 'sam'))).toBe('order_exists');
  });
});

describe('following filings', () => {
  it('records one audit entry per stored change and none when nothing changed', async () => {
    await store.submitFiling(filingWithFindings('f-0', fail));
    const o = await openOrder(deps(), { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' }, 'sam');
    expect(await syncPlatformOrders(deps(), 'base-mutual')).toEqual([]);
    await store.submitFiling(filingWithFindings('f-1', pass, { n: 1 }));
    const moved = await syncPlatformOrders(deps(), 'base-mutual');
    expect(moved).toMatchObject([
      { action: 'order-move', orderId: o.id, filingId: 'f-1', before: 'open', after: 'rectified' },
    ]);
    expect(await syncOrder(deps(), o.id)).toEqual([]);
    // a fix for an earlier period stored later takes over as rectifiedBy: stored, but the state stays
    // rectified, so no audit entry (one entry per state change)
    await store.submitFiling(filingWithFindings('f-0b', pass, { n: 0, supersedes: 'f-0' }));
    expect(await syncOrder(deps(), o.id, 'f-0b')).toEqual([]);
    expect((await store.getOrder(o.id))!.stored.rectifiedBy).toBe('f-0b');
  });

  it('writes one entry per state change across fix, relapse, correction and close, each naming its cause', async () => {
    const orderEntries = async () =>
      (await store.listAudit({ limit: 100 })).items.filter((e) => e.orderId !== null).reverse().map((e) => [e.action, e.before, e.after, e.filingId]);
    const stored = async (id: string, findings: Record<string, string>, opts: { n: number; supersedes?: string }) => {
      await store.submitFiling(filingWithFindings(id, findings, opts));
      return syncPlatformOrders(deps(), 'base-mutual', id);
    };
    await store.submitFiling(filingWithFindings('f-0', fail));
    const o = await openOrder(deps(), { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' }, 'sam');
    await stored('f-1', pass, { n: 1 }); // fixed
    await stored('f-2', fail, { n: 2 }); // relapsed
    expect((await store.getOrder(o.id))!.stored).toMatchObject({ state: 'open', relapsed: true });
    // the fix is corrected into a failure: still open, no longer a relapse (nothing was rectified):
    // a change of details only, stored without an entry
    await stored('f-1b', fail, { n: 1, supersedes: 'f-1' });
    expect((await store.getOrder(o.id))!.stored).toMatchObject({ state: 'open', relapsed: false });
    // the failure of f-2 is corrected into a pass: rectified, by the correction that moved it
    await stored('f-2b', pass, { n: 2, supersedes: 'f-2' });
    await closeOrder(deps(), o.id, { note: 'done' }, 'sam', null);
    expect(await orderEntries()).toEqual([
      ['order-open', null, 'open', 'f-0'],
      ['order-move', 'open', 'rectified', 'f-1'],
      ['order-move', 'rectified', 'open', 'f-2'],
      ['order-move', 'open', 'rectified', 'f-2b'],
      ['order-close', 'rectified', 'closed', null],
    ]);
  });

  it.each([
    ['f-1', 'f-2', 'f-3'],
    ['f-1', 'f-3', 'f-2'],
    ['f-2', 'f-1', 'f-3'],
    ['f-2', 'f-3', 'f-1'],
    ['f-3', 'f-1', 'f-2'],
    ['f-3', 'f-2', 'f-1'],
  ])('ends the same whatever order the later filings are stored in: %s, %s, %s', async (...ids) => {
    await store.submitFiling(filingWithFindings('f-0', fail));
    const o = await openOrder(deps(), { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' }, 'sam');
    // f-1 fixes, f-2 breaks, f-3 fixes again, by period
    const findings = new Map([
      ['f-1', pass],
      ['f-2', fail],
      ['f-3', pass],
    ]);
    for (const id of ids) {
      await store.submitFiling(filingWithFindings(id, findings.get(id)!, { n: Number(id.slice(2)) }));
      await syncPlatformOrders(deps(), 'base-mutual');
    }
    const view = await showOrder(deps(), (await store.getOrder(o.id))!);
    expect(view).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'f-3', late: false });
    expect(view.timeline.map((e) => e.cause)).toEqual(['sam', 'f-1', 'f-2', 'f-3']);
    expect((await store.getOrder(o.id))!.stored).toEqual({
      state: 'rectified',
      relapsed: true,
      rectifiedBy: 'f-3',
      late: false,
    });
    // the audit trail is a chain of state changes from open to the final state (a change of details
    // within one state, here rectifiedBy f-1 → f-3 when f-2 arrives last, is stored without an entry)
    const trail = (await store.listAudit({ limit: 50 })).items.filter((e) => e.orderId === o.id).reverse();
    expect(trail[0]!.action).toBe('order-open');
    for (let i = 1; i < trail.length; i++) {
      expect(trail[i]!.before).toBe(trail[i - 1]!.after);
      expect(trail[i]!.before).not.toBe(trail[i]!.after);
    }
    expect(trail.at(-1)).toMatchObject({ after: 'rectified' });
  });

  it('recomputes when another writer moves the order between its reads and its write', async () => {
    await store.submitFiling(filingWithFindings('f-0', fail));
    const o = await openOrder(deps(), { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' }, 'sam');
    await store.submitFiling(filingWithFindings('f-1', pass, { n: 1 }));
    await store.submitFiling(filingWithFindings('f-2', fail, { n: 2 }));
    // this writer sees f-1 and f-2; meanwhile an instance that saw only f-1 stores "rectified by f-1"
    let interleaved = false;
    const racing: Store = Object.create(store) as Store;
    racing.orderEvidence = async (order) => {
      const seen = await store.orderEvidence(order);
      if (!interleaved) {
        interleaved = true;
        const now = (await store.getOrder(o.id))!;
        const older = { state: 'rectified' as const, relapsed: false, rectifiedBy: 'f-1', late: false };
        await store.moveOrder({
          id: o.id,
          revision: now.revision,
          next: older,
          cause: 'f-1',
          note: 'older view',
        });
      }
      return seen;
    };
    const written = await syncOrder(deps({ store: racing }), o.id);
    expect(interleaved).toBe(true);
    // its first write was stale; it read again and stored what f-1 then f-2 make of the order
    expect(written).toMatchObject([{ filingId: 'f-2', before: 'rectified', after: 'open' }]);
    expect((await store.getOrder(o.id))!.stored).toEqual({
      state: 'open',
      relapsed: true,
      rectifiedBy: null,
      late: false,
    });
    expect(await showOrder(deps(), (await store.getOrder(o.id))!)).toMatchObject({
      state: 'open',
      relapsed: true,
    });
  });

  it('closes on the filings stored then, and a closed order stays as it was closed', async () => {
    await store.submitFiling(filingWithFindings('f-0', fail));
    const o = await openOrder(deps(), { platformId: 'base-mutual', ruleId: LIC, fromFilingId: 'f-0' }, 'sam');
    await store.submitFiling(filingWithFindings('f-1', pass, { n: 1 }));
    const closed = await closeOrder(deps(), o.id, { note: 'accepted' }, 'sam', null);
    expect(closed).toMatchObject({ state: 'closed', rectifiedBy: 'f-1' });
    await store.submitFiling(filingWithFindings('f-2', fail, { n: 2 }));
    expect(await syncPlatformOrders(deps(), 'base-mutual')).toEqual([]);
    expect(await showOrder(deps(), (await store.getOrder(o.id))!)).toEqual(closed);
    expect(await refusal(closeOrder(deps(), o.id, { note: 'again' }, 'sam', null))).toBe('order_closed');
    // an officer of another platform cannot even find it
    expect(await refusal(closeOrder(deps(), o.id, { note: 'x' }, 'olive', ['other']))).toBe(
      'order_not_found',
    );
  });
});
