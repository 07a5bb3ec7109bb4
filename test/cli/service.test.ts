// `compliance token create|list|revoke` and `compliance backup`, run in-process on captured streams.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHere } from '../support/cli.js';
import { tempDir } from '../store/support.js';

async function here(args: string[]) {
  const r = await runHere(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('compliance-cli-');
});
afterAll(() => tmp.remove());

describe('compliance token', () => {
  it('create prints only the token on stdout; list shows it without its secret; revoke revokes it', async () => {
    const db = join(tmp.dir, 'tokens', 'c.db');
    const created = await here([
      'token',
      'create',
      '--db',
      db,
      '--role',
      'officer',
      '--name',
      'olive',
      '--platform',
      'base-mutual',
      '--expires',
      '2999-01-01',
    ]);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^cmp_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(
      /created tok_[0-9a-f]{12}: olive \(officer for base-mutual\), expires 2999-01-01T00:00:00.000Z/,
    );
    const list = await here(['token', 'list', '--db', db, '--format', 'json']);
    expect(list.status).toBe(0);
    const tokens = JSON.parse(list.stdout);
    expect(tokens).toEqual([
      expect.objectContaining({
        name: 'olive',
        role: 'officer',
        platforms: ['base-mutual'],
        status: 'active',
      }),
    ]);
    expect(list.stdout).not.toContain(created.stdout.trim());
    expect((await here(['token', 'list', '--db', db])).stdout).toMatch(/^ID\s+NAME\s+ROLE/);
    const revoked = await here(['token', 'revoke', tokens[0].id, '--db', db]);
    expect(revoked.status).toBe(0);
    expect(revoked.stderr).toContain(`revoked ${tokens[0].id}`);
    expect((await here(['token', 'revoke', tokens[0].id, '--db', db])).status).toBe(2);
  });

  it.each([
    [['--role', 'officer', '--name', 'x'], 'needs at least one --platform'],
    [['--role', 'auditor', '--name', 'x', '--platform', 'p'], '--platform is for officer tokens'],
    [['--role', 'boss', '--name', 'x'], 'boss'],
    [['--role', 'auditor', '--name', 'x', '--expires', 'tomorrow'], 'neither YYYY-MM-DD'],
    [['--role', 'auditor', '--name', 'x', '--expires', '2001-01-01'], 'in the past'],
    [['--role', 'officer', '--name', 'x', '--platform', 'Bad Id'], 'not a platform id'],
  ])('create %j is a usage error (exit 2)', async (args, message) => {
    const r = await here(['token', 'create', '--db', join(tmp.dir, 'usage.db'), ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('list and revoke refuse a database that does not exist', async () => {
    expect((await here(['token', 'list', '--db', join(tmp.dir, 'nope.db')])).status).toBe(2);
    expect(existsSync(join(tmp.dir, 'nope.db'))).toBe(false);
  });
});

describe('compliance backup', () => {
  it('refuses a missing database with exit 2', async () => {
    const r = await here(['backup', '--db', join(tmp.dir, 'missing.db'), '--to', join(tmp.dir, 'x.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no database here');
  });
});
