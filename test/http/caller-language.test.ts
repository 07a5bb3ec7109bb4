// Every text the API returns for people follows `?lang=` or Accept-Language (DESIGN §8, revision 3): a Chinese
// answer holds no English word but codes, pointers and quoted names; the codes and pointers never change.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishInAnswer, englishWords } from '../support/english-words.js';
import { makeDocument } from '../support/filing-factory.js';
import { OTHER_PLATFORM, startServer, type RequestOptions, type TestResponse, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** The same request in Chinese (by `?lang=zh` or by Accept-Language) and in English (nothing asked). */
async function both(method: string, path: string, opts: RequestOptions, by: 'query' | 'header' = 'query'): Promise<{ zh: TestResponse; en: TestResponse }> {
  const zhPath = by === 'query' ? `${path}${path.includes('?') ? '&' : '?'}lang=zh` : path;
  const zhHeaders: Record<string, string> = by === 'header' ? { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } : {};
  const zh = await t.request(method, zhPath, { ...opts, headers: { ...(opts.headers ?? {}), ...zhHeaders } });
  const en = await t.request(method, path, opts);
  return { zh, en };
}

/** The zh answer has no English word and the codes and pointers of the en one; its words differ. */
function expectChinese(zh: TestResponse, en: TestResponse): void {
  expect(zh.status).toBe(en.status);
  expect(englishInAnswer(zh.json), JSON.stringify(zh.json, null, 1)).toEqual([]);
  const shape = (r: TestResponse) => ({
    code: r.json.code,
    type: r.json.type,
    problems: (r.json.problems ?? []).map((p: Record<string, unknown>) => [p.code, p.pointer, p.line, p.column]),
  });
  expect(shape(zh)).toEqual(shape(en));
  expect(zh.json.title).not.toBe(en.json.title);
  expect(zh.json.detail).not.toBe(en.json.detail);
}

const supervisor = () => ({ token: t.tokens.supervisor });

describe('problem documents in the caller’s language', () => {
  it('a filing with several problems: unknown field, wrong type, a bound, a date, a check digit, an order of dates', async () => {
    const doc = makeDocument({
      '/extra': 1,
      '/filingId': 42,
      '/products/0/managementFeeRate': 1.5,
      '/period/start': '2021-02-30',
      '/disclosures/0/periodStart': '2021-06-30',
      '/disclosures/0/periodEnd': '2021-01-01',
      '/members/active': -3,
    });
    const { zh, en } = await both('POST', '/v1/check', { ...supervisor(), body: doc });
    expect(en.status).toBe(422);
    expect(en.json.detail).toMatch(/^\d+ problems$/);
    expect(en.json.title).toBe('Unprocessable Content');
    expect(en.json.problems.map((p: { message: string }) => p.message)).toContain('unknown field');
    expectChinese(zh, en);
    expect(zh.json.detail).toMatch(/^共有 \d+ 处问题$/);
    expect(zh.json.problems.find((p: { pointer: string }) => p.pointer === '/extra').message).toBe('未知字段');
  });

  it('number_too_precise and the schema 1 retirement', async () => {
    const body = JSON.stringify(makeDocument({ '/period/end': '2027-03-31', '/schemaVersion': 1 })).replace(
      /"active":\s*(\d+)/,
      '"active": $1.0000000000000000001',
    );
    const { zh, en } = await both('POST', '/v1/check', { ...supervisor(), body });
    expect(en.status).toBe(422);
    expectChinese(zh, en);
  });

  it.each([
    ['a bad indent and an unclosed flow', 'schemaVersion: 2\nfilingId: [a, b\n  c: 1\n'],
    ['a duplicate key', 'schemaVersion: 2\nfilingId: a\nfilingId: b\n'],
    ['an unclosed quote', 'schemaVersion: 2\nfilingId: "abc\n'],
    ['a tab as indent', 'period:\n\tstart: 2021-01-01\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('bad YAML (%s), asked by Accept-Language', async (_name, yaml) => {
    const { zh, en } = await both('POST', '/v1/check', { ...supervisor(), body: yaml, type: 'application/yaml' }, 'header');
    expect(en.status).toBe(400);
    expect(en.json.code).toBe('filing_parse_error');
    expectChinese(zh, en);
  });

  it('bad JSON and a body too deep', async () => {
    const bad = await both('POST', '/v1/check', { ...supervisor(), body: '{"a": 1,}' });
    expect(bad.en.status).toBe(400);
    expectChinese(bad.zh, bad.en);
    const deep = await both('POST', '/v1/check', { ...supervisor(), body: '['.repeat(70) + ']'.repeat(70) });
    expect(deep.en.status).toBe(400);
    expectChinese(deep.zh, deep.en);
  });

  it('403: another platform’s filing, and a role that may not use the route', async () => {
    const doc = makeDocument({ '/platform/id': OTHER_PLATFORM });
    const platform = await both('POST', '/v1/check', { token: t.tokens.officer, body: doc });
    expect(platform.en.status).toBe(403);
    expect(platform.en.json.detail).toBe(`this token may not file for platform ${OTHER_PLATFORM}`);
    expectChinese(platform.zh, platform.en);
    const role = await both('GET', '/v1/audit', { token: t.tokens.officer });
    expect(role.en.status).toBe(403);
    expect(role.en.json.detail).toBe('the officer role may not use this route (allowed: supervisor, auditor)');
    expectChinese(role.zh, role.en);
  });

  it('401: no token, an unknown one, an expired one', async () => {
    for (const token of [null, 'nope', t.tokens.expired]) {
      const { zh, en } = await both('GET', '/v1/rules', { token });
      expect(en.status).toBe(401);
      expectChinese(zh, en);
    }
  });

  it('404: no route, no filing, no rule, no platform', async () => {
    for (const path of ['/v1/nothing-here', '/v1/platforms/base-mutual/filings/none', '/v1/rules/NOPE-001', '/v1/platforms/nowhere']) {
      const { zh, en } = await both('GET', path, supervisor());
      expect(en.status, path).toBe(404);
      expectChinese(zh, en);
    }
    const { en } = await both('GET', '/v1/nothing-here', supervisor());
    expect(en.json).toMatchObject({ title: 'Not Found', detail: 'no route GET /v1/nothing-here' });
  });

  it('415, 405, 400 for a bad query, 428 and 412', async () => {
    const media = await both('POST', '/v1/check', { ...supervisor(), body: 'x', type: 'text/plain' });
    expect(media.en.status).toBe(415);
    expect(media.en.json.title).toBe('Unsupported Media Type');
    expectChinese(media.zh, media.en);
    const method = await both('DELETE', '/v1/check', supervisor());
    expect(method.en.status).toBe(405);
    expectChinese(method.zh, method.en);
    const limit = await both('GET', '/v1/audit?limit=0', supervisor());
    expect(limit.en.status).toBe(400);
    expectChinese(limit.zh, limit.en);
    const cursor = await both('GET', '/v1/audit?cursor=nonsense', supervisor());
    expect(cursor.en.status).toBe(400);
    expect(cursor.en.json.detail).toBe('cursor is not one this service gave out');
    expectChinese(cursor.zh, cursor.en);
    const params = (await t.request('GET', '/v1/parameters', supervisor())).json.yaml as string;
    const missing = await both('PUT', '/v1/parameters', { ...supervisor(), body: { parameters: {}, note: 'x' } });
    expect(missing.en.status).toBe(428);
    expectChinese(missing.zh, missing.en);
    const stale = await both('PUT', '/v1/parameters', { ...supervisor(), headers: { 'if-match': '"sha256:0"' }, body: { parameters: {}, note: params.slice(0, 1) } });
    expect(stale.en.status).toBe(412);
    expectChinese(stale.zh, stale.en);
  });

  it('422 for a request body of the wrong shape', async () => {
    const { zh, en } = await both('POST', '/v1/rules/lint', { ...supervisor(), body: { kind: 'poem', yaml: 3 } });
    expect(en.status).toBe(422);
    expectChinese(zh, en);
  });

  it('a `lang` we do not speak is refused in the language Accept-Language asks for', async () => {
    const zh = await t.request('GET', '/v1/audit?lang=fr', { ...supervisor(), headers: { 'accept-language': 'zh' } });
    expect(zh.status).toBe(400);
    expect(englishInAnswer(zh.json)).toEqual([]);
    const en = await t.request('GET', '/v1/audit?lang=fr', supervisor());
    expect(en.json.detail).toBe('lang must be one of en, zh');
  });
});

/** A proposed rule (schema-valid, so the linter reads it) with the `when` conditions and `effective` given. */
const proposedRule = (conditions: string[], from = '2021-01-01', message = 'x') =>
  [
    'id: TEST-900',
    'title: { en: a test rule, zh: 测试规则 }',
    'family: licensing',
    'severity: minor',
    'citation: { source: { en: test, zh: 测试 } }',
    `effective: { from: ${from}, until: null }`,
    'when:',
    '  all:',
    ...conditions.map((c) => `    - ${c}`),
    `message: { en: '${message}', zh: '${message}' }`,
    'remediation: { en: fix it, zh: 改正 }',
    '',
  ].join('\n');

describe('lint messages in the caller’s language', () => {
  it('unknown fact and operator, bad params, a path no filing has, a bad date, a bad placeholder', async () => {
    const yaml = proposedRule(
      [
        '{ fact: disclosureGaps, params: { maxDays: "x" }, operator: isEmpty }',
        '{ fact: nosuchfact, operator: equal, value: 1 }',
        '{ fact: filing, path: period.end, operator: nosuchop, value: 1 }',
        '{ fact: filing, path: nope.field, operator: equal, value: 1 }',
        '{ fact: filing, path: period.end, operator: in, value: 1 }',
        '{ fact: filing, path: "$..x", operator: equal, value: { param: nosuchparam } }',
      ],
      '2021-02-30',
      'see {{nosuch}}',
    );
    const { zh, en } = await both('POST', '/v1/rules/lint', { ...supervisor(), body: { kind: 'rule', yaml } });
    expect(en.status).toBe(200);
    expect(en.json.problems.length).toBeGreaterThanOrEqual(6);
    expect(englishInAnswer(zh.json), JSON.stringify(zh.json.problems, null, 1)).toEqual([]);
    const shape = (r: TestResponse) => r.json.problems.map((p: Record<string, unknown>) => [p.code, p.pointer, p.line, p.column, p.file]);
    expect(shape(zh)).toEqual(shape(en));
    expect(en.json.problems.every((p: Record<string, unknown>) => !('msg' in p))).toBe(true);
  });

  it('params of a fact: the message the console showed in English', async () => {
    const yaml = proposedRule([
      '{ fact: disclosureGaps, params: { maxDays: -1 }, operator: isEmpty }',
      '{ fact: disclosureGaps, params: { maxDays: "x" }, operator: isEmpty }',
    ]);
    const { zh, en } = await both('POST', '/v1/rules/lint', { ...supervisor(), body: { kind: 'rule', yaml } });
    const messages = (r: TestResponse) =>
      r.json.problems.filter((p: { pointer: string }) => p.pointer.includes('/params')).map((p: { message: string }) => p.message);
    expect(messages(en)).toEqual(expect.arrayContaining(['params of disclosureGaps: maxDays must be integer', 'params of disclosureGaps: maxDays must be >= 0']));
    expect(messages(zh)).toEqual(expect.arrayContaining(['事实 “disclosureGaps” 的参数 “maxDays” 必须是整数', '事实 “disclosureGaps” 的参数 “maxDays” 不得小于 0']));
  });

  it('a rule that breaks the rule schema, and bad YAML in parameters and waivers', async () => {
    for (const [kind, yaml] of [
      ['rule', 'id: TEST-901\nseverity: apocalyptic\nwhen: 3\n'],
      ['parameters', 'managementFeeCap:\n  - { from: 2009-10-01, value: 0.08 ]\n'],
      ['waivers', '- rule: NOPE-001\n  from: 2021-01-01\n  until: 2020-01-01\n  reason: x\n'],
    ] as const) {
      const { zh, en } = await both('POST', '/v1/rules/lint', { ...supervisor(), body: { kind, yaml } }, 'header');
      expect(en.json.problems.length, kind).toBeGreaterThan(0);
      expect(englishInAnswer(zh.json), JSON.stringify(zh.json.problems, null, 1)).toEqual([]);
    }
  });
});

describe('audit action labels', () => {
  it('each entry keeps its action and gains its label in the caller’s language', async () => {
    const { zh, en } = await both('GET', '/v1/audit', supervisor(), 'header');
    expect(en.status).toBe(200);
    expect(en.json.items.length).toBeGreaterThan(0);
    expect(zh.json.items.map((e: { action: string }) => e.action)).toEqual(en.json.items.map((e: { action: string }) => e.action));
    for (const [i, e] of (zh.json.items as { action: string; actionLabel: string }[]).entries()) {
      expect(englishWords(e.actionLabel), e.action).toEqual([]);
      expect(en.json.items[i].actionLabel).toMatch(/^[A-Z][a-z]/);
    }
  });
});

