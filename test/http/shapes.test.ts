// Shapes clients rely on (DESIGN §8): a rule answers with its id, audit entries name the version a
// rule-set change put in force, and the security headers let the console load over plain HTTP.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

describe('shapes', () => {
  it('GET /v1/rules/{id} answers { id, …, yaml }', async () => {
    const res = await t.request('GET', '/v1/rules/NAME-001', { token: t.tokens.auditor });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 'NAME-001', yaml: expect.stringContaining('id: NAME-001') });
  });

  it('audit entries name the version a rule-set change put in force, and null for others', async () => {
    const res = await t.request('GET', '/v1/audit', { token: t.tokens.supervisor });
    const seed = res.json.items.find((e: { action: string }) => e.action === 'seed');
    expect(seed.version).toBe(t.app.engines.current.version);
    const token = res.json.items.find((e: { action: string }) => e.action === 'token-create');
    expect(token.version).toBeNull();
  });

  it('sends no upgrade-insecure-requests, which would break the console over plain HTTP', async () => {
    const res = await t.request('GET', '/healthz');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    // the console's own origin only: no https: (or any other) source for anything (DESIGN §8 revision 3)
    expect(csp).not.toMatch(/https:|unsafe-inline|\*/);
    expect(csp).toMatch(/(^|;)style-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;)font-src 'self'(;|$)/);
  });
});
