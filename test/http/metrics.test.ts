// /metrics as Prometheus reads it: `promtool check metrics` (Debian's prometheus package) finds no problem,
// default process metrics included, after requests, judged filings and a rule set in force.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tool } from '../support/tools.js';
import { baseFiling } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

const promtool = tool('promtool', 'COMPLIANCE_REQUIRE_PROMTOOL', 'Debian: apt-get install prometheus');

let t: TestServer;
beforeAll(async () => {
  t = await startServer({ defaultMetrics: true });
});
afterAll(async () => {
  await t.close();
});

async function metricsText(): Promise<string> {
  // traffic first, so every family has samples: a check, a refusal, a read
  await t.request('POST', '/v1/check', { token: t.tokens.supervisor, body: baseFiling() });
  await t.request('GET', '/v1/rules', { token: t.tokens.auditor });
  await t.request('GET', '/v1/rules');
  const res = await t.request('GET', '/metrics');
  expect(res.status).toBe(200);
  return res.text;
}

describe('/metrics', () => {
  it('names no gauge like a counter (…_total), and keeps the per-type process gauges', async () => {
    const text = await metricsText();
    expect(text).toMatch(/^compliance_http_requests_total\{/m);
    expect(text).toMatch(/^compliance_filings_judged_total\{verdict="pass",by="check"\} 1$/m);
    expect(text).toMatch(/^# TYPE nodejs_active_handles gauge$/m);
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      if (name!.endsWith('_total')) expect(type, name).toBe('counter');
    }
  });

  it.runIf(promtool.available)('passes promtool check metrics with no problem', async () => {
    promtool.require();
    const text = await metricsText();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
