// `compliance orders list|show|open|close` beside a running service: the API's words, shapes and refusals.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/app/orders/machine.js';
import { filingFor } from '../store/support.js';
import { OWN_PLATFORM, startServer, type TestServer } from '../http/support.js';
import { runHere } from '../support/cli.js';

type Json = Record<string, unknown>;

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const orders = (...args: string[]) => runHere(['orders', ...args, '--db', t.dbPath]);

async function submit(id: string, n: number, fails: boolean) {
  const body = filingFor(id, { n, platform: OWN_PLATFORM });
  if (fails) body.licenses = [];
  const res = await t.request('POST', '/v1/filings', { token: t.tokens.officer, body });
  expect(res.status, res.text).toBe(201);
}

describe('compliance orders', () => {
  let id: string;

  it('opens an order on a failure, as POST /v1/orders would', async () => {
    await submit('c-0', 0, true);
    const out = await orders(
      'open',
      '--platform-id',
      OWN_PLATFORM,
      '--rule-id',
      'LIC-001',
      '--from-filing-id',
      'c-0',
      '--note',
      'get a licence',
      '--by',
      'sam',
    );
    expect(out.stderr).toMatch(
      /^compliance: opened ord_\w+: base-mutual to rectify LIC-001 by \d{4}-\d\d-\d\d \(open\)/,
    );
    expect(out.code).toBe(0);
    const order = JSON.parse(out.stdout) as Json;
    id = order.id as string;
    const today = todayIn('Asia/Shanghai');
    expect(order).toMatchObject({
      platformId: OWN_PLATFORM,
      ruleId: 'LIC-001',
      fromFilingId: 'c-0',
      openedOn: today,
      openedBy: 'sam',
      note: 'get a licence',
      state: 'open',
    });
    expect(Date.parse(order.deadline as string) - Date.parse(today)).toBe(49 * 86_400_000);
    // the audit log names the order and the filing, whoever opened it
    const audit = (await t.request('GET', '/v1/audit?limit=5', { token: t.tokens.auditor })).json
      .items as Json[];
    expect(audit[0]).toMatchObject({ action: 'order-open', actor: 'sam', orderId: id, filingId: 'c-0' });
  });

  it('shows it rectified once the fixing filing is stored, exactly as the API does', async () => {
    await submit('c-1', 1, false);
    const out = await orders('show', id);
    expect(out.code).toBe(0);
    const shown = JSON.parse(out.stdout) as Json;
    expect(shown).toMatchObject({ state: 'rectified', rectifiedBy: 'c-1' });
    const api = await t.request('GET', `/v1/orders/${id}`, { token: t.tokens.supervisor });
    expect(shown).toEqual(api.json);
    // overdue is asked about with --as-of, as ?asOf=
    const before = JSON.parse((await orders('show', id, '--as-of', '2030-01-01')).stdout) as Json;
    expect(before.state).toBe('rectified');
  });

  it('lists orders as a table, or as GET /v1/orders’s JSON', async () => {
    const json = await orders('list', '--format', 'json');
    expect(json.code).toBe(0);
    const api = await t.request('GET', '/v1/orders', { token: t.tokens.supervisor });
    expect(JSON.parse(json.stdout)).toEqual(api.json);
    const table = await orders('list');
    expect(table.stdout).toContain('RECTIFIED BY');
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+base-mutual\\s+LIC-001\\s+c-0\\s+.*rectified\\s+c-1`));
    expect((await orders('list', '--state', 'open')).stdout).toBe('no orders\n');
    expect(
      JSON.parse(
        (await orders('list', '--state', 'rectified', '--platform', OWN_PLATFORM, '--format', 'json')).stdout,
      ).orders,
    ).toHaveLength(1);
  });

  it('closes it for good', async () => {
    const out = await orders('close', id, '--note', 'accepted', '--by', 'sam');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('compliance: closed ' + id + ' (rectified by c-1)\n');
    expect(JSON.parse(out.stdout)).toMatchObject({
      state: 'closed',
      closed: { by: 'sam', note: 'accepted' },
    });
    const again = await orders('close', id, '--note', 'again');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/closed is final \[order_closed\]/);
  });

  it('refuses what the API refuses, with the same codes, exit 2', async () => {
    const passing = await orders(
      'open',
      '--platform-id',
      OWN_PLATFORM,
      '--rule-id',
      'LIC-001',
      '--from-filing-id',
      'c-1',
    );
    expect(passing.code).toBe(2);
    expect(passing.stderr).toMatch(/^compliance: \/ruleId: .*not fail.* \[order_rule_not_failed\]\n$/);
    const missing = await orders(
      'open',
      '--platform-id',
      OWN_PLATFORM,
      '--rule-id',
      'LIC-001',
      '--from-filing-id',
      'nope',
    );
    expect(missing.stderr).toContain('[order_filing_not_found]');
    const early = await orders(
      'open',
      '--platform-id',
      OWN_PLATFORM,
      '--rule-id',
      'LIC-001',
      '--from-filing-id',
      'c-0',
      '--deadline',
      '2019-01-10',
    );
    expect(early.stderr).toMatch(/\/deadline: .* \[invalid_request\]/);
    const badRule = await orders(
      'open',
      '--platform-id',
      OWN_PLATFORM,
      '--rule-id',
      'lic1',
      '--from-filing-id',
      'c-0',
    );
    expect(badRule.stderr).toContain('/ruleId');
    expect((await orders('show', 'ord_nope')).stderr).toContain('[order_not_found]');
    expect((await orders('list', '--as-of', '2019-02-30')).stderr).toContain('[invalid_query]');
    expect((await orders('list', '--state', 'pending')).code).toBe(2);
    expect((await orders('list', '--tz', 'Mars/Olympus')).stderr).toContain('not an IANA time zone');
    const nodb = await runHere(['orders', 'list', '--db', join(t.dbPath, '..', 'nope.db')]);
    expect(nodb.code).toBe(2);
    expect((await runHere(['orders', 'show', id])).code).toBe(2); // --db is required
  });
});
