// `compliance token create|list|revoke`: bearer tokens in the store; a new token's secret goes alone to stdout.

import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { columns } from '../../report/table.js';
import { openStore } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { issueToken, parseExpiry, tokenRefusal } from '../../store/tokens.js';
import { ROLES, type Role, type TokenRecord } from '../../store/types.js';
import { CliExit, usage, write } from '../output.js';
import { warn } from '../io.js';

const PLATFORM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function status(t: TokenRecord, now: Date): string {
  return tokenRefusal(t, now)?.replace('token_', '') ?? 'active';
}

/** Opens an existing database for list and revoke (a typo in --db must not create an empty one). */
function existing(db: string) {
  if (!isPostgresUrl(db) && !existsSync(db)) throw usage(`no database at ${db}`);
  return openStore(db);
}

function createCommand(): Command {
  return new Command('create')
    .description('create a token and print it (alone) on stdout; it is stored only as a hash')
    .requiredOption('--db <file|url>', 'the SQLite database (created if missing) or a postgres:// URL')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--name <name>', 'who holds it (recorded in the audit log)')
    .option('--platform <id>', "an officer's platform (repeatable)", collect)
    .option('--expires <date>', 'YYYY-MM-DD (expires at 00:00 UTC that day) or an RFC 3339 time')
    .action(async (opts: { db: string; role: Role; name: string; platform?: string[]; expires?: string }) => {
      const platforms = opts.platform ?? [];
      const name = opts.name.trim();
      if (name === '' || name.length > 100) throw usage('--name must be 1 to 100 characters');
      const bad = platforms.find((p) => !PLATFORM.test(p));
      if (bad !== undefined)
        throw usage(`--platform ${bad} is not a platform id (lower-case words joined by -)`);
      if (opts.role === 'officer' && platforms.length === 0)
        throw usage('an officer token needs at least one --platform');
      if (opts.role !== 'officer' && platforms.length > 0)
        throw usage(`--platform is for officer tokens; a ${opts.role} sees every platform`);
      let expiresAt: string | null = null;
      if (opts.expires !== undefined) {
        expiresAt = parseExpiry(opts.expires);
        if (expiresAt === null)
          throw usage(`--expires ${opts.expires} is neither YYYY-MM-DD nor an RFC 3339 time`);
        if (Date.parse(expiresAt) <= Date.now()) throw usage(`--expires ${opts.expires} is in the past`);
      }
      const store = await openStore(opts.db);
      try {
        const { secret, record } = await issueToken(
          store,
          { name, role: opts.role, platforms: [...new Set(platforms)], expiresAt },
          'cli',
        );
        const scope = record.platforms.length > 0 ? ` for ${record.platforms.join(', ')}` : '';
        warn(
          `compliance: created ${record.id}: ${record.name} (${record.role}${scope})${expiresAt ? `, expires ${expiresAt}` : ''}\n`,
        );
        await write(secret + '\n');
      } finally {
        await store.close();
      }
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('list tokens (never their secrets)')
    .requiredOption('--db <file|url>', 'the SQLite database or a postgres:// URL')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { db: string; format: 'table' | 'json' }) => {
      const store = await existing(opts.db);
      try {
        const now = new Date();
        const tokens = await store.listTokens();
        if (opts.format === 'json') {
          await write(
            JSON.stringify(
              tokens.map((t) => ({ ...t, status: status(t, now) })),
              null,
              2,
            ) + '\n',
          );
          return;
        }
        const rows = tokens.map((t) => [
          t.id,
          t.name,
          t.role,
          t.platforms.join(',') || '-',
          t.createdAt,
          t.expiresAt ?? '-',
          status(t, now),
        ]);
        await write(
          columns(['ID', 'NAME', 'ROLE', 'PLATFORMS', 'CREATED', 'EXPIRES', 'STATUS'], rows) + '\n',
        );
      } finally {
        await store.close();
      }
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description(
      'revoke a token by id, or every active token with a name; a running service refuses it at once',
    )
    .argument('<id-or-name>', 'a token id (tok_…) or a name')
    .requiredOption('--db <file|url>', 'the SQLite database or a postgres:// URL')
    .action(async (idOrName: string, opts: { db: string }) => {
      const store = await existing(opts.db);
      try {
        const revoked = await store.revokeToken(idOrName, 'cli');
        if (revoked.length === 0)
          throw new CliExit(2, [`compliance: no active token with id or name ${idOrName}`]);
        for (const t of revoked) warn(`compliance: revoked ${t.id}: ${t.name} (${t.role})\n`);
      } finally {
        await store.close();
      }
    });
}

/** `compliance token create|list|revoke`. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('manage bearer tokens')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}
