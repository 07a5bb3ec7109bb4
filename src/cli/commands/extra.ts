// Commands of the service: serve, token create|list|revoke, backup.

import type { Command } from 'commander';
import { backupCommand } from './backup.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';

export function extraCommands(): Command[] {
  return [serveCommand(), tokenCommand(), backupCommand()];
}
