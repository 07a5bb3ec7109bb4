// Two real service processes (the built CLI) on one fresh PostgreSQL database (DESIGN §10): a publish on
// A judges the next submit on B, a filing raced to both is stored once, racing publishes with one If-Match
// land once, and a rate limit spent on A holds on B. Skipped, and says so, when no PostgreSQL answers.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { issueToken } from '../../src/store/tokens.js';
import { CLI, requireBuild } from '../support/cli.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';
import { FIXTURE_RULES_DIR, filingFor } from '../store/support.js';

const available = await postgresAvailable();

/** Requests a minute per token on both instances: low enough to spend in a test, high enough for the others. */
const LIMIT = 40;
/** Seconds a start may take on a loaded machine before it counts as stuck. */
const START_S = 25;

interface Instance {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** Starts `compliance serve --db <url> --port 0` and waits until it says where it listens. */
function serve(db: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--db', db, '--port', '0', '--rules', FIXTURE_RULES_DIR, '--rate-limit', String(LIMIT)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // a start that fails must end the process; one that neither serves nor ends is a failure too
    const stuck = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve neither served nor exited within ${START_S} s: ${err}`));
    }, START_S * 1000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(stuck);
        resolve({ child, url: m[1]!, exited, stderr: () => err });
      }
    });
    void exited.then((code) => {
      clearTimeout(stuck);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function call(base: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : null };
}

/** The base filing with a licence 60 days from expiry: LIC-002 fails with a 90-day warning, passes with 30. */
function expiring(id: string, platform: string) {
  const f = filingFor(id, { platform, n: 5 });
  const end = (f.period as { end: string }).end;
  (f.licenses as Record<string, unknown>[])[0]!.validUntil = new Date(Date.parse(`${end}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
  return f;
}

describe.runIf(available)('two service instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Instance;
  let b: Instance;
  const tokens = { supervisor: '', officer: '', burst: '' };

  beforeAll(async () => {
    requireBuild();
    db = await createTestDatabase('compliance_instances');
    // one after the other here; starting together is the test below, on a database of its own
    a = await serve(db.url);
    b = await serve(db.url);
    const store = await openPostgresStore(db.url, { max: 1 });
    try {
      tokens.supervisor = (await issueToken(store, { name: 'sam', role: 'supervisor' }, 'test')).secret;
      tokens.officer = (await issueToken(store, { name: 'olive', role: 'officer', platforms: ['race-mutual', 'flip-mutual'] }, 'test')).secret;
      tokens.burst = (await issueToken(store, { name: 'busy', role: 'auditor' }, 'test')).secret;
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    for (const i of [a, b]) {
      if (i && i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
      await i?.exited;
    }
    await db?.drop();
  });

  it('both serve the one seeded version', async () => {
    const onA = await call(a.url, 'GET', '/v1/rules/versions', tokens.supervisor);
    const onB = await call(b.url, 'GET', '/v1/rules/versions', tokens.supervisor);
    expect(onA.status).toBe(200);
    expect(onA.json.versions).toHaveLength(1);
    expect(onB.json).toEqual(onA.json);
  });

  it('two instances started together on an empty database both come up (migrations, seed, job queue schema)', async () => {
    const fresh = await createTestDatabase('compliance_instances_start');
    const started = await Promise.allSettled([serve(fresh.url), serve(fresh.url)]);
    try {
      expect(started.map((s) => (s.status === 'fulfilled' ? 'serving' : String(s.reason).slice(0, 200)))).toEqual(['serving', 'serving']);
    } finally {
      for (const s of started) {
        if (s.status !== 'fulfilled') continue;
        s.value.child.kill('SIGTERM');
        await s.value.exited;
      }
      await fresh.drop();
    }
  });

  it('a publish on A judges the next submit on B by the new version', async () => {
    const check = await call(b.url, 'POST', '/v1/check', tokens.officer, expiring('flip-1', 'flip-mutual'));
    expect(check.json.verdict).toBe('fail');
    const params = await call(a.url, 'GET', '/v1/parameters', tokens.supervisor);
    const parameters = { ...params.json.parameters, licenceExpiryWarningDays: [{ from: '2009-10-01', value: 30 }] };
    const published = await call(a.url, 'PUT', '/v1/parameters', tokens.supervisor, { parameters, note: 'warn 30 days ahead' }, { 'if-match': params.headers.get('etag')! });
    expect(published.status).toBe(200);
    const submitted = await call(b.url, 'POST', '/v1/filings', tokens.officer, expiring('flip-1', 'flip-mutual'));
    expect(submitted.status).toBe(201);
    expect(submitted.json.ruleset.version).toBe(published.json.version);
    expect(submitted.json.verdict).toBe('pass');
    const onB = await call(b.url, 'GET', '/v1/parameters', tokens.supervisor);
    expect(onB.headers.get('etag')).toBe(`"${published.json.version}"`);
  });

  it('the same filing submitted to A and B at once is stored once: one 201, one 200 with the same report', async () => {
    for (let n = 0; n < 5; n++) {
      const doc = filingFor(`race-${n}`, { platform: 'race-mutual', n });
      const answers = await Promise.all([a, b].map((i) => call(i.url, 'POST', '/v1/filings', tokens.officer, doc)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(answers[0]!.json).toEqual(answers[1]!.json);
    }
    const listed = await call(a.url, 'GET', '/v1/platforms/race-mutual/filings?limit=100', tokens.supervisor);
    expect(listed.json.items).toHaveLength(5);
  });

  it('racing publishes with one If-Match across A and B: one wins, the other is 412 naming the winner', async () => {
    const params = await call(a.url, 'GET', '/v1/parameters', tokens.supervisor);
    const etag = params.headers.get('etag')!;
    const proposal = (days: number) => ({ parameters: { ...params.json.parameters, licenceExpiryWarningDays: [{ from: '2009-10-01', value: days }] }, note: `warn ${days} days ahead` });
    const [onA, onB] = await Promise.all([
      call(a.url, 'PUT', '/v1/parameters', tokens.supervisor, proposal(45), { 'if-match': etag }),
      call(b.url, 'PUT', '/v1/parameters', tokens.supervisor, proposal(60), { 'if-match': etag }),
    ]);
    expect([onA.status, onB.status].sort()).toEqual([200, 412]);
    const [winner, loser] = onA.status === 200 ? [onA, onB] : [onB, onA];
    expect(loser.json.code).toBe('precondition_failed');
    expect(loser.headers.get('etag')).toBe(`"${winner.json.version}"`);
    // both instances now serve the winner
    for (const i of [a, b]) expect((await call(i.url, 'GET', '/v1/parameters', tokens.supervisor)).headers.get('etag')).toBe(`"${winner.json.version}"`);
    const audit = await call(b.url, 'GET', '/v1/audit?limit=100', tokens.supervisor);
    const publishes = audit.json.items.filter((e: { action: string }) => e.action === 'publish-parameters');
    expect(publishes).toHaveLength(2); // the first test's and the winner's, not the loser's
  });

  it('a rate limit spent on A holds on B, with Retry-After', async () => {
    const onA = await Promise.all(Array.from({ length: LIMIT }, () => call(a.url, 'GET', '/v1/me', tokens.burst)));
    expect(onA.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    const onB = await call(b.url, 'GET', '/v1/me', tokens.burst);
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // another token's allowance is its own
    expect((await call(b.url, 'GET', '/v1/me', tokens.supervisor)).status).toBe(200);
  });

  it('a token revoked beside the instances (as the CLI does) is refused by both at once', async () => {
    const store = await openPostgresStore(db.url, { max: 1 });
    try {
      const secret = (await issueToken(store, { name: 'temp', role: 'auditor' }, 'cli')).secret;
      for (const i of [a, b]) expect((await call(i.url, 'GET', '/v1/me', secret)).status).toBe(200);
      await store.revokeToken('temp', 'cli');
      for (const i of [a, b]) expect((await call(i.url, 'GET', '/v1/me', secret)).json.code).toBe('token_revoked');
    } finally {
      await store.close();
    }
  });

  // last: it leaves this client's address blocked on A
  it('failed authentications spent from one address on A are refused on B (the service default, 60 a minute)', async () => {
    const wrong = `cmp_${'x'.repeat(43)}`;
    const onA = await Promise.all(Array.from({ length: 60 }, () => call(a.url, 'GET', '/v1/me', wrong)));
    expect(onA.filter((r) => r.status === 401)).toHaveLength(60);
    const onB = await call(b.url, 'GET', '/v1/me', wrong);
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
