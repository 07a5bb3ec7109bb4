// Numbers beyond a double's precision and out of bounds (DESIGN §3 revision 3) over HTTP: 422 at the pointer, never a library's words.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reaches into any field
type Json = Record<string, any>;

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

/** A filing as JSON text with its first disclosure's share written as `literal`. */
function withShare(literal: string, id = 'num-1'): string {
  const f = filingFor(id) as { disclosures: Record<string, unknown>[] };
  f.disclosures[0]!.perMemberShareCny = '@@';
  return JSON.stringify(f).replace('"@@"', literal);
}

const LIBRARY_WORDS = /DecimalError|TypeError|RangeError|Invalid argument|\bNaN\b|Infinity|at Object\./;

describe.each(['/v1/check', '/v1/filings'])('POST %s', (path) => {
  it.each(['1.7976931348623157e308', '1194001.989999999999999999'])('refuses %s with 422 number_too_precise at its pointer', async (literal) => {
    const res = await t.request('POST', path, { token: t.tokens.supervisor, body: withShare(literal) });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('filing_invalid');
    expect(res.json.problems).toEqual([expect.objectContaining({ code: 'number_too_precise', pointer: '/disclosures/0/perMemberShareCny' })]);
    expect(res.text).not.toMatch(LIBRARY_WORDS);
  });

  it('refuses the same in a YAML body, at its line and column', async () => {
    const f = filingFor('num-y') as { disclosures: Record<string, unknown>[] };
    f.disclosures[0]!.perMemberShareCny = 1;
    const text = stringify(f).replace(/perMemberShareCny: 1\b/, 'perMemberShareCny: 1.7976931348623157e+308');
    const res = await t.request('POST', path, { token: t.tokens.supervisor, body: text, type: 'application/yaml' });
    expect(res.status).toBe(422);
    expect(res.json.problems).toEqual([expect.objectContaining({ code: 'number_too_precise', pointer: '/disclosures/0/perMemberShareCny', line: expect.any(Number) })]);
    expect(res.text).not.toMatch(LIBRARY_WORDS);
  });

  it.each(['1e308', '1e999', '10000000000001'])('refuses %s with 422 naming the bound', async (literal) => {
    const res = await t.request('POST', path, { token: t.tokens.supervisor, body: withShare(literal) });
    expect(res.status).toBe(422);
    expect(res.json.problems).toEqual([expect.objectContaining({ pointer: '/disclosures/0/perMemberShareCny', message: expect.stringMatching(/must be (<= 10000000000000|number)/) })]);
    expect(res.text).not.toMatch(LIBRARY_WORDS);
  });
});

it('a scan line with such a number is an invalid line naming it, and the scan goes on', async () => {
  const body = `${withShare('1.7976931348623157e308', 'num-a')}\n${JSON.stringify(filingFor('num-b'))}\n`;
  const res = await t.request('POST', '/v1/scans', { token: t.tokens.supervisor, body, type: 'application/x-ndjson' });
  expect(res.status).toBe(200);
  const [ruleset, ...lines] = res.text.trim().split('\n').map((l) => JSON.parse(l) as Json);
  expect(ruleset).toMatchObject({ type: 'ruleset' });
  expect(lines[0]).toMatchObject({ type: 'invalid', errors: [expect.objectContaining({ code: 'number_too_precise', pointer: '/disclosures/0/perMemberShareCny' })] });
  expect(lines[1]!.filingId ?? lines[1]!.type).toBeDefined();
  expect(res.text).not.toMatch(LIBRARY_WORDS);
});

it('locates a YAML filing body’s schema problems at their line and column', async () => {
  const f = filingFor('yaml-loc') as Json;
  f.products[0].managmentFeeRate = 0.08;
  delete f.products[0].managementFeeRate;
  const text = stringify(f);
  const res = await t.request('POST', '/v1/check', { token: t.tokens.supervisor, body: text, type: 'application/yaml' });
  expect(res.status).toBe(422);
  const lines = text.split('\n');
  const unknown = (res.json.problems as { pointer: string; message: string; line: number; column: number }[]).find((p) => p.pointer === '/products/0/managmentFeeRate')!;
  expect(lines[unknown.line - 1]!.slice(unknown.column - 1)).toMatch(/^managmentFeeRate: 0\.08/);
});
