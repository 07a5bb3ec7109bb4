// The service commands on PostgreSQL (DESIGN §7): token create/list/revoke take a postgres:// URL,
// backup names pg_dump instead of copying, and worker refuses anything but a PostgreSQL database.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHere } from '../support/cli.js';
import { createTestDatabase, postgresAvailable } from '../support/pg.js';

describe('commands that need PostgreSQL, given something else', () => {
  it('worker refuses a SQLite file or no --db, naming what it needs (exit 2)', async () => {
    const file = await runHere(['worker', '--db', './data/compliance.db']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/not a postgres:\/\/ URL/);
    expect(file.stderr).not.toMatch(/at \w+ \(|TypeError/);
    const none = await runHere(['worker', '--db', '']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs --db postgres/);
  });

  it('worker refuses a bad --concurrency', async () => {
    const r = await runHere(['worker', '--db', 'postgres://nobody@127.0.0.1:1/x', '--concurrency', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency/);
  });

  it('backup of a PostgreSQL store names pg_dump and copies nothing (exit 2)', async () => {
    const r = await runHere(['backup', '--db', 'postgres://someone:secret@127.0.0.1:5432/compliance', '--to', '/tmp/never-written.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pg_dump/);
    expect(r.stderr).not.toMatch(/secret/);
  });

  it('an unreachable PostgreSQL is a clear error without the password', async () => {
    const r = await runHere(['token', 'list', '--db', 'postgres://someone:secret@127.0.0.1:1/compliance']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot open the PostgreSQL database/);
    expect(r.stderr).not.toMatch(/secret/);
  });
});

const available = await postgresAvailable();

describe.runIf(available)('compliance token on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates, lists and revokes tokens in the shared database', async () => {
    const created = await runHere(['token', 'create', '--db', db.url, '--role', 'supervisor', '--name', 'sam']);
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^\S{20,}$/);
    const listed = await runHere(['token', 'list', '--db', db.url]);
    expect(listed.stdout).toMatch(/sam/);
    const revoked = await runHere(['token', 'revoke', '--db', db.url, 'sam']);
    expect(revoked.code).toBe(0);
    expect((await runHere(['token', 'list', '--db', db.url])).stdout).toMatch(/revoked/);
  });
});

describe('a database path that cannot be a file', () => {
  it('is refused in words, naming the path (exit 2)', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'compliance-db-'));
    try {
      writeFileSync(join(dir, 'afile'), 'x');
      const r = await runHere(['token', 'create', '--db', join(dir, 'afile', 'c.db'), '--role', 'supervisor', '--name', 'sam']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot create the database here: a part of its folder is a file/);
      expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR|mkdir/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
