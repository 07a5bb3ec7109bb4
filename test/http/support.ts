// HTTP test support: a real server on 127.0.0.1 (port 0) over a real SQLite file, tokens for every role, a request helper.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type AppDeps, type ComplianceApp } from '../../src/http/app.js';
import { readRuleSources } from '../../src/rules/load.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { issueToken } from '../../src/store/tokens.js';
import type { Store } from '../../src/store/types.js';
import { FIXTURE_RULES_DIR, tempDir } from '../store/support.js';

/** The tokens every suite gets: one per role, and the ways a token can be refused. */
export interface Tokens {
  officer: string;
  /** An officer of another platform (`other-mutual`). */
  otherOfficer: string;
  supervisor: string;
  auditor: string;
  expired: string;
  revoked: string;
}

export interface TestServer {
  url: string;
  store: SqliteStore;
  app: ComplianceApp;
  tokens: Tokens;
  dbPath: string;
  /** Sends a request; `body` objects are sent as JSON unless `type` says otherwise. */
  request(method: string, path: string, opts?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Content-Type; default application/json when there is a body. */
  type?: string | null;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** The platform the officer token acts for (the fixture's base filing's). */
export const OWN_PLATFORM = 'base-mutual';
export const OTHER_PLATFORM = 'other-mutual';

/** Starts the app on a fresh SQLite file seeded with the fixture pack. */
export async function startServer(
  deps: Partial<AppDeps> & { wrapStore?: (s: Store) => Store } = {},
): Promise<TestServer> {
  const tmp = tempDir('compliance-http-');
  const dbPath = join(tmp.dir, 'data', 'compliance.db');
  const store = openSqliteStore(dbPath);
  await seedRuleSet(store, readRuleSources(FIXTURE_RULES_DIR), 'seeded from the test fixture');
  const issue = async (
    name: string,
    role: 'officer' | 'supervisor' | 'auditor',
    platforms: string[] = [],
    expiresAt: string | null = null,
  ) => (await issueToken(store, { name, role, platforms, expiresAt }, 'test')).secret;
  const tokens: Tokens = {
    officer: await issue('olive', 'officer', [OWN_PLATFORM]),
    otherOfficer: await issue('oscar', 'officer', [OTHER_PLATFORM]),
    supervisor: await issue('sam', 'supervisor'),
    auditor: await issue('ada', 'auditor'),
    expired: await issue('old', 'supervisor', [], '2001-01-01T00:00:00.000Z'),
    revoked: await issue('gone', 'supervisor'),
  };
  await store.revokeToken('gone', 'test');
  const { wrapStore, ...rest } = deps;
  const app = await createApp({ rateLimit: 0, ...rest, store: wrapStore ? wrapStore(store) : store });
  const server: Server = createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    app,
    tokens,
    dbPath,
    request: (method, path, opts = {}) => send(url, method, path, opts),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.queue.close();
      await store.close();
      tmp.remove();
    },
  };
}

/** One request with fetch; the response is read whole and parsed as JSON when it is JSON. */
export async function send(
  url: string,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json';
  }
  const res = await fetch(url + path, { method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: /^application\/(problem\+)?json/.test(type) && text !== '' ? JSON.parse(text) : undefined,
  };
}

/** The problem codes of a problem+json answer, and each problem's pointer. */
export function pointers(res: TestResponse): string[] {
  return (res.json?.problems ?? []).map((p: { pointer?: string }) => p.pointer);
}
