// `compliance watchlist --db …`: the watchlist of the store (DESIGN §5.1, §7), as the API answers it, for the terminal.

import { Command, Option } from 'commander';
import { watchlist } from '../../app/watchlist.js';
import { Judge } from '../../engine/index.js';
import { REGISTRIES } from '../../engine/registries.js';
import { isCalendarDate } from '../../filing/dates.js';
import { formatWatchlist } from '../../report/watchlist.js';
import { parseRuleSet } from '../../rules/parse.js';
import type { Lang } from '../../rules/types.js';
import { openStore } from '../../store/open.js';
import { usage, write } from '../output.js';

interface Options {
  db: string;
  asOf?: string;
  format: 'table' | 'json';
  lang: Lang;
}

/** The `watchlist` command. */
export function watchlistCommand(): Command {
  return new Command('watchlist')
    .description('the watchlist: platforms whose latest current filing shows the early-warning signs (HIST-002..004, MEM-002)')
    .addOption(new Option('--db <file|url>', 'the SQLite database or a postgres:// URL').makeOptionMandatory())
    .addOption(new Option('--as-of <date>', "judge it as of this day: each platform's latest current filing ending on or before it"))
    .addOption(new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table'))
    .addOption(new Option('--lang <lang>', 'the table’s language').choices(['en', 'zh']).default('en'))
    .action(async (opts: Options) => {
      if (opts.asOf !== undefined && !isCalendarDate(opts.asOf)) {
        throw usage(`--as-of ${opts.asOf} is not a calendar date YYYY-MM-DD`);
      }
      const store = await openStore(opts.db, { mustExist: true });
      try {
        const record = await store.currentRuleSet();
        if (!record) throw usage(`${opts.db} holds no rule set: start the service on it once (compliance serve) to seed it`);
        const judge = new Judge(parseRuleSet(record.sources, REGISTRIES));
        const entries = await watchlist({ store, judge }, { asOf: opts.asOf ?? null });
        await write(opts.format === 'json' ? JSON.stringify(entries, null, 2) + '\n' : formatWatchlist(entries, opts.lang));
      } finally {
        await store.close();
      }
    });
}
