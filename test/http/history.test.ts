// History over HTTP (DESIGN §5.1): check, submit and NDJSON scans take the platform's current stored
// filings at the moment of judging; a store scan judges each stored filing with its history as it is then.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import { FIXTURE_RULES_DIR, filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';
import { REGISTRIES } from '../../src/engine/registries.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestServer;

/** The history parameters of the bundled pack (DESIGN §5.1, third edition), with their defaults. */
const HISTORY_PARAMETERS: [string, number][] = [
  ['historyMemberWindowDays', 365],
  ['historyMemberLossMax', 0.15],
  ['historyShareWindowDays', 180],
  ['historyShareGrowthMax', 2],
  ['rampUpDays', 365],
  ['spiralWindowDays', 365],
  ['spiralShareGrowthMin', 1.3],
  ['spiralMemberLossMin', 0.05],
];

/** The fixture pack with the bundled HIST rules and their parameters, published in the test's store. */
async function publishHistoryRules(): Promise<void> {
  const fixture = readRuleSources(FIXTURE_RULES_DIR);
  const hist = readRuleSources(BUNDLED_RULES_DIR).rules.filter((f) => /^hist-/.test(f.file));
  const parameters = {
    file: fixture.parameters!.file,
    text: `${fixture.parameters!.text.trimEnd()}\n${HISTORY_PARAMETERS.map(([name, value]) => `${name}:\n  - { from: 2009-10-01, value: ${value} }\n`).join('')}`,
  };
  const sources = { ...fixture, rules: [...fixture.rules, ...hist], parameters };
  const ruleSet = parseRuleSet(sources, REGISTRIES);
  const current = await t.store.currentVersion();
  const out = await t.store.publishRuleSet({
    expected: current!.version,
    version: ruleSet.version,
    sources,
    rules: ruleSet.rules.length,
    author: 'test',
    note: 'the history rules',
    action: 'publish-rule',
    target: 'HIST-001',
  });
  expect(out.kind).toBe('published');
}

/** A filing of `platform` for `start`..`end` with `members` and one disclosure sharing `share`. */
function filing(
  id: string,
  start: string,
  end: string,
  opts: { platform?: string; members?: number; share?: number; supersedes?: string } = {},
): Json {
  const f = filingFor(id, {
    platform: opts.platform ?? 'base-mutual',
    supersedes: opts.supersedes ?? null,
  }) as Json;
  f.period = { start, end };
  f.members = { active: opts.members ?? 2_000_000, activeAtPeriodStart: opts.members ?? 2_000_000 };
  f.disclosures = [
    {
      publishedAt: end,
      periodStart: start,
      periodEnd: end,
      cases: 1,
      amountToShareCny: 1,
      perMemberShareCny: opts.share ?? 1,
      managementFeeCny: 0.05,
    },
  ];
  return f;
}

const finding = (report: Json, id: string): Json => (report.findings as Json[]).find((f) => f.ruleId === id)!;

beforeAll(async () => {
  t = await startServer();
  await publishHistoryRules();
});
afterAll(async () => {
  await t.close();
});

describe('history over HTTP', () => {
  it('a first filing has no history; a later one with a missing period fails HIST-001', async () => {
    const first = await t.request('POST', '/v1/filings', {
      token: t.tokens.officer,
      body: filing('h-01a', '2021-01-01', '2021-01-15'),
    });
    expect(first.status).toBe(201);
    expect(first.json.history).toBeNull();
    expect(finding(first.json, 'HIST-001')).toMatchObject({
      status: 'not-applicable',
      reasonCode: 'no_earlier_filing',
    });
    const gapped = await t.request('POST', '/v1/filings', {
      token: t.tokens.officer,
      body: filing('h-02a', '2021-02-01', '2021-02-15'),
    });
    expect(gapped.status).toBe(201);
    expect(gapped.json.history).toEqual({ filings: 1, from: '2021-01-01', through: '2021-01-15' });
    expect(finding(gapped.json, 'HIST-001')).toMatchObject({
      status: 'fail',
      evidence: {
        historyGap: {
          latestFilingId: 'h-01a',
          unfiledFrom: '2021-01-16',
          unfiledThrough: '2021-01-31',
          unfiledDays: 16,
        },
      },
    });
  });

  it('a check sees the stored filings at that moment, and stores nothing', async () => {
    const res = await t.request('POST', '/v1/check', {
      token: t.tokens.officer,
      body: filing('h-01b', '2021-01-16', '2021-01-31'),
    });
    expect(res.status).toBe(200);
    // h-02a starts after this one starts: it is not history
    expect(res.json.history).toEqual({ filings: 1, from: '2021-01-01', through: '2021-01-15' });
    expect(finding(res.json, 'HIST-001').status).toBe('pass');
    expect(await t.store.getFiling('base-mutual', 'h-01b')).toBeNull();
  });

  it('a store scan judges each stored filing with its history as it is now', async () => {
    await t.request('POST', '/v1/filings', {
      token: t.tokens.officer,
      body: filing('h-01b', '2021-01-16', '2021-01-31'),
    });
    // whole reports (?full=true): the passing findings too
    const res = await t.request('POST', '/v1/scans?full=true', {
      token: t.tokens.auditor,
      body: { source: 'store', platforms: ['base-mutual'] },
    });
    expect(res.status).toBe(200);
    const reports = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json)
      .filter((l) => l.findings);
    const gapped = reports.find((r) => r.filingId === 'h-02a')!;
    expect(gapped.history).toEqual({ filings: 2, from: '2021-01-01', through: '2021-01-31' });
    expect(finding(gapped, 'HIST-001').status).toBe('pass');
    // the stored report stays the record of what was judged then
    const stored = await t.request('GET', '/v1/platforms/base-mutual/filings/h-02a/report', {
      token: t.tokens.officer,
    });
    expect(finding(stored.json, 'HIST-001').status).toBe('fail');
  });

  it('a stored report read in the other language is its outcome rendered again, never judged again', async () => {
    // h-01b, stored after h-02a, fills the gap h-02a failed on: judged now, HIST-001 would pass
    const path = '/v1/platforms/base-mutual/filings/h-02a/report';
    const en = (await t.request('GET', path, { token: t.tokens.officer })).json as Json;
    const zh = (await t.request('GET', `${path}?lang=zh`, { token: t.tokens.officer })).json as Json;
    expect(zh.lang).toBe('zh');
    expect(zh.history).toEqual(en.history);
    expect(zh.verdict).toBe(en.verdict);
    expect(zh.summary).toEqual(en.summary);
    const neutral = (r: Json) => (r.findings as Json[]).map((f) => [f.ruleId, f.status, f.evidence ?? null, f.reasonCode ?? null]);
    expect(neutral(zh)).toEqual(neutral(en));
    expect(finding(zh, 'HIST-001')).toMatchObject({ status: 'fail', evidence: { historyGap: { latestFilingId: 'h-01a', unfiledDays: 16 } } });
    // the words are Chinese: the title and message of the rule set's zh texts
    expect(finding(zh, 'HIST-001').title).not.toBe(finding(en, 'HIST-001').title);
    expect(finding(zh, 'HIST-001').message).toMatch(/[\u4e00-\u9fff]/);
    // and back to English, byte for byte the stored report
    const again = await t.request('GET', `${path}?lang=en`, { token: t.tokens.officer });
    expect(again.text).toBe(JSON.stringify(en));
  });

  it('an NDJSON scan takes each filing its history from the store', async () => {
    const body = [
      filing('h-02b', '2021-02-16', '2021-02-28'),
      filing('x-1', '2021-02-16', '2021-02-28', { platform: 'other-mutual' }),
    ]
      .map((f) => JSON.stringify(f))
      .join('\n');
    const res = await t.request('POST', '/v1/scans?full=true', {
      token: t.tokens.auditor,
      body,
      type: 'application/x-ndjson',
    });
    const [own, other] = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(own!.history).toEqual({ filings: 3, from: '2021-01-01', through: '2021-02-15' });
    expect(finding(own!, 'HIST-001').status).toBe('pass');
    expect(other!.history).toBeNull();
  });

  it('members against the peak, the share held back by the ramp-up guard, and a correction replacing the peak', async () => {
    const token = t.tokens.supervisor;
    const r1 = await t.request('POST', '/v1/filings', {
      token,
      body: filing('s-1', '2021-01-01', '2021-01-15', {
        platform: 'spiral',
        members: 43_000_000,
        share: 9.3,
      }),
    });
    expect(r1.status).toBe(201);
    const r2 = await t.request('POST', '/v1/check', {
      token,
      body: filing('s-2', '2021-01-16', '2021-01-31', {
        platform: 'spiral',
        members: 20_000_000,
        share: 43.9,
      }),
    });
    expect(finding(r2.json, 'HIST-002')).toMatchObject({
      status: 'fail',
      evidence: {
        historyMemberLoss: {
          peakFilingId: 's-1',
          peakMembersActive: 43_000_000,
          membersActive: 20_000_000,
        },
      },
    });
    // a fortnight of filings: too short a history to judge the share (the ramp-up guard, 365 days)
    for (const id of ['HIST-003', 'HIST-004'])
      expect(finding(r2.json, id)).toMatchObject({ status: 'not-applicable', reasonCode: 'ramp_up' });
    // a correction of s-1 with fewer members supersedes it: the history now holds the correction only
    const fix = await t.request('POST', '/v1/filings', {
      token,
      body: filing('s-1b', '2021-01-01', '2021-01-15', {
        platform: 'spiral',
        members: 23_000_000,
        share: 30,
        supersedes: 's-1',
      }),
    });
    expect(fix.status).toBe(201);
    const r3 = await t.request('POST', '/v1/check', {
      token,
      body: filing('s-2', '2021-01-16', '2021-01-31', {
        platform: 'spiral',
        members: 20_000_000,
        share: 43.9,
      }),
    });
    expect(r3.json.history).toEqual({ filings: 1, from: '2021-01-01', through: '2021-01-15' });
    expect(finding(r3.json, 'HIST-002').status).toBe('pass');
    expect(finding(r3.json, 'HIST-003').reasonCode).toBe('ramp_up');
    expect(finding(r3.json, 'HIST-002').evidence).toBeUndefined();
  });
});

describe('previewing a change with histories', () => {
  it('judges each stored filing with its history, so a history parameter change shows', async () => {
    const token = t.tokens.supervisor;
    await t.request('POST', '/v1/filings', {
      token,
      body: filing('p-1', '2021-01-01', '2021-01-15', { platform: 'preview', members: 1_000_000 }),
    });
    await t.request('POST', '/v1/filings', {
      token,
      body: filing('p-2', '2021-01-16', '2021-01-31', { platform: 'preview', members: 880_000 }),
    });
    const params = (await t.request('GET', '/v1/parameters', { token })).json.parameters as Json;
    const res = await t.request('POST', '/v1/rules/preview', {
      token,
      body: { parameters: { ...params, historyMemberLossMax: [{ from: '2009-10-01', value: 0.1 }] } },
    });
    expect(res.status).toBe(200);
    const change = (res.json.changes as Json[]).find((c) => c.platformId === 'preview');
    expect(change).toMatchObject({
      filingId: 'p-2',
      findings: [{ ruleId: 'HIST-002', from: 'pass', to: 'fail' }],
    });
  });
});

describe("the README's history walkthrough", () => {
  it('submitting docs/history in any order flags the March filing on HIST-001 and HIST-002, its share held back by the ramp-up guard', async () => {
    const dir = new URL('../../docs/history/', import.meta.url);
    const reports: Json = {};
    for (const name of ['shuidi-2019-03a', 'shuidi-2019-01a', 'shuidi-2019-01b']) {
      const body = readFileSync(new URL(`${name}.yaml`, dir), 'utf8');
      const res = await t.request('POST', '/v1/filings', {
        token: t.tokens.supervisor,
        body,
        type: 'application/yaml',
      });
      expect(res.status).toBe(201);
      reports[name] = res.json;
    }
    // submitted first, March had no history then: the record of what was judged
    expect(reports['shuidi-2019-03a'].history).toBeNull();
    const again = await t.request('POST', '/v1/check', {
      token: t.tokens.supervisor,
      body: readFileSync(new URL('shuidi-2019-03a.yaml', dir), 'utf8'),
      type: 'application/yaml',
    });
    expect(again.json.history).toEqual({ filings: 2, from: '2019-01-01', through: '2019-01-31' });
    for (const id of ['HIST-001', 'HIST-002']) expect(finding(again.json, id).status, id).toBe('fail');
    // two months of filings are too short a history to judge the share: not applicable, ramp_up
    for (const id of ['HIST-003', 'HIST-004'])
      expect(finding(again.json, id), id).toMatchObject({ status: 'not-applicable', reasonCode: 'ramp_up' });
    expect(finding(reports['shuidi-2019-01b'], 'HIST-001').status).toBe('pass');
  });
});
