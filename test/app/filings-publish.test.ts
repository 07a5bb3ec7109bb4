// The application layer without HTTP (what the CLI and queue workers call): publishing against a base
// version, refusals as AppError codes, previews, and check/submit judged by the version in force in the
// store — also when another process (another Engines on the same database file) published it.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AppError } from '../../src/app/errors.js';
import { checkFiling, judgeFor, submitFiling, type FilingDeps } from '../../src/app/filings.js';
import { previewStored } from '../../src/app/preview.js';
import { deleteRule, publishParameters, publishRule, requireRule, rollback } from '../../src/app/publish.js';
import { Engines } from '../../src/app/ruleset.js';
import { validateFiling } from '../../src/filing/validate.js';
import { readRuleSources } from '../../src/rules/load.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { FIXTURE_RULES_DIR, filingFor, tempDir } from '../store/support.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let deps: FilingDeps;

beforeEach(async () => {
  tmp = tempDir('compliance-app-');
  store = openSqliteStore(join(tmp.dir, 'app.db'));
  await seedRuleSet(store, readRuleSources(FIXTURE_RULES_DIR), 'seeded for the app tests');
  deps = { store, engines: await Engines.load(store), now: () => new Date('2024-06-01T04:00:00Z'), timeZone: 'Asia/Shanghai', logger: pino({ level: 'silent' }) };
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

/** A filing as a route would hand it over: parsed, validated, with its text. */
function received(doc: Record<string, unknown>) {
  const text = JSON.stringify(doc);
  return { filing: validateFiling(doc), value: doc, text, type: 'application/json' as const };
}

/** The base filing with a licence 60 days from expiry: LIC-002 fails with a 90-day warning, passes with 30. */
function expiring(id: string) {
  const f = filingFor(id, { platform: 'flip-mutual', n: 5 });
  const end = (f.period as { end: string }).end;
  (f.licenses as Record<string, unknown>[])[0]!.validUntil = new Date(Date.parse(`${end}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
  return f;
}

const warnDays = (base: Engines['current'], days: number) => ({ ...base.ruleSet.parameters, licenceExpiryWarningDays: [{ from: '2009-10-01', value: days }] });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('publishing through the application', () => {
  it('publishes against the base version, installs it, and refuses a second change on the same base naming the version in force', async () => {
    const base = deps.engines.current;
    const out = await publishParameters(deps, { base, author: 'sam', note: '30 days', parameters: warnDays(base, 30) });
    expect(out).toMatchObject({ changed: true, action: 'publish-parameters', previous: { version: base.version } });
    expect(deps.engines.current.version).toBe(out.version);
    const stale = await refusal(publishParameters(deps, { base, author: 'sam', note: '45 days', parameters: warnDays(base, 45) }));
    expect(stale.code).toBe('precondition_failed');
    expect(stale.inForce).toBe(out.version);
    // the same sources again: nothing stored, no audit entry
    const same = await publishParameters(deps, { base: deps.engines.current, author: 'sam', note: 'again', parameters: warnDays(base, 30) });
    expect(same).toMatchObject({ changed: false, version: out.version });
    expect((await store.listAudit({ limit: 50 })).items.filter((e) => e.action === 'publish-parameters')).toHaveLength(1);
  });

  it('puts, deletes and rolls back rules, with the refusals as codes', async () => {
    const base = deps.engines.current;
    expect((await refusal(publishRule(deps, { base, author: 'sam', note: 'n', id: 'not-an-id', yaml: 'id: X' }))).code).toBe('rule_id_mismatch');
    expect((await refusal(publishRule(deps, { base, author: 'sam', note: 'n', id: 'NAME-001', yaml: 'id: LIC-001\n' }))).code).toBe('rule_id_mismatch');
    expect(() => requireRule(base, 'NOPE-001')).toThrow(AppError);
    const removed = await deleteRule(deps, { base, author: 'sam', note: 'gone', id: 'NAME-001' });
    expect(removed).toMatchObject({ changed: true, action: 'delete-rule', target: 'NAME-001' });
    expect(deps.engines.current.ruleSet.rules.some((r) => r.id === 'NAME-001')).toBe(false);
    expect((await refusal(rollback(deps, { base: deps.engines.current, author: 'sam', note: 'n', version: `sha256:${'0'.repeat(64)}` }))).code).toBe('unknown_version');
    const back = await rollback(deps, { base: deps.engines.current, author: 'sam', note: 'back', version: base.version });
    expect(back).toMatchObject({ changed: true, version: base.version, action: 'rollback' });
    expect(deps.engines.current.ruleSet.rules.some((r) => r.id === 'NAME-001')).toBe(true);
  });

  it('previews a change on the stored filings without publishing it', async () => {
    await submitFiling(deps, { ...received(expiring('flip-1')), lang: 'en', by: 'olive' });
    const base = deps.engines.current;
    const preview = await previewStored(deps, base, { parameters: warnDays(base, 30) });
    expect(preview).toMatchObject({ scope: 'latest', current: base.version, filings: 1, verdictChanges: 1 });
    expect(preview.changes[0]!.findings).toEqual([{ ruleId: 'LIC-002', from: 'fail', to: 'pass' }]);
    expect(deps.engines.current.version).toBe(base.version);
  });
});

describe('check and submit through the application', () => {
  it('judges by the version in force in the store, also when another process published it', async () => {
    // another process on the same database file: its own Engines, its own store handle
    const other = openSqliteStore(join(tmp.dir, 'app.db'));
    try {
      const elsewhere = await Engines.load(other);
      const published = await publishParameters({ store: other, engines: elsewhere }, { base: elsewhere.current, author: 'sam', note: '30', parameters: warnDays(elsewhere.current, 30) });
      expect(deps.engines.current.version).not.toBe(published.version); // not yet refreshed here
      const checked = await checkFiling(deps, { filing: validateFiling(expiring('c-1')), lang: 'en', judge: await judgeFor(deps) });
      expect(checked.verdict).toBe('pass');
      const stored = await submitFiling(deps, { ...received(expiring('s-1')), lang: 'en', by: 'olive' });
      expect(stored.kind).toBe('created');
      expect(stored.report.rulesetVersion).toBe(published.version);
      // a past version still judges as it did
      const past = await checkFiling(deps, { filing: validateFiling(expiring('c-1')), lang: 'en', judge: await judgeFor(deps, published.previous.version) });
      expect(past.verdict).toBe('fail');
      expect((await refusal(judgeFor(deps, `sha256:${'f'.repeat(64)}`))).code).toBe('version_not_found');
    } finally {
      await other.close();
    }
  });

  it('stores a filing once: the same document is a duplicate with the stored report, another one under its id or period is refused', async () => {
    const doc = filingFor('once-1', { platform: 'once-mutual' });
    const first = await submitFiling(deps, { ...received(doc), lang: 'en', by: 'olive' });
    const again = await submitFiling(deps, { ...received(doc), lang: 'en', by: 'olive' });
    expect([first.kind, again.kind]).toEqual(['created', 'duplicate']);
    expect(again.json).toBe(first.json);
    const zh = await submitFiling(deps, { ...received(doc), lang: 'zh', by: 'olive' });
    expect(JSON.parse(zh.json).lang).toBe('zh');
    const changed = { ...doc, platform: { ...(doc.platform as object), name: '另一个名字' } };
    expect((await refusal(submitFiling(deps, { ...received(changed), lang: 'en', by: 'olive' }))).code).toBe('filing_id_taken');
    const samePeriod = filingFor('once-2', { platform: 'once-mutual' });
    const period = await refusal(submitFiling(deps, { ...received(samePeriod), lang: 'en', by: 'olive' }));
    expect(period.code).toBe('period_taken');
    expect(period.problems[0]!.pointer).toBeTruthy();
  });
});
