// Limits a careless or hostile client meets: slow bodies cut off, failed authentications rate-limited per address, no-store on authenticated answers.

import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/http/server.js';
import { filingFor, FIXTURE_RULES_DIR, tempDir } from '../store/support.js';
import { send, startServer, type TestServer } from './support.js';

/** What a raw client saw: the answer's status line (if any) and when the server closed the connection. */
interface Raw {
  status: number | null;
  closedAfterMs: number;
}

/**
 * Opens a connection, sends `head` at once, then one byte of `drip` every `everyMs` ms, and waits for
 * the server to close the connection (or `giveUpMs`).
 */
function slowClient(url: string, head: string, drip: string, everyMs: number, giveUpMs = 8000): Promise<Raw> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const t0 = performance.now();
    let received = '';
    const socket: Socket = connect(Number(port), hostname, () => socket.write(head));
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && i < drip.length) socket.write(drip[i++]!);
    }, everyMs);
    const done = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({ status: m ? Number(m[1]) : null, closedAfterMs: performance.now() - t0 });
    };
    const giveUp = setTimeout(() => {
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', done);
  });
}

const request = (path: string, token: string | null, length: number, type = 'application/json') =>
  [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Content-Type: ${type}`,
    `Content-Length: ${length}`,
    ...(token ? [`Authorization: Bearer ${token}`] : []),
    '',
    '',
  ].join('\r\n');

describe('a body that does not arrive within --request-timeout', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ requestTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['with a token', true],
    ['without a token', false],
  ])('is cut off %s (408 or the connection closed)', async (_name, withToken) => {
    const body = JSON.stringify(filingFor('slow-1'));
    const raw = await slowClient(
      t.url,
      request('/v1/filings', withToken ? t.tokens.officer : null, body.length) + '{',
      body.slice(1),
      200,
    );
    expect(raw.closedAfterMs).toBeLessThan(3000);
    if (withToken) expect(raw.closedAfterMs).toBeGreaterThan(800);
    // with a token the body is being read: the answer is 408; without one the 401 went first
    expect(raw.status).toBe(withToken ? 408 : 401);
  });

  it('leaves bodies that arrive in time alone, and keeps answering others', async () => {
    const res = await t.request('POST', '/v1/check', { token: t.tokens.officer, body: filingFor('quick-1') });
    expect(res.status).toBe(200);
    expect((await send(t.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('lets an NDJSON scan stream for longer while its lines keep coming', async () => {
    const { hostname, port } = new URL(t.url);
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify(filingFor(`stream-${i}`, { n: i })) + '\n');
    const text = await new Promise<string>((resolve, reject) => {
      let out = '';
      const socket = connect(Number(port), hostname, async () => {
        socket.write(
          [
            'POST /v1/scans HTTP/1.1',
            'Host: 127.0.0.1',
            'Content-Type: application/x-ndjson',
            'Transfer-Encoding: chunked',
            `Authorization: Bearer ${t.tokens.auditor}`,
            'Connection: close',
            '',
            '',
          ].join('\r\n'),
        );
        // 6 lines, 400 ms apart: 2.4 s in all, more than the 1 s timeout, never idle for 1 s
        for (const line of lines) {
          const bytes = Buffer.byteLength(line);
          socket.write(`${bytes.toString(16)}\r\n${line}\r\n`);
          await new Promise((r) => setTimeout(r, 400));
        }
        socket.write('0\r\n\r\n');
      });
      socket.on('data', (d) => (out += d.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => resolve(out));
    });
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toContain('"type":"summary"');
    expect(text.match(/"filingId":"stream-\d"/g)).toHaveLength(6);
  });

  it('cuts off an NDJSON scan whose lines stop coming', async () => {
    const line = JSON.stringify(filingFor('stall-1')) + '\n';
    const raw = await slowClient(
      t.url,
      request('/v1/scans', t.tokens.auditor, 10 * line.length, 'application/x-ndjson') + line,
      '',
      200,
    );
    expect(raw.closedAfterMs).toBeLessThan(3000);
  });
});

describe('headers that do not arrive within --request-timeout', () => {
  let svc: Service;
  let tmp: { dir: string; remove: () => void };
  beforeAll(async () => {
    tmp = tempDir('compliance-timeout-');
    svc = await startService({
      host: '127.0.0.1',
      port: 0,
      db: join(tmp.dir, 'compliance.db'),
      rateLimit: 0,
      seedRules: FIXTURE_RULES_DIR,
      requestTimeout: 1,
    });
  });
  afterAll(async () => {
    await svc.close();
    tmp.remove();
  });

  it('closes a connection whose headers trickle in', async () => {
    const raw = await slowClient(svc.url, 'GET /v1/platforms HTTP/1.1\r\n', 'X-Slow: ' + 'a'.repeat(100), 200);
    expect(raw.closedAfterMs).toBeLessThan(3500);
    expect(raw.status === null || raw.status === 408).toBe(true);
  });

  it('cuts off a slow body on the running service too', async () => {
    const raw = await slowClient(svc.url, request('/v1/check', null, 100) + '{', '"a": 1'.repeat(20), 200);
    expect(raw.closedAfterMs).toBeLessThan(3500);
  });
});

describe('failed authentications', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ authFailureLimit: 5 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('are limited per client address: 429 with Retry-After, also for a good token from there', async () => {
    expect((await t.request('GET', '/v1/me', { token: t.tokens.auditor })).status).not.toBe(429);
    for (let i = 0; i < 5; i++) {
      const res = await t.request('GET', '/v1/platforms', { token: `cmp_guess${i}` });
      expect([res.status, res.json.code]).toEqual([401, 'token_invalid']);
    }
    const limited = await t.request('GET', '/v1/platforms', { token: 'cmp_guess5' });
    expect([limited.status, limited.json.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // a guesser cannot tell a right token from a wrong one while limited
    const good = await t.request('GET', '/v1/platforms', { token: t.tokens.auditor });
    expect(good.status).toBe(429);
    // public routes stay open
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });
});

describe('Cache-Control', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['/v1/platforms', '/v1/rules', '/v1/parameters', '/v1/rules/versions', '/v1/audit'])(
    'is no-store on the authenticated read %s',
    async (path) => {
      const res = await t.request('GET', path, { token: t.tokens.supervisor });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
    },
  );

  it('is no-store on a refused token too', async () => {
    const res = await t.request('GET', '/v1/platforms', { token: 'cmp_nope' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
