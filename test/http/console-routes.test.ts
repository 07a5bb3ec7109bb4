// The routes the console needs: /v1/me, the platform and filing list shapes, versions, POST /v1/rules/lint, and report content negotiation.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { OTHER_PLATFORM, OWN_PLATFORM, startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  // two filings of the officer's platform (the second failing: no licence), one of another platform
  const a = filingFor('own-1', { platform: OWN_PLATFORM, n: 0 });
  const b = filingFor('own-2', { platform: OWN_PLATFORM, n: 1 });
  b.licenses = [];
  (b.members as Record<string, unknown>).active = 1234567;
  const c = filingFor('other-1', { platform: OTHER_PLATFORM, n: 0 });
  for (const f of [a, b, c]) {
    const res = await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f });
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('GET /v1/me', () => {
  it.each([
    ['officer', 'olive', [OWN_PLATFORM]],
    ['supervisor', 'sam', []],
    ['auditor', 'ada', []],
  ] as const)('answers the %s token its name, role, platforms and expiry', async (role, name, platforms) => {
    const res = await t.request('GET', '/v1/me', { token: t.tokens[role] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ name, role, platforms, expires: null });
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('refuses no token (401)', async () => {
    expect((await t.request('GET', '/v1/me')).status).toBe(401);
  });
});

describe('GET /v1/platforms', () => {
  it('gives each platform its latest filing with failures by severity and family, and open orders', async () => {
    const res = await t.request('GET', '/v1/platforms', { token: t.tokens.supervisor });
    expect(res.status).toBe(200);
    const own = res.json.platforms.find((p: { platformId: string }) => p.platformId === OWN_PLATFORM);
    expect(own.name).toBeTypeOf('string');
    expect(own.latest.filingId).toBe('own-2');
    expect(own.latest.verdict).toBe('fail');
    expect(own.latest.bySeverity.critical).toBeGreaterThan(0);
    expect(own.latest.failedByFamily.licensing).toBeGreaterThan(0);
    expect(own.openOrders).toBe(0);
    const other = res.json.platforms.find((p: { platformId: string }) => p.platformId === OTHER_PLATFORM);
    expect(other.latest.failedByFamily).toEqual({});
  });

  it('an officer sees their own platform only', async () => {
    const res = await t.request('GET', '/v1/platforms', { token: t.tokens.officer });
    expect(res.json.platforms.map((p: { platformId: string }) => p.platformId)).toEqual([OWN_PLATFORM]);
  });
});

describe('GET /v1/platforms/:platform/filings', () => {
  it('pages the filings newest first with the charted figures', async () => {
    const first = await t.request('GET', `/v1/platforms/${OWN_PLATFORM}/filings?limit=1`, {
      token: t.tokens.auditor,
    });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(1);
    const item = first.json.items[0];
    expect(item).toMatchObject({
      filingId: 'own-2',
      verdict: 'fail',
      membersActive: 1234567,
      meanPerMemberShareCny: 1,
      superseded: false,
    });
    expect(item.bySeverity.critical).toBeGreaterThan(0);
    expect(item.submittedAt).toBeTypeOf('string');
    expect(item.period.end).toBeTypeOf('string');
    const second = await t.request(
      'GET',
      `/v1/platforms/${OWN_PLATFORM}/filings?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      {
        token: t.tokens.auditor,
      },
    );
    expect(second.json.items.map((i: { filingId: string }) => i.filingId)).toEqual(['own-1']);
    expect(second.json.items[0].verdict).toBe('pass');
  });

  it('refuses a bad limit (400) and another platform to an officer (404)', async () => {
    expect(
      (
        await t.request('GET', `/v1/platforms/${OWN_PLATFORM}/filings?limit=0`, {
          token: t.tokens.supervisor,
        })
      ).status,
    ).toBe(400);
    expect(
      (await t.request('GET', `/v1/platforms/${OTHER_PLATFORM}/filings`, { token: t.tokens.officer })).status,
    ).toBe(404);
  });
});

describe('GET /v1/rules/versions', () => {
  it('lists each version as { version, label, at, note, token }, newest first', async () => {
    const res = await t.request('GET', '/v1/rules/versions', { token: t.tokens.officer });
    expect(res.status).toBe(200);
    const v = res.json.versions[0];
    expect(v).toMatchObject({
      version: expect.stringMatching(/^sha256:/),
      label: 1,
      note: expect.any(String),
      token: expect.any(String),
      at: expect.any(String),
    });
    expect(res.json.versions.map((x: { label: number }) => x.label)).toEqual(
      [...res.json.versions.map((x: { label: number }) => x.label)].sort((a, b) => b - a),
    );
  });
});

describe('POST /v1/rules/lint', () => {
  const params = async () =>
    (await t.request('GET', '/v1/parameters', { token: t.tokens.supervisor })).json.yaml as string;

  it('a clean proposal has no problems', async () => {
    const res = await t.request('POST', '/v1/rules/lint', {
      token: t.tokens.supervisor,
      body: { kind: 'parameters', yaml: await params() },
    });
    expect(res.status).toBe(200);
    expect(res.json.problems).toEqual([]);
    expect(res.json.version).toBe(t.app.engines.current.version);
  });

  it('marks a YAML error at its line and column', async () => {
    const yaml = (await params()).replace(
      'managementFeeCap:\n  - { from: 2009-10-01, value: 0.08 }',
      'managementFeeCap:\n  - { from: 2009-10-01, value: 0.08 ]',
    );
    const line = yaml.split('\n').findIndex((l) => l.includes('0.08 ]')) + 1;
    const res = await t.request('POST', '/v1/rules/lint', {
      token: t.tokens.auditor,
      body: { kind: 'parameters', yaml },
    });
    expect(res.status).toBe(200);
    expect(res.json.problems.length).toBeGreaterThan(0);
    const p = res.json.problems[0];
    expect(p.code).toBe('rule_parse_error');
    expect(p.line).toBe(line);
    expect(p.column).toBeGreaterThan(1);
    expect(p.inThisFile).toBe(true);
  });

  it('lints with the rule set in force: removing a parameter a rule uses is a problem with its pointer', async () => {
    const text = await params();
    const yaml = text.replace(/preCollectedBalanceMaxCny:\n {2}- \{ from: 2009-10-01, value: 0 \}\n/, '');
    expect(yaml).not.toBe(text);
    const res = await t.request('POST', '/v1/rules/lint', {
      token: t.tokens.supervisor,
      body: { kind: 'parameters', yaml },
    });
    expect(res.status).toBe(200);
    const p = res.json.problems.find((x: { message: string }) =>
      x.message.includes('preCollectedBalanceMaxCny'),
    );
    expect(p, JSON.stringify(res.json.problems)).toBeDefined();
    expect(p.code).toMatch(/^rule_(lint|schema)_error$/);
    expect(p.line).toBeGreaterThan(0);
    expect(typeof p.pointer).toBe('string');
  });

  it('lints a rule file: a schema problem with its pointer, line and column', async () => {
    const rule = (await t.request('GET', '/v1/rules/LIC-001', { token: t.tokens.supervisor })).json
      .yaml as string;
    const broken = rule.replace(/^severity: \w+/m, 'severity: apocalyptic');
    expect(broken).not.toBe(rule);
    const res = await t.request('POST', '/v1/rules/lint', {
      token: t.tokens.supervisor,
      body: { kind: 'rule', yaml: broken },
    });
    expect(res.status).toBe(200);
    const p = res.json.problems.find((x: { pointer: string }) => x.pointer === '/severity');
    expect(p, JSON.stringify(res.json.problems)).toBeDefined();
    expect(p.line).toBe(broken.split('\n').findIndex((l) => l.startsWith('severity:')) + 1);
    expect(res.json.file).toBe('lic-001.yaml');
    // nothing was published
    expect((await t.request('GET', '/v1/rules/LIC-001', { token: t.tokens.supervisor })).json.yaml).toBe(
      rule,
    );
  });

  it('refuses a bad body (422) and the officer role (403)', async () => {
    expect(
      (
        await t.request('POST', '/v1/rules/lint', {
          token: t.tokens.supervisor,
          body: { kind: 'poem', yaml: 'x' },
        })
      ).status,
    ).toBe(422);
    expect(
      (await t.request('POST', '/v1/rules/lint', { token: t.tokens.supervisor, body: { kind: 'rule' } }))
        .status,
    ).toBe(422);
    expect(
      (
        await t.request('POST', '/v1/rules/lint', {
          token: t.tokens.officer,
          body: { kind: 'rule', yaml: 'id: X' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('report content negotiation', () => {
  const reportPath = '/v1/filings/own-2/report';

  it('JSON by default', async () => {
    const res = await t.request('GET', reportPath, { token: t.tokens.officer });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json.filingId).toBe('own-2');
  });

  it('SARIF for Accept: application/sarif+json, with regions in the filing as received', async () => {
    const res = await t.request('GET', reportPath, {
      token: t.tokens.officer,
      headers: { accept: 'application/sarif+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/sarif+json');
    expect(res.headers.get('vary')).toMatch(/accept/i);
    const log = JSON.parse(res.text);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(
      results.some((r: { locations: { physicalLocation?: { region?: unknown } }[] }) =>
        r.locations.some((l) => l.physicalLocation?.region),
      ),
    ).toBe(true);
  });

  it('HTML for Accept: text/html, in the language asked for', async () => {
    const res = await t.request('GET', `${reportPath}?lang=zh`, {
      token: t.tokens.auditor,
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('不通过');
  });

  it('a draft check answers SARIF too', async () => {
    const f = filingFor('draft-1', { platform: OWN_PLATFORM, n: 40 });
    f.licenses = [];
    const res = await t.request('POST', '/v1/check', {
      token: t.tokens.officer,
      body: f,
      headers: { accept: 'application/sarif+json' },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).runs[0].results.length).toBeGreaterThan(0);
  });

  it('another platform’s report is still 404 to an officer, whatever the Accept', async () => {
    const res = await t.request('GET', '/v1/filings/other-1/report', {
      token: t.tokens.officer,
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(404);
  });
});
