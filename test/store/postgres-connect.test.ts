// Opening a PostgreSQL store that cannot be opened: the usage error names PostgreSQL's own reason (a role
// or database that does not exist, with its SQLSTATE) or the network's, and what to do; never a stack trace.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ComplianceError } from '../../src/errors.js';
import { openStore } from '../../src/store/open.js';
import { ADMIN_URL, postgresAvailable } from '../support/pg.js';

const available = await postgresAvailable();

/** The one problem of the error `openStore(url)` throws. */
async function refusal(url: string): Promise<{ code: string; message: string; file?: string }> {
  const e: unknown = await openStore(url).then(
    async (store) => {
      await store.close();
      throw new Error(`${url} opened`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ComplianceError);
  const problems = (e as ComplianceError).problems;
  expect(problems).toHaveLength(1);
  const p = problems[0]!;
  expect(p.message).not.toMatch(/\n\s+at /);
  return p;
}

/** `ADMIN_URL` with another user (no password) and database. */
function as(user: string, database: string): string {
  const u = new URL(ADMIN_URL);
  u.username = user;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
}

/** A local port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('opening a PostgreSQL store that cannot be opened', () => {
  it('says nothing accepts connections at the host and port, and asks whether PostgreSQL runs there', async () => {
    const port = await closedPort();
    const p = await refusal(`postgres://compliance@127.0.0.1:${port}/compliance`);
    expect(p.code).toBe('usage_error');
    expect(p.message).toBe(
      `cannot open the PostgreSQL database: nothing accepts connections at 127.0.0.1:${port} (ECONNREFUSED): is PostgreSQL running there?`,
    );
  });

  it.runIf(available)(
    'names a role that does not exist as PostgreSQL says it, and how to create it',
    async () => {
      const p = await refusal(as('no_such_role_for_compliance', 'compliance'));
      expect(p.code).toBe('usage_error');
      expect(p.message).toBe(
        'cannot open the PostgreSQL database: role "no_such_role_for_compliance" does not exist (28000); ' +
          'create it (createuser no_such_role_for_compliance) or name a role that exists',
      );
      expect(p.file).toMatch(/^postgres:\/\/no_such_role_for_compliance@/);
    },
  );

  it.runIf(available)(
    'names a database that does not exist as PostgreSQL says it, and how to create it',
    async () => {
      const user = new URL(ADMIN_URL).username;
      const p = await refusal(as(user, 'no_such_database_for_compliance'));
      expect(p.message).toBe(
        'cannot open the PostgreSQL database: database "no_such_database_for_compliance" does not exist (3D000); ' +
          'create it (createdb no_such_database_for_compliance) or name a database that exists',
      );
    },
  );
});
