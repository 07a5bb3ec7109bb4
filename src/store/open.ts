// Choosing the store: a PostgreSQL URL opens the shared database, anything else a SQLite file.

import { existsSync } from 'node:fs';
import pg from 'pg';
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
      throw new ComplianceError('usage_error', [{ code: 'usage_error', message: `cannot open the PostgreSQL database: ${whyNotOpen(e, db)}`, file: redact(db) }], { cause: e });
    }
  }
  if (opts.mustExist && !existsSync(db)) throw new ComplianceError('usage_error', [{ code: 'usage_error', message: 'no database here', file: db }]);
  return openSqliteStore(db);
}

/** A network error's fields (Node's), on the first error when several addresses were tried (AggregateError). */
type NetError = Error & { code?: unknown; address?: unknown; port?: unknown; hostname?: unknown };
function firstError(e: unknown): NetError {
  if (e instanceof AggregateError && e.errors[0] instanceof Error) return e.errors[0];
  return e instanceof Error ? e : new Error(String(e));
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);

/**
 * Why PostgreSQL could not be opened, in the server's own words when it answered (`role "compliance" does
 * not exist (28000)`, with its SQLSTATE) or in ours for the network (nothing listening, no such host), and
 * what to do about it; never a stack trace.
 * @example whyNotOpen(e, 'postgres://compliance@127.0.0.1/compliance')
 * // → 'role "compliance" does not exist (28000); create it (createuser compliance) or name a role that exists'
 */
export function whyNotOpen(e: unknown, db: string): string {
  const err = firstError(e);
  const url = URL.canParse(db) ? new URL(db) : null;
  const user = url?.username ? decodeURIComponent(url.username) : 'NAME';
  const database = url && url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : user;
  if (err instanceof pg.DatabaseError) {
    const said = `${err.message} (${err.code ?? 'no SQLSTATE'})`;
    if (err.code === '3D000')
      return `${said}; create it (createdb ${database}) or name a database that exists`;
    if (err.code === '28000') return `${said}; create it (createuser ${user}) or name a role that exists`;
    if (err.code === '28P01') return `${said}; check the user and password in the URL`;
    return said;
  }
  const code = text(err.code, '');
  const host = text(err.address, url?.hostname ?? 'the host');
  const where = `${host}:${typeof err.port === 'number' ? err.port : text(url?.port, '5432')}`;
  if (code === 'ECONNREFUSED')
    return `nothing accepts connections at ${where} (ECONNREFUSED): is PostgreSQL running there?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `no host named ${text(err.hostname, url?.hostname ?? '?')} (${code})`;
  if (code === 'ETIMEDOUT')
    return `no answer from ${where} (ETIMEDOUT): is PostgreSQL running there, and reachable?`;
  return `${code ? `(${code}) ` : ''}is it running, and does the database exist?`;
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
