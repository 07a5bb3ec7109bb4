// PostgreSQL for tests: each test file gets a database of its own, created and dropped by it. The
// suites run when a server is reachable (COMPLIANCE_TEST_PG, default postgres://root@127.0.0.1:5432/test),
// say plainly when they are skipped, and fail instead when COMPLIANCE_REQUIRE_PG=1 (CI).

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.COMPLIANCE_TEST_PG ?? 'postgres://root@127.0.0.1:5432/test';
const REQUIRED = process.env.COMPLIANCE_REQUIRE_PG === '1';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the PostgreSQL suites run here; logs why not, and throws when they are required. */
export async function postgresAvailable(): Promise<boolean> {
  if (await reachable()) return true;
  if (REQUIRED) throw new Error(`COMPLIANCE_REQUIRE_PG=1 but no PostgreSQL answers at ${ADMIN_URL}`);
  console.warn(`PostgreSQL suites skipped: no server answers at ${ADMIN_URL} (set COMPLIANCE_TEST_PG, or COMPLIANCE_REQUIRE_PG=1 to fail instead)`);
  return false;
}

/** The URL of `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a fresh database; `drop` ends its connections and drops it. */
export async function createTestDatabase(prefix = 'compliance_test'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(ADMIN_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
