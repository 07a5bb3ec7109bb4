// The role table of DESIGN section 8, route by route, for every role and every kind of refused token; and the order of checks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import {
  OTHER_PLATFORM,
  OWN_PLATFORM,
  startServer,
  type RequestOptions,
  type TestServer,
  type Tokens,
} from './support.js';

type Who = 'officer' | 'supervisor' | 'auditor' | 'none' | 'expired' | 'revoked';
const WHO: readonly Who[] = ['officer', 'supervisor', 'auditor', 'none', 'expired', 'revoked'];

interface Probe {
  name: string;
  method: string;
  path: string;
  /** The request, made when it is sent (If-Match needs the version in force then). */
  opts?: (t: TestServer, who: Who) => RequestOptions | Promise<RequestOptions>;
  /** Expected status for officer, supervisor, auditor; no token, expired and revoked are always 401 unless public. */
  expect: [number, number, number] | 'public';
}

let counter = 0;
/** A fresh filing of the officer's platform, so every submission is a new one (201). */
const freshOwn = () => filingFor(`role-${++counter}`, { platform: OWN_PLATFORM, n: 100 + counter });

async function ifMatch(t: TestServer): Promise<Record<string, string>> {
  return { 'if-match': `"${t.app.engines.current.version}"` };
}

async function currentRuleYaml(t: TestServer, id: string): Promise<string> {
  return (await t.request('GET', `/v1/rules/${id}`, { token: t.tokens.supervisor })).json.yaml;
}

const PROBES: Probe[] = [
  { name: 'healthz', method: 'GET', path: '/healthz', expect: 'public' },
  { name: 'readyz', method: 'GET', path: '/readyz', expect: 'public' },
  { name: 'metrics', method: 'GET', path: '/metrics', expect: 'public' },
  { name: 'openapi', method: 'GET', path: '/openapi.json', expect: 'public' },
  {
    name: 'check',
    method: 'POST',
    path: '/v1/check',
    opts: () => ({ body: freshOwn() }),
    expect: [200, 200, 403],
  },
  {
    name: 'submit',
    method: 'POST',
    path: '/v1/filings',
    opts: () => ({ body: freshOwn() }),
    expect: [201, 201, 403],
  },
  { name: 'read own filing', method: 'GET', path: '/v1/filings/own-1', expect: [200, 200, 200] },
  {
    name: 'read another platform’s filing',
    method: 'GET',
    path: '/v1/filings/other-1',
    expect: [404, 200, 200],
  },
  { name: 'read own report', method: 'GET', path: '/v1/filings/own-1/report', expect: [200, 200, 200] },
  {
    name: 'read another platform’s report',
    method: 'GET',
    path: '/v1/filings/other-1/report',
    expect: [404, 200, 200],
  },
  {
    name: 'read own filing by platform',
    method: 'GET',
    path: `/v1/platforms/${OWN_PLATFORM}/filings/own-1`,
    expect: [200, 200, 200],
  },
  {
    name: 'read another platform’s filing by platform',
    method: 'GET',
    path: `/v1/platforms/${OTHER_PLATFORM}/filings/other-1`,
    expect: [404, 200, 200],
  },
  {
    name: 'read own report by platform',
    method: 'GET',
    path: `/v1/platforms/${OWN_PLATFORM}/filings/own-1/report`,
    expect: [200, 200, 200],
  },
  {
    name: 'read another platform’s report by platform',
    method: 'GET',
    path: `/v1/platforms/${OTHER_PLATFORM}/filings/other-1/report`,
    expect: [404, 200, 200],
  },
  { name: 'platform list', method: 'GET', path: '/v1/platforms', expect: [200, 200, 200] },
  // CONSOLE: who am I, and the editor's lint
  { name: 'who am I', method: 'GET', path: '/v1/me', expect: [200, 200, 200] },
  {
    name: 'lint a proposal',
    method: 'POST',
    path: '/v1/rules/lint',
    opts: () => ({ body: { kind: 'waivers', yaml: '[]' } }),
    expect: [403, 200, 200],
  },
  {
    name: 'own platform’s filings',
    method: 'GET',
    path: `/v1/platforms/${OWN_PLATFORM}/filings`,
    expect: [200, 200, 200],
  },
  {
    name: 'another platform’s filings',
    method: 'GET',
    path: `/v1/platforms/${OTHER_PLATFORM}/filings`,
    expect: [404, 200, 200],
  },
  {
    name: 'scan (NDJSON)',
    method: 'POST',
    path: '/v1/scans',
    opts: () => ({ body: JSON.stringify(freshOwn()) + '\n', type: 'application/x-ndjson' }),
    expect: [403, 200, 200],
  },
  {
    name: 'scan (store)',
    method: 'POST',
    path: '/v1/scans',
    opts: () => ({ body: { source: 'store' } }),
    expect: [403, 200, 200],
  },
  {
    name: 'scan job (store, async)',
    method: 'POST',
    path: '/v1/scans',
    opts: () => ({ body: { source: 'store', async: true } }),
    expect: [403, 202, 202],
  },
  // an unknown job: the role comes first, then 404
  { name: 'a scan job', method: 'GET', path: '/v1/scans/scan_0000000000000000', expect: [403, 404, 404] },
  { name: 'a scan job’s results', method: 'GET', path: '/v1/scans/scan_0000000000000000/results', expect: [403, 404, 404] },
  { name: 'cancel a scan job', method: 'DELETE', path: '/v1/scans/scan_0000000000000000', expect: [403, 404, 404] },
  { name: 'rules', method: 'GET', path: '/v1/rules', expect: [200, 200, 200] },
  { name: 'rule', method: 'GET', path: '/v1/rules/NAME-001', expect: [200, 200, 200] },
  { name: 'versions', method: 'GET', path: '/v1/rules/versions', expect: [200, 200, 200] },
  { name: 'parameters', method: 'GET', path: '/v1/parameters', expect: [200, 200, 200] },
  { name: 'waivers', method: 'GET', path: '/v1/waivers', expect: [200, 200, 200] },
  {
    name: 'preview',
    method: 'POST',
    path: '/v1/rules/preview',
    opts: () => ({ body: {} }),
    expect: [403, 200, 200],
  },
  {
    name: 'publish a rule',
    method: 'PUT',
    path: '/v1/rules/NAME-001',
    opts: async (t) => ({
      headers: await ifMatch(t),
      body: { yaml: (await currentRuleYaml(t, 'NAME-001')) + '\n# touched\n', note: 'role table' },
    }),
    expect: [403, 200, 403],
  },
  {
    name: 'publish parameters',
    method: 'PUT',
    path: '/v1/parameters',
    opts: async (t) => ({
      headers: await ifMatch(t),
      body: { parameters: t.app.engines.current.ruleSet.parameters, note: 'role table' },
    }),
    expect: [403, 200, 403],
  },
  {
    name: 'publish waivers',
    method: 'PUT',
    path: '/v1/waivers',
    opts: async (t) => ({
      headers: await ifMatch(t),
      body: {
        waivers: [
          {
            platform: OWN_PLATFORM,
            rule: 'NAME-001',
            reason: 'r',
            reference: 'ref',
            from: '2020-01-01',
            until: '2020-12-31',
          },
        ],
        note: 'role table',
      },
    }),
    expect: [403, 200, 403],
  },
  {
    name: 'delete a rule',
    method: 'DELETE',
    path: '/v1/rules/MKT-001',
    opts: async (t) => ({ headers: await ifMatch(t) }),
    expect: [403, 200, 403],
  },
  {
    name: 'rollback',
    method: 'POST',
    path: '/v1/rules/rollback',
    opts: async (t) => ({ headers: await ifMatch(t), body: { version: seedVersion, note: 'role table' } }),
    expect: [403, 200, 403],
  },
  { name: 'audit log', method: 'GET', path: '/v1/audit', expect: [403, 200, 200] },
  { name: 'watchlist', method: 'GET', path: '/v1/watchlist', expect: [403, 200, 200] },
  // rectification orders (test/http/orders.test.ts follows real orders; here the role comes first)
  { name: 'orders', method: 'GET', path: '/v1/orders', expect: [200, 200, 200] },
  { name: 'an order', method: 'GET', path: '/v1/orders/ord_000000000000', expect: [404, 404, 404] },
  {
    name: 'open an order',
    method: 'POST',
    path: '/v1/orders',
    // own-1 passes every rule: the supervisor gets past the role to order_rule_not_failed
    opts: () => ({ body: { platformId: OWN_PLATFORM, ruleId: 'LIC-001', fromFilingId: 'own-1' } }),
    expect: [403, 422, 403],
  },
  {
    name: 'close an order',
    method: 'POST',
    path: '/v1/orders/ord_000000000000/close',
    opts: () => ({ body: { note: 'role table' } }),
    expect: [403, 404, 403],
  },
  { name: 'own platform', method: 'GET', path: `/v1/platforms/${OWN_PLATFORM}`, expect: [200, 200, 200] },
  { name: 'another platform', method: 'GET', path: `/v1/platforms/${OTHER_PLATFORM}`, expect: [404, 200, 200] },
];

let t: TestServer;
let seedVersion: string;
beforeAll(async () => {
  t = await startServer();
  seedVersion = t.app.engines.current.version;
  expect(
    (
      await t.request('POST', '/v1/filings', {
        token: t.tokens.supervisor,
        body: filingFor('own-1', { platform: OWN_PLATFORM, n: 1 }),
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await t.request('POST', '/v1/filings', {
        token: t.tokens.supervisor,
        body: filingFor('other-1', { platform: OTHER_PLATFORM, n: 1 }),
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await t.close();
});

function tokenOf(tokens: Tokens, who: Who): string | null {
  return who === 'none' ? null : tokens[who];
}

describe('role table', () => {
  it('covers every served route', () => {
    // a route is probed when a probe's method and path match its pattern (`:name` is one segment)
    const probes = PROBES.map((p) => `${p.method} ${p.path}`);
    const served = t.app.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const pattern = (route: string) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
    expect(served.filter((r) => !probes.some((p) => pattern(r).test(p)))).toEqual([]);
  });

  // sequential: the publishing probes change the version in force, and each is sent with the then-current If-Match
  it.each(PROBES.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const opts = (await probe.opts?.(t, who)) ?? {};
      const res = await t.request(probe.method, probe.path, { ...opts, token: tokenOf(t.tokens, who) });
      got[who] = res.status;
      if (res.status >= 400)
        expect(res.headers.get('content-type'), `${who}: ${res.text}`).toMatch(/^application\/problem\+json/);
    }
    const want =
      probe.expect === 'public'
        ? Object.fromEntries(WHO.map((w) => [w, 200]))
        : {
            officer: probe.expect[0],
            supervisor: probe.expect[1],
            auditor: probe.expect[2],
            none: 401,
            expired: 401,
            revoked: 401,
          };
    expect(got).toEqual(want);
  });
});

describe('refused tokens', () => {
  it.each([
    ['no token', null, 'token_missing'],
    ['an unknown token', 'cmp_nope', 'token_invalid'],
    ['an expired token', 'expired', 'token_expired'],
    ['a revoked token', 'revoked', 'token_revoked'],
  ] as const)('%s is 401 %s with a Bearer challenge', async (_name, token, code) => {
    const secret = token === 'expired' || token === 'revoked' ? t.tokens[token] : token;
    const res = await t.request('GET', '/v1/rules', { token: secret });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe(code);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('a malformed Authorization header is 401', async () => {
    const res = await t.request('GET', '/v1/rules', { headers: { authorization: 'Basic abc' } });
    expect(res.json.code).toBe('token_missing');
  });
});

describe('order of checks: 401, 403 role, 404 scope, 428/412, body, 403 platform', () => {
  const malformed = { body: '{"x":', type: 'application/json' };
  it('authentication comes before everything', async () => {
    expect((await t.request('POST', '/v1/rules/rollback', { ...malformed, token: null })).status).toBe(401);
  });
  it('the role comes before the body', async () => {
    expect((await t.request('POST', '/v1/check', { ...malformed, token: t.tokens.auditor })).status).toBe(
      403,
    );
    expect((await t.request('PUT', '/v1/parameters', { ...malformed, token: t.tokens.officer })).status).toBe(
      403,
    );
  });
  it('the scope (404) comes before the precondition', async () => {
    expect((await t.request('DELETE', '/v1/rules/NOPE-001', { token: t.tokens.supervisor })).status).toBe(
      404,
    );
  });
  it('the precondition comes before the body', async () => {
    expect(
      (await t.request('PUT', '/v1/parameters', { ...malformed, token: t.tokens.supervisor })).status,
    ).toBe(428);
    expect(
      (
        await t.request('PUT', '/v1/parameters', {
          ...malformed,
          token: t.tokens.supervisor,
          headers: { 'if-match': '"sha256:old"' },
        })
      ).status,
    ).toBe(412);
  });
  it('the body comes before an officer’s platform', async () => {
    const other = filingFor('order-1', { platform: OTHER_PLATFORM }) as Record<string, unknown>;
    other.unknownField = true;
    expect((await t.request('POST', '/v1/filings', { token: t.tokens.officer, body: other })).status).toBe(
      422,
    );
    expect(
      (
        await t.request('POST', '/v1/filings', {
          token: t.tokens.officer,
          body: '{',
          type: 'application/json',
        })
      ).status,
    ).toBe(400);
    expect(
      (await t.request('POST', '/v1/filings', { token: t.tokens.officer, body: 'x', type: 'text/plain' }))
        .status,
    ).toBe(415);
  });
});
