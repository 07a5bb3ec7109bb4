// /openapi.json as a typed client sees it: openapi-typescript generates `paths` from the served document, and
// real answers of every route, taken from a running server, are type-checked against it in one tsc run.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/http/openapi.js';
import { REPO_ROOT } from '../support/filing-factory.js';
import { failingFiling, filingFor } from '../store/support.js';
import { OWN_PLATFORM, startServer, type TestServer } from './support.js';

type Json = Record<string, unknown>;

/** One real answer: the route (as the OpenAPI document names it), its status and media type, and the body. */
interface Sample {
  method: string;
  path: string;
  status: number;
  type: string;
  /** The parsed JSON, or the text for a media type that is not JSON. */
  body: unknown;
}

/** 2019-03-01 at noon in Shanghai: after the fixture filings' periods, so an order can be opened on them. */
const clock = new Date('2019-03-01T04:00:00Z');

let t: TestServer;
beforeAll(async () => {
  t = await startServer({ now: () => clock });
});
afterAll(async () => {
  await t.close();
});

const samples: Sample[] = [];

/**
 * A scan job's shards are judged by the built scan worker (dist/, which `npm ci` builds); without it the
 * job fails, its status is still a sample, and its results (NDJSON text, 409 until done) are not.
 */
const WORKER_BUILT = existsSync(new URL('dist/src/scan/worker.js', REPO_ROOT));
if (!WORKER_BUILT)
  process.stderr.write('[skip] GET /v1/scans/{id}/results: no dist/src/scan/worker.js (npm run build)\n');

/** Sends a request and keeps its answer as a sample of `template` (the OpenAPI path), expecting `status`. */
async function take(
  method: string,
  template: string,
  path: string,
  status: number,
  opts: { token?: string; body?: unknown; type?: string; headers?: Record<string, string> } = {},
): Promise<Json> {
  const res = await t.request(method, path, { token: opts.token ?? t.tokens.supervisor, ...opts });
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 400)}`).toBe(status);
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  samples.push({
    method: method.toLowerCase(),
    path: template,
    status,
    type,
    body: /[/+]json$/.test(type) ? JSON.parse(res.text) : res.text,
  });
  return res.json as Json;
}

const ifMatch = () => ({ 'if-match': `"${t.app.engines.current.version}"` });

/** Calls every route once or more, as a client would, keeping each answer. */
async function exercise(): Promise<void> {
  const sup = t.tokens.supervisor;
  await take('GET', '/healthz', '/healthz', 200);
  await take('GET', '/readyz', '/readyz', 200);
  await take('GET', '/metrics', '/metrics', 200);
  await take('GET', '/openapi.json', '/openapi.json', 200);
  await take('GET', '/v1/me', '/v1/me', 200, { token: t.tokens.officer });

  // filings: a passing one, a failing one (evidence, citations), the same again (200), a check, a YAML filing
  await take('POST', '/v1/filings', '/v1/filings', 201, { body: filingFor('ok-0', { n: 0 }) });
  await take('POST', '/v1/filings', '/v1/filings', 201, { body: filingFor('ok-1', { n: 1 }) });
  const failing = failingFiling('bad-1');
  await take('POST', '/v1/filings', '/v1/filings', 201, { body: failing });
  await take('POST', '/v1/filings', '/v1/filings', 200, { body: failing });
  await take('POST', '/v1/check', '/v1/check', 200, { body: failingFiling('draft-1') });
  await take('POST', '/v1/check', '/v1/check?lang=zh', 200, { body: filingFor('draft-2') });
  await take('POST', '/v1/check', '/v1/check', 200, {
    body: failingFiling('draft-3'),
    headers: { accept: 'application/sarif+json' },
  });
  await take('POST', '/v1/check', '/v1/check', 200, {
    body: failingFiling('draft-4'),
    headers: { accept: 'text/html' },
  });

  await take('GET', '/v1/filings/{id}', '/v1/filings/bad-1', 200);
  await take('GET', '/v1/filings/{id}', '/v1/filings/bad-1?as=received', 200);
  await take('GET', '/v1/filings/{id}/report', '/v1/filings/bad-1/report', 200);
  await take(
    'GET',
    '/v1/platforms/{platform}/filings/{id}',
    `/v1/platforms/${OWN_PLATFORM}/filings/ok-0`,
    200,
  );
  await take(
    'GET',
    '/v1/platforms/{platform}/filings/{id}/report',
    '/v1/platforms/xianghubao/filings/bad-1/report',
    200,
  );
  await take('GET', '/v1/platforms', '/v1/platforms', 200);
  await take('GET', '/v1/platforms/{id}/filings', `/v1/platforms/${OWN_PLATFORM}/filings?limit=1`, 200);

  // orders: open on the failing filing, read, list, close; one platform's page with it open
  const order = await take('POST', '/v1/orders', '/v1/orders', 201, {
    body: { platformId: 'xianghubao', ruleId: 'LIC-001', fromFilingId: 'bad-1', note: 'get a licence' },
  });
  await take('GET', '/v1/platforms/{platform}', '/v1/platforms/xianghubao', 200);
  await take('GET', '/v1/platforms/{platform}', `/v1/platforms/${OWN_PLATFORM}`, 200);
  await take('GET', '/v1/orders/{id}', `/v1/orders/${String(order.id)}`, 200);
  await take('GET', '/v1/orders', '/v1/orders', 200);
  await take('POST', '/v1/orders/{id}/close', `/v1/orders/${String(order.id)}/close`, 200, {
    body: { note: 'withdrawn' },
  });
  await take('GET', '/v1/watchlist', '/v1/watchlist', 200, { token: t.tokens.auditor });

  // scans: NDJSON in and out, the store synchronously, a job with its status, results and cancellation
  const ndjson =
    [filingFor('scan-0'), failingFiling('scan-1')].map((f) => JSON.stringify(f)).join('\n') + '\n';
  await take('POST', '/v1/scans', '/v1/scans', 200, { body: ndjson, type: 'application/x-ndjson' });
  await take('POST', '/v1/scans', '/v1/scans', 200, { body: { source: 'store' } });
  const job = await take('POST', '/v1/scans', '/v1/scans', 202, { body: { source: 'store', async: true } });
  const finished = WORKER_BUILT ? ['done'] : ['done', 'failed'];
  for (let i = 0; ; i++) {
    const res = await t.request('GET', `/v1/scans/${String(job.id)}`, { token: sup });
    if (finished.includes(res.json.state as string)) break;
    if (i > 400) throw new Error(`scan ${String(job.id)} never finished: ${res.text}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await take('GET', '/v1/scans/{id}', `/v1/scans/${String(job.id)}`, 200);
  if (WORKER_BUILT) await take('GET', '/v1/scans/{id}/results', `/v1/scans/${String(job.id)}/results`, 200);
  await take('DELETE', '/v1/scans/{id}', `/v1/scans/${String(job.id)}`, 200);

  // the rule set: read, lint, preview, publish, delete, roll back, audit
  await take('GET', '/v1/rules', '/v1/rules', 200);
  await take('GET', '/v1/rules/versions', '/v1/rules/versions', 200);
  const rule = await take('GET', '/v1/rules/{id}', '/v1/rules/NAME-001', 200);
  const parameters = await take('GET', '/v1/parameters', '/v1/parameters', 200);
  const waivers = await take('GET', '/v1/waivers', '/v1/waivers', 200);
  const ruleYaml = String(rule.yaml);
  await take('POST', '/v1/rules/lint', '/v1/rules/lint', 200, { body: { kind: 'rule', yaml: ruleYaml } });
  await take('POST', '/v1/rules/lint', '/v1/rules/lint', 200, {
    body: { kind: 'rule', yaml: ruleYaml.replace(/^severity: .*$/m, 'severity: huge') },
  });
  await take('POST', '/v1/rules/preview', '/v1/rules/preview', 200, {
    body: { rules: { 'NAME-001': null }, all: true },
  });
  const first = t.app.engines.current.version;
  await take('PUT', '/v1/rules/{id}', '/v1/rules/NAME-001', 200, {
    headers: ifMatch(),
    body: { yaml: ruleYaml, note: 'unchanged' },
  });
  await take('PUT', '/v1/rules/{id}', '/v1/rules/NAME-009', 201, {
    headers: ifMatch(),
    body: { yaml: ruleYaml.replace(/^id: NAME-001$/m, 'id: NAME-009'), note: 'a copy' },
  });
  await take('DELETE', '/v1/rules/{id}', '/v1/rules/NAME-009', 200, {
    headers: ifMatch(),
    body: { note: 'gone' },
  });
  await take('PUT', '/v1/parameters', '/v1/parameters', 200, {
    headers: ifMatch(),
    body: { parameters: parameters.parameters, note: 'unchanged' },
  });
  await take('PUT', '/v1/waivers', '/v1/waivers', 200, {
    headers: ifMatch(),
    body: { waivers: waivers.waivers, note: 'unchanged' },
  });
  await take('POST', '/v1/rules/rollback', '/v1/rules/rollback', 200, {
    headers: ifMatch(),
    body: { version: first, note: 'back' },
  });
  await take('GET', '/v1/audit', '/v1/audit?limit=50', 200);

  // a problem document (every route's errors share it)
  await take('GET', '/v1/filings/{id}', '/v1/filings/no-such-filing', 404);
  await take('POST', '/v1/check', '/v1/check', 422, { body: { filingId: 'x' } });
}

/** `paths['/v1/…']['get']['responses']['200']['content']['application/json']`, as TypeScript. */
const typeOf = (s: Sample) =>
  `paths[${JSON.stringify(s.path)}][${JSON.stringify(s.method)}]['responses'][${s.status}]['content'][${JSON.stringify(s.type)}]`;

/** Type-checks `files` (name → text) with the compiler API, strict; every diagnostic as file:line: message. */
function typeCheck(dir: string, files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram({
    rootNames: Object.keys(files)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
    options: {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
      exactOptionalPropertyTypes: false,
    },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const name = d.file ? d.file.fileName.slice(dir.length + 1) : '';
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    return `${name}:${where ? where.line + 1 : 0}: ${text.split('\n').slice(0, 6).join(' / ')}`;
  });
}

describe('a client generated from /openapi.json with openapi-typescript', () => {
  it('types every route’s real answers: tsc finds no error', async () => {
    await exercise();
    const served = t.app.routes.map((r) => `${r.method} ${openApiPath(r.path)}`);
    const taken = new Set(samples.filter((s) => s.status < 300).map((s) => `${s.method} ${s.path}`));
    expect(
      served.filter((r) => !taken.has(r)),
      'routes without a sample',
    ).toEqual(WORKER_BUILT ? [] : ['get /v1/scans/{id}/results']);

    const doc = (await t.request('GET', '/openapi.json')).json as OpenAPI3;
    const api = astToString(await openapiTS(doc));
    // a bare { type: object } becomes Record<string, never>, which no real object with fields satisfies
    const closed = (api.match(/^.*Record<string, never>.*$/gm) ?? []).filter(
      (l) => !/^export type (webhooks|\$defs) =/.test(l),
    );
    expect(closed, 'schemas that allow no field').toEqual([]);

    const lines = samples.map((s, i) => `export const s${i}: ${typeOf(s)} = ${JSON.stringify(s.body)};`);
    // and the types have teeth: a verdict no report has, or a field no finding has, is an error (each is
    // marked as expected, and an expected error that does not happen is an error too)
    const report = samples.find((s) => s.path === '/v1/check' && s.type === 'application/json')!;
    const reportType = typeOf(report);
    const body = report.body as { findings: Json[] };
    lines.push(
      `// @ts-expect-error not a verdict\nexport const bad0: ${reportType} = ${JSON.stringify({ ...body, verdict: 'maybe' })};`,
      `// @ts-expect-error not a field of a finding\nexport const bad1: ${reportType} = ${JSON.stringify({ ...body, findings: [{ ...body.findings[0], colour: 'red' }] })};`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'compliance-openapi-types-'));
    try {
      const errors = typeCheck(dir, {
        'api.ts': api,
        'answers.ts': `import type { paths } from './api.js';\n${lines.join('\n')}\n`,
        'package.json': '{ "type": "module" }',
      });
      // name each error's route, so a failure says which answer the document does not describe
      const described = errors.map((e) => {
        const m = /^answers\.ts:(\d+):/.exec(e);
        const s = m ? samples[Number(m[1]) - 2] : undefined;
        return s ? `${s.method.toUpperCase()} ${s.path} ${s.status} ${s.type}: ${e}` : e;
      });
      expect(described).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
