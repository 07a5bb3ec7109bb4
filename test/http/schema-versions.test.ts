// Filing schema versions over HTTP: schema 1 and 2 accepted, schema 1 retired from 2027-01-01 (422 schema_retired).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ComplianceError } from '../../src/errors.js';
import { validateFiling } from '../../src/filing/validate.js';
import { toProblem } from '../../src/http/errors.js';
import { makeDocument } from '../support/filing-factory.js';
import { pointers, startServer, type TestServer } from './support.js';

const ending = (end: string) => ({
  '/period': { start: '2026-12-20', end },
  '/submittedAt': `${end}T18:00:00+08:00`,
});
/** What validateFiling throws for a document. */
function refusal(doc: unknown): ComplianceError {
  try {
    validateFiling(doc);
  } catch (e) {
    if (e instanceof ComplianceError) return e;
    throw e;
  }
  throw new Error('the filing was accepted');
}

describe('schema_retired as a problem document', () => {
  it('is 422 naming /schemaVersion', () => {
    const { doc, unexpected } = toProblem(refusal(makeDocument(ending('2027-01-01'), 1)));
    expect(unexpected).toBe(false);
    expect(doc).toMatchObject({ status: 422, code: 'schema_retired', title: 'Unprocessable Content' });
    expect(doc.problems).toEqual([
      expect.objectContaining({ code: 'schema_retired', pointer: '/schemaVersion' }),
    ]);
  });
});

describe('schema versions over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => {
    await t?.close();
  });
  const check = (body: unknown, type?: string) =>
    t.request('POST', '/v1/check', { token: t.tokens.officer, body, ...(type ? { type } : {}) });

  it('judges schema 1 and schema 2 filings', async () => {
    for (const version of [1, 2] as const) {
      const res = await check(makeDocument({}, version));
      expect(res.status).toBe(200);
      expect(res.json.filingId).toBe('base-2021-06b');
    }
  });

  it('accepts schema 1 for a period ending 2026-12-31', async () => {
    expect((await check(makeDocument(ending('2026-12-31'), 1))).status).toBe(200);
  });

  it('refuses schema 1 for a period ending 2027-01-01: 422 schema_retired naming /schemaVersion', async () => {
    const res = await check(stringify(makeDocument(ending('2027-01-01'), 1)), 'application/yaml');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json).toMatchObject({
      status: 422,
      code: 'schema_retired',
      type: expect.stringMatching(/schema_retired$/),
    });
    expect(res.json.problems).toEqual([
      expect.objectContaining({
        code: 'schema_retired',
        pointer: '/schemaVersion',
        message: expect.stringMatching(/2027-01-01/),
      }),
    ]);
    expect(res.json.detail).toMatch(/schema 1 is retired/);
  });

  it('gives retirement with the other problems, all at once', async () => {
    const res = await check(
      makeDocument({ ...ending('2027-01-01'), '/licenses/0/holderUscc': '91330100MA27Y5LH96' }, 1),
    );
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('filing_invalid');
    expect(pointers(res).sort()).toEqual(['/licenses/0/holderUscc', '/schemaVersion']);
  });

  it('refuses a schema 2 licence without its holder, by pointer', async () => {
    const res = await check(makeDocument({ '/licenses/0/holderUscc': undefined }, 2));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('filing_invalid');
    expect(pointers(res)).toEqual(['/licenses/0/holderUscc']);
  });
});
