// /metrics as Prometheus reads it: `promtool check metrics` (Debian's prometheus package) finds no problem,
// default process metrics included, after requests, judged filings and a rule set in force; and the
// supervisor's gauges: platforms on the watchlist, orders by state (overdue), read at most once a minute.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuleSet } from '../../src/rules/parse.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { tool } from '../support/tools.js';
import { baseFiling, failingFiling, filingFor } from '../store/support.js';
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
    // every verdict and place is a series from the start, at 0 until a filing is judged there
    for (const verdict of ['pass', 'fail', 'error'])
      for (const by of ['check', 'submit', 'scan'])
        expect(text).toMatch(
          new RegExp(`^compliance_filings_judged_total\\{verdict="${verdict}",by="${by}"\\} \\d+$`, 'm'),
        );
    expect(text).toMatch(/^compliance_filings_judged_total\{verdict="fail",by="submit"\} 0$/m);
    expect(text).toMatch(/^compliance_watchlist_platforms 0$/m);
    expect(text).toMatch(/^compliance_rectification_orders\{state="overdue"\} 0$/m);
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

/** The value of one sample of the /metrics text (`name{labels}`), or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics: the supervisor's gauges", () => {
  // the app's clock, moved by the tests: the gauges are read again once a minute of it has passed
  let clock = new Date('2019-03-01T04:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let s: TestServer;
  const scrape = async () => (await s.request('GET', '/metrics')).text;
  const submit = async (doc: Record<string, unknown>) =>
    expect((await s.request('POST', '/v1/filings', { token: s.tokens.supervisor, body: doc })).status).toBe(
      201,
    );

  beforeAll(async () => {
    s = await startServer({ now: () => clock });
    // the bundled pack, with its early-warning rules (MEM-002: a fifth of the members gone within a period)
    const sources = readRuleSources(BUNDLED_RULES_DIR);
    const ruleSet = parseRuleSet(sources, REGISTRIES);
    const current = await s.store.currentVersion();
    const out = await s.store.publishRuleSet({
      expected: current!.version,
      version: ruleSet.version,
      sources,
      rules: ruleSet.rules.length,
      author: 'test',
      note: 'the bundled pack',
      action: 'publish-rule',
      target: 'MEM-002',
    });
    expect(out.kind).toBe('published');
  });
  afterAll(async () => {
    await s.close();
  });

  it('counts a platform put on the watchlist, once the minute the figures were read in is over', async () => {
    expect(sample(await scrape(), 'compliance_watchlist_platforms')).toBe(0);
    const shrinking = filingFor('s-1', { platform: 'shrink-mutual', n: 1 });
    shrinking.members = { active: 2_400_000, activeAtPeriodStart: 3_000_000 };
    await submit(filingFor('s-0', { platform: 'shrink-mutual', n: 0 }));
    await submit(shrinking);
    expect((await s.request('GET', '/v1/watchlist', { token: s.tokens.auditor })).json).toMatchObject([
      { platformId: 'shrink-mutual' },
    ]);
    // read less than a minute ago: the same figure, not the watchlist judged again
    later(30_000);
    expect(sample(await scrape(), 'compliance_watchlist_platforms')).toBe(0);
    later(31_000);
    expect(sample(await scrape(), 'compliance_watchlist_platforms')).toBe(1);
  });

  it('counts an order open until its deadline, then overdue', async () => {
    await submit(failingFiling('bad-1'));
    const opened = await s.request('POST', '/v1/orders', {
      token: s.tokens.supervisor,
      body: {
        platformId: 'xianghubao',
        ruleId: 'LIC-001',
        fromFilingId: 'bad-1',
        deadline: '2019-04-01',
        note: 'get a licence',
      },
    });
    expect(opened.status, opened.text).toBe(201);
    later(61_000);
    let text = await scrape();
    expect(sample(text, 'compliance_rectification_orders{state="open"}')).toBe(1);
    expect(sample(text, 'compliance_rectification_orders{state="overdue"}')).toBe(0);
    // past its deadline in the service's time zone, with no fixing filing
    clock = new Date('2019-04-02T04:00:00Z');
    text = await scrape();
    expect(sample(text, 'compliance_rectification_orders{state="open"}')).toBe(0);
    expect(sample(text, 'compliance_rectification_orders{state="overdue"}')).toBe(1);
    expect(sample(text, 'compliance_rectification_orders{state="rectified"}')).toBe(0);
    expect(sample(text, 'compliance_rectification_orders{state="closed"}')).toBe(0);
  });

  it('counts filings judged by verdict where they were judged: submissions, checks and scans', async () => {
    const before = await scrape();
    const n = (text: string, verdict: string, by: string) =>
      sample(text, `compliance_filings_judged_total{verdict="${verdict}",by="${by}"}`)!;
    await s.request('POST', '/v1/check', { token: s.tokens.supervisor, body: failingFiling('draft-1') });
    await submit({ ...filingFor('bad-2', { platform: 'lapsed-mutual' }), licenses: [] }); // LIC-001 fails
    const ndjson =
      [filingFor('scan-0'), failingFiling('scan-1')].map((f) => JSON.stringify(f)).join('\n') + '\n';
    const scanned = await s.request('POST', '/v1/scans', {
      token: s.tokens.auditor,
      body: ndjson,
      type: 'application/x-ndjson',
    });
    expect(scanned.status).toBe(200);
    const after = await scrape();
    expect(n(after, 'fail', 'check') - n(before, 'fail', 'check')).toBe(1);
    expect(n(after, 'fail', 'submit') - n(before, 'fail', 'submit')).toBe(1);
    // two lines scanned (under the bundled pack the fixture's base filing need not pass): both counted, by verdict
    const scans = (text: string) => ['pass', 'fail', 'error'].map((v) => n(text, v, 'scan'));
    const [pass, fail, error] = scans(after).map((x, i) => x - scans(before)[i]!);
    expect(pass! + fail! + error!).toBe(2);
    expect(fail).toBeGreaterThanOrEqual(1);
  });
});
