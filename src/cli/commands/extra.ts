// Commands of the service issue (serve, token, backup), registered here when they exist.

import type { Command } from 'commander';

export function extraCommands(): Command[] {
  return [];
}
