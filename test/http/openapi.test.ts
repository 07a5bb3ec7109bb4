// /openapi.json against express's own router (every route served is documented, and every documented route is
// served), its $refs, its operationIds, and Redocly's linter (npx redocly lint, offline) with 0 errors.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undocumented } from '../../src/http/openapi.js';
import { REPO_ROOT } from '../support/filing-factory.js';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path/{param}` for every route express serves, read from its router (the 405 catch-alls aside). */
function served(t: TestServer): string[] {
  const stack = (t.app.app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack
    .flatMap((l) =>
      l.route
        ? Object.keys(l.route.methods)
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`)
        : [],
    )
    .sort();
}

describe('/openapi.json', () => {
  it('is served without a token and is OpenAPI 3.1', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
  });

  it('documents exactly the routes express serves', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    const routes = served(t);
    expect(routes.length).toBeGreaterThan(20);
    expect(documented).toEqual(routes);
  });

  it('names for each operation the roles the router enforces', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    for (const r of t.app.routes) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')][r.method];
      if (r.access === 'public') expect(op.security, `${r.method} ${r.path}`).toEqual([]);
      else expect(op['x-roles'], `${r.method} ${r.path}`).toEqual(r.access);
    }
  });

  it('has a unique operationId on every operation, and words (DOCS) for every route', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (ops) => Object.values(ops).map((o) => o.operationId),
    );
    expect(ids.length).toBe(t.app.routes.length);
    for (const id of ids) expect(id).toMatch(/^(get|post|put|delete)[A-Z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(undocumented(t.app.routes)).toEqual([]);
  });

  it("hoists the schema files' definitions into components and resolves every $ref inside the document", async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    expect(doc.components.schemas.Filing.title).toBeDefined();
    expect(doc.components.schemas['Filing.date']).toBeDefined();
    expect(doc.components.schemas['Report.finding']).toBeDefined();
    const refs = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        // a draft-07 leftover would make its $refs resolve elsewhere
        expect(Object.keys(o)).not.toContain('$id');
        expect(Object.keys(o)).not.toContain('definitions');
        if (typeof o.$ref === 'string') refs.add(o.$ref);
        Object.values(o).forEach(walk);
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\//);
      const target = ref
        .slice(2)
        .split('/')
        .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it('passes npx redocly lint with 0 errors, offline', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    const dir = mkdtempSync(join(tmpdir(), 'compliance-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      // --no-install: the devDependency, never a download; no telemetry or update check leaves the machine
      const r = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--format', 'summary'], {
        cwd: fileURLToPath(REPO_ROOT),
        encoding: 'utf8',
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        timeout: 120_000,
      });
      const out = r.stdout + r.stderr;
      expect(out, out).toContain('Your API description is valid');
      expect(out).not.toMatch(/^error /m);
      expect(r.status, out).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
