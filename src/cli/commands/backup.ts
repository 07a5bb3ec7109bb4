// `compliance backup`: an online, consistent copy of the store, safe while the service runs.

import { Command } from 'commander';
import { backupDatabase } from '../../store/backup.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { usage } from '../output.js';
import { warn } from '../io.js';

/** `compliance backup --db FILE --to FILE [--force]`. */
export function backupCommand(): Command {
  return new Command('backup')
    .description("copy the database with SQLite's online backup (the service may keep running)")
    .requiredOption('--db <file|url>', 'the SQLite database (a postgres:// URL is refused: use pg_dump)')
    .requiredOption('--to <file>', 'the copy to write')
    .option('--force', 'overwrite the copy if it exists')
    .action(async (opts: { db: string; to: string; force?: boolean }) => {
      if (isPostgresUrl(opts.db))
        throw usage(
          'a PostgreSQL store is backed up online with its own tool, pg_dump: pg_dump --format=custom --file=compliance.dump "postgres://…" (see docs/operations.md)',
        );
      const { pages } = await backupDatabase(opts.db, opts.to, { force: opts.force ?? false });
      warn(`compliance: backed up ${opts.db} to ${opts.to} (${pages} pages)\n`);
    });
}
