// Scans over HTTP: NDJSON streamed both ways (invalid lines, the per-line limit, depth), and re-judging the store.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failingFiling, filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const all = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
/** The lines after the ruleset line that a bulk scan writes first (DESIGN §7 revision 3). */
const lines = (text: string) => {
  const out = all(text);
  expect(out[0]).toMatchObject({ type: 'ruleset', version: t.app.engines.current.version });
  return out.slice(1);
};

describe('NDJSON scans', () => {
  it('answers one line per filing in input order, invalid ones included, then the summary', async () => {
    const deep = `{"a":${'['.repeat(80)}${']'.repeat(80)}}`;
    const huge = JSON.stringify({ ...filingFor('huge'), pad: 'x'.repeat(1024 * 1024 + 10) });
    const body = [
      JSON.stringify(filingFor('s-1')),
      '',
      '{"not json',
      JSON.stringify(failingFiling('s-2')),
      huge,
      deep,
      JSON.stringify({ ...filingFor('s-3'), unknown: 1 }),
      JSON.stringify(filingFor('s-4', { platform: 'other-mutual' })),
    ].join('\r\n');
    const res = await t.request('POST', '/v1/scans', {
      token: t.tokens.auditor,
      body,
      type: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const out = lines(res.text);
    expect(out.map((l) => l.filingId ?? l.type)).toEqual([
      's-1',
      'invalid',
      's-2',
      'invalid',
      'invalid',
      'invalid',
      's-4',
      'summary',
    ]);
    expect(out[1]).toMatchObject({ source: 'request:3', errors: [{ code: 'filing_parse_error' }] });
    expect(out[3]).toMatchObject({ source: 'request:5', errors: [{ code: 'body_too_large' }] });
    expect(out[4]).toMatchObject({ source: 'request:6', errors: [{ code: 'body_too_deep' }] });
    expect(out[5]).toMatchObject({
      source: 'request:7',
      errors: [{ code: 'filing_invalid', pointer: '/unknown' }],
    });
    expect(out[2].verdict).toBe('fail');
    expect(out.at(-1)).toMatchObject({
      type: 'summary',
      filings: 3,
      invalid: 4,
      verdicts: { pass: 2, fail: 1 },
      ruleset: t.app.engines.current.version,
    });
    expect(Object.keys(out.at(-1).byPlatform).sort()).toEqual(['base-mutual', 'other-mutual', 'xianghubao']);
    // the bulk scan line: findings that do not pass, the others by id; whole reports with ?full=true
    expect(out[2].findings.length).toBeGreaterThan(0);
    for (const f of out[2].findings) expect(['pass', 'not-applicable']).not.toContain(f.status);
    expect(out[2].findings.length + out[2].passed.length + out[2].notApplicable.length).toBe(out[2].ruleset.rules);
    const full = await t.request('POST', '/v1/scans?full=true', { token: t.tokens.auditor, body, type: 'application/x-ndjson' });
    const fullOut = all(full.text);
    expect(fullOut.map((l) => l.filingId ?? l.type)).toEqual(out.map((l) => l.filingId ?? l.type));
    expect(fullOut[2].findings).toHaveLength(out[2].ruleset.rules);
    expect(fullOut[2]).not.toHaveProperty('passed');
    expect(fullOut.at(-1)).toEqual(out.at(-1));
    const bad = await t.request('POST', '/v1/scans?full=yes', { token: t.tokens.auditor, body, type: 'application/x-ndjson' });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('invalid_query');
  });

  it('streams: output arrives while the input is still being sent', async () => {
    const batch = (from: number) =>
      Array.from({ length: 150 }, (_, i) => JSON.stringify(filingFor(`st-${from + i}`)) + '\n').join('');
    const url = new URL(`${t.url}/v1/scans`);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { authorization: `Bearer ${t.tokens.supervisor}`, 'content-type': 'application/x-ndjson' },
        },
        (res) => {
          let text = '';
          let sentRest = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            // the second half is sent only once reports for the first have come back
            if (!sentRest && text.split('\n').length > 100) {
              sentRest = true;
              req.end(batch(150));
            }
          });
          res.on('end', () => resolve(text));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.write(batch(0));
    });
    const out = lines(received);
    expect(out).toHaveLength(301);
    expect(out.at(-1)).toMatchObject({ type: 'summary', filings: 300, invalid: 0 });
  });

  it('refuses other content types with 415 and a malformed store request with 400/422', async () => {
    expect(
      (await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body: 'x', type: 'text/csv' }))
        .status,
    ).toBe(415);
    expect(
      (
        await t.request('POST', '/v1/scans', {
          token: t.tokens.supervisor,
          body: '{"source":',
          type: 'application/json',
        })
      ).status,
    ).toBe(400);
    const shape = await t.request('POST', '/v1/scans', {
      token: t.tokens.supervisor,
      body: { source: 'disk', platforms: ['Bad Id'] },
    });
    expect(shape.status).toBe(422);
    expect(shape.json.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual([
      '/platforms/0',
      '/source',
    ]);
  });
});

describe('store scans', () => {
  beforeAll(async () => {
    for (const [id, platform, n] of [
      ['st-a1', 'alpha', 0],
      ['st-a2', 'alpha', 1],
      ['st-b1', 'beta', 0],
    ] as const) {
      await t.request('POST', '/v1/filings', {
        token: t.tokens.supervisor,
        body: filingFor(id, { platform, n }),
      });
    }
    await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: filingFor('st-a2b', { platform: 'alpha', n: 1, supersedes: 'st-a2' }),
    });
  });

  it('re-judges current stored filings with the rules in force, per platform on request', async () => {
    const res = await t.request('POST', '/v1/scans', {
      token: t.tokens.auditor,
      body: { source: 'store', platforms: ['alpha', 'beta'] },
    });
    expect(res.status).toBe(200);
    const out = lines(res.text);
    expect(
      out
        .slice(0, -1)
        .map((l) => l.filingId)
        .sort(),
    ).toEqual(['st-a1', 'st-a2b', 'st-b1']);
    expect(out.at(-1)).toMatchObject({
      type: 'summary',
      filings: 3,
      byPlatform: { alpha: { filings: 2 }, beta: { filings: 1 } },
    });
    const all = await t.request('POST', '/v1/scans?lang=zh', {
      token: t.tokens.auditor,
      body: { source: 'store', platforms: ['alpha'], all: true },
    });
    const allOut = lines(all.text);
    expect(
      allOut
        .slice(0, -1)
        .map((l) => l.filingId)
        .sort(),
    ).toEqual(['st-a1', 'st-a2', 'st-a2b']);
    expect(allOut[0].lang).toBe('zh');
  });
});
