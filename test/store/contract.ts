// The Store contract: what every store implementation (SQLite today, PostgreSQL later) must do.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComplianceError } from '../../src/errors.js';
import { readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import { hashToken, issueToken, tokenRefusal } from '../../src/store/tokens.js';
import { seedRuleSet } from '../../src/store/seed.js';
import type { PublishInput, Store } from '../../src/store/types.js';
import { describeHistoryContract } from './contract-history.js';
import { describeOrderContract } from './contract-orders.js';
import { describeScanContract } from './contract-scans.js';
import { FIXTURE_RULES_DIR, filingFor, newFiling } from './support.js';
import { REGISTRIES } from '../../src/engine/registries.js';

/** Opens a fresh, empty store; `destroy` closes it and removes what it left behind. */
export type StoreFactory = () => Promise<{ store: Store; destroy: () => Promise<void> }>;

const sources = readRuleSources(FIXTURE_RULES_DIR);
const ruleSet = parseRuleSet(sources, REGISTRIES);

function publishInput(expected: string | null, version: string, note = 'change'): PublishInput {
  return {
    expected,
    version,
    sources,
    rules: ruleSet.rules.length,
    author: 'alice',
    note,
    action: 'publish-parameters',
    target: null,
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Registers the contract suite for one implementation. */
export function describeStoreContract(name: string, open: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let destroy: () => Promise<void>;
    beforeEach(async () => {
      ({ store, destroy } = await open());
    });
    afterEach(async () => {
      await destroy();
    });

    describeOrderContract(() => store);
    describeScanContract(() => store);
    describeHistoryContract(() => store);

    describe('filings', () => {
      it('stores a filing with its report, as received and as parsed', async () => {
        const input = {
          ...newFiling(filingFor('a-1')),
          receivedType: 'application/yaml' as const,
          receivedText: 'filingId: a-1\n',
        };
        const out = await store.submitFiling(input);
        expect(out.kind).toBe('created');
        const f = await store.getFiling('base-mutual', 'a-1');
        expect(f).toMatchObject({
          filingId: 'a-1',
          platformId: 'base-mutual',
          current: true,
          receivedType: 'application/yaml',
          receivedText: 'filingId: a-1\n',
        });
        expect(f?.parsedJson).toBe(input.parsedJson);
        expect(f?.verdict).toBe('pass');
        const r = await store.getReport('base-mutual', 'a-1');
        expect(r).toMatchObject({
          filingId: 'a-1',
          json: input.report.json,
          rulesetVersion: 'sha256:test',
          lang: 'en',
        });
        expect(await store.getFiling('base-mutual', 'nope')).toBeNull();
        expect(await store.getReport('base-mutual', 'nope')).toBeNull();
      });

      it('answers the same document again with the stored report, and refuses another under the same id', async () => {
        await store.submitFiling(newFiling(filingFor('a-1')));
        const again = await store.submitFiling({
          ...newFiling(filingFor('a-1')),
          report: { ...newFiling(filingFor('a-1')).report, json: '{"other":1}' },
        });
        expect(again.kind).toBe('duplicate');
        if (again.kind === 'duplicate')
          expect(again.report.json).toBe(newFiling(filingFor('a-1')).report.json);
        const other = filingFor('a-1');
        (other.members as Record<string, number>).active = 5;
        const taken = await store.submitFiling(newFiling(other));
        expect(taken).toMatchObject({ kind: 'conflict', reason: 'filing_id_taken', pointer: '/filingId' });
      });

      it('keeps one current filing per platform and period; supersedes moves it', async () => {
        await store.submitFiling(newFiling(filingFor('p-1')));
        expect(await store.submitFiling(newFiling(filingFor('p-2')))).toMatchObject({
          kind: 'conflict',
          reason: 'period_taken',
        });
        expect(await store.getFiling('base-mutual', 'p-2')).toBeNull();
        expect(await store.getReport('base-mutual', 'p-2')).toBeNull();
        expect(await store.submitFiling(newFiling(filingFor('p-2', { supersedes: 'nope' })))).toMatchObject({
          kind: 'conflict',
          reason: 'supersedes_invalid',
        });
        expect(await store.submitFiling(newFiling(filingFor('p-2', { supersedes: 'p-1' })))).toMatchObject({
          kind: 'created',
        });
        expect(await store.getFiling('base-mutual', 'p-1')).toMatchObject({ current: false, supersededBy: 'p-2' });
        expect(await store.getFiling('base-mutual', 'p-2')).toMatchObject({ current: true, supersedes: 'p-1' });
        // the superseded one cannot be superseded again, and the new current must be named
        expect(await store.submitFiling(newFiling(filingFor('p-3', { supersedes: 'p-1' })))).toMatchObject({
          kind: 'conflict',
          reason: 'supersedes_invalid',
        });
        expect(await store.submitFiling(newFiling(filingFor('p-3')))).toMatchObject({
          kind: 'conflict',
          reason: 'period_taken',
        });
        // another platform's filing cannot be superseded
        await store.submitFiling(newFiling(filingFor('q-1', { platform: 'other' })));
        expect(await store.submitFiling(newFiling(filingFor('p-3', { supersedes: 'q-1' })))).toMatchObject({
          kind: 'conflict',
          reason: 'supersedes_invalid',
        });
        // a new period needs no supersedes
        expect(await store.submitFiling(newFiling(filingFor('p-4', { n: 1 })))).toMatchObject({
          kind: 'created',
        });
      });

      it('keeps filing ids unique within a platform, not across platforms', async () => {
        const beta = filingFor('x-1', { platform: 'beta' });
        (beta.members as Record<string, number>).active = 7;
        expect((await store.submitFiling(newFiling(filingFor('x-1')))).kind).toBe('created');
        // another platform may use the same id for another document
        expect((await store.submitFiling(newFiling(beta))).kind).toBe('created');
        expect(await store.getFiling('base-mutual', 'x-1')).toMatchObject({ platformId: 'base-mutual' });
        expect(await store.getFiling('beta', 'x-1')).toMatchObject({ platformId: 'beta' });
        expect(JSON.parse((await store.getFiling('beta', 'x-1'))!.parsedJson)).toMatchObject({
          members: { active: 7 },
        });
        expect(await store.getReport('beta', 'x-1')).toMatchObject({ filingId: 'x-1', platformId: 'beta' });
        expect(await store.getFiling('gamma', 'x-1')).toBeNull();
        expect(await store.getReport('gamma', 'x-1')).toBeNull();
        // who uses an id, among every platform or only those named
        expect((await store.findFilings('x-1')).map((f) => f.platformId)).toEqual(['base-mutual', 'beta']);
        expect((await store.findFilings('x-1', ['beta', 'gamma'])).map((f) => f.platformId)).toEqual(['beta']);
        expect(await store.findFilings('x-1', [])).toEqual([]);
        expect(await store.findFilings('nope')).toEqual([]);
        // supersedes names a filing of the same platform: beta's x-1, not base-mutual's
        const correction = filingFor('x-2', { platform: 'beta', supersedes: 'x-1' });
        expect((await store.submitFiling(newFiling(correction))).kind).toBe('created');
        expect(await store.getFiling('beta', 'x-1')).toMatchObject({ current: false, supersededBy: 'x-2' });
        expect(await store.getFiling('base-mutual', 'x-1')).toMatchObject({ current: true, supersededBy: null });
        // the same document again on each platform is a duplicate of that platform's own
        expect((await store.submitFiling(newFiling(filingFor('x-1')))).kind).toBe('duplicate');
      });

      it('stores each of many concurrent submissions of one document exactly once', async () => {
        const outs = await Promise.all(
          Array.from({ length: 30 }, () => store.submitFiling(newFiling(filingFor('c-1')))),
        );
        expect(outs.filter((o) => o.kind === 'created')).toHaveLength(1);
        expect(outs.filter((o) => o.kind === 'duplicate')).toHaveLength(29);
      });

      it('lists a platform’s filings newest period.end first, page by page', async () => {
        for (const n of [3, 0, 5, 1, 4, 2]) await store.submitFiling(newFiling(filingFor(`l-${n}`, { n })));
        await store.submitFiling(newFiling(filingFor('l-5b', { n: 5, supersedes: 'l-5' })));
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<Store['listFilings']>> = await store.listFilings('base-mutual', {
            limit: 3,
            cursor,
          });
          seen.push(...page.items.map((i) => i.filingId));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual(['l-5b', 'l-5', 'l-4', 'l-3', 'l-2', 'l-1', 'l-0']);
        expect((await store.listFilings('nobody', { limit: 10 })).items).toEqual([]);
        await expect(
          store.listFilings('base-mutual', { limit: 3, cursor: 'garbage' }),
        ).rejects.toBeInstanceOf(ComplianceError);
      });

      it('lists platforms with their latest current filing and verdict', async () => {
        await store.submitFiling(newFiling(filingFor('a-0', { n: 0 })));
        await store.submitFiling(newFiling(filingFor('a-1', { n: 1 }), { verdict: 'fail' }));
        await store.submitFiling(newFiling(filingFor('b-0', { platform: 'beta', n: 0 })));
        const all = await store.listPlatforms();
        expect(all.map((p) => [p.platformId, p.filings, p.latest.filingId, p.latest.verdict])).toEqual([
          ['base-mutual', 2, 'a-1', 'fail'],
          ['beta', 1, 'b-0', 'pass'],
        ]);
        expect((await store.listPlatforms(['beta'])).map((p) => p.platformId)).toEqual(['beta']);
        expect(await store.listPlatforms([])).toEqual([]);
        expect(await store.hasPlatform('beta')).toBe(true);
        expect(await store.hasPlatform('gamma')).toBe(false);
      });

      it('streams stored documents by scope and platform', async () => {
        await store.submitFiling(newFiling(filingFor('a-0', { n: 0 })));
        await store.submitFiling(newFiling(filingFor('a-1', { n: 1 })));
        await store.submitFiling(newFiling(filingFor('a-1b', { n: 1, supersedes: 'a-1' })));
        await store.submitFiling(newFiling(filingFor('b-0', { platform: 'beta', n: 0 })));
        const ids = async (...args: Parameters<Store['documents']>) =>
          (await collect(store.documents(...args))).map((d) => d.filingId).sort();
        expect(await ids('all')).toEqual(['a-0', 'a-1', 'a-1b', 'b-0']);
        expect(await ids('current')).toEqual(['a-0', 'a-1b', 'b-0']);
        expect(await ids('latest')).toEqual(['a-1b', 'b-0']);
        expect(await ids('all', ['beta'])).toEqual(['b-0']);
        const doc = (await collect(store.documents('latest', ['beta'])))[0]!;
        expect(JSON.parse(doc.parsedJson)).toMatchObject({ filingId: 'b-0' });
      });

      it('streams more documents than one page', async () => {
        for (let n = 0; n < 520; n++) await store.submitFiling(newFiling(filingFor(`m-${n}`, { n })));
        expect((await collect(store.documents('all'))).length).toBe(520);
      });
    });

    describe('rule sets', () => {
      it('publishes only on the expected version, numbering labels, with an audit entry', async () => {
        expect(await store.currentRuleSet()).toBeNull();
        expect(await store.currentVersion()).toBeNull();
        const first = await store.publishRuleSet(publishInput(null, 'sha256:a', 'first'));
        expect(first).toMatchObject({
          kind: 'published',
          record: { label: 1, version: 'sha256:a' },
          previous: null,
        });
        expect(await store.publishRuleSet(publishInput(null, 'sha256:b'))).toMatchObject({
          kind: 'stale',
          current: { version: 'sha256:a' },
        });
        expect(await store.publishRuleSet(publishInput('sha256:x', 'sha256:b'))).toMatchObject({
          kind: 'stale',
        });
        const second = await store.publishRuleSet(publishInput('sha256:a', 'sha256:b', 'second'));
        expect(second).toMatchObject({
          kind: 'published',
          record: { label: 2 },
          audit: { actor: 'alice', before: 'sha256:a', after: 'sha256:b', note: 'second' },
        });
        await store.publishRuleSet({ ...publishInput('sha256:b', 'sha256:a', 'back'), action: 'rollback' });
        const current = await store.currentRuleSet();
        expect(current).toMatchObject({ label: 3, version: 'sha256:a', author: 'alice', note: 'back' });
        expect(current?.sources).toEqual(sources);
        expect(await store.currentVersion()).toEqual({ version: 'sha256:a', label: 3 });
        expect((await store.getRuleSet('sha256:a'))?.label).toBe(3);
        expect(await store.getRuleSet('sha256:zzz')).toBeNull();
        expect((await store.listRuleSets()).map((r) => [r.label, r.version])).toEqual([
          [3, 'sha256:a'],
          [2, 'sha256:b'],
          [1, 'sha256:a'],
        ]);
        const log = await store.listAudit({ limit: 10 });
        expect(log.items.map((e) => e.action)).toEqual([
          'rollback',
          'publish-parameters',
          'publish-parameters',
        ]);
      });

      it('lets exactly one of two racing publishes on one version win', async () => {
        await store.publishRuleSet(publishInput(null, 'sha256:a'));
        const outs = await Promise.all([
          store.publishRuleSet(publishInput('sha256:a', 'sha256:b')),
          store.publishRuleSet(publishInput('sha256:a', 'sha256:c')),
        ]);
        expect(outs.map((o) => o.kind).sort()).toEqual(['published', 'stale']);
      });

      it('seeds an empty store once', async () => {
        const seeded = await seedRuleSet(store, sources);
        expect(seeded).toMatchObject({ label: 1, version: ruleSet.version, author: 'system' });
        expect(await seedRuleSet(store, sources)).toBeNull();
        expect((await store.listAudit({ limit: 5 })).items[0]).toMatchObject({
          action: 'seed',
          after: ruleSet.version,
        });
      });
    });

    describe('tokens', () => {
      it('keeps only the hash, finds tokens by it, and revokes by id or name', async () => {
        const { secret, record } = await issueToken(
          store,
          { name: 'olive', role: 'officer', platforms: ['base-mutual'] },
          'cli',
        );
        expect(secret).toMatch(/^cmp_[A-Za-z0-9_-]{43}$/);
        expect(await store.findToken(hashToken(secret))).toEqual(record);
        expect(await store.findToken(hashToken('cmp_wrong'))).toBeNull();
        const s1 = await issueToken(store, { name: 'sam', role: 'supervisor' }, 'cli');
        const s2 = await issueToken(
          store,
          { name: 'sam', role: 'supervisor', expiresAt: '2000-01-01T00:00:00.000Z' },
          'cli',
        );
        expect((await store.listTokens()).map((t) => t.name).sort()).toEqual(['olive', 'sam', 'sam']);
        expect(tokenRefusal(s2.record, new Date())).toBe('token_expired');
        expect(tokenRefusal(s1.record, new Date())).toBeNull();
        expect((await store.revokeToken(record.id, 'cli')).map((t) => t.id)).toEqual([record.id]);
        expect(await store.revokeToken(record.id, 'cli')).toEqual([]);
        const revoked = await store.findToken(hashToken(secret));
        expect(revoked?.revokedAt).not.toBeNull();
        expect(tokenRefusal(revoked!, new Date())).toBe('token_revoked');
        expect((await store.revokeToken('sam', 'cli')).length).toBe(2);
        const actions = (await store.listAudit({ limit: 20 })).items.map((e) => e.action);
        expect(actions.filter((a) => a === 'token-create')).toHaveLength(3);
        expect(actions.filter((a) => a === 'token-revoke')).toHaveLength(3);
        // no secret ever reaches the audit log
        expect(JSON.stringify(await store.listAudit({ limit: 20 }))).not.toContain(secret);
      });
    });

    describe('audit log', () => {
      it('appends entries and lists them newest first, page by page', async () => {
        for (let i = 0; i < 5; i++)
          await store.appendAudit({
            actor: 'a',
            action: 'publish-rule',
            target: `R-00${i}`,
            note: `n${i}`,
            before: null,
            after: null,
          });
        const first = await store.listAudit({ limit: 2 });
        expect(first.items.map((e) => e.note)).toEqual(['n4', 'n3']);
        const second = await store.listAudit({ limit: 2, cursor: first.nextCursor });
        expect(second.items.map((e) => e.note)).toEqual(['n2', 'n1']);
        const third = await store.listAudit({ limit: 2, cursor: second.nextCursor });
        expect(third.items.map((e) => e.note)).toEqual(['n0']);
        expect(third.nextCursor).toBeNull();
        expect(first.items[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        await expect(store.listAudit({ limit: 2, cursor: 'AAAA' })).rejects.toMatchObject({
          code: 'usage_error',
        });
      });
    });
  });
}
