// GET /v1/watchlist (DESIGN §5.1, §8) on a real server and store: who is on it, as of when, and who may ask.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';
import { runHere } from '../support/cli.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestServer;

/** A filing of `platform` (named `name`) for the n-th half month, with `active` of `atStart` members left. */
function filing(id: string, platform: string, name: string, n: number, active: number, atStart = active): Json {
  const f = filingFor(id, { platform, n }) as Json;
  f.platform.name = name;
  f.members = { active, activeAtPeriodStart: atStart };
  return f;
}

beforeAll(async () => {
  t = await startServer();
  // the bundled pack, with its early-warning rules, in force
  const sources = readRuleSources(BUNDLED_RULES_DIR);
  const ruleSet = parseRuleSet(sources, REGISTRIES);
  const current = await t.store.currentVersion();
  const out = await t.store.publishRuleSet({ expected: current!.version, version: ruleSet.version, sources, rules: ruleSet.rules.length, author: 'test', note: 'the bundled pack', action: 'publish-rule', target: 'MEM-002' });
  expect(out.kind).toBe('published');
  const submit = async (f: Json) => expect((await t.request('POST', '/v1/filings', { token: t.tokens.supervisor, body: f })).status).toBe(201);
  // healthy all along
  await submit(filing('h-0', 'steady-mutual', '稳健互助', 0, 2_000_000));
  await submit(filing('h-1', 'steady-mutual', '稳健互助', 1, 2_000_000));
  // healthy, then losing a fifth of its members within a period (MEM-002)
  await submit(filing('s-0', 'shrink-mutual', '缩水互助', 0, 3_000_000));
  await submit(filing('s-1', 'shrink-mutual', '缩水互助', 1, 2_400_000, 3_000_000));
  // a smaller platform losing members the same way
  await submit(filing('m-1', 'minor-mutual', '小互助', 1, 500_000, 700_000));
});
afterAll(async () => {
  await t.close();
});

describe('GET /v1/watchlist', () => {
  it('lists the platforms whose latest filing shows an early-warning sign, by level then members, with names and trend', async () => {
    const res = await t.request('GET', '/v1/watchlist', { token: t.tokens.auditor });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const list = res.json as Json[];
    expect(list.map((e) => e.platformId)).toEqual(['shrink-mutual', 'minor-mutual']);
    // a fifth of its members lost within the period (MEM-002) and from its peak in the window (HIST-002)
    expect(list[0]!).toMatchObject({ name: '缩水互助', filingId: 's-1', asOf: '2019-01-28', level: 2, rules: ['HIST-002', 'MEM-002'] });
    // a first filing has no history: MEM-002 alone
    expect(list[1]!).toMatchObject({ name: '小互助', level: 1, rules: ['MEM-002'] });
    expect(list[0]!.trend.membersActive).toEqual([3_000_000, 2_400_000]);
    expect(list[0]!.trend.meanPerMemberShareCny[1]).toBe(1);
  });

  it('judges as of a day: each platform’s latest current filing ending by then', async () => {
    const res = await t.request('GET', '/v1/watchlist?asOf=2019-01-20', { token: t.tokens.supervisor });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([]);
  });

  it.each(['2019-02-30', 'yesterday', '2019-1-2'])('refuses asOf=%s with 400 naming it', async (asOf) => {
    const res = await t.request('GET', `/v1/watchlist?asOf=${asOf}`, { token: t.tokens.supervisor });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'invalid_query', problems: [expect.objectContaining({ pointer: '/asOf' })] });
  });

  it('is for supervisors and auditors: an officer is refused, and no token is 401', async () => {
    expect((await t.request('GET', '/v1/watchlist', { token: t.tokens.officer })).status).toBe(403);
    expect((await t.request('GET', '/v1/watchlist', { token: null })).status).toBe(401);
  });
});

describe('compliance watchlist', () => {
  it('prints the API’s list from the store: as JSON the same entries, as a table in either language', async () => {
    const api = (await t.request('GET', '/v1/watchlist', { token: t.tokens.supervisor })).json;
    const json = await runHere(['watchlist', '--db', t.dbPath, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api);
    const zh = await runHere(['watchlist', '--db', t.dbPath, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^预警名单\n/);
    expect(zh.stdout).toMatch(/缩水互助 \(shrink-mutual\).*HIST-002、MEM-002.*3,000,000 → 2,400,000 \(-20%\)/);
    expect(zh.stdout.indexOf('shrink-mutual')).toBeLessThan(zh.stdout.indexOf('minor-mutual'));
    const en = await runHere(['watchlist', '--db', t.dbPath, '--as-of', '2019-01-20']);
    expect(en.stdout).toBe('Watchlist\nNo platform on the watchlist.\n');
  });

  it('refuses an --as-of that is not a date, exit 2 naming it', async () => {
    const r = await runHere(['watchlist', '--db', t.dbPath, '--as-of', '2019-13-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of 2019-13-01 is not a calendar date/);
  });
});
