// `compliance serve` as a process (the built CLI; the test setup builds it): first start, a SIGKILL after a
// 201, a graceful SIGTERM; and token create's stdout. The other service commands: test/cli/service.test.ts.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { FIXTURE_RULES_DIR, baseFiling, filingFor, tempDir } from '../store/support.js';
import { send } from './support.js';
import { CLI, requireBuild, runHere } from '../support/cli.js';
import { REGISTRIES } from '../../src/engine/registries.js';


function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: Running[] = [];

/** Waits (up to 5 s) for a condition on a child's output. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Starts `compliance serve` on a free port and waits until it says where it listens. */
async function serve(db: string, extra: string[] = ['--rules', FIXTURE_RULES_DIR]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const r = { child, url, stdout: () => out, stderr: () => err, exited };
  running.push(r);
  return r;
}

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  requireBuild();
  tmp = tempDir('compliance-cli-');
});

/** A service command run in-process (only `serve` itself needs a process here). */
async function here(args: string[]) {
  const r = await runHere(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await r.exited;
  }
});
afterAll(() => tmp.remove());

describe('compliance token create as a process', () => {
  it('writes the token alone to standard output and everything else to standard error', () => {
    const created = cli(['token', 'create', '--db', join(tmp.dir, 'tokens', 'p.db'), '--role', 'auditor', '--name', 'ada']);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^cmp_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/^compliance: created tok_[0-9a-f]{12}: ada \(auditor\)\n$/);
  });
});

describe('compliance serve', () => {
  it('on first start seeds the bundled pack, creates the folder, and says how to make a first token', async () => {
    const db = join(tmp.dir, 'first', 'data', 'compliance.db');
    const svc = await serve(db, []);
    expect(existsSync(db)).toBe(true);
    await until(() => svc.stderr().includes('no token can use this service'));
    // the suggested command works as printed: pasted into a shell where the service was started
    const printed = /^ {2}(.+ token create .+)$/m.exec(svc.stderr())![1]!;
    expect(printed).toMatch(/^npx compliance token create --db \S+ --role supervisor --name admin$/);
    const made = spawnSync('bash', ['-c', printed], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^cmp_/);
    expect((await send(svc.url, 'GET', '/v1/rules', { token })).status).toBe(200);
    const ready = await send(svc.url, 'GET', '/readyz');
    expect(ready.json.ruleset).toEqual({ version: loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES).version, label: 1 });
    await until(() => svc.stdout().includes('"route":"/readyz"'));
    const log = svc
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.find((l) => l.msg === 'listening')).toMatchObject({ url: svc.url });
    expect(log.find((l) => l.msg === 'request' && l.route === '/readyz')).toMatchObject({
      reqId: expect.any(String),
      status: 200,
    });
  });

  it('keeps a filing acknowledged with 201 through a SIGKILL and a restart', async () => {
    const db = join(tmp.dir, 'kill', 'compliance.db');
    const token = (await here(['token', 'create', '--db', db, '--role', 'supervisor', '--name', 'sam'])).stdout.trim();
    const first = await serve(db);
    expect(first.stderr()).not.toContain('no token can use this service');
    const submitted = await send(first.url, 'POST', '/v1/filings', { token, body: filingFor('durable-1') });
    expect(submitted.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await serve(db);
    const filing = await send(second.url, 'GET', '/v1/filings/durable-1', { token });
    expect(filing.status).toBe(200);
    expect(filing.json.filing).toEqual(filingFor('durable-1'));
    const report = await send(second.url, 'GET', '/v1/filings/durable-1/report', { token });
    expect(report.text).toBe(submitted.text);
  });

  it('honours a token revoked with the CLI at once, and backs up while running', async () => {
    const db = join(tmp.dir, 'live', 'compliance.db');
    const svc = await serve(db);
    const token = (await here(['token', 'create', '--db', db, '--role', 'supervisor', '--name', 'sam'])).stdout.trim();
    expect((await send(svc.url, 'POST', '/v1/filings', { token, body: baseFiling() })).status).toBe(201);
    const to = join(tmp.dir, 'live', 'backup', 'copy.db');
    const backup = await here(['backup', '--db', db, '--to', to]);
    expect(backup.status).toBe(0);
    expect((await here(['backup', '--db', db, '--to', to])).status).toBe(2);
    const copy = await serve(to);
    expect((await send(copy.url, 'GET', '/v1/filings/base-2021-06b', { token })).status).toBe(200);
    expect((await here(['token', 'revoke', 'sam', '--db', db])).status).toBe(0);
    expect((await send(svc.url, 'GET', '/v1/rules', { token })).status).toBe(401);
  });

  it('on SIGTERM stops accepting, finishes the request in flight, and exits 0', async () => {
    const db = join(tmp.dir, 'term', 'compliance.db');
    const token = (await here(['token', 'create', '--db', db, '--role', 'supervisor', '--name', 'sam'])).stdout.trim();
    const svc = await serve(db);
    const url = new URL(`${svc.url}/v1/check`);
    const text = JSON.stringify(baseFiling());
    // a request whose body is half sent when the signal arrives
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(text.slice(0, 100));
      setTimeout(() => {
        svc.child.kill('SIGTERM');
        setTimeout(() => req.end(text.slice(100)), 300);
      }, 200);
    });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).verdict).toBe('pass');
    expect(await svc.exited).toBe(0);
    expect(svc.stdout()).toContain('"msg":"stopped"');
    await expect(send(svc.url, 'GET', '/healthz')).rejects.toThrow();
  });
});

