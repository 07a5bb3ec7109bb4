// /openapi.json against express's own router: every route served is documented, and every documented route is served.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('reuses schemas/*.json and resolves every $ref', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json;
    expect(doc.components.schemas.Filing.$id).toMatch(/filing\.schema\.json$/);
    expect(doc.components.schemas.Report.$id).toMatch(/report\.schema\.json$/);
    const refs = new Set<string>();
    const walk = (v: unknown, inForeign: boolean) => {
      if (Array.isArray(v)) v.forEach((x) => walk(x, inForeign));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        // refs inside a reused schema resolve against that schema's own $id
        const foreign = inForeign || typeof o.$id === 'string';
        if (typeof o.$ref === 'string' && !foreign) refs.add(o.$ref);
        Object.values(o).forEach((x) => walk(x, foreign));
      }
    };
    walk(doc, false);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });
});
