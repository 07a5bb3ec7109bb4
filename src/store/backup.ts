// Online backup of a SQLite store file: a consistent copy taken while the service keeps running.

import { existsSync } from 'node:fs';
import { ComplianceError } from '../errors.js';
import { openSqliteStore } from './sqlite.js';

/**
 * Copies the database at `from` to `to` with SQLite's online backup API, page by page, without
 * stopping writers: the copy is the database as of one moment. Refuses to overwrite unless `force`.
 * @example await backupDatabase('./data/compliance.db', '/backups/compliance-2024-06-01.db');
 */
export async function backupDatabase(
  from: string,
  to: string,
  opts: { force?: boolean } = {},
): Promise<{ pages: number }> {
  if (!existsSync(from))
    throw new ComplianceError('usage_error', [
      { code: 'usage_error', message: 'no database here', file: from },
    ]);
  if (existsSync(to) && !opts.force) {
    throw new ComplianceError('usage_error', [
      { code: 'usage_error', message: 'already exists (use --force to overwrite)', file: to },
    ]);
  }
  const store = openSqliteStore(from, { readonly: true });
  try {
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    await store.backup(to);
    return { pages };
  } finally {
    await store.close();
  }
}
