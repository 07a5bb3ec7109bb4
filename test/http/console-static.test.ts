// The console's static files at /: public, the page never cached, hashed assets cached for a year, a plain page when not built.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support.js';

describe('the console at /', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'compliance-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    t = await startServer({ consoleDir: `${dir}/` });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page without a token, never cached, with the security headers', async () => {
    const res = await t.request('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/assets/app-1.js');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves hashed assets for a year', async () => {
    const res = await t.request('GET', '/assets/app-1.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('an unknown asset or path is a problem+json 404, and the API still needs a token', async () => {
    const missing = await t.request('GET', '/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('GET', '/v1/me')).status).toBe(401);
    expect((await t.request('GET', '/assets/../index.html')).status).not.toBe(500);
  });
});

describe('the console not built', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ consoleDir: null });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says how to build it', async () => {
    const res = await t.request('GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('npm run build');
  });
});
