// Rectification orders over HTTP (DESIGN §8, §11): the whole life of an order, bad input, the role table, time zones, racing submissions.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { filingFor } from '../store/support.js';
import { OTHER_PLATFORM, OWN_PLATFORM, send, startServer, type TestServer } from './support.js';

type Json = Record<string, unknown>;

/** A filing of the officer's platform for half-month `n` (0: 2019-01-01..15, 1: 2019-01-16..28, 2: 2019-02-01..15…). */
function filing(id: string, n: number, fails: boolean, platform = OWN_PLATFORM): Json {
  const f = filingFor(id, { n, platform });
  if (fails) f.licenses = []; // LIC-001 fails: mutual aid without a licence
  return f;
}

/** 2019-01-20 at noon in Shanghai. */
const NOON = new Date('2019-01-20T04:00:00Z');

async function submit(t: TestServer, body: Json, token = t.tokens.supervisor) {
  const res = await t.request('POST', '/v1/filings', { token, body });
  expect(res.status, res.text).toBe(201);
  return res;
}

async function open(t: TestServer, body: Json, token = t.tokens.supervisor) {
  return t.request('POST', '/v1/orders', { token, body });
}

describe('an order’s life over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ now: () => NOON });
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens on a failure, is rectified by the fixing filing, relapses, is rectified again, and is closed for good', async () => {
    await submit(t, filing('f-0', 0, true));
    const opened = await open(t, {
      platformId: OWN_PLATFORM,
      ruleId: 'LIC-001',
      fromFilingId: 'f-0',
      note: 'get a licence',
    });
    expect(opened.status, opened.text).toBe(201);
    const id = opened.json.id as string;
    expect(opened.headers.get('location')).toBe(`/v1/orders/${id}`);
    // openedOn is today in Shanghai; the fixture pack has no orderDeadlineDays, so 49 days
    expect(opened.json).toEqual({
      id,
      platformId: OWN_PLATFORM,
      ruleId: 'LIC-001',
      fromFilingId: 'f-0',
      openedOn: '2019-01-20',
      openedBy: 'sam',
      deadline: '2019-03-10',
      note: 'get a licence',
      state: 'open',
      relapsed: false,
      rectifiedBy: null,
      late: false,
      timeline: [{ on: '2019-01-20', state: 'open', cause: 'sam' }],
      closed: null,
    });
    const get = (q = '') => t.request('GET', `/v1/orders/${id}${q}`, { token: t.tokens.supervisor });

    // still failing: still open
    await submit(t, filing('f-1', 1, true), t.tokens.officer);
    expect((await get()).json).toMatchObject({ state: 'open', rectifiedBy: null });
    // the fixing filing rectifies it
    await submit(t, filing('f-2', 2, false), t.tokens.officer);
    expect((await get()).json).toMatchObject({
      state: 'rectified',
      rectifiedBy: 'f-2',
      late: false,
      relapsed: false,
    });
    // a failure after that opens it again, relapsed; the next fix rectifies it again, late (after 2019-03-10)
    await submit(t, filing('f-3', 3, true), t.tokens.officer);
    expect((await get()).json).toMatchObject({ state: 'open', relapsed: true, rectifiedBy: null });
    await submit(t, filing('f-5', 5, false), t.tokens.officer);
    const again = (await get()).json;
    expect(again).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'f-5', late: true });
    expect(again.timeline).toEqual([
      { on: '2019-01-20', state: 'open', cause: 'sam' },
      { on: '2019-02-15', state: 'rectified', cause: 'f-2' },
      { on: '2019-02-28', state: 'open', cause: 'f-3' },
      { on: '2019-03-28', state: 'rectified', cause: 'f-5' },
    ]);

    // each stored change is in the audit log with the order and the filing that caused it
    const audit = (await t.request('GET', '/v1/audit?limit=50', { token: t.tokens.auditor })).json
      .items as Json[];
    const mine = audit.filter((e) => e.orderId === id).reverse();
    expect(mine.map((e) => [e.action, e.filingId, e.before, e.after])).toEqual([
      ['order-open', 'f-0', null, 'open'],
      ['order-move', 'f-2', 'open', 'rectified'],
      ['order-move', 'f-3', 'rectified', 'open'],
      ['order-move', 'f-5', 'open', 'rectified'],
    ]);

    // closing: final, by the supervisor's token, with the note
    const closed = await t.request('POST', `/v1/orders/${id}/close`, {
      token: t.tokens.supervisor,
      body: { note: 'accepted: licensed since March' },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toMatchObject({
      state: 'closed',
      rectifiedBy: 'f-5',
      closed: { on: '2019-01-20', by: 'sam', note: 'accepted: licensed since March' },
    });
    expect(closed.json.timeline.at(-1)).toEqual({ on: '2019-01-20', state: 'closed', cause: 'sam' });
    const twice = await t.request('POST', `/v1/orders/${id}/close`, {
      token: t.tokens.supervisor,
      body: { note: 'again' },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('order_closed');
    // a filing after the closing changes nothing
    await submit(t, filing('f-6', 6, true), t.tokens.officer);
    expect((await get()).json).toMatchObject({ state: 'closed', rectifiedBy: 'f-5', relapsed: true });
    const after = (await t.request('GET', '/v1/audit?limit=5', { token: t.tokens.auditor })).json
      .items as Json[];
    expect(after.filter((e) => e.orderId === id)[0]).toMatchObject({ action: 'order-close', actor: 'sam' });
  });

  it('is overdue the day after its deadline, not on it (asOf), and lists by state', async () => {
    await submit(t, filing('g-0', 0, true, 'overdue-mutual'));
    const o = await open(t, {
      platformId: 'overdue-mutual',
      ruleId: 'LIC-001',
      fromFilingId: 'g-0',
      deadline: '2019-02-01',
    });
    expect(o.status, o.text).toBe(201);
    const at = async (asOf: string) =>
      (await t.request('GET', `/v1/orders/${o.json.id}?asOf=${asOf}`, { token: t.tokens.auditor })).json
        .state;
    expect(await at('2019-02-01')).toBe('open');
    expect(await at('2019-02-02')).toBe('overdue');
    const list = async (q: string) =>
      ((await t.request('GET', `/v1/orders?${q}`, { token: t.tokens.auditor })).json.orders as Json[]).map(
        (x) => x.id,
      );
    expect(await list('platform=overdue-mutual&state=overdue&asOf=2019-02-02')).toEqual([o.json.id]);
    expect(await list('platform=overdue-mutual&state=overdue&asOf=2019-02-01')).toEqual([]);
    expect(await list('platform=overdue-mutual&state=open&asOf=2019-02-01')).toEqual([o.json.id]);
    // today (2019-01-20 in Shanghai) it is open
    expect(await list('platform=overdue-mutual&state=open')).toEqual([o.json.id]);
  });

  it('opens an order already rectified when the fixing filing was stored before it', async () => {
    await submit(t, filing('h-0', 0, true, 'early-mutual'));
    await submit(t, filing('h-1', 1, false, 'early-mutual'));
    const o = await open(t, { platformId: 'early-mutual', ruleId: 'LIC-001', fromFilingId: 'h-0' });
    expect(o.status).toBe(201);
    expect(o.json).toMatchObject({ state: 'rectified', rectifiedBy: 'h-1' });
    const audit = (await t.request('GET', '/v1/audit?limit=10', { token: t.tokens.auditor })).json
      .items as Json[];
    expect(audit.filter((e) => e.orderId === o.json.id).map((e) => e.action)).toEqual([
      'order-move',
      'order-open',
    ]);
  });

  it('shows a platform with its latest filing, verdict and open orders', async () => {
    await submit(t, filing('p-0', 0, true, 'page-mutual'));
    await submit(t, filing('p-1', 1, true, 'page-mutual'));
    const o = await open(t, { platformId: 'page-mutual', ruleId: 'LIC-001', fromFilingId: 'p-1' });
    const res = await t.request('GET', '/v1/platforms/page-mutual', { token: t.tokens.auditor });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      platformId: 'page-mutual',
      filings: 2,
      latest: { filingId: 'p-1', verdict: 'fail', failedByFamily: { licensing: 1 } },
    });
    expect(res.json.latest.bySeverity.critical).toBeGreaterThan(0);
    expect(res.json.openOrders.map((x: Json) => x.id)).toEqual([o.json.id]);
    // once rectified it is no longer open
    await submit(t, filing('p-2', 2, false, 'page-mutual'));
    const later = await t.request('GET', '/v1/platforms/page-mutual', { token: t.tokens.auditor });
    expect(later.json.latest).toMatchObject({ filingId: 'p-2', verdict: 'pass' });
    expect(later.json.openOrders).toEqual([]);
    expect((await t.request('GET', '/v1/platforms/nobody-mutual', { token: t.tokens.auditor })).status).toBe(
      404,
    );
  });
});

describe('bad input', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ now: () => NOON });
    await submit(t, filing('b-0', 0, true));
    await submit(t, filing('b-1', 1, false));
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    [{}, 'invalid_request', ['/platformId', '/ruleId', '/fromFilingId']],
    [
      { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-0', extra: 1 },
      'invalid_request',
      ['/extra'],
    ],
    [{ platformId: OWN_PLATFORM, ruleId: 'lic-1', fromFilingId: 'b-0' }, 'invalid_request', ['/ruleId']],
    [
      { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-0', deadline: '2019-02-30' },
      'invalid_request',
      ['/deadline'],
    ],
    // the deadline must be after the filing's period.end (2019-01-15)
    [
      { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-0', deadline: '2019-01-15' },
      'invalid_request',
      ['/deadline'],
    ],
    [
      { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'nope' },
      'order_filing_not_found',
      ['/fromFilingId'],
    ],
    // another platform's filing id is not this platform's
    [
      { platformId: OTHER_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-0' },
      'order_filing_not_found',
      ['/fromFilingId'],
    ],
    // b-1 passes LIC-001; NAME-001 passes on b-0
    [
      { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-1' },
      'order_rule_not_failed',
      ['/ruleId'],
    ],
    [
      { platformId: OWN_PLATFORM, ruleId: 'NAME-001', fromFilingId: 'b-0' },
      'order_rule_not_failed',
      ['/ruleId'],
    ],
    [
      { platformId: OWN_PLATFORM, ruleId: 'ZZZ-999', fromFilingId: 'b-0' },
      'order_rule_not_failed',
      ['/ruleId'],
    ],
  ])('refuses %j with 422 %s', async (body, code, pointers) => {
    const res = await open(t, body);
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe(code);
    expect(res.json.problems.map((p: Json) => p.pointer).sort()).toEqual([...pointers].sort());
  });

  it('refuses a second order on the same failure while the first is not closed (409), and takes an explicit deadline', async () => {
    const first = await open(t, {
      platformId: OWN_PLATFORM,
      ruleId: 'LIC-001',
      fromFilingId: 'b-0',
      deadline: '2019-01-16',
    });
    expect(first.status).toBe(201);
    expect(first.json.deadline).toBe('2019-01-16');
    const second = await open(t, { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'b-0' });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('order_exists');
    expect(second.json.detail).toContain(first.json.id);
  });

  it('answers malformed bodies, media types and queries as elsewhere', async () => {
    expect(
      (
        await t.request('POST', '/v1/orders', {
          token: t.tokens.supervisor,
          body: '{',
          type: 'application/json',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', '/v1/orders', {
          token: t.tokens.supervisor,
          body: 'x: 1',
          type: 'application/yaml',
        })
      ).status,
    ).toBe(415);
    const bad = async (q: string) => t.request('GET', `/v1/orders?${q}`, { token: t.tokens.supervisor });
    expect((await bad('state=pending')).json).toMatchObject({ status: 400, code: 'invalid_query' });
    expect((await bad('asOf=2019-13-01')).json).toMatchObject({ status: 400, code: 'invalid_query' });
    expect((await bad('asOf=2019-01-01&asOf=2019-01-02')).status).toBe(400);
    expect((await t.request('GET', '/v1/orders/ord_nope', { token: t.tokens.supervisor })).json.code).toBe(
      'order_not_found',
    );
    const id = ((await bad('')).json.orders as Json[])[0]!.id as string;
    const noNote = await t.request('POST', `/v1/orders/${id}/close`, {
      token: t.tokens.supervisor,
      body: {},
    });
    expect(noNote.status).toBe(422);
    expect(noNote.json.problems[0].pointer).toBe('/note');
    const unknown = await t.request('POST', '/v1/orders/ord_nope/close', {
      token: t.tokens.supervisor,
      body: { note: 'x' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('the role table for orders', () => {
  let t: TestServer;
  let id: string;
  let otherId: string;
  beforeAll(async () => {
    t = await startServer({ now: () => NOON });
    await submit(t, filing('r-0', 0, true));
    await submit(t, filing('r-0', 0, true, OTHER_PLATFORM));
    id = (await open(t, { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'r-0' })).json.id;
    otherId = (await open(t, { platformId: OTHER_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'r-0' })).json.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets supervisors open and close, and no one else (403)', async () => {
    const body = { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'r-0' };
    for (const token of [t.tokens.officer, t.tokens.auditor]) {
      const res = await open(t, body, token);
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('forbidden_role');
      const close = await t.request('POST', `/v1/orders/${id}/close`, { token, body: { note: 'x' } });
      expect(close.status).toBe(403);
    }
    expect((await t.request('POST', '/v1/orders', { body })).status).toBe(401);
    expect((await t.request('GET', '/v1/orders', { token: t.tokens.expired })).status).toBe(401);
  });

  it('lets an officer read their own platforms’ orders only: another platform’s order is 404', async () => {
    expect((await t.request('GET', `/v1/orders/${id}`, { token: t.tokens.officer })).status).toBe(200);
    const other = await t.request('GET', `/v1/orders/${otherId}`, { token: t.tokens.officer });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('order_not_found');
    // the same answer as for an order that does not exist, so nothing leaks
    const none = await t.request('GET', '/v1/orders/ord_000000000000', { token: t.tokens.officer });
    expect(other.json.detail.replace(otherId, 'X')).toBe(none.json.detail.replace('ord_000000000000', 'X'));
    const list = await t.request('GET', '/v1/orders', { token: t.tokens.officer });
    expect((list.json.orders as Json[]).map((o) => o.id)).toEqual([id]);
    expect(
      (await t.request('GET', `/v1/orders?platform=${OTHER_PLATFORM}`, { token: t.tokens.officer })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/v1/platforms/${OTHER_PLATFORM}`, { token: t.tokens.officer })).status,
    ).toBe(404);
    const own = await t.request('GET', `/v1/platforms/${OWN_PLATFORM}`, { token: t.tokens.officer });
    expect(own.json.openOrders.map((o: Json) => o.id)).toEqual([id]);
  });

  it('lets auditors and supervisors read every order', async () => {
    for (const token of [t.tokens.auditor, t.tokens.supervisor]) {
      const list = await t.request('GET', '/v1/orders', { token });
      expect((list.json.orders as Json[]).map((o) => o.id).sort()).toEqual([id, otherId].sort());
      expect((await t.request('GET', `/v1/orders/${otherId}`, { token })).status).toBe(200);
    }
  });
});

describe('the service’s time zone', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  // 16:30 UTC on 2019-01-20 is 00:30 on 2019-01-21 in Shanghai
  const nearMidnight = new Date('2019-01-20T16:30:00Z');

  it.each([
    [undefined, '2019-01-21', '2019-03-11'],
    ['Asia/Shanghai', '2019-01-21', '2019-03-11'],
    ['UTC', '2019-01-20', '2019-03-10'],
  ])(
    'with --tz %s an order opened at 16:30 UTC is opened on %s, due %s',
    async (timeZone, openedOn, deadline) => {
      const t = await startServer({ now: () => nearMidnight, ...(timeZone ? { timeZone } : {}) });
      servers.push(t);
      await submit(t, filing('z-0', 0, true));
      const o = await open(t, {
        platformId: OWN_PLATFORM,
        ruleId: 'LIC-001',
        fromFilingId: 'z-0',
        deadline: '2019-01-20',
      });
      expect(o.json.openedOn).toBe(openedOn);
      // due 2019-01-20: still open on that day in UTC, overdue already in Shanghai
      expect(o.json.state).toBe(openedOn === '2019-01-20' ? 'open' : 'overdue');
      const d = await open(t, { platformId: OWN_PLATFORM, ruleId: 'FUND-001', fromFilingId: 'z-0' });
      // FUND-001 passes: refused whatever the zone
      expect(d.json.code).toBe('order_rule_not_failed');
      // the default deadline counts from openedOn
      const other = filing('z-1', 0, true, 'tz-mutual');
      ((other.products as Json[])[0] as Json).name = '相互保';
      await submit(t, other);
      const n = await open(t, { platformId: 'tz-mutual', ruleId: 'NAME-001', fromFilingId: 'z-1' });
      expect(n.status, n.text).toBe(201);
      expect(n.json.deadline).toBe(deadline);
    },
  );
});

describe('a store that fails while following orders', () => {
  it('still answers 201 for the stored filing, and the order still reads right', async () => {
    let broken = false;
    const t = await startServer({
      now: () => NOON,
      wrapStore: (s) => {
        const w = Object.create(s) as typeof s;
        w.orderEvidence = (o) => (broken ? Promise.reject(new Error('disk on fire')) : s.orderEvidence(o));
        return w;
      },
    });
    try {
      await submit(t, filing('k-0', 0, true));
      const o = await open(t, { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'k-0' });
      broken = true;
      // the filing is stored (201) though its orders could not be followed; the failure is logged, not answered
      await submit(t, filing('k-1', 1, false));
      broken = false;
      expect((await t.store.getOrder(o.json.id))!.stored.state).toBe('open');
      const view = await t.request('GET', `/v1/orders/${o.json.id}`, { token: t.tokens.auditor });
      expect(view.json).toMatchObject({ state: 'rectified', rectifiedBy: 'k-1' });
      // the next stored filing of the platform records what was missed
      await submit(t, filing('k-2', 2, false));
      expect((await t.store.getOrder(o.json.id))!.stored).toMatchObject({
        state: 'rectified',
        rectifiedBy: 'k-1',
      });
    } finally {
      await t.close();
    }
  });
});

describe('two submissions racing on one platform', () => {
  it('leave the order and its audit trail the same as the filings taken one by one, on two instances of one database', async () => {
    const t = await startServer({ now: () => NOON });
    // a second instance of the service on the same SQLite file
    const store2 = openSqliteStore(t.dbPath);
    const app2 = await createApp({ store: store2, rateLimit: 0, now: () => NOON });
    const server2 = createServer(app2.app);
    await new Promise<void>((resolve) => server2.listen(0, '127.0.0.1', resolve));
    const url2 = `http://127.0.0.1:${(server2.address() as AddressInfo).port}`;
    try {
      for (let round = 0; round < 4; round++) {
        const platform = `race-${round}`;
        await submit(t, filing(`x-0`, 0, true, platform));
        const id = (await open(t, { platformId: platform, ruleId: 'LIC-001', fromFilingId: 'x-0' })).json
          .id as string;
        // a fix and a failure of later periods, and another fix, all at once through both instances
        const bodies = [
          filing('x-1', 1, false, platform),
          filing('x-2', 2, true, platform),
          filing('x-3', 3, false, platform),
        ];
        const order = round % 2 === 0 ? bodies : [...bodies].reverse();
        const res = await Promise.all(
          order.map((body, i) =>
            i % 2 === 0
              ? t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body })
              : send(url2, 'POST', '/v1/filings', { token: t.tokens.supervisor, body }),
          ),
        );
        expect(res.map((r) => r.status)).toEqual([201, 201, 201]);
        // whatever the interleaving: rectified by x-1, relapsed by x-2, rectified again by x-3
        const view = (await t.request('GET', `/v1/orders/${id}`, { token: t.tokens.auditor })).json;
        expect(view).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'x-3' });
        expect(view.timeline.map((e: Json) => e.cause)).toEqual(['sam', 'x-1', 'x-2', 'x-3']);
        // the stored status agrees with the derived one, and the audit trail is a chain with no entry twice
        const stored = (await t.store.getOrder(id))!;
        expect(stored.stored).toEqual({
          state: 'rectified',
          relapsed: true,
          rectifiedBy: 'x-3',
          late: false,
        });
        const trail = (
          (await t.request('GET', '/v1/audit?limit=100', { token: t.tokens.auditor })).json.items as Json[]
        )
          .filter((e) => e.orderId === id)
          .reverse();
        expect(trail[0]).toMatchObject({ action: 'order-open', after: 'open' });
        for (let i = 1; i < trail.length; i++) expect(trail[i]!.before).toBe(trail[i - 1]!.after);
        expect(trail.at(-1)).toMatchObject({ action: 'order-move', after: 'rectified', filingId: 'x-3' });
        expect(trail.length).toBeLessThanOrEqual(4);
        // a filing submitted again (a retry) records nothing new
        await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: bodies[2] });
        const again = (
          (await t.request('GET', '/v1/audit?limit=100', { token: t.tokens.auditor })).json.items as Json[]
        ).filter((e) => e.orderId === id);
        expect(again).toHaveLength(trail.length);
      }
    } finally {
      server2.closeAllConnections();
      await new Promise<void>((resolve) => server2.close(() => resolve()));
      await store2.close();
      await t.close();
    }
  });
});
