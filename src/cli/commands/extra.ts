// Commands of the service: serve, worker, token create|list|revoke, backup, orders list|show|open|close, watchlist.

import type { Command } from 'commander';
import { backupCommand } from './backup.js';
import { ordersCommand } from './orders.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { watchlistCommand } from './watchlist.js';
import { workerCommand } from './worker.js';

/** The service's commands, added to `compliance` by main.ts. */
export function extraCommands(): Command[] {
  return [serveCommand(), workerCommand(), tokenCommand(), backupCommand(), ordersCommand(), watchlistCommand()];
}
