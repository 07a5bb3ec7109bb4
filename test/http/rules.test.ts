// The supervisor's rule lifecycle: read with ETags, preview, publish (rules, parameters, waivers), delete, roll back, audit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseFiling, filingFor } from '../store/support.js';
import { pointers, startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const sup = () => t.tokens.supervisor;
const ifMatch = () => ({ 'if-match': `"${t.app.engines.current.version}"` });
const ruleYaml = async (id: string): Promise<string> =>
  (await t.request('GET', `/v1/rules/${id}`, { token: sup() })).json.yaml;

describe('reading the rule set in force', () => {
  it('gives rules, one rule with its YAML, parameters and waivers, each with the version as ETag', async () => {
    const version = t.app.engines.current.version;
    for (const path of ['/v1/rules', '/v1/rules/NAME-001', '/v1/parameters', '/v1/waivers']) {
      const res = await t.request('GET', path, { token: t.tokens.officer });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${version}"`);
      expect(res.json).toMatchObject({ version, label: 1 });
      const again = await t.request('GET', path, {
        token: t.tokens.officer,
        headers: { 'if-none-match': `"${version}"` },
      });
      expect(again.status, path).toBe(304);
    }
    const rules = await t.request('GET', '/v1/rules', { token: sup() });
    expect(rules.json.rules.map((r: { id: string }) => r.id)).toContain('NAME-001');
    const one = await t.request('GET', '/v1/rules/NAME-001', { token: sup() });
    expect(one.json.rule.id).toBe('NAME-001');
    expect(one.json.yaml).toMatch(/^id: NAME-001/m);
    expect(
      (await t.request('GET', '/v1/parameters', { token: sup() })).json.parameters.managementFeeCap,
    ).toBeDefined();
    expect((await t.request('GET', '/v1/rules/NOPE-001', { token: sup() })).json.code).toBe('rule_not_found');
  });
});

describe('publishing', () => {
  it('needs If-Match: 428 without, 412 when stale', async () => {
    const body = { parameters: t.app.engines.current.ruleSet.parameters, note: 'n' };
    const missing = await t.request('PUT', '/v1/parameters', { token: sup(), body });
    expect(missing.status).toBe(428);
    expect(missing.json.code).toBe('precondition_required');
    const star = await t.request('PUT', '/v1/parameters', {
      token: sup(),
      body,
      headers: { 'if-match': '*' },
    });
    expect(star.status).toBe(428);
    const stale = await t.request('PUT', '/v1/parameters', {
      token: sup(),
      body,
      headers: { 'if-match': `"sha256:${'1'.repeat(64)}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(`"${t.app.engines.current.version}"`);
  });

  it('answers an unchanged rule set with 200 changed: false and publishes nothing', async () => {
    const before = t.app.engines.current.version;
    const res = await t.request('PUT', '/v1/rules/NAME-001', {
      token: sup(),
      headers: ifMatch(),
      body: { yaml: await ruleYaml('NAME-001'), note: 'same' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ changed: false, version: before });
    expect(t.app.engines.current.version).toBe(before);
  });

  it('refuses a rule whose id is not the URL’s, and a rule set that fails lint, with 422 and locations', async () => {
    const yaml = await ruleYaml('NAME-001');
    const mismatch = await t.request('PUT', '/v1/rules/NAME-002', {
      token: sup(),
      headers: ifMatch(),
      body: { yaml, note: 'copy' },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.code).toBe('rule_id_mismatch');
    const broken = yaml
      .replace(/^severity: \w+/m, 'severity: catastrophic')
      .replace(/^family: \w+/m, 'family: nonsense');
    const lint = await t.request('PUT', '/v1/rules/NAME-001', {
      token: sup(),
      headers: ifMatch(),
      body: { yaml: broken, note: 'bad' },
    });
    expect(lint.status).toBe(422);
    expect(lint.json.code).toBe('rule_schema_error');
    expect(lint.json.problems.length).toBeGreaterThanOrEqual(2);
    expect(lint.json.problems[0]).toMatchObject({
      file: 'name-001.yaml',
      pointer: expect.any(String),
      line: expect.any(Number),
    });
    const syntax = await t.request('PUT', '/v1/rules/NAME-001', {
      token: sup(),
      headers: ifMatch(),
      body: { yaml: 'id: [', note: 'bad' },
    });
    expect(syntax.status).toBe(422);
    expect(syntax.json.code).toBe('rule_parse_error');
    const shape = await t.request('PUT', '/v1/rules/NAME-001', {
      token: sup(),
      headers: ifMatch(),
      body: { yml: 'x' },
    });
    expect(shape.status).toBe(422);
    expect(pointers(shape).sort()).toEqual(['/note', '/yaml', '/yml']);
    const params = await t.request('PUT', '/v1/parameters', {
      token: sup(),
      headers: ifMatch(),
      body: { parameters: { managementFeeCap: 'high' }, note: 'bad' },
    });
    expect(params.status).toBe(422);
  });

  it('publishes a new rule (201), changes and deletes it, each with an audit entry and a new label', async () => {
    const yaml = (await ruleYaml('NAME-001')).replace(/^id: NAME-001/m, 'id: NAME-901');
    const created = await t.request('PUT', '/v1/rules/NAME-901', {
      token: sup(),
      headers: ifMatch(),
      body: { yaml, note: 'a second naming rule' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ changed: true, label: 2, previous: { label: 1 } });
    expect(t.app.engines.current.ruleSet.rules.map((r) => r.id)).toContain('NAME-901');
    const check = await t.request('POST', '/v1/check', { token: sup(), body: baseFiling() });
    expect(check.json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('NAME-901');
    const del = await t.request('DELETE', '/v1/rules/NAME-901', {
      token: sup(),
      headers: ifMatch(),
      body: { note: 'not needed' },
    });
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ changed: true, label: 3 });
    expect(t.app.engines.current.ruleSet.rules.map((r) => r.id)).not.toContain('NAME-901');
    const audit = await t.request('GET', '/v1/audit?limit=2', { token: t.tokens.auditor });
    expect(
      audit.json.items.map((e: { action: string; target: string; actor: string }) => [
        e.action,
        e.target,
        e.actor,
      ]),
    ).toEqual([
      ['delete-rule', 'NAME-901', 'sam'],
      ['publish-rule', 'NAME-901', 'sam'],
    ]);
    expect(audit.json.items[0]).toMatchObject({
      note: 'not needed',
      before: created.json.version,
      after: del.json.version,
    });
    expect(audit.json.nextCursor).toEqual(expect.any(String));
  });

  it('publishes waivers, which then waive findings', async () => {
    const f = filingFor('waive-1', { n: 3 });
    f.licenses = [];
    const before = await t.request('POST', '/v1/check', { token: sup(), body: f });
    expect(before.json.findings.find((x: { ruleId: string }) => x.ruleId === 'LIC-001').status).toBe('fail');
    const waivers = [
      {
        platform: 'base-mutual',
        rule: 'LIC-001',
        reason: 'licence renewal pending',
        reference: 'CBIRC-2019-1',
        from: '2019-01-01',
        until: '2019-12-31',
      },
    ];
    const res = await t.request('PUT', '/v1/waivers', {
      token: sup(),
      headers: ifMatch(),
      body: { waivers, note: 'grace period' },
    });
    expect(res.status).toBe(200);
    expect((await t.request('GET', '/v1/waivers', { token: sup() })).json.waivers).toEqual(waivers);
    const after = await t.request('POST', '/v1/check', { token: sup(), body: f });
    expect(after.json.findings.find((x: { ruleId: string }) => x.ruleId === 'LIC-001')).toMatchObject({
      status: 'waived',
      waiver: { reference: 'CBIRC-2019-1' },
    });
    const rollback = await t.request('PUT', '/v1/waivers', {
      token: sup(),
      headers: ifMatch(),
      body: { waivers: '[]\n', note: 'done' },
    });
    expect(rollback.status).toBe(200);
  });
});

describe('a parameter change that flips a verdict: preview, publish, roll back, reproduce', () => {
  // a licence 60 days from expiry: LIC-002 fails with the 90-day warning, passes with 30
  const expiring = () => {
    const f = filingFor('flip-1', { platform: 'flip-mutual', n: 5 });
    const end = (f.period as { end: string }).end;
    const until = new Date(Date.parse(`${end}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    (f.licenses as Record<string, unknown>[])[0]!.validUntil = until;
    return f;
  };
  const verdictsOfScan = async () => {
    const res = await t.request('POST', '/v1/scans', { token: sup(), body: { source: 'store' } });
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    return Object.fromEntries(lines.filter((l) => l.findings).map((l) => [l.filingId, l.verdict]));
  };

  it('previews exactly what publishing then does, and rollback restores it byte for byte', async () => {
    const submitted = await t.request('POST', '/v1/filings', { token: sup(), body: expiring() });
    expect(submitted.status).toBe(201);
    expect(submitted.json.verdict).toBe('fail');
    expect(submitted.json.findings.find((f: { ruleId: string }) => f.ruleId === 'LIC-002').status).toBe(
      'fail',
    );
    await t.request('POST', '/v1/filings', {
      token: sup(),
      body: filingFor('steady-1', { platform: 'steady-mutual' }),
    });
    const v1 = t.app.engines.current.version;
    const before = await verdictsOfScan();

    const parameters = {
      ...t.app.engines.current.ruleSet.parameters,
      licenceExpiryWarningDays: [{ from: '2009-10-01', value: 30 }],
    };
    const preview = await t.request('POST', '/v1/rules/preview', {
      token: t.tokens.auditor,
      body: { parameters },
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ scope: 'latest', current: v1, verdictChanges: 1 });
    expect(preview.json.changes).toEqual([
      {
        filingId: 'flip-1',
        platformId: 'flip-mutual',
        asOf: expect.any(String),
        verdict: { from: 'fail', to: 'pass' },
        findings: [{ ruleId: 'LIC-002', from: 'fail', to: 'pass' }],
      },
    ]);
    expect(preview.json.byRule['LIC-002']).toEqual({ appeared: 0, disappeared: 1, changed: 1 });
    expect(t.app.engines.current.version).toBe(v1); // nothing published

    const all = await t.request('POST', '/v1/rules/preview', {
      token: sup(),
      body: { parameters, all: true },
    });
    expect(all.json.scope).toBe('all');
    expect(all.json.filings).toBeGreaterThanOrEqual(preview.json.filings);

    const published = await t.request('PUT', '/v1/parameters', {
      token: sup(),
      headers: ifMatch(),
      body: { parameters, note: 'warn 30 days ahead' },
    });
    expect(published.status).toBe(200);
    expect(published.json.version).toBe(preview.json.proposed);
    const after = await verdictsOfScan();
    const expected = { ...before };
    for (const c of preview.json.changes) expected[c.filingId] = c.verdict.to;
    expect(after).toEqual(expected);

    const rolled = await t.request('POST', '/v1/rules/rollback', {
      token: sup(),
      headers: ifMatch(),
      body: { version: v1, note: 'back to 90 days' },
    });
    expect(rolled.status).toBe(200);
    expect(rolled.json).toMatchObject({ changed: true, version: v1 });
    expect(await verdictsOfScan()).toEqual(before);

    // the stored report, reproduced byte for byte by judging again with the version that made it
    const stored = await t.request('GET', '/v1/filings/flip-1/report', { token: sup() });
    const again = await t.request('POST', `/v1/check?version=${encodeURIComponent(v1)}`, {
      token: sup(),
      body: expiring(),
    });
    expect(again.text).toBe(stored.text);
    const withNew = await t.request(
      'POST',
      `/v1/check?version=${encodeURIComponent(published.json.version)}`,
      { token: sup(), body: expiring() },
    );
    expect(withNew.json.verdict).toBe('pass');

    const versions = await t.request('GET', '/v1/rules/versions', { token: t.tokens.officer });
    const [latest, previous] = versions.json.versions;
    expect(latest).toMatchObject({ version: v1, current: true, note: 'back to 90 days', author: 'sam' });
    expect(previous).toMatchObject({ version: published.json.version, current: false });
    const audit = await t.request('GET', '/v1/audit?limit=2', { token: sup() });
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual([
      'rollback',
      'publish-parameters',
    ]);
  });

  it('refuses a rollback to a version never published with 422', async () => {
    const res = await t.request('POST', '/v1/rules/rollback', {
      token: sup(),
      headers: ifMatch(),
      body: { version: `sha256:${'2'.repeat(64)}`, note: 'x' },
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('unknown_version');
    expect(pointers(res)).toEqual(['/version']);
  });

  it('refuses a preview that removes an unknown rule or breaks lint', async () => {
    const unknown = await t.request('POST', '/v1/rules/preview', {
      token: sup(),
      body: { rules: { 'NOPE-001': null } },
    });
    expect(unknown.status).toBe(422);
    expect(pointers(unknown)).toEqual(['/rules/NOPE-001']);
    const lint = await t.request('POST', '/v1/rules/preview', {
      token: sup(),
      body: { parameters: 'managementFeeCap: [' },
    });
    expect(lint.status).toBe(422);
    expect(lint.json.code).toBe('rule_parse_error');
  });
});
