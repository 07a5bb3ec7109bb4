// Bad bodies on every route that takes one: malformed, wrong content type, too large, too deep, wrong shape.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

interface BodyRoute {
  method: string;
  path: string;
  /** Needs If-Match with the version in force. */
  ifMatch?: boolean;
  /** The code a malformed JSON body gets (filings keep their parser's code and location). */
  malformed: string;
  /** The code a well-formed body of the wrong shape gets. */
  shape: string;
}

const ROUTES: BodyRoute[] = [
  { method: 'POST', path: '/v1/check', malformed: 'filing_parse_error', shape: 'filing_invalid' },
  { method: 'POST', path: '/v1/filings', malformed: 'filing_parse_error', shape: 'filing_invalid' },
  { method: 'POST', path: '/v1/scans', malformed: 'malformed_body', shape: 'invalid_request' },
  { method: 'POST', path: '/v1/rules/preview', malformed: 'malformed_body', shape: 'invalid_request' },
  {
    method: 'PUT',
    path: '/v1/rules/NAME-001',
    ifMatch: true,
    malformed: 'malformed_body',
    shape: 'invalid_request',
  },
  {
    method: 'DELETE',
    path: '/v1/rules/NAME-001',
    ifMatch: true,
    malformed: 'malformed_body',
    shape: 'invalid_request',
  },
  {
    method: 'PUT',
    path: '/v1/parameters',
    ifMatch: true,
    malformed: 'malformed_body',
    shape: 'invalid_request',
  },
  {
    method: 'PUT',
    path: '/v1/waivers',
    ifMatch: true,
    malformed: 'malformed_body',
    shape: 'invalid_request',
  },
  {
    method: 'POST',
    path: '/v1/rules/rollback',
    ifMatch: true,
    malformed: 'malformed_body',
    shape: 'invalid_request',
  },
];

const send = (r: BodyRoute, body: string, type: string | null = 'application/json') =>
  t.request(r.method, r.path, {
    token: t.tokens.supervisor,
    body,
    type,
    headers: r.ifMatch ? { 'if-match': `"${t.app.engines.current.version}"` } : {},
  });

const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

describe.each(ROUTES)('$method $path', (r) => {
  it('malformed JSON is 400', async () => {
    const res = await send(r, '{"a": [1, 2,');
    expect([res.status, res.json.code]).toEqual([400, r.malformed]);
  });
  it('a content type it does not take is 415', async () => {
    const res = await send(r, '<filing/>', 'application/xml');
    expect([res.status, res.json.code]).toEqual([415, 'unsupported_media_type']);
  });
  it('a body over 1 MiB is 413', async () => {
    const res = await send(r, JSON.stringify({ a: 'x'.repeat(1024 * 1024) }));
    expect([res.status, res.json.code]).toEqual([413, 'body_too_large']);
  });
  it('nesting deeper than 64 is 400', async () => {
    const res = await send(r, nested(65));
    expect([res.status, res.json.code]).toEqual([400, 'body_too_deep']);
  });
  it('a duplicate key is 400 naming its pointer, as in YAML', async () => {
    const res = await send(r, '{"note": "x", "a": {"b": [1, {"c": 1, "d": 2, "c": 3}]}}');
    expect([res.status, res.json.code]).toEqual([400, r.malformed]);
    expect(res.json.problems.map((p: { pointer: string }) => p.pointer)).toEqual(['/a/b/1/c']);
  });
  it('the wrong shape is 422 naming the field', async () => {
    const res = await send(r, JSON.stringify({ unexpected: 1 }));
    expect([res.status, res.json.code]).toEqual([422, r.shape]);
    expect(res.json.problems.map((p: { pointer: string }) => p.pointer)).toContain('/unexpected');
  });
});

it.each([
  ['JSON', 'application/json', '{"filingId": "dup-1",\n  "filingId": "dup-2"}', 2],
  ['YAML', 'application/yaml', 'filingId: dup-1\nplatform:\n  id: a\n  id: b\n', 4],
])('a filing with a duplicate key in %s is 400 filing_parse_error at the key', async (_f, type, body, line) => {
  const res = await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body, type });
  expect([res.status, res.json.code]).toEqual([400, 'filing_parse_error']);
  expect(res.json.problems).toEqual([
    expect.objectContaining({ line, pointer: type === 'application/json' ? '/filingId' : '/platform/id' }),
  ]);
});

it('the version in force did not move while bad bodies were sent', async () => {
  expect(t.app.engines.current.label).toBe(1);
});
