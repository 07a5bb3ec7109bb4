// Filing ids unique within a platform: canonical routes, the /v1/filings/:id shortcut and ambiguous_filing_id.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { OTHER_PLATFORM, OWN_PLATFORM, startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const canonical = (platform: string, id: string) => `/v1/platforms/${platform}/filings/${id}`;

describe('filing ids per platform', () => {
  it('lets two platforms use one id without either learning of the other', async () => {
    const own = filingFor('same-1', { n: 40 });
    const other = filingFor('same-1', { n: 40, platform: OTHER_PLATFORM });
    (other.members as Record<string, number>).active = 4321;
    const a = await t.request('POST', '/v1/filings', { token: t.tokens.officer, body: own });
    expect(a.status).toBe(201);
    expect(a.headers.get('location')).toBe(canonical(OWN_PLATFORM, 'same-1'));
    // the other platform's officer gets the same answer as if the id were free
    const b = await t.request('POST', '/v1/filings', { token: t.tokens.otherOfficer, body: other });
    expect(b.status).toBe(201);
    expect(b.headers.get('location')).toBe(canonical(OTHER_PLATFORM, 'same-1'));
    // each platform's id is its own: the same document again is 200, another is 409
    expect((await t.request('POST', '/v1/filings', { token: t.tokens.otherOfficer, body: other })).status).toBe(200);
    (other.members as Record<string, number>).active = 1234;
    const taken = await t.request('POST', '/v1/filings', { token: t.tokens.otherOfficer, body: other });
    expect([taken.status, taken.json.code]).toEqual([409, 'filing_id_taken']);
  });

  it('serves each platform’s filing and report on the canonical routes', async () => {
    const own = await t.request('GET', canonical(OWN_PLATFORM, 'same-1'), { token: t.tokens.auditor });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ filingId: 'same-1', platformId: OWN_PLATFORM });
    expect(own.json.report).toBe(`${canonical(OWN_PLATFORM, 'same-1')}/report`);
    const other = await t.request('GET', canonical(OTHER_PLATFORM, 'same-1'), { token: t.tokens.supervisor });
    expect(other.json).toMatchObject({ platformId: OTHER_PLATFORM, filing: { members: { active: 4321 } } });
    const report = await t.request('GET', `${canonical(OTHER_PLATFORM, 'same-1')}/report`, {
      token: t.tokens.otherOfficer,
    });
    expect([report.status, report.json.filingId]).toEqual([200, 'same-1']);
    const received = await t.request('GET', `${canonical(OWN_PLATFORM, 'same-1')}?as=received`, {
      token: t.tokens.officer,
    });
    expect(JSON.parse(received.text)).toMatchObject({ platform: { id: OWN_PLATFORM } });
  });

  it('answers 404 for another platform’s filing to an officer, and for an id a platform does not use', async () => {
    for (const path of [canonical(OTHER_PLATFORM, 'same-1'), `${canonical(OTHER_PLATFORM, 'same-1')}/report`]) {
      const res = await t.request('GET', path, { token: t.tokens.officer });
      expect([res.status, res.json.code], path).toEqual([404, 'filing_not_found']);
    }
    const none = await t.request('GET', canonical('nobody', 'same-1'), { token: t.tokens.supervisor });
    expect([none.status, none.json.code]).toEqual([404, 'filing_not_found']);
    // a platform that does not exist and one the officer may not see answer alike
    const hidden = await t.request('GET', canonical(OTHER_PLATFORM, 'nope'), { token: t.tokens.officer });
    const missing = await t.request('GET', canonical(OTHER_PLATFORM, 'same-1'), { token: t.tokens.officer });
    expect(hidden.json.detail).toBe(missing.json.detail.replace('same-1', 'nope'));
  });

  it('keeps /v1/filings/:id as a shortcut within what the caller may see', async () => {
    // each officer sees only their own platform's filing under the id
    const own = await t.request('GET', '/v1/filings/same-1', { token: t.tokens.officer });
    expect([own.status, own.json.platformId]).toEqual([200, OWN_PLATFORM]);
    const other = await t.request('GET', '/v1/filings/same-1/report', { token: t.tokens.otherOfficer });
    expect(other.status).toBe(200);
    expect(JSON.parse(other.text).filingId).toBe('same-1');
    const theirs = await t.request('GET', `${canonical(OTHER_PLATFORM, 'same-1')}/report`, {
      token: t.tokens.supervisor,
    });
    expect(other.text).toBe(theirs.text);
  });

  it('answers 409 ambiguous_filing_id with the canonical links when several visible platforms use the id', async () => {
    for (const token of [t.tokens.supervisor, t.tokens.auditor]) {
      for (const suffix of ['', '/report']) {
        const res = await t.request('GET', `/v1/filings/same-1${suffix}`, { token });
        expect([res.status, res.json.code]).toEqual([409, 'ambiguous_filing_id']);
        expect(res.json.filings).toEqual([
          {
            platformId: OWN_PLATFORM,
            href: canonical(OWN_PLATFORM, 'same-1'),
            report: `${canonical(OWN_PLATFORM, 'same-1')}/report`,
          },
          {
            platformId: OTHER_PLATFORM,
            href: canonical(OTHER_PLATFORM, 'same-1'),
            report: `${canonical(OTHER_PLATFORM, 'same-1')}/report`,
          },
        ]);
      }
    }
  });

  it('reads supersedes within the filing’s own platform', async () => {
    const fix = filingFor('same-2', { n: 40, platform: OTHER_PLATFORM, supersedes: 'same-1' });
    expect((await t.request('POST', '/v1/filings', { token: t.tokens.otherOfficer, body: fix })).status).toBe(201);
    const old = await t.request('GET', canonical(OTHER_PLATFORM, 'same-1'), { token: t.tokens.supervisor });
    expect(old.json).toMatchObject({ current: false, supersededBy: 'same-2' });
    const untouched = await t.request('GET', canonical(OWN_PLATFORM, 'same-1'), { token: t.tokens.supervisor });
    expect(untouched.json).toMatchObject({ current: true, supersededBy: null });
    // an officer cannot supersede another platform's filing by naming its id
    const probe = filingFor('probe-1', { n: 42, supersedes: 'same-2' });
    const res = await t.request('POST', '/v1/filings', { token: t.tokens.officer, body: probe });
    expect([res.status, res.json.code]).toEqual([409, 'supersedes_invalid']);
  });
});
