// Filing routes over HTTP: check, submit (idempotent, conflicts, supersedes), read, reports, platforms, and bad input.

import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseFiling, failingFiling, filingFor } from '../store/support.js';
import { OTHER_PLATFORM, pointers, startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

describe('POST /v1/check', () => {
  it('judges a JSON or YAML filing without storing it', async () => {
    const json = await t.request('POST', '/v1/check', { token: t.tokens.officer, body: baseFiling() });
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      filingId: 'base-2021-06b',
      verdict: 'pass',
      lang: 'en',
      ruleset: { version: t.app.engines.current.version },
    });
    const yaml = await t.request('POST', '/v1/check', {
      token: t.tokens.officer,
      body: stringify(baseFiling()),
      type: 'application/yaml',
    });
    expect(yaml.status).toBe(200);
    expect(yaml.text).toBe(json.text);
    expect(await t.store.getFiling('base-mutual', 'base-2021-06b')).toBeNull();
  });

  it('reports failures with the findings that fail', async () => {
    const res = await t.request('POST', '/v1/check', { token: t.tokens.supervisor, body: failingFiling() });
    expect(res.json.verdict).toBe('fail');
    const failed = res.json.findings
      .filter((f: { status: string }) => f.status === 'fail')
      .map((f: { ruleId: string }) => f.ruleId);
    expect(failed).toEqual(expect.arrayContaining(['LIC-001', 'NAME-001']));
  });

  it('speaks Chinese with ?lang=zh or Accept-Language, and refuses other languages', async () => {
    const zh = await t.request('POST', '/v1/check?lang=zh', {
      token: t.tokens.supervisor,
      body: failingFiling(),
    });
    expect(zh.json.lang).toBe('zh');
    const header = await t.request('POST', '/v1/check', {
      token: t.tokens.supervisor,
      body: failingFiling(),
      headers: { 'accept-language': 'fr;q=1, zh-CN;q=0.8, en;q=0.5' },
    });
    expect(header.text).toBe(zh.text);
    const bad = await t.request('POST', '/v1/check?lang=fr', {
      token: t.tokens.supervisor,
      body: failingFiling(),
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'invalid_query' });
  });

  it('answers 404 for a ?version= that was never published', async () => {
    const res = await t.request('POST', `/v1/check?version=sha256:${'0'.repeat(64)}`, {
      token: t.tokens.supervisor,
      body: baseFiling(),
    });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('version_not_found');
  });

  it('refuses an officer’s check of another platform’s filing with 403, after validating it', async () => {
    const other = filingFor('o-1', { platform: OTHER_PLATFORM });
    const res = await t.request('POST', '/v1/check', { token: t.tokens.officer, body: other });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'forbidden_platform' });
    expect(pointers(res)).toEqual(['/platform/id']);
    (other as Record<string, unknown>).extra = 1;
    expect((await t.request('POST', '/v1/check', { token: t.tokens.officer, body: other })).status).toBe(422);
  });
});

describe('bad input', () => {
  const post = (body: string, type: string | null = 'application/json', path = '/v1/filings') =>
    t.request('POST', path, { token: t.tokens.supervisor, body, type });

  it.each(['/v1/check', '/v1/filings'])('%s: malformed JSON is 400 with a location', async (path) => {
    const res = await post('{"schemaVersion": 1,', 'application/json', path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json).toMatchObject({ status: 400, code: 'filing_parse_error', title: 'Bad Request' });
    expect(res.json.problems[0]).toMatchObject({ line: 1 });
  });

  it('malformed YAML is 400 with line and column', async () => {
    const res = await post('schemaVersion: 1\nfilingId: [unclosed\n', 'application/yaml');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('filing_parse_error');
    expect(res.json.problems[0].line).toBeGreaterThan(0);
  });

  it.each([
    ['text/plain', 415],
    ['application/xml', 415],
    ['application/json; charset=latin1', 415],
    [null, 415],
  ])('content type %s is %d', async (type, status) => {
    const res = await post(JSON.stringify(baseFiling()), type);
    expect(res.status).toBe(status);
    expect(res.json.code).toBe('unsupported_media_type');
  });

  it('a schema violation is 422 naming every problem by pointer', async () => {
    const f = baseFiling() as Record<string, unknown>;
    const products = f.products as Record<string, unknown>[];
    products[0]!.managementFeeRate = 1.5;
    products[0]!.managmentFeeRate = 0.1;
    f.period = { start: '2021-07-01', end: '2021-06-30' };
    delete f.members;
    const res = await post(JSON.stringify(f));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('filing_invalid');
    expect(pointers(res)).toEqual(
      expect.arrayContaining([
        '/products/0/managementFeeRate',
        '/products/0/managmentFeeRate',
        '/period/start',
        '/members',
      ]),
    );
    expect(res.text).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  });

  it('a body over 1 MiB is 413', async () => {
    const f = baseFiling() as Record<string, unknown>;
    (f.platform as Record<string, unknown>).name = 'x'.repeat(1024 * 1024);
    const res = await post(JSON.stringify(f));
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('body_too_large');
    const yaml = await post(stringify(f), 'application/yaml');
    expect(yaml.status).toBe(413);
  });

  it('JSON nested deeper than 64 is 400; 64 itself passes the parser', async () => {
    const nest = (n: number) => '['.repeat(n - 1) + '{}' + ']'.repeat(n - 1);
    const deep = await post(`{"schemaVersion":1,"x":${nest(64)}}`);
    expect(deep.status).toBe(400);
    expect(deep.json.code).toBe('body_too_deep');
    const ok = await post(`{"schemaVersion":1,"x":${nest(63)}}`);
    expect(ok.status).toBe(422); // parsed, then refused by the schema
    const yamlDeep = await post(`x: ${nest(70)}\n`, 'application/yaml');
    expect(yamlDeep.status).toBe(400);
    expect(yamlDeep.json.code).toBe('body_too_deep');
  });

  it('invalid UTF-8 is 400', async () => {
    const res = await fetch(`${t.url}/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.supervisor}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(res.status).toBe(400);
  });
});

describe('POST /v1/filings', () => {
  it('stores a filing and its report: 201 with the report and a Location', async () => {
    const f = filingFor('sub-1', { n: 10 });
    const res = await t.request('POST', '/v1/filings', { token: t.tokens.officer, body: f });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/platforms/base-mutual/filings/sub-1');
    expect(res.json).toMatchObject({ filingId: 'sub-1', verdict: 'pass' });
    const stored = await t.request('GET', '/v1/filings/sub-1/report', { token: t.tokens.auditor });
    expect(stored.text).toBe(res.text);
  });

  it('is idempotent: the same document (keys in any order, or as YAML) is 200 with the stored report', async () => {
    const f = filingFor('sub-2', { n: 11 });
    const first = await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f });
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(Object.entries(f).reverse());
    const again = await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: reordered });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const yaml = await t.request('POST', '/v1/filings', {
      token: t.tokens.officer,
      body: stringify(f),
      type: 'application/yaml',
    });
    expect(yaml.status).toBe(200);
    expect(yaml.text).toBe(first.text);
  });

  it('refuses another document under a taken id with 409', async () => {
    const f = filingFor('sub-3', { n: 12 });
    expect((await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f })).status).toBe(
      201,
    );
    (f.members as Record<string, number>).active = 1_999_999;
    const res = await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('filing_id_taken');
    expect(pointers(res)).toEqual(['/filingId']);
  });

  it('keeps one current filing per period: 409 without supersedes, a correction with it', async () => {
    expect(
      (
        await t.request('POST', '/v1/filings', {
          token: t.tokens.supervisor,
          body: filingFor('per-1', { n: 20 }),
        })
      ).status,
    ).toBe(201);
    const dup = await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: filingFor('per-2', { n: 20 }),
    });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe('period_taken');
    const wrong = await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: filingFor('per-2', { n: 20, supersedes: 'nope' }),
    });
    expect(wrong.status).toBe(409);
    expect(wrong.json.code).toBe('supersedes_invalid');
    const fix = await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: filingFor('per-2', { n: 20, supersedes: 'per-1' }),
    });
    expect(fix.status).toBe(201);
    const old = await t.request('GET', '/v1/filings/per-1', { token: t.tokens.supervisor });
    expect(old.json).toMatchObject({ current: false, supersededBy: 'per-2' });
    const cur = await t.request('GET', '/v1/filings/per-2', { token: t.tokens.supervisor });
    expect(cur.json).toMatchObject({ current: true, supersedes: 'per-1' });
  });

  it('stores nothing when the filing is invalid', async () => {
    const f = filingFor('bad-1', { n: 30 }) as Record<string, unknown>;
    f.schemaVersion = 2;
    expect((await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f })).status).toBe(
      422,
    );
    expect(await t.store.getFiling('base-mutual', 'bad-1')).toBeNull();
  });

  it('refuses an officer’s filing for another platform with 403', async () => {
    const res = await t.request('POST', '/v1/filings', {
      token: t.tokens.officer,
      body: filingFor('x-1', { platform: OTHER_PLATFORM }),
    });
    expect(res.status).toBe(403);
    expect(await t.store.getFiling(OTHER_PLATFORM, 'x-1')).toBeNull();
  });
});

describe('reading filings and platforms', () => {
  beforeAll(async () => {
    for (let n = 40; n < 45; n++)
      await t.request('POST', '/v1/filings', {
        token: t.tokens.supervisor,
        body: filingFor(`rd-${n}`, { platform: 'read-mutual', n }),
      });
    await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: { ...filingFor('rd-fail', { platform: 'read-mutual', n: 45 }), licenses: [] },
    });
    await t.request('POST', '/v1/filings', {
      token: t.tokens.supervisor,
      body: stringify(filingFor('rd-yaml', { platform: OTHER_PLATFORM, n: 1 })),
      type: 'application/yaml',
    });
  });

  it('GET /v1/filings/:id shows the filing as parsed, and as received with ?as=received', async () => {
    const res = await t.request('GET', '/v1/filings/rd-yaml', { token: t.tokens.auditor });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      filingId: 'rd-yaml',
      platformId: OTHER_PLATFORM,
      current: true,
      verdict: 'pass',
      received: { contentType: 'application/yaml' },
    });
    expect(res.json.filing.filingId).toBe('rd-yaml');
    const raw = await t.request('GET', '/v1/filings/rd-yaml?as=received', { token: t.tokens.auditor });
    expect(raw.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(raw.text).toBe(stringify(filingFor('rd-yaml', { platform: OTHER_PLATFORM, n: 1 })));
    expect((await t.request('GET', '/v1/filings/rd-yaml?as=xml', { token: t.tokens.auditor })).status).toBe(
      400,
    );
    expect((await t.request('GET', '/v1/filings/none', { token: t.tokens.auditor })).json.code).toBe(
      'filing_not_found',
    );
  });

  it('GET /v1/filings/:id/report re-renders a stored report in another language with the version that judged it', async () => {
    const en = await t.request('GET', '/v1/filings/rd-fail/report', { token: t.tokens.supervisor });
    expect(en.json).toMatchObject({ lang: 'en', verdict: 'fail' });
    const zh = await t.request('GET', '/v1/filings/rd-fail/report?lang=zh', { token: t.tokens.supervisor });
    expect(zh.json).toMatchObject({ lang: 'zh', verdict: 'fail', ruleset: en.json.ruleset });
    expect(zh.json.findings.map((f: { status: string }) => f.status)).toEqual(
      en.json.findings.map((f: { status: string }) => f.status),
    );
  });

  it('hides another platform’s filings from an officer with 404', async () => {
    expect((await t.request('GET', '/v1/filings/rd-yaml', { token: t.tokens.officer })).status).toBe(404);
    expect((await t.request('GET', '/v1/filings/rd-yaml/report', { token: t.tokens.officer })).status).toBe(
      404,
    );
    expect((await t.request('GET', '/v1/filings/rd-yaml', { token: t.tokens.otherOfficer })).status).toBe(
      200,
    );
  });

  it('GET /v1/platforms lists each platform with its latest filing and verdict; an officer sees their own', async () => {
    const all = await t.request('GET', '/v1/platforms', { token: t.tokens.auditor });
    const read = all.json.platforms.find((p: { platformId: string }) => p.platformId === 'read-mutual');
    expect(read).toMatchObject({ filings: 6, latest: { filingId: 'rd-fail', verdict: 'fail' } });
    const mine = await t.request('GET', '/v1/platforms', { token: t.tokens.otherOfficer });
    expect(mine.json.platforms.map((p: { platformId: string }) => p.platformId)).toEqual([OTHER_PLATFORM]);
  });

  it('GET /v1/platforms/:id/filings pages newest period.end first', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await t.request('GET', `/v1/platforms/read-mutual/filings?limit=4${q}`, {
        token: t.tokens.supervisor,
      });
      expect(page.status).toBe(200);
      ids.push(...page.json.items.map((i: { filingId: string }) => i.filingId));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(ids).toEqual(['rd-fail', 'rd-44', 'rd-43', 'rd-42', 'rd-41', 'rd-40']);
    expect(
      (await t.request('GET', '/v1/platforms/read-mutual/filings?limit=0', { token: t.tokens.supervisor }))
        .status,
    ).toBe(400);
    expect(
      (await t.request('GET', '/v1/platforms/read-mutual/filings?limit=x', { token: t.tokens.supervisor }))
        .status,
    ).toBe(400);
    expect(
      (await t.request('GET', '/v1/platforms/read-mutual/filings?cursor=zzz', { token: t.tokens.supervisor }))
        .status,
    ).toBe(400);
    expect(
      (await t.request('GET', '/v1/platforms/nobody/filings', { token: t.tokens.supervisor })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', '/v1/platforms/read-mutual/filings', { token: t.tokens.officer })).status,
    ).toBe(404);
  });
});
