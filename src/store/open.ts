// Choosing the store: a PostgreSQL URL opens the shared database, anything else a SQLite file.

import { existsSync } from 'node:fs';
import { ComplianceError } from '../errors.js';
import { isPostgresUrl, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Where the store is when `--db` is not given: `DATABASE_URL`, else the embedded default file. */
export function defaultDb(fallback = './data/compliance.db'): string {
  const env = process.env.DATABASE_URL;
  return env !== undefined && env.trim() !== '' ? env.trim() : fallback;
}

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** Refuse a SQLite file that does not exist yet (a typo in `--db` must not create an empty store). */
  mustExist?: boolean;
}

/**
 * Opens the store `db` names: `postgres://…` or `postgresql://…` → PostgreSQL (migrations applied),
 * else a SQLite file (created with its folder on first use unless `mustExist`).
 * @example const store = await openStore(process.env.DATABASE_URL ?? './data/compliance.db');
 */
export async function openStore(db: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    try {
      return await openPostgresStore(db);
    } catch (e) {
      const reason = e instanceof Error && 'code' in e && typeof e.code === 'string' ? ` (${e.code})` : '';
      throw new ComplianceError('usage_error', [{ code: 'usage_error', message: `cannot open the PostgreSQL database${reason}: is it running, and does the database exist?`, file: redact(db) }], { cause: e });
    }
  }
  if (opts.mustExist && !existsSync(db)) throw new ComplianceError('usage_error', [{ code: 'usage_error', message: 'no database here', file: db }]);
  return openSqliteStore(db);
}

/** A database URL without its password, for messages and logs. */
export function redact(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const u = new URL(db);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
