// Operations and cross-cutting behaviour: health, readiness, metrics, unknown routes, 500s, rate limits, request ids.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

describe('operations routes', () => {
  it('healthz and readyz answer without a token; readyz names the rule set and goes 503 when draining', async () => {
    expect((await t.request('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/readyz');
    expect(ready.json).toEqual({
      status: 'ready',
      ruleset: { version: t.app.engines.current.version, label: 1 },
    });
    const other = await startServer();
    other.app.drain();
    const draining = await other.request('GET', '/readyz');
    expect(draining.status).toBe(503);
    expect(draining.json.code).toBe('shutting_down');
    await other.close();
  });

  it('metrics count requests by route, filings judged by verdict, and the rule set in force', async () => {
    await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: filingFor('m-1') });
    await t.request('GET', '/v1/filings/m-1', { token: t.tokens.supervisor });
    const res = await t.request('GET', '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /compliance_http_requests_total\{method="POST",route="\/v1\/filings",status="201"\} 1/,
    );
    expect(res.text).toMatch(
      /compliance_http_requests_total\{method="GET",route="\/v1\/filings\/:id",status="200"\} 1/,
    );
    expect(res.text).toMatch(
      /compliance_http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/v1\/filings",status="201"\} 1/,
    );
    expect(res.text).toMatch(/compliance_filings_judged_total\{verdict="pass",by="submit"\} 1/);
    expect(res.text).toContain(
      `compliance_ruleset_info{version="${t.app.engines.current.version}",label="1"} 1`,
    );
  });

  it('sends security headers and echoes a sane X-Request-Id (or makes one)', async () => {
    const res = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const made = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('unknown routes and methods', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('GET', '/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'not_found', status: 404, instance: '/v2/nothing' });
    expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers a malformed URL with 400, not 500', async () => {
    const res = await t.request('GET', '/v1/filings/%E0%A4%A', { token: t.tokens.supervisor });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('malformed_url');
  });

  it('answers a known path with another method with 405 and Allow; OPTIONS with 204', async () => {
    const res = await t.request('PATCH', '/v1/filings', { token: t.tokens.supervisor });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    const options = await t.request('OPTIONS', '/v1/rules/NAME-001', { token: t.tokens.officer });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, PUT, DELETE, HEAD, OPTIONS');
  });

  it.each([
    ['PATCH', '/v1/filings'],
    ['OPTIONS', '/v1/filings'],
    ['PUT', '/v1/platforms'],
    ['OPTIONS', '/v1/rules/NAME-001'],
  ])('answers %s %s without a valid token with 401, before 405 or 204', async (method, path) => {
    for (const token of [null, 'cmp_not-a-token', t.tokens.expired]) {
      const res = await t.request(method, path, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('allow')).toBeNull();
    }
  });

  it('still answers a public path with another method with 405, no token needed', async () => {
    const res = await t.request('POST', '/healthz');
    expect(res.status).toBe(405);
  });
});

describe('unexpected errors', () => {
  it('answers a generic 500 without the error’s message or stack, and logs it', async () => {
    const logged: unknown[] = [];
    const { pino } = await import('pino');
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const broken = await startServer({
      logger,
      wrapStore: (s: Store) =>
        new Proxy(s, {
          get(target, key, receiver) {
            if (key === 'listPlatforms')
              return () => Promise.reject(new Error('database on fire at /secret/path'));
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    });
    const res = await broken.request('GET', '/v1/platforms', { token: broken.tokens.supervisor });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal_error', status: 500 });
    expect(res.text).not.toContain('fire');
    expect(res.text).not.toContain('/secret/path');
    expect(JSON.stringify(logged)).toContain('database on fire');
    await broken.close();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token has spent its requests; other tokens are unaffected', async () => {
    const limited = await startServer({ rateLimit: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await limited.request('GET', '/v1/rules', { token: limited.tokens.auditor })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await limited.request('GET', '/v1/rules', { token: limited.tokens.auditor });
    expect(refused.json.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.request('GET', '/v1/rules', { token: limited.tokens.supervisor })).status).toBe(
      200,
    );
    // public routes are not limited
    expect((await limited.request('GET', '/healthz')).status).toBe(200);
    await limited.close();
  });
});

describe('tokens take effect at once', () => {
  it('refuses a token revoked while the service runs, and accepts one created', async () => {
    const { issueToken } = await import('../../src/store/tokens.js');
    const { openSqliteStore } = await import('../../src/store/sqlite.js');
    // another connection to the same file, as the CLI would open
    const cli = openSqliteStore(t.dbPath);
    const { secret, record } = await issueToken(cli, { name: 'late', role: 'auditor' }, 'cli');
    expect((await t.request('GET', '/v1/audit', { token: secret })).status).toBe(200);
    await cli.revokeToken(record.id, 'cli');
    expect((await t.request('GET', '/v1/audit', { token: secret })).status).toBe(401);
    await cli.close();
  });
});
