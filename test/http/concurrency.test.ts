// Concurrency: many submissions at once are each stored exactly once; racing publishes on one If-Match, one wins.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

describe('concurrent submissions', () => {
  it('stores 200 distinct filings sent at once, each exactly once', async () => {
    const filings = Array.from({ length: 200 }, (_, i) =>
      filingFor(`many-${i}`, { platform: `p-${i % 10}`, n: Math.floor(i / 10) }),
    );
    const res = await Promise.all(
      filings.map((body) => t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body })),
    );
    expect(res.map((r) => r.status)).toEqual(filings.map(() => 201));
    const rows = t.store.db
      .prepare(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT filing_id) AS d FROM filings WHERE filing_id LIKE 'many-%'",
      )
      .get();
    expect(rows).toEqual({ n: 200, d: 200 });
    expect(
      t.store.db.prepare("SELECT COUNT(*) AS n FROM reports WHERE filing_id LIKE 'many-%'").get(),
    ).toEqual({ n: 200 });
  });

  it('answers 50 simultaneous submissions of one filing with exactly one 201 and 200s with the same report', async () => {
    const body = filingFor('once', { platform: 'once-mutual' });
    const res = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body }),
      ),
    );
    const statuses = res.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(res.map((r) => r.text)).size).toBe(1);
    expect(t.store.db.prepare("SELECT COUNT(*) AS n FROM filings WHERE filing_id = 'once'").get()).toEqual({
      n: 1,
    });
  });

  it('refuses the same id with another document with 409, also when sent at the same time', async () => {
    const a = filingFor('race-id', { platform: 'race-mutual' });
    const b = filingFor('race-id', { platform: 'race-mutual' });
    (b.members as Record<string, number>).active = 3_000_000;
    const res = await Promise.all(
      [a, b, a, b].map((body) => t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body })),
    );
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });
});

describe('racing publishes', () => {
  it('lets one of two publishes with the same If-Match win; the other gets 412', async () => {
    const base = t.app.engines.current;
    const params = base.ruleSet.parameters;
    const change = (days: number) => ({
      ...params,
      licenceExpiryWarningDays: [{ from: '2009-10-01', value: days }],
    });
    const headers = { 'if-match': `"${base.version}"` };
    const [x, y] = await Promise.all([
      t.request('PUT', '/v1/parameters', {
        token: t.tokens.supervisor,
        headers,
        body: { parameters: change(60), note: 'x' },
      }),
      t.request('PUT', '/v1/parameters', {
        token: t.tokens.supervisor,
        headers,
        body: { parameters: change(30), note: 'y' },
      }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 412]);
    const winner = x.status === 200 ? x : y;
    const loser = x.status === 200 ? y : x;
    expect(loser.json.code).toBe('precondition_failed');
    expect(t.app.engines.current.version).toBe(winner.json.version);
    expect(winner.headers.get('etag')).toBe(`"${winner.json.version}"`);
    const versions = await t.request('GET', '/v1/rules/versions', { token: t.tokens.auditor });
    expect(versions.json.versions).toHaveLength(2);
  });
});
