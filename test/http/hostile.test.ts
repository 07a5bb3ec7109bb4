// Hostile bodies cost no more than their size: deep nesting refused before any parser recurses, while other requests keep being answered.

import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { send, startServer, type TestResponse, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const MiB = 1024 * 1024;
/** Just under the body limit, so the depth (not the size) is what is refused. */
const BUDGET = MiB - 64;

const DEEP: [string, string, string][] = [
  ['JSON arrays', 'application/json', '['.repeat(BUDGET)],
  ['JSON objects', 'application/json', '{"a":'.repeat(Math.floor(BUDGET / 5))],
  ['YAML flow sequences', 'application/yaml', '['.repeat(BUDGET)],
  ['YAML flow maps', 'application/yaml', '{a: '.repeat(Math.floor(BUDGET / 4))],
  ['YAML compact sequences', 'application/yaml', '- '.repeat(Math.floor(BUDGET / 2)) + 'x'],
  ['YAML explicit keys', 'application/yaml', '? '.repeat(Math.floor(BUDGET / 2)) + 'x'],
  [
    'YAML indented maps',
    'application/yaml',
    Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
  ],
  ['YAML sequences of flow maps', 'application/yaml', '- {a: ['.repeat(Math.floor(BUDGET / 7))],
];

/** Sends cheap requests one after another until `done` settles; returns the slowest answer's time. */
async function slowestWhile(done: Promise<unknown>): Promise<{ slowest: number; count: number }> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  let slowest = 0;
  let count = 0;
  while (!finished || count < 3) {
    const t0 = performance.now();
    const res = await send(t.url, 'GET', '/healthz');
    expect(res.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - t0);
    count++;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { slowest, count };
}

function noJsErrorText(res: TestResponse): void {
  expect(res.text).not.toMatch(/Maximum call stack|RangeError|TypeError|at Object\.|\.ts:\d+/);
}

describe('nesting deeper than 64', () => {
  it.each(DEEP)('%s (~1 MiB) is 400 body_too_deep within 1 s, other requests answered within 0.5 s', async (_name, type, body) => {
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MiB);
    for (const path of ['/v1/filings', '/v1/check']) {
      if (type === 'application/yaml' || path === '/v1/check') {
        const t0 = performance.now();
        const answer = t.request('POST', path, { token: t.tokens.officer, body, type });
        const [res, cheap] = await Promise.all([answer, slowestWhile(answer)]);
        const took = performance.now() - t0;
        expect([res.status, res.json?.code]).toEqual([400, 'body_too_deep']);
        noJsErrorText(res);
        expect(took).toBeLessThan(1000);
        expect(cheap.slowest).toBeLessThan(500);
      }
    }
  });

  it('is refused in every JSON body, not only filings', async () => {
    const res = await t.request('POST', '/v1/rules/preview', {
      token: t.tokens.supervisor,
      body: '['.repeat(BUDGET),
    });
    expect([res.status, res.json.code]).toEqual([400, 'body_too_deep']);
  });

  it('accepts 64 levels in JSON and YAML: the filing is judged on its shape (422), not refused as too deep', async () => {
    const f = filingFor('deep-64', { n: 60 }) as Record<string, unknown>;
    let nest: unknown = 'x';
    for (let d = 0; d < 63; d++) nest = [nest];
    f.extra = nest; // the filing object itself is the 64th level
    for (const [type, body] of [
      ['application/json', JSON.stringify(f)],
      ['application/yaml', stringify(f)],
      ['application/yaml', stringify(f, { collectionStyle: 'flow' })],
    ] as const) {
      const res = await t.request('POST', '/v1/check', { token: t.tokens.officer, body, type });
      expect([res.status, res.json.code], type).toEqual([422, 'filing_invalid']);
    }
    f.extra = [nest];
    for (const [type, body] of [
      ['application/json', JSON.stringify(f)],
      ['application/yaml', stringify(f)],
    ] as const) {
      const res = await t.request('POST', '/v1/check', { token: t.tokens.officer, body, type });
      expect([res.status, res.json.code], type).toEqual([400, 'body_too_deep']);
    }
  });

  it('keeps a rule file inside a JSON body from nesting past the limit: 422 with its location, never a stack overflow', async () => {
    const res = await t.request('POST', '/v1/rules/preview', {
      token: t.tokens.supervisor,
      body: { rules: { 'DEEP-001': '- '.repeat(200_000) + 'x' } },
    });
    expect(res.status).toBeLessThan(500);
    noJsErrorText(res);
  });
});

describe('hostile rule files', () => {
  it.each([
    ['an operator from the prototype chain', { when: { fact: 'count', params: { of: 'products' }, operator: 'toString', value: 1 } }],
    ['a decorator from the prototype chain', { when: { fact: 'count', params: { of: 'products' }, operator: 'constructor:equal', value: 1 } }],
    ['a parameter from the prototype chain', { when: { fact: 'count', params: { of: 'products' }, operator: 'equal', value: { param: 'valueOf' } } }],
    ['a condition that is a number', { appliesWhen: -1 }],
  ])('%s is refused on publish with 422 and its location, and checks go on', async (_name, change) => {
    const current = await t.request('GET', '/v1/rules/NAME-001', { token: t.tokens.supervisor });
    // without tests of its own, only lint stands between the rule and every check
    const message = { en: '{{platform}} breaks it', zh: '{{platform}}违反' };
    const doc = { ...(parse(current.json.yaml) as Record<string, unknown>), tests: [], message, ...change };
    const res = await t.request('PUT', '/v1/rules/NAME-001', {
      token: t.tokens.supervisor,
      body: { yaml: stringify(doc), note: 'hostile' },
      headers: { 'if-match': `"${t.app.engines.current.version}"` },
    });
    expect(res.status).toBe(422);
    expect(res.json.problems[0]).toMatchObject({ file: expect.any(String), line: expect.any(Number) });
    noJsErrorText(res);
    const check = await t.request('POST', '/v1/check', { token: t.tokens.officer, body: filingFor('after-1') });
    expect(check.status).toBe(200);
  });
});
