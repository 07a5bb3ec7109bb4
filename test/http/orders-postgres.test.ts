// Rectification orders followed by two service instances on one PostgreSQL database, submissions racing between them.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { readRuleSources } from '../../src/rules/load.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { issueToken } from '../../src/store/tokens.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';
import { FIXTURE_RULES_DIR, filingFor } from '../store/support.js';
import { send } from './support.js';

type Json = Record<string, unknown>;
const available = await postgresAvailable();
const NOON = new Date('2019-01-20T04:00:00Z');

function filing(id: string, n: number, fails: boolean, platform: string): Json {
  const f = filingFor(id, { n, platform });
  if (fails) f.licenses = [];
  return f;
}

describe.runIf(available)('orders on two instances of one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const stores: PostgresStore[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  let sup: string;

  beforeAll(async () => {
    db = await createTestDatabase('compliance_orders');
    for (let i = 0; i < 2; i++) {
      const store = await openPostgresStore(db.url, { max: 4 });
      stores.push(store);
      if (i === 0) {
        await seedRuleSet(store, readRuleSources(FIXTURE_RULES_DIR), 'seeded from the test fixture');
        sup = (await issueToken(store, { name: 'sam', role: 'supervisor', platforms: [] }, 'test')).secret;
      }
      const app = await createApp({ store, rateLimit: 0, now: () => NOON });
      const server = createServer(app.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it('ends every race as the filings taken one by one, with one chained audit trail', async () => {
    for (let round = 0; round < 4; round++) {
      const platform = `pg-race-${round}`;
      const first = await send(urls[0]!, 'POST', '/v1/filings', {
        token: sup,
        body: filing('x-0', 0, true, platform),
      });
      expect(first.status, first.text).toBe(201);
      const opened = await send(urls[1]!, 'POST', '/v1/orders', {
        token: sup,
        body: { platformId: platform, ruleId: 'LIC-001', fromFilingId: 'x-0' },
      });
      expect(opened.status, opened.text).toBe(201);
      const id = opened.json.id as string;
      const bodies = [
        filing('x-1', 1, false, platform),
        filing('x-2', 2, true, platform),
        filing('x-3', 3, false, platform),
      ];
      const ordered = round % 2 === 0 ? bodies : [...bodies].reverse();
      const res = await Promise.all(
        ordered.map((body, i) => send(urls[i % 2]!, 'POST', '/v1/filings', { token: sup, body })),
      );
      expect(res.map((r) => r.status)).toEqual([201, 201, 201]);
      for (const url of urls) {
        const view = (await send(url, 'GET', `/v1/orders/${id}`, { token: sup })).json;
        expect(view).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'x-3' });
      }
      expect((await stores[0]!.getOrder(id))!.stored).toEqual({
        state: 'rectified',
        relapsed: true,
        rectifiedBy: 'x-3',
        late: false,
      });
      const trail = (
        (await send(urls[0]!, 'GET', '/v1/audit?limit=100', { token: sup })).json.items as Json[]
      )
        .filter((e) => e.orderId === id)
        .reverse();
      expect(trail[0]).toMatchObject({ action: 'order-open' });
      // one entry per state change (a change of rectifiedBy alone is stored without one)
      for (let i = 1; i < trail.length; i++) {
        expect(trail[i]!.before).toBe(trail[i - 1]!.after);
        expect(trail[i]!.before).not.toBe(trail[i]!.after);
      }
      expect(trail.at(-1)).toMatchObject({ after: 'rectified' });
    }
  });
});
