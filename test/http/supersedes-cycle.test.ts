// A correction loop against the store (DESIGN §3 revision 3): X supersedes Y where the stored Y supersedes X is
// refused as supersedes_cycle naming both — the store's own rules keep a loop from ever being stored.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { filingFor } from '../store/support.js';
import { startServer, type TestServer } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

it('refuses X supersedes Y when the stored Y supersedes X, naming both, in either language', async () => {
  const post = (body: unknown, lang = 'en') => t.request('POST', `/v1/filings?lang=${lang}`, { token: t.tokens.supervisor, body });
  expect((await post(filingFor('x', { n: 1 }))).status).toBe(201);
  expect((await post(filingFor('y', { n: 1, supersedes: 'x' }))).status).toBe(201);
  const loop = filingFor('x', { n: 1, supersedes: 'y' });
  const res = await post(loop);
  expect(res.status).toBe(409);
  expect(res.json).toMatchObject({ code: 'supersedes_cycle', problems: [expect.objectContaining({ code: 'supersedes_cycle', pointer: '/supersedes', message: expect.stringMatching(/x supersedes y supersedes x/) })] });
  const zh = await post(loop, 'zh');
  expect(zh.json.problems[0].message).toMatch(/更正链形成循环/);
  // nothing changed: y is current, x superseded by it
  expect((await t.store.getFiling('base-mutual', 'y'))!.current).toBe(true);
  expect((await t.store.getFiling('base-mutual', 'x'))!.current).toBe(false);
});
