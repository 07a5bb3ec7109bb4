// Fuzz over HTTP (seeded, bounded): random filing bodies, YAML bodies, NDJSON lines and rule files against a real server; never a 5xx, a stack trace or JavaScript error text, never slow.

import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { startServer, type TestResponse, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

/** A loaded CI machine runs several suites at once: generous, but far below "seconds per request". */
const PER_REQUEST_MS = 2000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const JS_ERROR = /DecimalError|Invalid argument|TypeError|RangeError|ReferenceError|SyntaxError: |Maximum call stack|at Object\.|at async |node:internal|\.ts:\d+:\d+|\.js:\d+:\d+|undefined is not|Cannot read prop/;

async function timed(send: () => Promise<TestResponse>): Promise<TestResponse> {
  const t0 = performance.now();
  const res = await send();
  const took = performance.now() - t0;
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  expect(res.text).not.toMatch(JS_ERROR);
  expect(took, `${res.status} ${res.text.slice(0, 120)}`).toBeLessThan(PER_REQUEST_MS);
  return res;
}

/** Odd values for any place in a document. */
const odd = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, 1.7976931348623157e308, 5e-324, 10_000_000_000_000.5, -0, '', ' ', '\u0000', '\uD800', '__proto__', 'toString', '9999-99-99', '2024-02-30', '相互保'),
  fc.constantFrom([], {}, [[]], [{}], { __proto__: 1 }, JSON.parse('{"__proto__": {"x": 1}}'), { constructor: { prototype: 1 } }),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Every path of a value, to pick one to break. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** A valid filing with a few of its values replaced, removed or given odd siblings. */
const brokenFiling = fc
  .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), odd), { minLength: 1, maxLength: 4 }))
  .map(([n, edits]) => {
    const f = filingFor(`fuzz-${n % 1000}`, { n: n % 200 }) as Record<string, unknown>;
    for (const [pick, how, value] of edits) {
      const all = paths(f).filter((p) => p.length > 0);
      const path = all[pick % all.length]!;
      let parent: Record<string | number, unknown> = f;
      for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      // a copy: fast-check's constants are shared between runs, and must never end up inside themselves
      if (how === 'set') parent[last] = structuredClone(value);
      else if (how === 'delete') delete parent[last];
      else if (!Array.isArray(parent)) parent[`x${String(last)}`] = structuredClone(value);
    }
    return f;
  });

/** YAML-ish text from pieces that stress a YAML reader. */
const yamlish = fc
  .array(
    fc.constantFrom('- ', '? ', ': ', 'a', 'b: ', '[', ']', '{', '}', ', ', '"', "'", ' #', '\n', '  ', '|', '>', '&x ', '*x', '!t ', '---\n', '%YAML 1.2\n', '<<: ', '\\', '\t', '\uFEFF', '~', 'filingId: x\n'),
    { maxLength: 60 },
  )
  .map((p) => p.join(''));

describe('fuzz: filings', () => {
  it('random filings as JSON and YAML, checked and submitted', async () => {
    await fc.assert(
      fc.asyncProperty(brokenFiling, fc.boolean(), fc.constantFrom('/v1/check', '/v1/filings'), async (f, asYaml, path) => {
        const body = asYaml ? stringify(f, { aliasDuplicateObjects: false }) : JSON.stringify(f);
        await timed(() =>
          t.request('POST', path, {
            token: t.tokens.supervisor,
            body,
            type: asYaml ? 'application/yaml' : 'application/json',
          }),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('random text as a YAML or JSON filing body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(yamlish, fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v))),
        fc.constantFrom('application/yaml', 'application/json'),
        async (body, type) => {
          await timed(() => t.request('POST', '/v1/check', { token: t.tokens.officer, body, type }));
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('random NDJSON lines in a scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(brokenFiling.map((f) => JSON.stringify(f)), fc.string({ maxLength: 60 })), { maxLength: 6 }), async (lines) => {
        const res = await timed(() =>
          t.request('POST', '/v1/scans', { token: t.tokens.auditor, body: lines.join('\n'), type: 'application/x-ndjson' }),
        );
        expect(res.status).toBe(200);
        expect(res.text.trim().split('\n').at(-1)).toContain('"summary"');
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('fuzz: rule files', () => {
  it('random rule YAML linted and published is 2xx or 4xx with locations', async () => {
    const current = await t.request('GET', '/v1/rules/NAME-001', { token: t.tokens.supervisor });
    expect(current.status).toBe(200);
    const base = current.json.yaml as string;
    const mutated = fc.oneof(
      yamlish,
      fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([at, s]) => {
        const i = at % base.length;
        return base.slice(0, i) + s + base.slice(i);
      }),
      fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => {
        const i = at % base.length;
        return base.slice(0, i) + base.slice(i + n);
      }),
      fc.constantFrom('toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty').map((name) =>
        base.replace(/operator: \w+/, `operator: ${name}`),
      ),
    );
    await fc.assert(
      fc.asyncProperty(mutated, async (yaml) => {
        const lint = await timed(() =>
          t.request('POST', '/v1/rules/lint', { token: t.tokens.auditor, body: { kind: 'rule', yaml } }),
        );
        expect([200, 400, 422]).toContain(lint.status);
        const put = await timed(() =>
          t.request('PUT', '/v1/rules/NAME-001', {
            token: t.tokens.supervisor,
            body: { yaml, note: 'fuzz' },
            headers: { 'if-match': `"${t.app.engines.current.version}"` },
          }),
        );
        if (put.status >= 400) {
          for (const p of put.json.problems ?? []) expect(p.line ?? p.pointer, JSON.stringify(p)).toBeDefined();
        }
        // whatever was published, checks keep working
        await timed(() => t.request('POST', '/v1/check', { token: t.tokens.officer, body: filingFor('after-fuzz') }));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
